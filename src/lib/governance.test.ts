import { describe, expect, it } from 'vitest';
import {
  clockModeOf,
  executeRefusal,
  nextStep,
  parseDelegatee,
  proposalStateName,
  proposeRefusal,
  PROPOSAL_STATES,
  tallyView,
  timeUntil,
  voteRefusal,
} from './governance';

describe('proposal states', () => {
  it('names every IGovernor.ProposalState in enum order', () => {
    expect(PROPOSAL_STATES).toEqual(['Pending', 'Active', 'Canceled', 'Defeated', 'Succeeded', 'Queued', 'Expired', 'Executed']);
    expect(proposalStateName(5)).toBe('Queued');
    expect(() => proposalStateName(8)).toThrow('Unknown proposal state 8');
  });
});

describe('tallyView', () => {
  it('counts for + abstain toward the quorum and needs for > against', () => {
    const t = tallyView({ for: 30n, against: 10n, abstain: 10n }, 40n);
    expect(t).toMatchObject({ total: 50n, counted: 40n, quorumReached: true, majority: true });
    expect(t.shares).toEqual({ for: 0.6, against: 0.2, abstain: 0.2, quorumMark: 0.8 });
  });
  it('scales the bars to the quorum while fewer votes than the quorum are in', () => {
    const t = tallyView({ for: 10n, against: 0n, abstain: 0n }, 40n);
    expect(t.quorumReached).toBe(false);
    expect(t.shares).toEqual({ for: 0.25, against: 0, abstain: 0, quorumMark: 1 });
  });
  it('a tie fails; abstentions alone reach the quorum but do not pass it', () => {
    expect(tallyView({ for: 5n, against: 5n, abstain: 0n }, 1n).majority).toBe(false);
    expect(tallyView({ for: 0n, against: 0n, abstain: 9n }, 9n)).toMatchObject({ quorumReached: true, majority: false });
  });
  it('no votes and no quorum: empty bars, not NaN', () => {
    expect(tallyView({ for: 0n, against: 0n, abstain: 0n }, 0n).shares).toEqual({ for: 0, against: 0, abstain: 0, quorumMark: 0 });
  });
});

describe('clock and time left', () => {
  it('reads ERC-6372 CLOCK_MODE', () => {
    expect(clockModeOf('mode=timestamp')).toBe('timestamp');
    expect(clockModeOf('mode=blocknumber&from=default')).toBe('blocknumber');
  });
  it('says time left on a timestamp clock, blocks (and about how long) on a block clock', () => {
    expect(timeUntil(1000n + 90_000n, { mode: 'timestamp', now: 1000n })).toBe('1d 1h');
    expect(timeUntil(1000n, { mode: 'timestamp', now: 1000n })).toBeUndefined();
    expect(timeUntil(112n, { mode: 'blocknumber', now: 100n })).toBe('12 blocks');
    expect(timeUntil(112n, { mode: 'blocknumber', now: 100n, secondsPerBlock: 12 })).toBe('12 blocks (about 2m 24s)');
    expect(timeUntil(101n, { mode: 'blocknumber', now: 100n })).toBe('1 block');
  });
  it('says what comes next for each state', () => {
    const clock = { mode: 'timestamp' as const, now: 1_000n };
    const p = { snapshot: 1_060n, deadline: 1_060n + 86_400n, eta: 0n };
    expect(nextStep({ ...p, state: 'Pending' }, clock, 1000)).toBe('Voting starts in 1m 1s');
    expect(nextStep({ ...p, state: 'Active' }, clock, 1000)).toBe('Voting ends in 1d 0h');
    expect(nextStep({ ...p, state: 'Succeeded' }, clock, 1000)).toBe('Ready to queue');
    expect(nextStep({ ...p, state: 'Queued', eta: 4_600n }, clock, 1000)).toBe('Can be executed in 1h 0m');
    expect(nextStep({ ...p, state: 'Queued', eta: 1_000n }, clock, 1000)).toBe('Ready to execute');
    expect(nextStep({ ...p, state: 'Executed' }, clock, 1000)).toBeUndefined();
  });
});

describe('refusals in words, before the wallet opens', () => {
  it('a second vote, a vote outside the voting period, a vote without power', () => {
    expect(voteRefusal('Active', true, 10n)).toBe('You have already voted on this proposal. A vote cannot be changed or cast twice.');
    expect(voteRefusal('Pending', false, 10n)).toBe('Voting has not started yet.');
    expect(voteRefusal('Succeeded', false, 10n)).toBe('Voting on this proposal has ended.');
    expect(voteRefusal('Active', false, 0n)).toMatch(/no voting power/);
    expect(voteRefusal('Active', false, 10n)).toBeUndefined();
  });
  it('execute before the ETA, before queueing, twice', () => {
    expect(executeRefusal('Queued', 4_600n, 1_000)).toBe('The timelock delay is not over: it can be executed in 1h 0m.');
    expect(executeRefusal('Queued', 1_000n, 1_000)).toBeUndefined();
    expect(executeRefusal('Succeeded', 0n, 1_000)).toMatch(/Queue the proposal first/);
    expect(executeRefusal('Executed', 0n, 1_000)).toMatch(/already been executed/);
  });
  it('proposing under the threshold', () => {
    const f = (v: bigint) => `${v} HASH`;
    expect(proposeRefusal(999n, 1000n, f)).toBe('Making a proposal takes 1000 HASH of voting power; you have 999 HASH. Delegate more HASH to yourself first.');
    expect(proposeRefusal(1000n, 1000n, f)).toBeUndefined();
  });
  it('delegate: empty, not an address, bad checksum, zero address', () => {
    expect(parseDelegatee('')).toEqual({ ok: false, error: 'Enter the address to delegate your votes to.' });
    expect(parseDelegatee('bob.eth')).toMatchObject({ ok: false, error: expect.stringMatching(/^That is not an address/) });
    expect(parseDelegatee('0x70997970C51812dc3A010C7d01b50e0d17dc79C9')).toMatchObject({ ok: false, error: expect.stringMatching(/checksum/) });
    expect(parseDelegatee('0x0000000000000000000000000000000000000000')).toMatchObject({ ok: false, error: expect.stringMatching(/zero address/) });
    expect(parseDelegatee(' 0x70997970c51812dc3a010c7d01b50e0d17dc79c8 ')).toEqual({ ok: true, value: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' });
  });
});

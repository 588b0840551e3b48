// Governance, pure: an OpenZeppelin 5 Governor's proposal states in words, the vote tally against the
// quorum (GovernorCountingSimple: for + abstain count toward the quorum; a proposal passes when for > against),
// and how long until a proposal's next moment (vote start, vote end, the timelock's ETA) under the
// governor's clock (ERC-6372: timestamps or block numbers).
import { getAddress, isAddress, zeroAddress } from 'viem';
import { formatDuration, plural } from './format';

/** IGovernor.ProposalState, in enum order. */
export const PROPOSAL_STATES = ['Pending', 'Active', 'Canceled', 'Defeated', 'Succeeded', 'Queued', 'Expired', 'Executed'] as const;
export type ProposalStateName = (typeof PROPOSAL_STATES)[number];

export function proposalStateName(index: number): ProposalStateName {
  const name = PROPOSAL_STATES[index];
  if (name === undefined) throw new Error(`Unknown proposal state ${index}`);
  return name;
}

/** What each state means for a member, in a few words. */
export const STATE_TEXT: Record<ProposalStateName, string> = {
  Pending: 'Voting has not started yet.',
  Active: 'Voting is open.',
  Canceled: 'Cancelled by its proposer: it will not run.',
  Defeated: 'Rejected, or the quorum was not reached: it will not run.',
  Succeeded: 'Passed. Queue it to start the timelock delay.',
  Queued: 'Passed and queued: it can run once the timelock delay is over.',
  Expired: 'Passed but not executed in time: it will not run.',
  Executed: 'Done: the change is in effect.',
};

export const STATE_TONE: Record<ProposalStateName, 'slate' | 'green' | 'amber' | 'rose' | 'sky'> = {
  Pending: 'slate',
  Active: 'sky',
  Canceled: 'slate',
  Defeated: 'rose',
  Succeeded: 'green',
  Queued: 'amber',
  Expired: 'slate',
  Executed: 'green',
};

/** GovernorCountingSimple's VoteType: the `support` argument of castVote. */
export const SUPPORT = { against: 0, for: 1, abstain: 2 } as const;
export type Support = keyof typeof SUPPORT;

export interface Tally {
  against: bigint;
  for: bigint;
  abstain: bigint;
}

export interface TallyView {
  total: bigint;
  /** for + abstain: what counts toward the quorum. */
  counted: bigint;
  quorum: bigint;
  quorumReached: boolean;
  /** for > against (ties fail). */
  majority: boolean;
  /** Each bar's width and the quorum mark, as fractions of max(total, quorum), so the mark always fits. */
  shares: { for: number; against: number; abstain: number; quorumMark: number };
}

/** Ratio of two bigints as a number in [0, 1]. */
function ratio(part: bigint, whole: bigint): number {
  if (whole <= 0n) return 0;
  return Number((part * 1_000_000n) / whole) / 1_000_000;
}

export function tallyView(t: Tally, quorum: bigint): TallyView {
  const total = t.for + t.against + t.abstain;
  const counted = t.for + t.abstain;
  const scale = total > quorum ? total : quorum;
  return {
    total,
    counted,
    quorum,
    quorumReached: counted >= quorum,
    majority: t.for > t.against,
    shares: { for: ratio(t.for, scale), against: ratio(t.against, scale), abstain: ratio(t.abstain, scale), quorumMark: ratio(quorum, scale) },
  };
}

export type ClockMode = 'timestamp' | 'blocknumber';

/** ERC-6372 CLOCK_MODE(): "mode=timestamp" or "mode=blocknumber&from=default". */
export function clockModeOf(text: string): ClockMode {
  return /mode=timestamp/.test(text) ? 'timestamp' : 'blocknumber';
}

export interface Clock {
  mode: ClockMode;
  /** The governor's clock() now: a timestamp or a block number. */
  now: bigint;
  /** For block clocks: seconds per block, to say roughly when (none on a chain that mines on demand). */
  secondsPerBlock?: number;
}

/** "3d 4h" / "12 blocks (about 2m 24s)" until `timepoint`, or undefined once it has passed. */
export function timeUntil(timepoint: bigint, clock: Clock): string | undefined {
  const left = timepoint - clock.now;
  if (left <= 0n) return undefined;
  if (clock.mode === 'timestamp') return formatDuration(Number(left));
  const blocks = plural(left, 'block');
  return clock.secondsPerBlock ? `${blocks} (about ${formatDuration(Number(left) * clock.secondsPerBlock)})` : blocks;
}

export interface ProposalTimes {
  state: ProposalStateName;
  /** proposalSnapshot: voting starts after it. */
  snapshot: bigint;
  /** proposalDeadline: voting ends at it. */
  deadline: bigint;
  /** proposalEta: a timestamp (always seconds, whatever the clock), 0 until queued. */
  eta: bigint;
}

/**
 * The line under a proposal's state that says what happens next and when: "Voting starts in 5m",
 * "Voting ends in 23h 59m", "Can be executed in 59m", "Ready to execute". Undefined when nothing is next.
 */
export function nextStep(p: ProposalTimes, clock: Clock, nowSeconds: number): string | undefined {
  switch (p.state) {
    case 'Pending': {
      const left = timeUntil(p.snapshot + 1n, clock);
      return left ? `Voting starts in ${left}` : 'Voting starts with the next block';
    }
    case 'Active': {
      const left = timeUntil(p.deadline + 1n, clock);
      return left ? `Voting ends in ${left}` : 'Voting ends with the next block';
    }
    case 'Succeeded':
      return 'Ready to queue';
    case 'Queued': {
      const left = Number(p.eta) - nowSeconds;
      return left > 0 ? `Can be executed in ${formatDuration(left)}` : 'Ready to execute';
    }
    default:
      return undefined;
  }
}

/** When voting ends, as a timestamp: exact on a timestamp clock, estimated on a block clock (when it can be). */
export function deadlineSeconds(deadline: bigint, clock: Clock, nowSeconds: number): number | undefined {
  if (clock.mode === 'timestamp') return Number(deadline);
  if (!clock.secondsPerBlock) return undefined;
  return nowSeconds + Number(deadline - clock.now) * clock.secondsPerBlock;
}

/** Why a vote cannot be cast, in words, or undefined when it can (checked before the wallet opens). */
export function voteRefusal(state: ProposalStateName, hasVoted: boolean, votingPower: bigint | undefined): string | undefined {
  if (hasVoted) return 'You have already voted on this proposal. A vote cannot be changed or cast twice.';
  if (state === 'Pending') return 'Voting has not started yet.';
  if (state !== 'Active') return 'Voting on this proposal has ended.';
  if (votingPower === 0n) return 'You had no voting power when this proposal was made: delegate your HASH before the next one.';
  return undefined;
}

/** Why a proposal cannot be executed yet, in words, or undefined when it can. */
export function executeRefusal(state: ProposalStateName, eta: bigint, nowSeconds: number): string | undefined {
  if (state === 'Executed') return 'This proposal has already been executed.';
  if (state !== 'Queued') return state === 'Succeeded' ? 'Queue the proposal first: the timelock delay starts then.' : 'Only a queued proposal can be executed.';
  const left = Number(eta) - nowSeconds;
  if (left > 0) return `The timelock delay is not over: it can be executed in ${formatDuration(left)}.`;
  return undefined;
}

/** Why this account cannot propose, in words, or undefined when it can. */
export function proposeRefusal(votes: bigint, threshold: bigint, format: (v: bigint) => string): string | undefined {
  if (votes >= threshold) return undefined;
  return `Making a proposal takes ${format(threshold)} of voting power; you have ${format(votes)}. Delegate more HASH to yourself first.`;
}

/** An address typed by a person: well formed, checksum right where mixed case, not the zero address. */
export function parseAddressField(input: string, words: { empty: string; zero: string }): { ok: true; value: `0x${string}` } | { ok: false; error: string } {
  const text = input.trim();
  if (text === '') return { ok: false, error: words.empty };
  if (!/^0x[0-9a-fA-F]{40}$/.test(text)) return { ok: false, error: 'That is not an address: an address is 0x followed by 40 hexadecimal characters.' };
  const body = text.slice(2);
  const hasChecksum = body !== body.toLowerCase() && body !== body.toUpperCase();
  if (hasChecksum && !isAddress(text, { strict: true })) return { ok: false, error: 'The checksum of this address is wrong: check for a typo, or paste it again.' };
  const address = getAddress(text);
  if (address === zeroAddress) return { ok: false, error: words.zero };
  return { ok: true, value: address };
}

/** The address typed in "Delegate to". */
export function parseDelegatee(input: string) {
  return parseAddressField(input, { empty: 'Enter the address to delegate your votes to.', zero: 'Votes delegated to the zero address are lost: choose a real address.' });
}

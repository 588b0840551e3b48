import { describe, expect, it } from 'vitest';
import { describeError } from '../errors';
import { SENTENCE_MAPS, SENTENCES, duplicateNames } from '.';

describe('error sentences', () => {
  it('define every error name in one map only', () => {
    expect(Object.fromEntries(duplicateNames(SENTENCE_MAPS))).toEqual({});
  });

  it('duplicateNames finds a name two maps define', () => {
    const found = duplicateNames({ a: { ZeroAmount: () => 'x', Other: () => 'y' }, b: { ZeroAmount: () => 'z' } });
    expect(Object.fromEntries(found)).toEqual({ ZeroAmount: ['a', 'b'] });
  });

  it('merge every map', () => {
    const total = Object.values(SENTENCE_MAPS).reduce((s, m) => s + Object.keys(m).length, 0);
    expect(Object.keys(SENTENCES)).toHaveLength(total);
    expect(SENTENCES.ZeroAmount?.([])).toBe('The amount must be more than zero.');
    expect(SENTENCES.NothingToClaim?.([])).toBe('There is nothing to claim right now.');
  });

  it('keep describeError unchanged for a plain error', () => {
    expect(describeError(new Error('boom')).kind).toBe('unknown');
  });
});

describe('governance sentences', () => {
  it('say what the guardian paused, and what still works', () => {
    expect(SENTENCES.ActionPaused?.([0])).toBe('The guardian has paused new borrowing for now (the emergency brake). Repaying, withdrawing, claiming and cancelling still work; only a DAO vote resumes it.');
  });
  it('say the proposal state and the states it needed', () => {
    // Queued (5) expected, Succeeded (4) now: bitmap 1 << 5.
    expect(SENTENCES.GovernorUnexpectedProposalState?.([1n, 4, `0x${(1n << 5n).toString(16).padStart(64, '0')}`])).toBe('The proposal is Succeeded; this needs it Queued.');
    expect(SENTENCES.GovernorUnexpectedProposalState?.([1n, 1, (1n << 4n) | (1n << 5n)])).toBe('The proposal is Active; this needs it Succeeded or Queued.');
    expect(SENTENCES.GovernorAlreadyCastVote?.(['0x0'])).toMatch(/already voted/);
  });
});

describe('loan engine sentences (issue 13)', () => {
  it('say the projection rule and the auction limits with their figures', () => {
    expect(SENTENCES.DueHealthTooLow?.([864n * 10n ** 15n, 105n * 10n ** 16n])).toMatch(/would be 0\.86, below the 1\.05 the pool requires/);
    expect(SENTENCES.BidTooLow?.([111_000_000n, 112_210_000n])).toBe('The bid of 111 USDT is below the minimum of 112.21 USDT.');
    expect(SENTENCES.AuctionOver?.([1_800_000_000n])).toMatch(/^The auction ended at .*: no more bids or redemption\.$/);
  });
});

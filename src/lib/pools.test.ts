// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { parseUnits } from 'viem';
import { acceptedPart, amountToSend, checkContribution, incomeAtTarget, poolStatus, poolsWithDeadline, progress, proRata, shareAtTarget, shareOf, type PoolStatus } from './pools';

const u = (s: string) => parseUnits(s, 6);
// Seeded pool 0: target 1,100, hard cap 1,650, min 10, max 500 per member, 700 raised.
const pool = { raised: u('700'), hardCap: u('1650'), minContribution: u('10'), maxContribution: u('500') };
const base = { ...pool, already: 0n, balance: u('10000'), decimals: 6, symbol: 'USDT' };

describe('checkContribution', () => {
  it('accepts an amount within the limits, untrimmed', () => {
    expect(checkContribution('250.5', base)).toEqual({ ok: true, value: { offered: u('250.5'), accepted: u('250.5'), trimmed: false } });
  });

  it('refuses empty, zero, negative, exponent and too many decimals with sentences', () => {
    expect(checkContribution('', base)).toEqual({ ok: false, error: 'Enter an amount.' });
    expect(checkContribution('0', base)).toEqual({ ok: false, error: 'The amount must be more than zero.' });
    expect(checkContribution('-5', base)).toEqual({ ok: false, error: 'The amount cannot be negative.' });
    expect(checkContribution('1e3', base)).toMatchObject({ ok: false });
    expect(checkContribution('10.1234567', base)).toEqual({ ok: false, error: 'USDT has at most 6 decimals.' });
  });

  it('holds the minimum against the offer plus what was already put in', () => {
    expect(checkContribution('9.99', base)).toEqual({ ok: false, error: 'The minimum contribution is 10 USDT.' });
    expect(checkContribution('5', { ...base, already: u('4') })).toMatchObject({ ok: false, error: expect.stringContaining('add at least 6 USDT') });
    expect(checkContribution('6', { ...base, already: u('4') })).toMatchObject({ ok: true });
  });

  it('holds the maximum against the accepted part plus what was already put in', () => {
    expect(checkContribution('500.01', base)).toEqual({ ok: false, error: 'Each member may put in at most 500 USDT.' });
    expect(checkContribution('500', base)).toMatchObject({ ok: true });
    expect(checkContribution('60', { ...base, already: u('450') })).toMatchObject({ ok: false, error: expect.stringContaining('so at most 50 USDT more') });
    expect(checkContribution('1', { ...base, already: u('500') })).toMatchObject({ ok: false, error: expect.stringContaining('and you already have') });
    // Trimming counts: 600 offered with only 100 left under the hard cap is 100 accepted, within the maximum.
    expect(checkContribution('600', { ...base, raised: u('1550') })).toEqual({ ok: true, value: { offered: u('600'), accepted: u('100'), trimmed: true } });
  });

  it('needs only the accepted part in the wallet', () => {
    expect(checkContribution('300', { ...base, balance: u('173.7') })).toEqual({ ok: false, error: 'This needs 300 USDT and your balance is 173.7 USDT.' });
    expect(checkContribution('300', { ...base, raised: u('1600'), balance: u('60') })).toMatchObject({ ok: true, value: { accepted: u('50') } });
    expect(checkContribution('300', { ...base, raised: u('1600'), balance: u('40') })).toEqual({ ok: false, error: 'The pool would take 50 USDT and your balance is 40 USDT.' });
  });

  it('refuses anything once the hard cap is reached', () => {
    expect(checkContribution('10', { ...base, raised: u('1650') })).toMatchObject({ ok: false, error: expect.stringContaining('hard cap') });
  });
});

describe('amounts and shares', () => {
  it('trims to what is left under the hard cap', () => {
    expect(acceptedPart(pool, u('100'))).toBe(u('100'));
    expect(acceptedPart(pool, u('2000'))).toBe(u('950'));
    expect(acceptedPart({ raised: u('2000'), hardCap: u('1650') }, u('1'))).toBe(0n);
  });

  it('sends the accepted part unless only the offer meets the minimum', () => {
    expect(amountToSend({ offered: u('50'), accepted: u('32'), trimmed: true }, 0n, u('10'))).toBe(u('32'));
    expect(amountToSend({ offered: u('50'), accepted: u('5'), trimmed: true }, 0n, u('10'))).toBe(u('50'));
  });

  it('computes shares and pro-rata parts like the contract (rounded down)', () => {
    expect(shareOf(u('160'), u('230'))).toBeCloseTo(0.695652, 6);
    expect(shareOf(1n, 0n)).toBe(0);
    expect(proRata(u('160'), u('10'), u('230'))).toBe(6_956_521n);
    expect(proRata(u('70'), u('10'), u('230'))).toBe(3_043_478n);
    expect(proRata(1n, 5n, 0n)).toBe(0n);
  });

  it('maps statuses and clamps progress', () => {
    expect([0, 1, 2, 3].map(poolStatus)).toEqual(['open', 'succeeded', 'failed', 'finalized']);
    expect(progress(u('700'), u('1100'))).toBeCloseTo(0.636, 3);
    expect(progress(u('2000'), u('1100'))).toBe(1);
    expect(progress(1n, 0n)).toBe(0);
  });
});

describe('poolsWithDeadline', () => {
  const pool = (id: number, status: PoolStatus, contribution?: bigint) => ({ id, status, member: contribution === undefined ? undefined : { contribution } });
  it('keeps the pools the wallet put money into that are still open or waiting to buy', () => {
    const pools = [
      pool(0, 'open', 5_000000n),
      pool(1, 'succeeded', 1n),
      pool(2, 'open', 0n), // never contributed
      pool(3, 'failed', 5_000000n), // deadline passed, refund only
      pool(4, 'finalized', 5_000000n), // bought
      pool(5, 'open'), // no wallet
    ];
    expect(poolsWithDeadline(pools).map((p) => p.id)).toEqual([0, 1]);
    expect(poolsWithDeadline([])).toEqual([]);
  });
});

describe('share and income at target', () => {
  const u = (s: string) => parseUnits(s, 6);
  it('counts the share against the target until more is raised', () => {
    // 50 of 100 raised, all of it mine: 50% today, 50% of the target once it buys.
    expect(shareOf(u('50'), u('50'))).toBe(1);
    expect(shareAtTarget(u('50'), u('50'), u('100'))).toBe(0.5);
    // the pool: half of what is raised today, at most 36% at the target
    expect(shareOf(u('36'), u('72'))).toBe(0.5);
    expect(shareAtTarget(u('36'), u('72'), u('100'))).toBe(0.36);
    // above the target the pool buys more and the share is of what was raised
    expect(shareAtTarget(u('30'), u('150'), u('100'))).toBe(0.2);
  });

  it('income at target is the pro-rata part of the pool output at target', () => {
    const poolDaily = 850_750_000_000_000_000n; // 0.85075 ETC a day for the target's hash power
    expect(incomeAtTarget(poolDaily, u('36'), u('72'), u('100'))).toBe(306_270_000_000_000_000n); // 36%, not 50%
    expect(incomeAtTarget(poolDaily, u('100'), u('100'), u('100'))).toBe(poolDaily);
    expect(incomeAtTarget(poolDaily, 0n, 0n, u('100'))).toBe(0n);
  });
});

// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { DAY_SECONDS } from './format';
import {
  MAX_UINT, WAD, YEAR, aprToApy, bpsText, debtWithBuffer, durationOptions, firstBelowOne, formatHealthFactor,
  healthBand, interestFor, parseBorrow, parseRepay, parseWithdrawal, pickDuration, samplePoints,
} from './loans';

const hf = (x: string) => (BigInt(Math.round(Number(x) * 1e6)) * WAD) / 1_000_000n;

describe('healthBand', () => {
  it('puts each value in its band, edges included', () => {
    expect(healthBand(undefined)).toBe('none');
    expect(healthBand(MAX_UINT)).toBe('none');
    expect(healthBand(0n)).toBe('liquidatable');
    expect(healthBand(WAD - 1n)).toBe('liquidatable');
    expect(healthBand(WAD)).toBe('risky');
    expect(healthBand(hf('1.4999'))).toBe('risky');
    expect(healthBand(hf('1.5'))).toBe('careful');
    expect(healthBand(2n * WAD - 1n)).toBe('careful');
    expect(healthBand(2n * WAD)).toBe('safe');
    expect(healthBand(10n ** 40n)).toBe('safe');
  });
});

describe('formatHealthFactor', () => {
  it('rounds down to two decimals so a loan below 1 never reads 1.00', () => {
    expect(formatHealthFactor(WAD - 1n)).toBe('0.99');
    expect(formatHealthFactor(hf('1.84'))).toBe('1.84');
    expect(formatHealthFactor(hf('2.046'))).toBe('2.04');
    expect(formatHealthFactor(WAD)).toBe('1.00');
    expect(formatHealthFactor(0n)).toBe('0.00');
  });
  it('says ∞ without debt, — when unknown, >999 for huge values', () => {
    expect(formatHealthFactor(MAX_UINT)).toBe('∞');
    expect(formatHealthFactor(MAX_UINT, '—')).toBe('—');
    expect(formatHealthFactor(undefined)).toBe('—');
    expect(formatHealthFactor(1000n * WAD)).toBe('>999');
    expect(formatHealthFactor(999n * WAD)).toBe('999.00');
  });
});

describe('interest buffers', () => {
  it('charges rate x time, rounded up', () => {
    // 10% a year on 1,000 USDT for a year: 100 USDT
    expect(interestFor(1_000_000_000n, WAD / 10n, Number(YEAR))).toBe(100_000_000n);
    expect(interestFor(1n, 1n, 1)).toBe(1n);
    expect(interestFor(0n, WAD, 3600)).toBe(0n);
    expect(interestFor(100n, 0n, 3600)).toBe(0n);
  });
  it('covers an hour of interest and a rounding unit above the debt', () => {
    const debt = 120_000_000n;
    const rate = 215n * 10n ** 14n; // 2.15%
    const buffered = debtWithBuffer(debt, rate);
    expect(buffered).toBeGreaterThan(debt + (debt * rate * 3600n) / (WAD * YEAR));
    expect(buffered - debt).toBeLessThan(1000n); // well under a tenth of a cent
  });
});

describe('durations', () => {
  it('offers presets below the maximum and the maximum itself', () => {
    expect(durationOptions(0)).toEqual([]);
    expect(durationOptions(86399)).toEqual([]);
    expect(durationOptions(DAY_SECONDS)).toEqual([1]);
    expect(durationOptions(172.5 * DAY_SECONDS)).toEqual([1, 7, 14, 30, 60, 90, 172]);
    expect(durationOptions(30 * DAY_SECONDS)).toEqual([1, 7, 14, 30]);
  });
  it('keeps a valid choice, else defaults to the longest up to 30 days', () => {
    expect(pickDuration(60, [1, 7, 14, 30, 60, 90])).toBe(60);
    expect(pickDuration(90, [1, 7, 14, 30, 52])).toBe(30);
    expect(pickDuration(undefined, [1, 7, 9])).toBe(9);
    expect(pickDuration(undefined, [])).toBeUndefined();
  });
});

describe('projections', () => {
  it('samples evenly and ends at the due date', () => {
    const pts = samplePoints(0, 240, 24);
    expect(pts).toHaveLength(24);
    expect(pts[0]).toBe(10);
    expect(pts.at(-1)).toBe(240);
    expect(samplePoints(5, 5)).toEqual([5]);
  });
  it('finds the first sample below 1', () => {
    expect(firstBelowOne([{ at: 1, hf: 2n * WAD }, { at: 2, hf: WAD }, { at: 3, hf: WAD - 1n }, { at: 4, hf: 0n }])).toBe(3);
    expect(firstBelowOne([{ at: 1, hf: WAD }])).toBeUndefined();
  });
});

describe('text', () => {
  it('formats bps and apy', () => {
    expect(bpsText(5000)).toBe('50%');
    expect(bpsText(2550)).toBe('25.50%');
    expect(aprToApy(0)).toBe(0);
    expect(aprToApy(0.1)).toBeCloseTo(0.10516, 4);
  });
});

describe('amount rules', () => {
  const u = (n: number) => BigInt(Math.round(n * 1e6));
  it('refuses a withdrawal above the position or above idle cash, with the idle amount in words', () => {
    const pos = { value: u(3000), maxWithdraw: u(2880) };
    expect(parseWithdrawal('100', pos, u(2880))).toEqual({ ok: true, value: u(100) });
    const idle = parseWithdrawal('2950', pos, u(2880));
    expect(idle.ok).toBe(false);
    expect(!idle.ok && idle.error).toContain('Only 2,880 USDT is idle right now; the rest is lent out.');
    const over = parseWithdrawal('3000.01', pos, u(2880));
    expect(!over.ok && over.error).toContain('Your position is worth 3,000 USDT');
    expect(parseWithdrawal('-1', pos, u(2880)).ok).toBe(false);
    expect(parseWithdrawal('1e3', pos, u(2880)).ok).toBe(false);
  });
  it('refuses a borrow above max borrow, then above idle cash', () => {
    expect(parseBorrow('116.03', u(116.03034), u(7880))).toEqual({ ok: true, value: u(116.03) });
    const ltv = parseBorrow('117', u(116.03), u(7880));
    expect(!ltv.ok && ltv.error).toContain('at most 116.03 USDT');
    const cash = parseBorrow('50', u(116), u(40));
    expect(!cash.ok && cash.error).toContain('only 40 USDT idle');
    for (const bad of ['', '0', '-5', '1.0000001', '1e2', 'abc']) expect(parseBorrow(bad, u(116), u(7880)).ok).toBe(false);
  });
  it('sends the whole debt to "Repay all" and checks the balance', () => {
    expect(parseRepay('40', u(100), u(500))).toEqual({ ok: true, value: u(40) });
    expect(parseRepay('100', u(100), u(500)).ok).toBe(false);
    const poor = parseRepay('60', u(100), u(50));
    expect(!poor.ok && poor.error).toBe('Your balance is 50 USDT.');
  });
});

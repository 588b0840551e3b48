// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { dailyOutput, estimate, OUTPUT_PRECISION } from './economics';

describe('dailyOutput', () => {
  it('multiplies hashrate by output per unit (x1e6) and rounds down', () => {
    expect(OUTPUT_PRECISION).toBe(1_000_000n);
    expect(dailyOutput(100n, 5_000_000n)).toBe(500n); // 5 base units per unit per day
    expect(dailyOutput(3n, 333_333n)).toBe(0n); // 0.999999 -> 0
    expect(dailyOutput(3n, 333_334n)).toBe(1n); // 1.000002 -> 1
    expect(dailyOutput(0n, 5_000_000n)).toBe(0n);
    expect(dailyOutput(1n, 0n)).toBe(0n);
    // No precision lost on large values.
    expect(dailyOutput(10n ** 20n, 123_456_789n)).toBe(123_456_789n * 10n ** 14n);
  });
});

describe('estimate', () => {
  // 10 TH/s at 1,000 sats per TH/s per day = 10,000 sats = 0.0001 BTC; at $60,000 that is $6 a day.
  const base = { hashrate: 10n, outputPerUnit: 1_000n * OUTPUT_PRECISION, coinDecimals: 8, coinPriceUsd: 60_000, termDays: 30 };

  it('computes daily coin, daily and term USD', () => {
    const e = estimate({ ...base, costUsd: 120 });
    expect(e.dailyCoin).toBe(10_000n);
    expect(e.dailyUsd).toBeCloseTo(6, 10);
    expect(e.termUsd).toBeCloseTo(180, 8);
  });

  it('rounds breakeven up to whole days and compares it with the term', () => {
    expect(estimate({ ...base, costUsd: 120 })).toMatchObject({ breakevenDays: 20, breaksEvenInTerm: true });
    expect(estimate({ ...base, costUsd: 121 })).toMatchObject({ breakevenDays: 21, breaksEvenInTerm: true });
    expect(estimate({ ...base, costUsd: 180.01 })).toMatchObject({ breakevenDays: 31, breaksEvenInTerm: false });
    expect(estimate({ ...base, costUsd: 0.5 })).toMatchObject({ breakevenDays: 1, breaksEvenInTerm: true });
  });

  it('breaks even on the last day of the term exactly', () => {
    const e = estimate({ ...base, costUsd: 180 });
    expect(e.breakevenDays).toBe(30);
    expect(e.breaksEvenInTerm).toBe(true);
  });

  // KNOWN BUG (fails until src/lib/economics.ts is fixed): breakeven is Math.ceil(costUsd / dailyUsd) on floats.
  // 0.009 BTC a day at $100 is $0.90 a day, but Number('0.009') * 100 = 0.8999999999999999, so a $9 product with a
  // 10-day term shows "Breakeven in 11 days" and breaksEvenInTerm false instead of 10 days / true (roi also comes out
  // as -2e-16 rather than 0). Same for 0.0045 BTC at $100 vs $81 over 180 days (181 instead of 180).
  it('an exact breakeven is not pushed a day later by float rounding', () => {
    const e = estimate({ hashrate: 9n, outputPerUnit: 100_000n * OUTPUT_PRECISION, coinDecimals: 8, coinPriceUsd: 100, costUsd: 9, termDays: 10 });
    expect(e.dailyCoin).toBe(900_000n);
    expect(e.breakevenDays).toBe(10);
    expect(e.breaksEvenInTerm).toBe(true);
  });

  it('has no breakeven when nothing is earned', () => {
    for (const args of [
      { ...base, outputPerUnit: 0n, costUsd: 100 },
      { ...base, hashrate: 0n, costUsd: 100 },
      { ...base, coinPriceUsd: 0, costUsd: 100 },
      { ...base, outputPerUnit: 1n, costUsd: 100 }, // rounds down to 0 base units a day
    ]) {
      const e = estimate(args);
      expect(e.dailyUsd).toBe(0);
      expect(e.termUsd).toBe(0);
      expect(e.breakevenDays).toBeUndefined();
      expect(e.breaksEvenInTerm).toBe(false);
      expect(e.roi).toBe(-1);
    }
  });

  it('roi is (term income - cost) / cost, and 0 for a free product', () => {
    expect(estimate({ ...base, costUsd: 120 }).roi).toBeCloseTo(0.5, 10);
    expect(estimate({ ...base, costUsd: 360 }).roi).toBeCloseTo(-0.5, 10);
    expect(estimate({ ...base, costUsd: 0 })).toMatchObject({ roi: 0, breakevenDays: 0, breaksEvenInTerm: true });
  });
});

import { describe, expect, it } from 'vitest';
import { withGasHeadroom } from './gas';

describe('withGasHeadroom', () => {
  it('adds a quarter to large estimates', () => {
    expect(withGasHeadroom(400_000n)).toBe(500_000n);
    expect(withGasHeadroom(80_001n)).toBe(100_001n);
  });
  it('adds at least 20,000 gas to small estimates', () => {
    expect(withGasHeadroom(21_000n)).toBe(41_000n);
    expect(withGasHeadroom(0n)).toBe(20_000n);
  });
  it('covers the interest-accrual branch a same-second estimate misses (two warm-to-cold SSTOREs)', () => {
    // LoanPool._accrue writes borrowIndex and lastAccrual: at most 2 x (2,100 cold read + 2,900 write).
    const estimate = 51_464n; // vault deposit, from the gas snapshot
    expect(withGasHeadroom(estimate) - estimate).toBeGreaterThanOrEqual(2n * (2_100n + 2_900n));
  });
  it('refuses a negative estimate', () => {
    expect(() => withGasHeadroom(-1n)).toThrow(RangeError);
  });
});

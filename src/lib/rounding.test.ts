// @vitest-environment node
// The rounding rule: parts shown add up to the total shown; USD shown from the token figure as shown;
// summary figures by their unit's decimals.
import { describe, expect, it } from 'vitest';
import { parseUnits } from 'viem';
import { displayDecimals, formatAmount, formatStable, formatTokenUsd, formatUnitAmount, roundDown, splitForDisplay } from './format';
import { payout } from './marketState';
import { prng } from '../test/prng';

const usdt = (s: string) => parseUnits(s, 6);

describe('splitForDisplay', () => {
  it('fee + proceeds shown add up to the price shown (585 USDT at 2.5%)', () => {
    const { fee, seller } = payout(usdt('585'), 250, 250);
    expect([fee, seller]).toEqual([usdt('14.625'), usdt('570.375')]);
    // Rounded down each, the parts would read 14.62 + 570.37 = 584.99.
    expect(formatAmount(fee, 6, 2)).toBe('14.62');
    const [f, s] = splitForDisplay(usdt('585'), [fee, seller], 6, 2);
    expect([formatAmount(f, 6, 2), formatAmount(s, 6, 2)]).toEqual(['14.63', '570.37']);
    expect(f + s).toBe(usdt('585'));
  });

  it('gives the missing steps to the largest remainders, the earlier part on a tie', () => {
    expect(splitForDisplay(usdt('1'), [usdt('0.333334'), usdt('0.333333'), usdt('0.333333')], 6, 2)).toEqual([usdt('0.34'), usdt('0.33'), usdt('0.33')]);
    expect(splitForDisplay(usdt('10.019'), [usdt('0.004'), usdt('10.015')], 6, 2)).toEqual([usdt('0.00'), usdt('10.01')]);
    expect(splitForDisplay(usdt('10.019'), [usdt('0.009'), usdt('10.01')], 6, 2)).toEqual([0n, usdt('10.01')]);
    expect(splitForDisplay(usdt('10.02'), [usdt('0.009'), usdt('10.011')], 6, 2)).toEqual([usdt('0.01'), usdt('10.01')]);
  });

  it('leaves exact parts alone and only rounds down parts that do not add up', () => {
    expect(splitForDisplay(usdt('3'), [usdt('1'), usdt('2')], 6, 2)).toEqual([usdt('1'), usdt('2')]);
    expect(splitForDisplay(usdt('5'), [usdt('1.555'), usdt('2.555')], 6, 2)).toEqual([usdt('1.55'), usdt('2.55')]);
    expect(splitForDisplay(usdt('1.5'), [usdt('1.5')], 6, 6)).toEqual([usdt('1.5')]);
  });

  it('holds for any price and fee (seeded)', () => {
    const r = prng(7);
    for (let i = 0; i < 2000; i++) {
      const price = BigInt(r.int(1, 1_000_000_000)) * BigInt(r.int(1, 1000));
      const bps = r.int(0, 500);
      const { fee, seller } = payout(price, bps, 500);
      const shown = splitForDisplay(price, [fee, seller], 6, 2);
      expect(shown[0] + shown[1]).toBe(roundDown(price, 6, 2));
      // each part moves by less than one cent from its true value
      expect(shown.every((p, k) => (p - [fee, seller][k]) < 10_000n && ([fee, seller][k] - p) < 10_000n)).toBe(true);
    }
  });
});

describe('USD beside a token figure', () => {
  it('a dollar token shows the same cents as its token figure', () => {
    // 114.005 USDT read "114 USDT" beside "$114.01", and 3,000.006 read "$3,000.01".
    for (const [raw, token, usd] of [
      ['114.005', '114 USDT', '$114.00'],
      ['3000.006', '3,000 USDT', '$3,000.00'],
      ['9897.260275', '9,897.26 USDT', '$9,897.26'],
      ['0.019999', '0.01 USDT', '$0.01'],
      ['0.004', '0.004 USDT', '$0.0040'],
    ] as const) {
      expect(formatTokenUsd(usdt(raw), 6, 'USDT', 1.0001)).toEqual({ token, usd });
    }
    expect(formatStable(usdt('114.005'))).toBe('$114.00');
    expect(`${formatAmount(usdt('114.005'), 6, 2)} USDT`).toBe('114 USDT');
    expect(formatStable(usdt('0.005'))).toBe('$0.0050');
  });

  it('a coin shows USD of the amount as shown', () => {
    const fil = parseUnits('999.99689315', 18);
    expect(formatTokenUsd(fil, 18, 'FIL', 5)).toEqual({ token: '999.9968 FIL', usd: '$4,999.98' });
    // exact figures keep their decimals, and USD follows them
    expect(formatTokenUsd(parseUnits('0.12345678', 8), 8, 'BTC', 100_000, 8)).toEqual({ token: '0.12345678 BTC', usd: '$12,345.68' });
    expect(formatTokenUsd(parseUnits('0.12345678', 8), 8, 'BTC', 100_000)).toEqual({ token: '0.123456 BTC', usd: '$12,345.60' });
  });
});

describe('summary figures by unit', () => {
  it('never shows raw 6-8 decimals on large amounts', () => {
    expect(formatUnitAmount(usdt('9897.260275'), 6, 'USDT')).toBe('9,897.26 USDT');
    expect(formatUnitAmount(parseUnits('999.99689315', 18), 18, 'FIL')).toBe('999.9968 FIL');
    expect(formatUnitAmount(parseUnits('12.3456789', 18), 18, 'ETC')).toBe('12.3456 ETC');
    expect(formatUnitAmount(parseUnits('1.23456789', 8), 8, 'BTC')).toBe('1.234567 BTC');
    expect(formatUnitAmount(0n, 18, 'FIL')).toBe('0 FIL');
  });

  it('keeps three significant digits of small amounts, up to the token decimals', () => {
    expect(formatUnitAmount(parseUnits('0.0000123456', 8), 8, 'BTC')).toBe('0.0000123 BTC');
    expect(formatUnitAmount(parseUnits('0.000000123456', 18), 18, 'ETC')).toBe('0.000000123 ETC');
    expect(formatUnitAmount(usdt('0.004'), 6, 'USDT')).toBe('0.004 USDT');
    expect(formatUnitAmount(1n, 6, 'USDT')).toBe('0.000001 USDT');
    expect(displayDecimals(1n, 8, 'BTC')).toBe(8);
    expect(displayDecimals(parseUnits('5', 18), 18, 'XYZ')).toBe(4);
  });
});

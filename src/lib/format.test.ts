// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseUnits } from 'viem';
import {
  DAY_SECONDS,
  daysLeft,
  formatAmount,
  formatDate,
  formatDateTime,
  formatDuration,
  formatEfficiency,
  formatHashrate,
  formatInteger,
  formatPercent,
  formatStable,
  formatToken,
  formatUsd,
  plural,
  shortAddress,
  toUsd,
} from './format';
import { prng } from '../test/prng';


describe('formatAmount', () => {
  it('rounds down to maxDecimals and drops trailing zeros', () => {
    expect(formatAmount(1_999_999n, 6)).toBe('1.9999');
    expect(formatAmount(1_999_999n, 6, 2)).toBe('1.99');
    expect(formatAmount(1_500_000n, 6)).toBe('1.5');
    expect(formatAmount(1_000_000n, 6)).toBe('1');
    expect(formatAmount(123_456_789n, 8, 8)).toBe('1.23456789');
    expect(formatAmount(0n, 18)).toBe('0');
  });

  it('groups thousands in the integer part only', () => {
    expect(formatAmount(1_234_567_890_000n, 6)).toBe('1,234,567.89');
    expect(formatAmount(999_000_000n, 6)).toBe('999');
    expect(formatAmount(1_000_000_000n, 6)).toBe('1,000');
    expect(formatAmount(12_345_678n, 0)).toBe('12,345,678');
    expect(formatAmount(1_234_123_456n, 6, 6)).toBe('1,234.123456');
  });

  it('shows tiny non-zero amounts as "<0.0001" (or the smallest step of maxDecimals)', () => {
    expect(formatAmount(1n, 18)).toBe('<0.0001');
    expect(formatAmount(99n, 6)).toBe('<0.0001');
    expect(formatAmount(100n, 6)).toBe('0.0001');
    expect(formatAmount(1n, 8, 8)).toBe('0.00000001');
    expect(formatAmount(1n, 18, 8)).toBe('<0.00000001');
    expect(formatAmount(9_999n, 6, 2)).toBe('<0.01');
  });

  // KNOWN BUG (fails until src/lib/format.ts is fixed; no caller passes 0 today): with maxDecimals = 0 a value below
  // one whole unit is shown as "<0.1" (Math.max(0, maxDecimals - 1) zeros, then "1"), although 0.5 is not below 0.1.
  // The smallest step with no decimals is 1, so it should read "<1".
  it('shows a fraction below one whole unit as "<1" when no decimals are wanted', () => {
    expect(formatAmount(5n, 1, 0)).toBe('<1');
  });

  it('shows whole units without decimals when maxDecimals is 0', () => {
    expect(formatAmount(15n, 1, 0)).toBe('1');
    expect(formatAmount(1_234_999_999n, 6, 0)).toBe('1,234');
  });

  it('formats negative amounts by their magnitude (truncated towards zero)', () => {
    expect(formatAmount(-1_234_567_890_000n, 6)).toBe('-1,234,567.89');
    expect(formatAmount(-123_456n, 5)).toBe('-1.2345');
    expect(formatAmount(-1n, 6)).toBe('>-0.0001');
  });

  it('formatToken appends the symbol', () => {
    expect(formatToken(150_000_000n, 8, 'BTC')).toBe('1.5 BTC');
    expect(formatToken(1n, 8, 'BTC', 8)).toBe('0.00000001 BTC');
  });

  it('fuzz (seeded): never shows more than a non-negative value, and loses less than one step of maxDecimals', () => {
    const SEED = 0xf0a7;
    const r = prng(SEED);
    for (let i = 0; i < 3000; i++) {
      const decimals = r.int(0, 18);
      const maxDecimals = r.int(1, 8); // 0 is covered by the known-bug test above
      const value = r.bigint(200);
      const shown = formatAmount(value, decimals, maxDecimals);
      const where = `seed ${SEED} case ${i}: formatAmount(${value}n, ${decimals}, ${maxDecimals}) = ${shown}`;
      if (shown.startsWith('<')) {
        // Tiny: the value really is below the bound shown.
        expect(value > 0n, where).toBe(true);
        expect(value < parseUnits(shown.slice(1), decimals), where).toBe(true);
        continue;
      }
      expect(shown, where).toMatch(/^\d{1,3}(,\d{3})*(\.\d*[1-9])?$/);
      const frac = shown.split('.')[1] ?? '';
      expect(frac.length, where).toBeLessThanOrEqual(Math.min(maxDecimals, decimals));
      const back = parseUnits(shown.replace(/,/g, ''), decimals);
      expect(back <= value, where).toBe(true);
      const step = decimals > maxDecimals ? 10n ** BigInt(decimals - maxDecimals) : 1n;
      expect(value - back < step, where).toBe(true);
    }
  });
});

describe('formatUsd', () => {
  it('shows dollars with cents and grouping', () => {
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(1)).toBe('$1.00');
    expect(formatUsd(1234.5)).toBe('$1,234.50');
    expect(formatUsd(0.01)).toBe('$0.01');
    expect(formatUsd(1234567.891)).toBe('$1,234,567.89');
    expect(formatUsd(-5)).toBe('-$5.00');
  });

  it('keeps two significant digits for small positive and negative values', () => {
    expect(formatUsd(0.0042)).toBe('$0.0042');
    expect(formatUsd(0.000123)).toBe('$0.00012');
    expect(formatUsd(-0.0042)).toBe('-$0.0042');
  });

  // Number#toPrecision switches to exponent notation below 1e-6: a tiny daily income must not read "$1.0e-7".
  it('never shows exponent notation for tiny values', () => {
    expect(formatUsd(1e-7)).not.toMatch(/e/i);
    expect(formatUsd(3.2e-9)).not.toMatch(/e/i);
  });

  it("reads exactly as Intl's en-US currency format from one cent up, without making that slow formatter", () => {
    const currency = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
    const values = [0.01, 0.015, 0.994, 0.995, 0.999, 1.005, 9.995, 999.995, 1000, 123456.785, 1e15, 2 ** 53];
    for (let x = 0.01; x < 1e12; x *= 1.37) values.push(x, x + 0.005);
    for (const v of values) {
      expect(formatUsd(v), String(v)).toBe(currency.format(v));
      expect(formatUsd(-v), String(-v)).toBe(currency.format(-v));
    }
  });

  it('never shows "-$0.00"', () => {
    expect(formatUsd(-0)).toBe('$0.00');
  });

  it('makes no Intl number formatter for dollars, counts or efficiencies (its first one costs Chromium 40–56 ms)', () => {
    const made = vi.spyOn(Intl, 'NumberFormat');
    const toLocale = vi.spyOn(Number.prototype, 'toLocaleString');
    const bigToLocale = vi.spyOn(BigInt.prototype, 'toLocaleString');
    try {
      expect([formatUsd(1234.5), formatUsd(-0.0042), formatInteger(1234567), formatInteger(-12n), plural(1000, 'day'), formatEfficiency(12345, 'GH/s')]).toEqual([
        '$1,234.50',
        '-$0.0042',
        '1,234,567',
        '-12',
        '1,000 days',
        '1,234.5 W per GH/s',
      ]);
      expect(made).not.toHaveBeenCalled();
      expect(toLocale).not.toHaveBeenCalled();
      expect(bigToLocale).not.toHaveBeenCalled();
    } finally {
      made.mockRestore();
      toLocale.mockRestore();
      bigToLocale.mockRestore();
    }
  });

  it('shows a dash for values that are not numbers', () => {
    expect(formatUsd(Number.NaN)).toBe('—');
    expect(formatUsd(Number.POSITIVE_INFINITY)).toBe('—');
    expect(formatUsd(Number.NEGATIVE_INFINITY)).toBe('—');
  });

  it('toUsd and formatStable convert token units', () => {
    expect(toUsd(150_000_000n, 8, 60_000)).toBe(90_000);
    expect(toUsd(0n, 8, 60_000)).toBe(0);
    expect(formatStable(1_234_500_000n)).toBe('$1,234.50');
    expect(formatStable(5_000n)).toBe('$0.0050');
  });
});

describe('small formatters', () => {
  it('formatDuration shows the two largest units', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(42)).toBe('42s');
    expect(formatDuration(59.9)).toBe('59s');
    expect(formatDuration(60)).toBe('1m 0s');
    expect(formatDuration(5 * 3600 + 12 * 60 + 7)).toBe('5h 12m');
    expect(formatDuration(3600)).toBe('1h 0m');
    expect(formatDuration(3 * DAY_SECONDS + 4 * 3600 + 59 * 60)).toBe('3d 4h');
    expect(formatDuration(DAY_SECONDS)).toBe('1d 0h');
    expect(formatDuration(-30)).toBe('0s');
  });

  it('daysLeft rounds up and stops at zero', () => {
    const now = 1_700_000_000;
    expect(daysLeft(now + 1, now)).toBe(1);
    expect(daysLeft(now + DAY_SECONDS, now)).toBe(1);
    expect(daysLeft(now + 86401, now)).toBe(2);
    expect(daysLeft(BigInt(now + 30 * DAY_SECONDS), now)).toBe(30);
    expect(daysLeft(now, now)).toBe(0);
    expect(daysLeft(now - 5, now)).toBe(0);
  });

  it("formatDate and formatDateTime read exactly as Intl's en-GB UTC dates, without making a formatter", () => {
    const date = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    const dateTime = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
    // every day of 1970–2100 at a time that moves through the hours and minutes, and the years' edges
    for (let t = 0; t < 4_102_444_800; t += 3 * 86_400 + 3_671) {
      for (const s of [t, t - (t % 86_400), t - (t % 86_400) + 86_399]) {
        expect(formatDate(s), String(s)).toBe(date.format(new Date(s * 1000)));
        expect(formatDateTime(BigInt(s)), String(s)).toBe(`${dateTime.format(new Date(s * 1000))} UTC`);
      }
    }
    const made = vi.spyOn(Intl, 'DateTimeFormat');
    try {
      expect(formatDate(1_796_284_383)).toBe('3 Dec 2026');
      expect(formatDateTime(1_796_284_383)).toBe('3 Dec, 07:53 UTC');
      expect(made).not.toHaveBeenCalled();
    } finally {
      made.mockRestore();
    }
  });

  it("formatInteger and formatEfficiency read exactly as Intl's en-US number formats", () => {
    const plain = new Intl.NumberFormat('en-US');
    const tenth = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
    for (let x = 1; x < 1e19; x = Math.ceil(x * 1.7)) {
      for (const v of [x, -x, x + 1]) {
        expect(formatInteger(v), String(v)).toBe(plain.format(v));
        expect(formatInteger(BigInt(v)), `${v}n`).toBe(plain.format(BigInt(v)));
        // (beyond 1e12 tenths, Intl's input v / 10 is no longer exact in binary)
        if (Math.abs(v) < 1e12) expect(formatEfficiency(v, 'TH/s'), `${v} tenths`).toBe(`${tenth.format(v / 10)} W per TH/s`);
      }
    }
    expect(formatInteger(0)).toBe('0');
    expect(formatInteger(10n ** 30n)).toBe(plain.format(10n ** 30n));
  });

  it('formatEfficiency divides by ten and groups', () => {
    expect(formatEfficiency(175, 'TH/s')).toBe('17.5 W per TH/s');
    expect(formatEfficiency(170, 'TH/s')).toBe('17 W per TH/s');
    expect(formatEfficiency(12345, 'GH/s')).toBe('1,234.5 W per GH/s');
  });

  it('plural picks the word for one and groups the count', () => {
    expect(plural(1, 'day')).toBe('1 day');
    expect(plural(1n, 'day')).toBe('1 day');
    expect(plural(0, 'day')).toBe('0 days');
    expect(plural(2n, 'unit')).toBe('2 units');
    expect(plural(1000, 'day')).toBe('1,000 days');
    expect(plural(3, 'child', 'children')).toBe('3 children');
  });

  it('shortAddress keeps the head and tail of long strings only', () => {
    expect(shortAddress('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266')).toBe('0xf39F…2266');
    expect(shortAddress('0x1234567890')).toBe('0x1234567890');
    expect(shortAddress('')).toBe('');
  });

  it('formatHashrate and formatPercent', () => {
    expect(formatHashrate(1_234_567n, 'TH/s')).toBe('1,234,567 TH/s');
    expect(formatHashrate(100, 'GiB')).toBe('100 GiB');
    expect(formatPercent(0.1234)).toBe('12.3%');
    expect(formatPercent(-0.5, 0)).toBe('-50%');
    expect(formatPercent(Number.NaN)).toBe('—');
  });
});

describe('dates in UTC whatever the local time zone', () => {
  const saved = process.env.TZ;
  beforeEach(() => {
    // Far from UTC on both sides of the date line: a local-time formatter would give another day.
    process.env.TZ = 'Pacific/Kiritimati';
  });
  afterEach(() => {
    process.env.TZ = saved;
  });

  it('formatDate', () => {
    expect(new Date(1_767_225_599 * 1000).getDate()).not.toBe(31); // the zone really changed
    expect(formatDate(1_767_225_599)).toBe('31 Dec 2025'); // 2025-12-31T23:59:59Z
    expect(formatDate(1_767_225_600n)).toBe('1 Jan 2026');
    expect(formatDate(0)).toBe('1 Jan 1970');
    process.env.TZ = 'America/Los_Angeles';
    expect(formatDate(1_767_225_600)).toBe('1 Jan 2026');
  });

  it('formatDateTime', () => {
    expect(formatDateTime(1_767_225_599)).toBe('31 Dec, 23:59 UTC');
    expect(formatDateTime(1_767_225_600n + 3600n * 14n + 60n * 5n)).toBe('1 Jan, 14:05 UTC');
  });
});

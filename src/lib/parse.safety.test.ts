// @vitest-environment node
// Issue 7: every amount field refuses what it cannot represent exactly, in words. Seeded fuzz over the
// parsing and formatting helpers, on top of src/lib/parse.test.ts: for random values at every decimals,
// each kind of bad input built from a valid one is refused with its own sentence, and what formatAmount
// shows parses back to at most the true value (never rounded up) and within the shown precision.
import { describe, expect, it } from 'vitest';
import { formatUnits } from 'viem';
import { formatAmount } from './format';
import { parseAmount } from './parse';
import { prng } from '../test/prng';


const SEED = 0x7a11;

describe('parseAmount refuses every unrepresentable variant of a valid amount (fuzz)', () => {
  it('more decimals than the token has, exponent notation, a sign, blanks and over-the-limit', () => {
    const r = prng(SEED);
    for (let i = 0; i < 2000; i++) {
      const decimals = r.int(0, 18);
      const value = r.bigint(200, 1) + 1n;
      const text = formatUnits(value, decimals);
      const rules = { decimals, symbol: 'TKN' };
      const why = `seed ${SEED} case ${i}: ${text} @ ${decimals}`;
      expect(parseAmount(text, rules), why).toEqual({ ok: true, value });

      const extra = `${text}${text.includes('.') ? '' : '.'}${'0'.repeat(decimals - (text.split('.')[1]?.length ?? 0))}${r.int(1, 9)}`;
      expect(parseAmount(extra, rules), `${why} -> ${extra}`).toEqual({
        ok: false,
        error: decimals === 0 ? 'TKN is counted in whole numbers.' : `TKN has at most ${decimals} decimals.`,
      });
      expect(parseAmount(`-${text}`, rules), why).toEqual({ ok: false, error: 'The amount cannot be negative.' });
      expect(parseAmount(`${text}e${r.int(0, 30)}`, rules).ok, why).toBe(false);
      expect(parseAmount(`${text}E-${r.int(0, 30)}`, rules).ok, why).toBe(false);
      const sci = `${text.split('.')[0]}e${r.int(1, 9)}`;
      expect(parseAmount(sci, rules), `${why} -> ${sci}`).toEqual({ ok: false, error: 'Write the amount in plain digits, without exponent notation.' });
      expect(parseAmount(' '.repeat(r.int(0, 3)), rules)).toEqual({ ok: false, error: 'Enter an amount.' });
      const max = { value: value - 1n, reason: 'That is more than your balance.' };
      expect(parseAmount(text, { ...rules, max }), why).toEqual({ ok: false, error: max.reason });
      expect(parseAmount(text, { ...rules, max: { ...max, value } }), why).toEqual({ ok: true, value });
    }
  });

  it('what formatAmount shows parses back exactly, never above the true value, within the shown precision', () => {
    const r = prng(SEED + 1);
    for (let i = 0; i < 3000; i++) {
      const decimals = r.int(0, 18);
      const maxDecimals = r.int(0, 8);
      const value = r.bigint(160, 1);
      const shown = formatAmount(value, decimals, maxDecimals);
      if (shown.startsWith('<')) {
        expect(value > 0n && value < 10n ** BigInt(Math.max(0, decimals - maxDecimals)), shown).toBe(true);
        continue;
      }
      const parsed = parseAmount(shown, { decimals, symbol: 'T', allowZero: true });
      const why = `seed ${SEED + 1} case ${i}: ${value} @ ${decimals}/${maxDecimals} shown ${shown}`;
      if (!parsed.ok) throw new Error(`${why}: ${parsed.error}`);
      expect(parsed.value <= value, why).toBe(true);
      const step = 10n ** BigInt(Math.max(0, decimals - maxDecimals));
      expect(value - parsed.value < step, why).toBe(true);
    }
  });
});

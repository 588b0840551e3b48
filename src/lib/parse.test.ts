// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { formatUnits, getAddress, zeroAddress, type Address } from 'viem';
import { MAX_LISTING_PRICE, parseAmount, parseCount, parseListingPrice, parseRecipient, type AmountRules } from './parse';
import { prng } from '../test/prng';


const usdt: AmountRules = { decimals: 6, symbol: 'USDT' };
const eth: AmountRules = { decimals: 18, symbol: 'ETH' };
const whole: AmountRules = { decimals: 0, symbol: 'PTS' };

const ok = <T,>(value: T) => ({ ok: true, value });
const err = (error: string) => ({ ok: false, error });

describe('parseAmount', () => {
  it('parses plain decimals exactly', () => {
    expect(parseAmount('1', usdt)).toEqual(ok(1_000_000n));
    expect(parseAmount('1.5', usdt)).toEqual(ok(1_500_000n));
    expect(parseAmount('0.000001', usdt)).toEqual(ok(1n));
    expect(parseAmount('123456789.123456', usdt)).toEqual(ok(123_456_789_123_456n));
    expect(parseAmount('0.1', eth)).toEqual(ok(100_000_000_000_000_000n));
    // Beyond 2^53: no float on the way.
    expect(parseAmount('9007199254740993', whole)).toEqual(ok(9_007_199_254_740_993n));
  });

  it('asks for an amount when the field is empty or blank', () => {
    expect(parseAmount('', usdt)).toEqual(err('Enter an amount.'));
    expect(parseAmount('   \t ', usdt)).toEqual(err('Enter an amount.'));
  });

  it('ignores surrounding whitespace but not whitespace inside the number', () => {
    expect(parseAmount('  2.5 \n', usdt)).toEqual(ok(2_500_000n));
    expect(parseAmount('1 000', usdt)).toEqual(err('Use digits and at most one decimal point.'));
  });

  it('refuses zero unless allowed', () => {
    for (const zero of ['0', '0.0', '000', '.0', '0.']) {
      expect(parseAmount(zero, usdt)).toEqual(err('The amount must be more than zero.'));
      expect(parseAmount(zero, { ...usdt, allowZero: true })).toEqual(ok(0n));
    }
  });

  it('refuses negative amounts', () => {
    expect(parseAmount('-1', usdt)).toEqual(err('The amount cannot be negative.'));
    expect(parseAmount(' -0.5', usdt)).toEqual(err('The amount cannot be negative.'));
    expect(parseAmount('-0', usdt)).toEqual(err('The amount cannot be negative.'));
  });

  it('refuses more decimals than the token has, naming the token', () => {
    expect(parseAmount('1.0000001', usdt)).toEqual(err('USDT has at most 6 decimals.'));
    expect(parseAmount('0.0000000000000000001', eth)).toEqual(err('ETH has at most 18 decimals.'));
    expect(parseAmount('1.5', whole)).toEqual(err('PTS is counted in whole numbers.'));
    // Exactly the maximum is fine, and trailing zeros still count as typed digits.
    expect(parseAmount('1.000001', usdt)).toEqual(ok(1_000_001n));
    expect(parseAmount('1.0000000', usdt)).toEqual(err('USDT has at most 6 decimals.'));
  });

  it('refuses exponent notation in either case', () => {
    for (const s of ['1e6', '1E6', '1.5e-3', '2e+2']) {
      expect(parseAmount(s, usdt)).toEqual(err('Write the amount in plain digits, without exponent notation.'));
    }
  });

  it('accepts thousands commas', () => {
    expect(parseAmount('1,234.5', usdt)).toEqual(ok(1_234_500_000n));
    expect(parseAmount('1,000,000', usdt)).toEqual(ok(1_000_000_000_000n));
  });

  // KNOWN BUG (fails until src/lib/parse.ts is fixed): every comma is deleted wherever it is, so a comma typed as a
  // decimal separator ("0,5", common in Europe) is read as 5, ten times the intended amount, and "1,2,3" as 123.
  // A comma should only be accepted as a thousands separator (groups of three digits before the point).
  it('does not read a comma typed as a decimal separator as a thousands separator', () => {
    expect(parseAmount('0,5', usdt).ok).toBe(false);
    expect(parseAmount('1,2,3', usdt).ok).toBe(false);
    expect(parseAmount('1.5,0', usdt).ok).toBe(false);
  });

  it('accepts a leading dot and a trailing dot', () => {
    expect(parseAmount('.5', usdt)).toEqual(ok(500_000n));
    expect(parseAmount('5.', usdt)).toEqual(ok(5_000_000n));
  });

  it('refuses other shapes with a sentence', () => {
    for (const s of ['.', '1.2.3', '+1', '0x10', '1_000', '١٢', '12abc', 'NaN', '∞']) {
      expect(parseAmount(s, usdt)).toEqual(err('Use digits and at most one decimal point.'));
    }
  });

  it('enforces max and min with the sentence from the rules, inclusive at the bound', () => {
    const rules: AmountRules = {
      ...usdt,
      max: { value: 100_000_000n, reason: 'Your balance is 100 USDT.' },
      min: { value: 1_000_000n, reason: 'The smallest payment is 1 USDT.' },
    };
    expect(parseAmount('100', rules)).toEqual(ok(100_000_000n));
    expect(parseAmount('100.000001', rules)).toEqual(err('Your balance is 100 USDT.'));
    expect(parseAmount('1', rules)).toEqual(ok(1_000_000n));
    expect(parseAmount('0.999999', rules)).toEqual(err('The smallest payment is 1 USDT.'));
  });

  describe('fuzz (seeded)', () => {
    const SEED = 0x5eed1;

    it('round-trips formatUnits output exactly for every decimals 0..18', () => {
      const r = prng(SEED);
      for (let i = 0; i < 3000; i++) {
        const decimals = i % 19;
        const value = r.bigint(256);
        const text = formatUnits(value, decimals);
        const parsed = parseAmount(text, { decimals, symbol: 'T', allowZero: true });
        expect(parsed, `seed ${SEED} case ${i}: ${text} @ ${decimals}`).toEqual(ok(value));
      }
    });

    it('never throws on junk, always answers ok or an error sentence, and never accepts too many decimals', () => {
      const r = prng(SEED + 1);
      const alphabet = ['0', '1', '5', '9', '.', ',', '-', '+', 'e', 'E', ' ', '\t', 'x', 'a', '_', '٣', '€', '0x', '..', '00'];
      let accepted = 0;
      for (let i = 0; i < 5000; i++) {
        const decimals = r.int(0, 18);
        const len = r.int(0, 14);
        let s = '';
        for (let k = 0; k < len; k++) s += r.pick(alphabet);
        const rules: AmountRules = { decimals, symbol: 'T', allowZero: r.next() < 0.5 };
        let parsed: ReturnType<typeof parseAmount> | undefined;
        expect(() => (parsed = parseAmount(s, rules)), `seed ${SEED + 1} case ${i}: ${JSON.stringify(s)}`).not.toThrow();
        if (!parsed) throw new Error('unreachable');
        if (parsed.ok) {
          accepted++;
          expect(parsed.value >= 0n).toBe(true);
          const frac = s.trim().replace(/,/g, '').split('.')[1] ?? '';
          expect(frac.length, JSON.stringify(s)).toBeLessThanOrEqual(decimals);
        } else {
          expect(parsed.error).toMatch(/^[A-Z].*\.$/);
        }
      }
      // The alphabet is digit-heavy enough that the accepting branch is exercised too.
      expect(accepted).toBeGreaterThan(50);
    });
  });
});

describe('parseCount', () => {
  const rules = { noun: 'units' };

  it('parses whole numbers, ignoring surrounding whitespace', () => {
    expect(parseCount('3', rules)).toEqual(ok(3n));
    expect(parseCount(' 12 ', rules)).toEqual(ok(12n));
    expect(parseCount('007', rules)).toEqual(ok(7n));
  });

  it('says what is wrong, naming the noun', () => {
    expect(parseCount('', rules)).toEqual(err('Enter the number of units.'));
    expect(parseCount('  ', rules)).toEqual(err('Enter the number of units.'));
    expect(parseCount('0', rules)).toEqual(err('Buy at least one of the units.'));
    expect(parseCount('-1', rules)).toEqual(err('The number cannot be negative.'));
    expect(parseCount('1e3', rules)).toEqual(err('Write the number in plain digits.'));
    expect(parseCount('1.5', rules)).toEqual(err('Buy whole units only.'));
    expect(parseCount('1.0', rules)).toEqual(err('Buy whole units only.'));
    expect(parseCount('.5', rules)).toEqual(err('Buy whole units only.'));
    expect(parseCount('1,000', rules)).toEqual(err('Use digits only.'));
    expect(parseCount('0x10', rules)).toEqual(err('Use digits only.'));
    expect(parseCount('+2', rules)).toEqual(err('Use digits only.'));
  });

  it('allows zero only when asked', () => {
    expect(parseCount('0', { ...rules, allowZero: true })).toEqual(ok(0n));
  });

  it('enforces max and min with the sentence from the rules', () => {
    const bounded = {
      noun: 'days',
      max: { value: 365n, reason: 'Advance at most 365 days at a time.' },
      min: { value: 2n, reason: 'At least two days.' },
    };
    expect(parseCount('365', bounded)).toEqual(ok(365n));
    expect(parseCount('366', bounded)).toEqual(err('Advance at most 365 days at a time.'));
    expect(parseCount('1', bounded)).toEqual(err('At least two days.'));
    // Larger than any JS number can hold exactly: still compared as a bigint.
    expect(parseCount('99999999999999999999999', bounded)).toEqual(err('Advance at most 365 days at a time.'));
  });
});

describe('parseRecipient', () => {
  // Anvil's first two accounts, in EIP-55 checksum form.
  const alice = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266' as Address;
  const bob = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as Address;

  it('accepts a checksummed address and returns it checksummed', () => {
    expect(parseRecipient(bob)).toEqual(ok(bob));
    expect(parseRecipient(`  ${bob}\n`)).toEqual(ok(bob));
  });

  it('accepts an all-lowercase address (no checksum to check) and checksums it', () => {
    expect(parseRecipient(bob.toLowerCase())).toEqual(ok(bob));
  });

  // KNOWN BUG (fails until src/lib/parse.ts is fixed; minor): the doc comment says the checksum is checked "where
  // mixed case", and EIP-55 treats an all-uppercase address like an all-lowercase one (no checksum). viem's
  // isAddress(…, { strict: true }) only exempts all-lowercase, so an all-uppercase address is refused with the
  // false claim that its checksum is wrong.
  it('accepts an all-uppercase address (no checksum to check)', () => {
    const upper = `0x${bob.slice(2).toUpperCase()}`;
    expect(parseRecipient(upper)).toEqual(ok(bob));
  });

  it('asks for an address when empty', () => {
    expect(parseRecipient('')).toEqual(err('Enter the recipient address.'));
    expect(parseRecipient('   ')).toEqual(err('Enter the recipient address.'));
  });

  it('refuses malformed addresses', () => {
    const shape = err('An address is 0x followed by 40 hexadecimal characters.');
    expect(parseRecipient(bob.slice(0, -1))).toEqual(shape);
    expect(parseRecipient(`${bob}0`)).toEqual(shape);
    expect(parseRecipient(bob.slice(2))).toEqual(shape);
    expect(parseRecipient(`0X${bob.slice(2)}`)).toEqual(shape);
    expect(parseRecipient(`0x${'g'.repeat(40)}`)).toEqual(shape);
    expect(parseRecipient('vitalik.eth')).toEqual(shape);
  });

  it('refuses a mixed-case address whose checksum is wrong', () => {
    // Flip the case of one letter of a valid checksummed address.
    const i = bob.search(/[a-f]/);
    const typo = `${bob.slice(0, i)}${bob[i].toUpperCase()}${bob.slice(i + 1)}`;
    expect(typo).not.toBe(bob);
    expect(parseRecipient(typo)).toEqual(
      err('The checksum of this address is wrong: check for a typo, or paste it again.'),
    );
  });

  it('refuses the zero address', () => {
    expect(parseRecipient(zeroAddress)).toEqual(err('Sending to the zero address would destroy the NFT.'));
  });

  it('refuses the own address in any casing, and accepts others when self is given', () => {
    const own = err('That is your own address.');
    expect(parseRecipient(alice, alice)).toEqual(own);
    expect(parseRecipient(alice.toLowerCase(), alice)).toEqual(own);
    expect(parseRecipient(alice, alice.toLowerCase() as Address)).toEqual(own);
    expect(parseRecipient(bob, alice)).toEqual(ok(getAddress(bob)));
  });
});

describe('parseListingPrice', () => {
  it('refuses a price above a billion USDT, in words', () => {
    expect(parseListingPrice('99,999,999,999,999,999,999,999')).toEqual({ ok: false, error: 'A listing price can be at most 1,000,000,000 USDT.' });
    expect(parseListingPrice('1000000000.000001')).toEqual({ ok: false, error: 'A listing price can be at most 1,000,000,000 USDT.' });
    expect(parseListingPrice('1,000,000,000')).toEqual({ ok: true, value: MAX_LISTING_PRICE * 1_000_000n });
    expect(parseListingPrice('585')).toEqual({ ok: true, value: 585_000_000n });
  });

  it('keeps the amount rules', () => {
    expect(parseListingPrice('0')).toEqual({ ok: false, error: 'The amount must be more than zero.' });
    expect(parseListingPrice('1.0000001')).toEqual({ ok: false, error: 'USDT has at most 6 decimals.' });
  });
});

// Parsing what people type into amount and count fields. Every rejection says what is wrong in words.
import { isAddress, getAddress, parseUnits, zeroAddress, type Address } from 'viem';
import { formatInteger } from './format';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const DECIMAL = /^\d+(\.\d*)?$|^\.\d+$/;

export interface AmountRules {
  decimals: number;
  symbol: string;
  /** Largest allowed value (e.g. the wallet balance), with the sentence that explains it. */
  max?: { value: bigint; reason: string };
  min?: { value: bigint; reason: string };
  allowZero?: boolean;
}

/** Parses a token amount exactly, refusing anything it cannot represent. */
export function parseAmount(input: string, rules: AmountRules): Parsed<bigint> {
  const raw = input.trim();
  if (raw === '') return { ok: false, error: 'Enter an amount.' };
  // Commas are accepted only as thousands separators (1,234.5); "0,5" is not read as 5.
  if (raw.includes(',') && !/^-?\d{1,3}(,\d{3})+(\.\d*)?$/.test(raw)) {
    return { ok: false, error: 'Use a dot for decimals; commas may only separate thousands.' };
  }
  const text = raw.replace(/,/g, '');
  if (text.startsWith('-')) return { ok: false, error: 'The amount cannot be negative.' };
  if (/e/i.test(text)) return { ok: false, error: 'Write the amount in plain digits, without exponent notation.' };
  if (!DECIMAL.test(text)) return { ok: false, error: 'Use digits and at most one decimal point.' };
  const frac = text.split('.')[1] ?? '';
  if (frac.length > rules.decimals) {
    return {
      ok: false,
      error:
        rules.decimals === 0
          ? `${rules.symbol} is counted in whole numbers.`
          : `${rules.symbol} has at most ${rules.decimals} decimals.`,
    };
  }
  const value = parseUnits(text, rules.decimals);
  if (value === 0n && !rules.allowZero) return { ok: false, error: 'The amount must be more than zero.' };
  if (rules.min && value < rules.min.value) return { ok: false, error: rules.min.reason };
  if (rules.max && value > rules.max.value) return { ok: false, error: rules.max.reason };
  return { ok: true, value };
}

/** Parses a count of whole units (quantity fields). */
export function parseCount(input: string, rules: Omit<AmountRules, 'decimals' | 'symbol'> & { noun: string }): Parsed<bigint> {
  const text = input.trim();
  if (text === '') return { ok: false, error: `Enter the number of ${rules.noun}.` };
  if (text.startsWith('-')) return { ok: false, error: 'The number cannot be negative.' };
  if (/e/i.test(text)) return { ok: false, error: 'Write the number in plain digits.' };
  if (/\./.test(text)) return { ok: false, error: `Buy whole ${rules.noun} only.` };
  if (!/^\d+$/.test(text)) return { ok: false, error: 'Use digits only.' };
  const value = BigInt(text);
  if (value === 0n && !rules.allowZero) return { ok: false, error: `Buy at least one of the ${rules.noun}.` };
  if (rules.min && value < rules.min.value) return { ok: false, error: rules.min.reason };
  if (rules.max && value > rules.max.value) return { ok: false, error: rules.max.reason };
  return { ok: true, value };
}

/** Parses a recipient address: well formed, checksum correct where mixed case, not the zero address, not `self`. */
export function parseRecipient(input: string, self?: Address): Parsed<Address> {
  const text = input.trim();
  if (text === '') return { ok: false, error: 'Enter the recipient address.' };
  if (!/^0x[0-9a-fA-F]{40}$/.test(text)) return { ok: false, error: 'An address is 0x followed by 40 hexadecimal characters.' };
  // EIP-55: an all-lowercase or all-uppercase address carries no checksum; a mixed-case one must match it.
  const body = text.slice(2);
  const hasChecksum = body !== body.toLowerCase() && body !== body.toUpperCase();
  if (hasChecksum && !isAddress(text, { strict: true })) {
    return { ok: false, error: 'The checksum of this address is wrong: check for a typo, or paste it again.' };
  }
  const address = getAddress(text);
  if (address === zeroAddress) return { ok: false, error: 'Sending to the zero address would destroy the NFT.' };
  if (self && address === getAddress(self)) return { ok: false, error: 'That is your own address.' };
  return { ok: true, value: address };
}

/**
 * Highest listing price the app accepts, in whole USDT. The Marketplace stores any uint256 price, and a
 * price no one can pay only leaves a listing nobody can buy (and overflows the per-unit figures the page
 * shows), so the app holds prices to a billion dollars: far above any hash-power NFT.
 */
export const MAX_LISTING_PRICE = 1_000_000_000n;

/** A listing price in USDT: the amount rules, then at most MAX_LISTING_PRICE. */
export function parseListingPrice(input: string, decimals = 6, symbol = 'USDT'): Parsed<bigint> {
  const max = MAX_LISTING_PRICE * 10n ** BigInt(decimals);
  return parseAmount(input, {
    decimals,
    symbol,
    max: { value: max, reason: `A listing price can be at most ${formatInteger(MAX_LISTING_PRICE)} ${symbol}.` },
  });
}

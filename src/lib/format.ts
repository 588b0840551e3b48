// The one formatting module: token amounts, USD, hashrate, dates, durations. Pure functions only.
import { formatUnits } from 'viem';

/** Seconds in a day: the one constant for day arithmetic (terms, durations, loan due dates, reward days). */
export const DAY_SECONDS = 86400;
const DAY = DAY_SECONDS;

/** Groups an integer string with thin commas: 1234567 -> 1,234,567. */
function group(int: string): string {
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * A token amount for people: at most `maxDecimals` decimals (trailing zeros removed), grouped thousands,
 * rounded down so a balance is never shown higher than it is. Tiny non-zero amounts show as "<0.0001".
 */
export function formatAmount(value: bigint, decimals: number, maxDecimals = 4): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const [int, frac = ''] = formatUnits(abs, decimals).split('.');
  const cut = frac.slice(0, maxDecimals).replace(/0+$/, '');
  if (abs > 0n && int === '0' && cut === '') {
    const step = maxDecimals === 0 ? '1' : `0.${'0'.repeat(maxDecimals - 1)}1`;
    return `${negative ? '>-' : '<'}${step}`;
  }
  return `${negative ? '-' : ''}${group(int)}${cut ? `.${cut}` : ''}`;
}

/** USDT (6 decimals) to the cent, rounded down: "1,234.5 USDT". The one USDT formatter. */
export function formatUsdt(value: bigint): string {
  return `${formatAmount(value, 6, 2)} USDT`;
}

/** Amount plus symbol: "0.0012 BTC". */
export function formatToken(value: bigint, decimals: number, symbol: string, maxDecimals = 4): string {
  return `${formatAmount(value, decimals, maxDecimals)} ${symbol}`;
}

/** US dollars with cents; small positive values keep two significant digits ("$0.0042"). */
// Numbers are written out here, not by Intl.NumberFormat or toLocaleString: the first number formatter a
// page makes costs Chromium 40–56 ms (ICU's number data), one long task on the first render of every page
// that shows a figure (about 180 ms in Lighthouse's 4x mobile simulation). Amounts are rounded on their
// shortest decimal form half up, as Intl does; the tests compare each with Intl over a sweep of values.
// Dates too: the first Intl object of any kind pays that cost (a date formatter first: 45–70 ms).

/** Beyond this, `toFixed` and `String` switch to exponent notation: Intl writes such numbers out. */
const PLAIN_LIMIT = 1e21;

/**
 * A non-negative finite number to `digits` decimals, thousands grouped: 1234.5 -> "1,234.50". Rounded half
 * up on the number's shortest decimal form, as Intl rounds (0.015 -> "0.02"; `toFixed` would round the
 * binary value, 0.01499…, to "0.01").
 */
function fixedGrouped(abs: number, digits: number): string {
  const text = String(abs);
  if (abs >= PLAIN_LIMIT || text.includes('e')) return new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(abs);
  const [int, frac = ''] = text.split('.');
  let scaled = BigInt(int + frac.slice(0, digits).padEnd(digits, '0'));
  if (frac.length > digits && frac[digits] >= '5') scaled += 1n;
  const whole = String(scaled).padStart(digits + 1, '0');
  const head = whole.slice(0, whole.length - digits);
  return digits > 0 ? `${group(head)}.${whole.slice(-digits)}` : group(head);
}

/** A whole number with grouped thousands, as `toLocaleString('en-US')` writes it: 1234567 -> "1,234,567". */
export function formatInteger(n: number | bigint): string {
  if (typeof n === 'number' && (!Number.isInteger(n) || Math.abs(n) >= PLAIN_LIMIT)) return n.toLocaleString('en-US');
  return group(String(n)); // a leading "-" is not a digit: the grouping starts after it
}

export function formatUsd(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  if (abs > 0 && abs < 0.01) {
    if (abs < 1e-9) return `${value < 0 ? '>-' : '<'}$0.000000001`;
    // two significant digits, in plain decimals (toPrecision would switch to exponent notation)
    return `${value < 0 ? '-' : ''}$${abs.toFixed(1 - Math.floor(Math.log10(abs)))}`;
  }
  const text = fixedGrouped(abs, 2);
  // "-$0.00" never shows: a value that rounds to zero cents is zero dollars.
  return value < 0 && text !== '0.00' ? `-$${text}` : `$${text}`;
}

/** The USD value of a token amount at a price in USD per whole token. */
export function toUsd(value: bigint, decimals: number, priceUsd: number): number {
  return Number(formatUnits(value, decimals)) * priceUsd;
}

/**
 * A stablecoin amount (6 decimals) as dollars: "$1,234.50". USDT is the dollar unit here, so its USD value
 * is the amount itself, rounded down to cents exactly as `formatAmount(v, 6, 2)` rounds the token figure:
 * "114 USDT" never sits beside "$114.01". Amounts under a cent keep two significant digits ("$0.0050").
 */
export function formatStable(value: bigint, decimals = 6): string {
  const cent = decimals >= 2 ? 10n ** BigInt(decimals - 2) : 1n;
  const abs = value < 0n ? -value : value;
  if (abs < cent) return formatUsd(Number(formatUnits(value, decimals)));
  return formatUsd(Number(formatUnits(roundDown(value, decimals, 2), decimals)));
}

/** A price per hashrate unit per day (offers, the unit-day filter): USDT to all 6 decimals, "0.001 USDT". */
export function formatUnitDayPrice(value: bigint): string {
  return `${formatAmount(value, 6, 6)} USDT`;
}

// ---------------------------------------------------------------- the rounding rule
// Every figure on screen is rounded DOWN to the decimals its unit shows (a balance or a proceeds line is
// never shown higher than it is). Where parts make up a total (fee + proceeds = price, principal + interest
// = payout), the parts are rounded with `splitForDisplay` so the parts shown add up to the total shown.
// A USD figure next to a token figure is computed from the token figure as shown (`formatTokenUsd`).

/** `value` (base units of a `decimals` token) rounded down (toward zero) to `shown` decimals, in base units. */
export function roundDown(value: bigint, decimals: number, shown: number): bigint {
  if (shown >= decimals) return value;
  const step = 10n ** BigInt(decimals - shown);
  return (value / step) * step;
}

/**
 * Rounds `parts` (which add up to `total`) to `shown` decimals so that the rounded parts add up to the
 * rounded-down total (largest remainder: each part is rounded down, then the steps still missing go to
 * the parts with the largest remainders, the earlier part first on a tie). Parts that do not add up to
 * the total are only rounded down.
 */
export function splitForDisplay(total: bigint, parts: readonly bigint[], decimals: number, shown: number): bigint[] {
  const floored = parts.map((p) => roundDown(p, decimals, shown));
  const sum = parts.reduce((a, b) => a + b, 0n);
  if (sum !== total || shown >= decimals || parts.some((p) => p < 0n)) return floored;
  const step = 10n ** BigInt(decimals - shown);
  let missing = (roundDown(total, decimals, shown) - floored.reduce((a, b) => a + b, 0n)) / step;
  const order = parts
    .map((p, i) => ({ i, rest: p - floored[i] }))
    .sort((a, b) => (a.rest === b.rest ? a.i - b.i : a.rest > b.rest ? -1 : 1));
  const out = [...floored];
  for (const { i } of order) {
    if (missing <= 0n) break;
    out[i] += step;
    missing -= 1n;
  }
  return out;
}

/** Decimals a unit's summary figures show: cents for the dollar token, about a cent's worth or finer for coins. */
const UNIT_DECIMALS: Record<string, number> = { USDT: 2, USDC: 2, DAI: 2, BTC: 6, WBTC: 6, ETC: 4, ETH: 6, FIL: 4 };

/**
 * The decimals to show for `value` of a unit: the unit's own (USDT 2, BTC 6, ETC and FIL 4, else 4),
 * more for small amounts so at least three significant digits show (for a dollar token only below a
 * cent, as formatStable), never more than the token has.
 */
export function displayDecimals(value: bigint, decimals: number, symbol: string): number {
  const base = Math.min(decimals, UNIT_DECIMALS[symbol.toUpperCase()] ?? 4);
  const abs = value < 0n ? -value : value;
  if (abs === 0n) return base;
  if (isDollarToken(symbol) && abs >= 10n ** BigInt(Math.max(0, decimals - base))) return base;
  // digits of the integer part in base units; the first significant digit sits at decimal (decimals - len + 1)
  const len = abs.toString().length;
  const firstSignificant = decimals - len + 1;
  return Math.max(base, Math.min(decimals, firstSignificant + 2));
}

/** A token amount by the rule of its unit: "9,897.26 USDT", "999.9968 FIL", "0.0000123 BTC". */
export function formatUnitAmount(value: bigint, decimals: number, symbol: string): string {
  return `${formatAmount(value, decimals, displayDecimals(value, decimals, symbol))} ${symbol}`;
}

/** Dollar tokens: their USD value is the amount itself, whatever an oracle would say. */
export function isDollarToken(symbol: string): boolean {
  return DOLLAR_TOKENS.has(symbol.toUpperCase());
}
const DOLLAR_TOKENS = new Set(['USDT', 'USDC', 'DAI']);

/**
 * A token amount and its USD value, both from the same rounded amount: the token figure as shown (by the
 * unit's rule, or to `maxDecimals` for an exact figure) times the price, so the two always agree. A dollar
 * token's USD is its amount rounded down to cents, like its token figure: "114 USDT" beside "$114.00".
 */
export function formatTokenUsd(value: bigint, decimals: number, symbol: string, priceUsd: number, maxDecimals?: number): { token: string; usd: string } {
  const places = maxDecimals ?? displayDecimals(value, decimals, symbol);
  const shown = roundDown(value, decimals, places);
  return {
    token: `${formatAmount(value, decimals, places)} ${symbol}`,
    usd: isDollarToken(symbol) ? formatStable(shown, decimals) : formatUsd(toUsd(shown, decimals, priceUsd)),
  };
}

export function formatHashrate(value: bigint | number, unit: string): string {
  return `${group(String(value))} ${unit}`;
}

export function formatPercent(fraction: number, digits = 1): string {
  if (!Number.isFinite(fraction)) return '—';
  return `${(fraction * 100).toFixed(digits)}%`;
}

/** Basis points as a percentage, trailing zeros dropped: 5000 → "50%", 250 → "2.5%", 1 → "0.01%". */
export function formatBps(bps: number | bigint): string {
  return `${formatAmount(BigInt(bps), 2, 2)}%`;
}

/** en-GB's short month names, as Intl writes them ("Sept" since CLDR 38). */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'];

/** The UTC date of `unixSeconds`; undefined outside years 1000–9999 (Intl writes those, or throws on NaN). */
function utcParts(unixSeconds: number | bigint): { day: number; month: string; year: number; time: string } | undefined {
  const d = new Date(Number(unixSeconds) * 1000);
  const year = d.getUTCFullYear();
  if (!(year >= 1000 && year <= 9999)) return undefined;
  const two = (n: number) => String(n).padStart(2, '0');
  return { day: d.getUTCDate(), month: MONTHS[d.getUTCMonth()], year, time: `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}` };
}

/** "2 Dec 2026" in UTC, since terms run over UTC days. */
export function formatDate(unixSeconds: number | bigint): string {
  const p = utcParts(unixSeconds);
  if (!p) return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Number(unixSeconds) * 1000));
  return `${p.day} ${p.month} ${p.year}`;
}

/** "2 Dec, 14:05 UTC". */
export function formatDateTime(unixSeconds: number | bigint): string {
  const p = utcParts(unixSeconds);
  if (!p) return `${new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }).format(new Date(Number(unixSeconds) * 1000))} UTC`;
  return `${p.day} ${p.month}, ${p.time} UTC`;
}

/** A duration in seconds as the two largest units: "3d 4h", "5h 12m", "42s". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const d = Math.floor(s / DAY);
  const h = Math.floor((s % DAY) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return `${m}m ${s % 60}s`;
  return `${s}s`;
}

/** Whole days left until `end`, rounded up; 0 once passed (deposit maturities; NFT terms use lib/terms termStatus). */
export function daysLeft(end: number | bigint, now: number): number {
  const left = Number(end) - now;
  return left <= 0 ? 0 : Math.ceil(left / DAY);
}

export function plural(n: number | bigint, word: string, pluralWord = `${word}s`): string {
  return `${formatInteger(n)} ${n === 1 || n === 1n ? word : pluralWord}`;
}

/** 0x1234…abcd */
export function shortAddress(address: string): string {
  return address.length > 12 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;
}

/** Efficiency stored x10: 175 -> "17.5 W per TH/s". */
export function formatEfficiency(wx10: number, unit: string): string {
  const tenths = Math.round(Math.abs(wx10));
  const text = `${formatInteger(Math.trunc(tenths / 10))}${tenths % 10 ? `.${tenths % 10}` : ''}`;
  return `${wx10 < 0 && tenths !== 0 ? '-' : ''}${text} W per ${unit}`;
}

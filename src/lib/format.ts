// The one formatting module: token amounts, USD, hashrate, dates, durations. Pure functions only.
import { formatUnits } from 'viem';

const DAY = 86400;

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

/** Amount plus symbol: "0.0012 BTC". */
export function formatToken(value: bigint, decimals: number, symbol: string, maxDecimals = 4): string {
  return `${formatAmount(value, decimals, maxDecimals)} ${symbol}`;
}

/** US dollars with cents; small positive values keep two significant digits ("$0.0042"). */
export function formatUsd(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  if (abs > 0 && abs < 0.01) {
    if (abs < 1e-9) return `${value < 0 ? '>-' : '<'}$0.000000001`;
    // two significant digits, in plain decimals (toPrecision would switch to exponent notation)
    return `${value < 0 ? '-' : ''}$${abs.toFixed(1 - Math.floor(Math.log10(abs)))}`;
  }
  return value.toLocaleString('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** The USD value of a token amount at a price in USD per whole token. */
export function toUsd(value: bigint, decimals: number, priceUsd: number): number {
  return Number(formatUnits(value, decimals)) * priceUsd;
}

/** A stablecoin amount (6 decimals) as dollars: "$1,234.50". */
export function formatStable(value: bigint, decimals = 6): string {
  return formatUsd(Number(formatUnits(value, decimals)));
}

export function formatHashrate(value: bigint | number, unit: string): string {
  return `${group(String(value))} ${unit}`;
}

export function formatPercent(fraction: number, digits = 1): string {
  if (!Number.isFinite(fraction)) return '—';
  return `${(fraction * 100).toFixed(digits)}%`;
}

/** "2 Dec 2026" in UTC, since terms run over UTC days. */
export function formatDate(unixSeconds: number | bigint): string {
  return new Date(Number(unixSeconds) * 1000).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

export function formatDateTime(unixSeconds: number | bigint): string {
  return `${new Date(Number(unixSeconds) * 1000).toLocaleString('en-GB', {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
  })} UTC`;
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

/** Whole days left until `end`, rounded up; 0 once passed. */
export function daysLeft(end: number | bigint, now: number): number {
  const left = Number(end) - now;
  return left <= 0 ? 0 : Math.ceil(left / DAY);
}

export function plural(n: number | bigint, word: string, pluralWord = `${word}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 || n === 1n ? word : pluralWord}`;
}

/** 0x1234…abcd */
export function shortAddress(address: string): string {
  return address.length > 12 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;
}

/** Efficiency stored x10: 175 -> "17.5 W per TH/s". */
export function formatEfficiency(wx10: number, unit: string): string {
  return `${(wx10 / 10).toLocaleString('en-US', { maximumFractionDigits: 1 })} W per ${unit}`;
}

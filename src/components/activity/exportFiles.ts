// Files a user downloads from the Activity page: CSV of rewards received (for tax: date, coin, amount,
// USD at that day's price), CSV of all activity, and the calendar as iCalendar (.ics, RFC 5545), which
// calendar apps import. Plain functions over the indexer's rows and useCalendar's items, unit-tested.
import { formatAmount } from '../../lib/format';
import type { AgendaItem } from '../../lib/deposits';
import type { ActivityEntry } from '../../lib/indexer';
import { KIND_TEXT, isReward } from './kinds';

/** One CSV field: quoted when it holds a comma, quote or line break (RFC 4180). */
function field(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function toCsv(header: string[], rows: string[][]): string {
  return [header, ...rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}

const isoDate = (t: number) => new Date(t * 1000).toISOString().slice(0, 10);
const isoTime = (t: number) => new Date(t * 1000).toISOString().replace('.000Z', 'Z');
/** Exact decimal text (no grouping, no rounding): what a spreadsheet sums. */
const exact = (v: bigint, decimals: number) => formatAmount(v, decimals, decimals).replace(/,/g, '');
const usdText = (v: bigint | undefined) => (v === undefined ? '' : exact(v, 6));

/** Rewards received, oldest first: date (UTC), coin, amount, USD at the time, NFT, transaction. */
export function rewardsCsv(entries: ActivityEntry[]): string {
  const rows = entries
    .filter((e) => isReward(e.kind))
    .sort((a, b) => a.timestamp - b.timestamp)
    .map((e) => [isoDate(e.timestamp), e.asset, exact(e.amount, e.decimals), usdText(e.usd), e.tokenId === undefined ? '' : String(e.tokenId), e.txHash]);
  return toCsv(['date', 'coin', 'amount', 'usd_at_the_time', 'nft', 'transaction'], rows);
}

/** Every entry of the wallet's history, oldest first. */
export function activityCsv(entries: ActivityEntry[]): string {
  const rows = [...entries]
    .sort((a, b) => a.timestamp - b.timestamp)
    .map((e) => [
      isoTime(e.timestamp),
      KIND_TEXT[e.kind] ?? e.kind,
      e.asset,
      exact(e.amount, e.decimals),
      usdText(e.usd),
      e.tokenId === undefined ? '' : String(e.tokenId),
      e.counterparty ?? '',
      String(e.blockNumber),
      e.txHash,
    ]);
  return toCsv(['time_utc', 'what', 'asset', 'amount', 'usd_at_the_time', 'nft', 'counterparty', 'block', 'transaction'], rows);
}

/** Text of an iCalendar property value: backslash, semicolon, comma and line breaks escaped. */
const icsText = (s: string) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
const icsStamp = (t: number) => new Date(t * 1000).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** Lines longer than 75 octets are folded (RFC 5545 3.1): a line break and a space. */
function fold(line: string): string {
  const out: string[] = [];
  let rest = line;
  while (rest.length > 74) {
    out.push(rest.slice(0, 74));
    rest = ` ${rest.slice(74)}`;
  }
  out.push(rest);
  return out.join('\r\n');
}

/** The calendar's items as one VCALENDAR, each a VEVENT at its moment (UTC), linking back to its page. */
export function calendarIcs(items: AgendaItem[], { origin, account, now }: { origin: string; account: string; now: number }): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Hashmint//Calendar//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', 'X-WR-CALNAME:Hashmint'];
  for (const item of items) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${item.key}-${account.toLowerCase()}@hashmint`,
      `DTSTAMP:${icsStamp(now)}`,
      `DTSTART:${icsStamp(item.at)}`,
      `DTEND:${icsStamp(item.at + 1800)}`,
      `SUMMARY:${icsText(item.title)}`,
      `DESCRIPTION:${icsText(item.detail)}`,
      `URL:${origin}${item.href}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}

/** Starts a download of `text` as `name` in the browser. */
export function download(name: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

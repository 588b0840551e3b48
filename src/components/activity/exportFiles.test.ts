import { describe, expect, it } from 'vitest';
import type { ActivityEntry } from '../../lib/indexer';
import { activityCsv, calendarIcs, rewardsCsv, toCsv } from './exportFiles';

const entry = (over: Partial<ActivityEntry>): ActivityEntry => ({
  id: 'x',
  kind: 'claim',
  asset: 'BTC',
  decimals: 8,
  amount: 12_345n,
  usd: 8_794_000n,
  timestamp: 1_796_000_000,
  blockNumber: 120n,
  txHash: '0xabc',
  tokenId: 3n,
  ...over,
});

describe('exports', () => {
  it('quotes CSV fields with commas, quotes and line breaks', () => {
    expect(toCsv(['a', 'b'], [['1,5', 'say "hi"'], ['x\ny', 'plain']])).toBe('a,b\r\n"1,5","say ""hi"""\r\n"x\ny",plain\r\n');
  });

  it('lists rewards only, oldest first, with exact amounts and USD at the time', () => {
    const csv = rewardsCsv([
      entry({ id: '2', timestamp: 1_796_100_000, amount: 1_000_000_000_000_000_000n, asset: 'ETC', decimals: 18, usd: 21_500_000n, tokenId: 2n }),
      entry({ id: '1' }),
      entry({ id: '3', kind: 'buy', asset: 'USDT', decimals: 6, amount: 5_000_000n, usd: 5_000_000n }),
    ]);
    expect(csv.trim().split('\r\n')).toEqual([
      'date,coin,amount,usd_at_the_time,nft,transaction',
      '2026-11-30,BTC,0.00012345,8.794,3,0xabc',
      '2026-12-01,ETC,1,21.5,2,0xabc',
    ]);
  });

  it('lists every entry with its time, name and block', () => {
    const lines = activityCsv([entry({ kind: 'borrow', asset: 'USDT', decimals: 6, amount: 120_000_000n, usd: 120_000_000n, tokenId: undefined })]).trim().split('\r\n');
    expect(lines[1]).toBe('2026-11-30T00:53:20Z,Borrowed,USDT,120,120,,,120,0xabc');
  });

  it('writes an iCalendar file with one escaped event per item, lines folded at 75', () => {
    const ics = calendarIcs(
      [{ key: 'loan-1', kind: 'loan', at: 1_796_000_000, title: 'Loan #1 due', detail: 'Pay 120 USDT, or else; a very long detail that keeps going past the seventy-five octet limit', href: '#/loans' }],
      { origin: 'http://127.0.0.1:5173/', account: '0xAbC', now: 1_795_000_000 },
    );
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics).toContain('UID:loan-1-0xabc@hashmint\r\n');
    expect(ics).toContain('DTSTART:20261130T005320Z\r\n');
    expect(ics).toContain('SUMMARY:Loan #1 due\r\n');
    expect(ics).toContain('DESCRIPTION:Pay 120 USDT\\, or else\\; a very long detail');
    for (const line of ics.split('\r\n')) expect(line.length).toBeLessThanOrEqual(75);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });
});

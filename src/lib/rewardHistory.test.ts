// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { DAY_SECONDS } from './format';
import type { CoinState } from './protocol';
import { rewardHistory } from './rewardHistory';

const DAY = DAY_SECONDS;
const GENESIS = 1_767_225_600; // 2026-01-01T00:00:00Z
const at = (day: number, seconds = 0) => BigInt(GENESIS + day * DAY + seconds);
const E6 = 1_000_000n; // output per unit is stored x1e6

function coin(c: Pick<CoinState, 'id' | 'symbol' | 'decimals' | 'priceUsd' | 'postedDays' | 'history' | 'historyFrom'>): CoinState {
  return {
    unit: 'TH/s',
    token: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512',
    priceUpdatedAt: GENESIS,
    latestOutput: c.history[c.history.length - 1] ?? 0n,
    averageOutput7d: 0n,
    ...c,
  };
}

// BTC: days 4..9 posted, day d pays (1000 + 100 (d - 4)) sats per TH/s.
const btc = coin({
  id: 0,
  symbol: 'BTC',
  decimals: 8,
  priceUsd: 100_000,
  postedDays: 10,
  historyFrom: 4,
  history: [1000n, 1100n, 1200n, 1300n, 1400n, 1500n].map((sats) => sats * E6),
});
// FIL: days 2..7 posted, day d pays d * 0.001 FIL per unit.
const fil = coin({
  id: 1,
  symbol: 'FIL',
  decimals: 18,
  priceUsd: 5,
  postedDays: 8,
  historyFrom: 2,
  history: [2n, 3n, 4n, 5n, 6n, 7n].map((d) => d * 10n ** 15n * E6),
});

const holdings = [
  // 10 TH/s of BTC earning on days 6, 7 and 8 (the end day is excluded).
  { coin: 0, hashrate: 10n, start: at(6), end: at(9) },
  // 3 units of FIL bought during day 3, running far past the posted days.
  { coin: 1, hashrate: 3n, start: at(3, 3600), end: at(30) },
  // A BTC term that has not started yet, and one that ended before the window.
  { coin: 0, hashrate: 1000n, start: at(20), end: at(50) },
  { coin: 0, hashrate: 1000n, start: at(0), end: at(5) },
];

describe('rewardHistory', () => {
  it('sums each day per coin from the posted output, only inside each term', () => {
    const days = rewardHistory(holdings, [btc, fil], GENESIS, 5);
    // The last posted day of any coin is 9, so the window is days 5..9.
    expect(days.map((d) => d.day)).toEqual([5, 6, 7, 8, 9]);
    expect(days.map((d) => d.amounts)).toEqual([
      [0n, 15n * 10n ** 15n], // BTC term not started; FIL 3 x 0.005
      [12_000n, 18n * 10n ** 15n], // BTC 10 x 1200 sats; FIL 3 x 0.006
      [13_000n, 21n * 10n ** 15n],
      [14_000n, 0n], // FIL day 8 not posted yet
      [0n, 0n], // BTC term ended (end day excluded), FIL not posted
    ]);
    // 10,000 sats = $10 at $100,000; 0.001 FIL = $0.005 at $5.
    const usd = [0.075, 12.09, 13.105, 14, 0];
    days.forEach((d, i) => expect(d.usd, `day ${d.day}`).toBeCloseTo(usd[i], 9));
  });

  it('starts at day 0 when asked for more days than were posted', () => {
    const days = rewardHistory(holdings, [btc, fil], GENESIS, 30);
    expect(days.map((d) => d.day)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // Days 0..2: nothing of the holdings is both in term and posted (the ended BTC holding has no history there).
    expect(days.slice(0, 3).every((d) => d.amounts.every((a) => a === 0n) && d.usd === 0)).toBe(true);
    // Day 3: FIL from its start day (bought mid-day: that day counts), 3 x 0.003.
    expect(days[3].amounts).toEqual([0n, 9n * 10n ** 15n]);
    // Day 4: BTC's ended holding (days 0..4) earns 1000 x 1000 sats; FIL 3 x 0.004.
    expect(days[4].amounts).toEqual([1_000_000n, 12n * 10n ** 15n]);
    expect(days[4].usd).toBeCloseTo(1000 + 0.06, 9);
  });

  it('rounds each holding down to whole base units per day', () => {
    const tiny = coin({ ...btc, history: [333_333n, 333_333n, 333_333n, 333_333n, 333_333n, 333_333n] });
    const days = rewardHistory([{ coin: 0, hashrate: 3n, start: at(0), end: at(100) }], [tiny], GENESIS, 1);
    expect(days).toEqual([{ day: 9, amounts: [0n], usd: 0 }]);
  });

  it('is empty before any output is posted', () => {
    const none = [coin({ ...btc, postedDays: 0, history: [], historyFrom: 0 }), coin({ ...fil, postedDays: 0, history: [], historyFrom: 0 })];
    expect(rewardHistory(holdings, none, GENESIS, 30)).toEqual([]);
    expect(rewardHistory([], [], GENESIS, 30)).toEqual([]);
  });

  it('is empty, not a crash, without holdings', () => {
    expect(rewardHistory([], [btc, fil], GENESIS, 3)).toEqual([]);
  });

  it('draws no day before the first term starts or after the last one ends', () => {
    // One NFT bought during day 6 (its term starts at day 7) with 10 posted days: days 7..9, not 0..9.
    const one = [{ coin: 0, hashrate: 10n, start: at(7), end: at(37) }];
    expect(rewardHistory(one, [btc, fil], GENESIS, 30).map((d) => d.day)).toEqual([7, 8, 9]);
    // A term that ended at day 5 shows days 0..4 only.
    expect(rewardHistory([{ coin: 0, hashrate: 1n, start: at(0), end: at(5) }], [btc, fil], GENESIS, 30).map((d) => d.day)).toEqual([0, 1, 2, 3, 4]);
    // A term that has not started: nothing to draw.
    expect(rewardHistory([{ coin: 0, hashrate: 1n, start: at(20), end: at(50) }], [btc, fil], GENESIS, 30)).toEqual([]);
  });
});

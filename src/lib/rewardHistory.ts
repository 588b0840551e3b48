// Daily rewards of a set of NFTs from each coin's posted output per unit, computed locally: no log scan.
import type { CoinState } from './protocol';
import { dailyOutput } from './economics';
import { DAY_SECONDS, toUsd } from './format';

export interface DayReward {
  day: number;
  /** base units per coin id */
  amounts: bigint[];
  usd: number;
}

export function rewardHistory(
  holdings: { coin: number; hashrate: bigint; start: bigint; end: bigint }[],
  coins: CoinState[],
  genesis: number,
  days: number,
): DayReward[] {
  // The window: the last `days` posted days, clipped to the days any of the holdings' terms covers, so a
  // chart never draws days before the first term started or after the last one ended.
  if (holdings.length === 0) return [];
  const dayOf = (t: bigint) => Math.floor((Number(t) - genesis) / DAY_SECONDS);
  const termFirst = Math.min(...holdings.map((h) => dayOf(h.start)));
  const termLast = Math.max(...holdings.map((h) => dayOf(h.end))) - 1;
  const last = Math.min(Math.max(0, ...coins.map((c) => c.postedDays)) - 1, termLast);
  const first = Math.max(0, last - days + 1, termFirst);
  const out: DayReward[] = [];
  for (let day = first; day <= last; day++) {
    const amounts = coins.map(() => 0n);
    for (const h of holdings) {
      const c = coins[h.coin];
      const startDay = dayOf(h.start);
      const endDay = dayOf(h.end);
      const idx = day - c.historyFrom;
      if (day < startDay || day >= endDay || idx < 0 || idx >= c.history.length) continue;
      amounts[h.coin] += dailyOutput(h.hashrate, c.history[idx]);
    }
    const usd = amounts.reduce((sum, a, i) => sum + toUsd(a, coins[i].decimals, coins[i].priceUsd), 0);
    out.push({ day, amounts, usd });
  }
  return out;
}

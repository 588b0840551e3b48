// Daily rewards of a set of NFTs from each coin's posted output per unit, computed locally: no log scan.
import type { CoinState } from '../hooks/useProtocol';
import { dailyOutput } from './economics';
import { toUsd } from './format';

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
  const last = Math.max(0, ...coins.map((c) => c.postedDays)) - 1;
  const first = Math.max(0, last - days + 1);
  const out: DayReward[] = [];
  for (let day = first; day <= last; day++) {
    const amounts = coins.map(() => 0n);
    for (const h of holdings) {
      const c = coins[h.coin];
      const startDay = Math.floor((Number(h.start) - genesis) / 86400);
      const endDay = Math.floor((Number(h.end) - genesis) / 86400);
      const idx = day - c.historyFrom;
      if (day < startDay || day >= endDay || idx < 0 || idx >= c.history.length) continue;
      amounts[h.coin] += dailyOutput(h.hashrate, c.history[idx]);
    }
    const usd = amounts.reduce((sum, a, i) => sum + toUsd(a, coins[i].decimals, coins[i].priceUsd), 0);
    out.push({ day, amounts, usd });
  }
  return out;
}

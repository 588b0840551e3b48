// Mining economics shown before buying. The price includes electricity, so the daily net income is the
// gross output at today's price: nothing is billed later.
import { formatUnits } from 'viem';

export const OUTPUT_PRECISION = 1_000_000n;

/** Coin base units a hashrate earns in one day at `outputPerUnit` (x1e6 per unit per day). */
export function dailyOutput(hashrate: bigint, outputPerUnit: bigint): bigint {
  return (hashrate * outputPerUnit) / OUTPUT_PRECISION;
}

export interface Estimate {
  /** coin base units per day */
  dailyCoin: bigint;
  dailyUsd: number;
  /** over the whole term, at today's output and price */
  termUsd: number;
  /** days until the income repays the price; undefined when nothing is earned */
  breakevenDays?: number;
  breaksEvenInTerm: boolean;
  /** (term income - cost) / cost */
  roi: number;
}

export function estimate(args: {
  hashrate: bigint;
  outputPerUnit: bigint;
  coinDecimals: number;
  coinPriceUsd: number;
  costUsd: number;
  termDays: number;
}): Estimate {
  const dailyCoin = dailyOutput(args.hashrate, args.outputPerUnit);
  const dailyUsd = Number(formatUnits(dailyCoin, args.coinDecimals)) * args.coinPriceUsd;
  const termUsd = dailyUsd * args.termDays;
  // A relative epsilon keeps an exact breakeven (e.g. 9 / 0.9 computed as 10.000…01) from slipping a day.
  const breakevenDays = dailyUsd > 0 ? Math.max(0, Math.ceil(args.costUsd / dailyUsd - 1e-9)) : undefined;
  return {
    dailyCoin,
    dailyUsd,
    termUsd,
    breakevenDays,
    breaksEvenInTerm: breakevenDays !== undefined && breakevenDays <= args.termDays,
    roi: args.costUsd > 0 ? roundTiny((termUsd - args.costUsd) / args.costUsd) : 0,
  };
}

/** Float noise around zero (|x| < 1e-12) is zero. */
function roundTiny(x: number): number {
  return Math.abs(x) < 1e-12 ? 0 : x;
}

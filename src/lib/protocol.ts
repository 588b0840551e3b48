// Protocol-wide domain types: the coins (reward token, decimals, hashrate unit, price, output history)
// and the day clock, as src/hooks/useProtocol.ts reads them from the chain. They live in lib so pure
// modules (rewardHistory, the pages' maths) need not import a hook.
import type { Address } from 'viem';

export interface CoinState {
  id: number;
  symbol: string;
  unit: string;
  token: Address;
  decimals: number;
  priceUsd: number;
  priceUpdatedAt: number;
  postedDays: number;
  /** output per hashrate unit (x1e6) for days [historyFrom, postedDays) */
  history: bigint[];
  historyFrom: number;
  /** latest posted day's output per unit (x1e6), 0 before any */
  latestOutput: bigint;
  /** average of the last 7 posted days (x1e6) */
  averageOutput7d: bigint;
}

export interface ProtocolState {
  genesis: number;
  currentDay: number;
  coins: CoinState[];
  usdt: { address: Address; decimals: number; symbol: string };
}

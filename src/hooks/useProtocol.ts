// Protocol-wide state every page needs, read in two batched round trips: the coins (reward token,
// decimals, hashrate unit), their USD prices from the feeds, the day clock and the last 30 days of output.
import { formatUnits } from 'viem';
import { abiOf } from '../lib/contracts';
import { useChainRead } from './useChainRead';

export const HISTORY_DAYS = 30;

// The domain types live in src/lib/protocol.ts (lib code uses them too); re-exported for the hooks and pages.
import type { ProtocolState } from '../lib/protocol';
export type { CoinState, ProtocolState } from '../lib/protocol';

export function useProtocol() {
  return useChainRead({
    topic: 'protocol',
    staleTime: 15_000,
    queryFn: async ({ client, contract }): Promise<ProtocolState> => {
      const rewards = contract('Rewards');
      const usdt = contract('USDT');
      const [coins, genesis, currentDay, usdtDecimals, usdtSymbol] = await client.multicall({
        allowFailure: false,
        contracts: [
          { ...rewards, functionName: 'coins' },
          { ...rewards, functionName: 'genesis' },
          { ...rewards, functionName: 'currentDay' },
          { ...usdt, functionName: 'decimals' },
          { ...usdt, functionName: 'symbol' },
        ],
      });
      const perCoin = await client.multicall({
        allowFailure: false,
        contracts: coins.flatMap((c, i) => [
          { address: c.token, abi: abiOf('USDT'), functionName: 'decimals' } as const,
          { address: c.priceFeed, abi: abiOf('BTC_USD'), functionName: 'latestRoundData' } as const,
          {
            ...rewards,
            functionName: 'outputHistory',
            args: [i, BigInt(Math.max(0, c.postedDays - HISTORY_DAYS)), BigInt(c.postedDays)],
          } as const,
        ]),
      });
      return {
        genesis: Number(genesis),
        currentDay: Number(currentDay),
        usdt: { address: usdt.address, decimals: usdtDecimals, symbol: usdtSymbol },
        coins: coins.map((c, i) => {
          const decimals = perCoin[i * 3] as number;
          const round = perCoin[i * 3 + 1] as readonly [bigint, bigint, bigint, bigint, bigint];
          const history = perCoin[i * 3 + 2] as readonly bigint[];
          const last7 = history.slice(-7);
          return {
            id: i,
            symbol: c.symbol,
            unit: c.unit,
            token: c.token,
            decimals,
            priceUsd: Number(formatUnits(round[1], 8)),
            priceUpdatedAt: Number(round[3]),
            postedDays: c.postedDays,
            history: [...history],
            historyFrom: c.postedDays - history.length,
            latestOutput: history.at(-1) ?? 0n,
            averageOutput7d: last7.length ? last7.reduce((a, b) => a + b, 0n) / BigInt(last7.length) : 0n,
          };
        }),
      };
    },
  });
}

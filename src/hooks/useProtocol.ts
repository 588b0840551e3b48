// Protocol-wide state every page needs, read in one round trip: the coins (reward token,
// decimals, hashrate unit), their USD prices from the feeds, the day clock and the last 30 days of output.
import { formatUnits } from 'viem';
import { protocolLensAbi, protocolLensBytecode } from '../abi/abis';
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
      const usdt = contract('USDT');
      // One deployless call (mocks/src/ProtocolLens.sol: its code travels with the eth_call, nothing is
      // deployed) instead of two dependent multicalls: every page waits for this read, so it costs one round trip.
      const s = await client.readContract({
        abi: protocolLensAbi,
        code: protocolLensBytecode,
        functionName: 'snapshot',
        args: [contract('Rewards').address, usdt.address, BigInt(HISTORY_DAYS)],
      });
      return {
        genesis: Number(s.genesis),
        currentDay: Number(s.currentDay),
        usdt: { address: usdt.address, decimals: s.usdtDecimals, symbol: s.usdtSymbol },
        coins: s.coins.map((c, i) => {
          const history = c.history;
          const last7 = history.slice(-7);
          return {
            id: i,
            symbol: c.symbol,
            unit: c.unit,
            token: c.token,
            decimals: c.decimals,
            priceUsd: Number(formatUnits(c.price, 8)),
            priceUpdatedAt: Number(c.priceUpdatedAt),
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

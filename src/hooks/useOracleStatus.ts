// Each coin's oracle guard as the LoanPool sees it: the feed's max age and whether the latest round is an
// unconfirmed jump (the pool then values collateral at the higher of the last two answers). A stale feed
// makes `quote` revert: that coin reads `stale`. Lets the Loans page say why a loan that looks liquidatable
// at the latest price cannot be liquidated yet.
import { useChainRead } from './useChainRead';

export interface OracleStatus {
  coin: number;
  /** seconds */
  maxAge: number;
  stale: boolean;
  unconfirmed: boolean;
  /** 8-decimal answers; previous equals latest without a jump */
  latest?: bigint;
  previous?: bigint;
}

export function useOracleStatus(coinCount: number | undefined) {
  return useChainRead({
    topic: 'protocol',
    key: ['oracle-status', coinCount],
    enabled: coinCount !== undefined && coinCount > 0,
    refetchInterval: 30_000,
    queryFn: async ({ client, contract }): Promise<OracleStatus[]> => {
      const oracle = contract('OracleAdapter');
      const ids = Array.from({ length: coinCount ?? 0 }, (_, i) => i);
      const res = await client.multicall({
        allowFailure: true,
        contracts: ids.flatMap((i) => [
          { ...oracle, functionName: 'feedOf', args: [i] } as const,
          { ...oracle, functionName: 'quote', args: [i] } as const,
        ]),
      });
      return ids.map((coin) => {
        const feed = res[coin * 2];
        const quote = res[coin * 2 + 1];
        const maxAge = feed?.status === 'success' ? Number((feed.result as { maxAge: number }).maxAge) : 0;
        if (quote?.status !== 'success') return { coin, maxAge, stale: true, unconfirmed: false };
        const q = quote.result as { latest: bigint; previous: bigint; unconfirmed: boolean };
        return { coin, maxAge, stale: false, unconfirmed: q.unconfirmed, latest: q.latest, previous: q.previous };
      });
    },
  });
}

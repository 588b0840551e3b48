// When blocks were mined, for history lists that know only block numbers (sales, transfers, claims): the
// timestamps of every block asked for, read in one go (the transport sends the eth_getBlockByNumber calls
// as one JSON-RPC batch) and kept for good, since a mined block's time never changes.
import { useQuery } from '@tanstack/react-query';
import { usePublicClient } from 'wagmi';
import { hmKey } from '../lib/queryKeys';
import { useAppChain } from './useAppChain';

/** Unix seconds per block number (as a decimal string), once read; undefined while loading. */
export function useBlockTimes(blocks: readonly bigint[]) {
  const { chainId } = useAppChain();
  const client = usePublicClient({ chainId });
  const wanted = [...new Set(blocks.map(String))].sort();
  return useQuery({
    queryKey: hmKey(chainId, 'block', 'times', wanted.join(',')),
    enabled: Boolean(client) && wanted.length > 0,
    staleTime: Infinity,
    queryFn: async () => {
      const read = await Promise.all(wanted.map((n) => client!.getBlock({ blockNumber: BigInt(n) })));
      return new Map(read.map((b) => [String(b.number), Number(b.timestamp)]));
    },
  });
}

// When blocks were mined, for history lists that know only block numbers (sales, transfers, claims): the
// timestamps of every block asked for, read in one go (the transport sends the eth_getBlockByNumber calls
// as one JSON-RPC batch) and kept for good, since a mined block's time never changes.
import { useChainRead } from './useChainRead';

/** Unix seconds per block number (as a decimal string), once read; undefined while loading. */
export function useBlockTimes(blocks: readonly bigint[]) {
  const wanted = [...new Set(blocks.map(String))].sort();
  return useChainRead({
    topic: 'block',
    key: ['times', wanted.join(',')],
    enabled: wanted.length > 0,
    staleTime: Infinity,
    queryFn: async ({ client }) => {
      const read = await Promise.all(wanted.map((n) => client.getBlock({ blockNumber: BigInt(n) })));
      return new Map(read.map((b) => [String(b.number), Number(b.timestamp)]));
    },
  });
}

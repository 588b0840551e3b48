// The chain's clock. Local chains can be moved forward in time, so countdowns and "days left" use the
// latest block's timestamp plus the seconds elapsed since it was read, never the computer's clock alone.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { usePublicClient } from 'wagmi';
import { hmKey } from '../lib/queryKeys';
import { useAppChain } from './useAppChain';

export function useChainTime(tick = true): number | undefined {
  const { chainId } = useAppChain();
  const client = usePublicClient({ chainId });
  const { data } = useQuery({
    queryKey: hmKey(chainId, 'block'),
    queryFn: async () => {
      const block = await client!.getBlock({ blockTag: 'latest' });
      return { chain: Number(block.timestamp), local: Date.now() / 1000 };
    },
    enabled: Boolean(client),
    refetchInterval: 30_000,
  });
  const [wall, setWall] = useState(() => Date.now() / 1000);
  useEffect(() => {
    if (!tick) return;
    const id = setInterval(() => setWall(Date.now() / 1000), 1000);
    return () => clearInterval(id);
  }, [tick]);
  if (!data) return undefined;
  return Math.floor(data.chain + Math.max(0, wall - data.local));
}

// The chain's clock. Local chains can be moved forward in time, so countdowns and "days left" use the
// latest block's timestamp plus the seconds elapsed since it was read, never the computer's clock alone.
// The timestamp is read as Multicall3.getCurrentBlockTimestamp, so it rides in the same multicall (and the
// same HTTP request) as the page's other first reads instead of a separate eth_getBlockByNumber.
import { useEffect, useState } from 'react';
import { contractOf, type Deployment } from '../lib/contracts';
import { useChainRead } from './useChainRead';

/** The latest block's timestamp as a contract read: put it in a multicall to learn when that state was read. */
export const blockTimestampCall = (deployment: Deployment) =>
  ({ ...contractOf(deployment, 'Multicall3'), functionName: 'getCurrentBlockTimestamp' }) as const;

export function useChainTime(tick = true): number | undefined {
  const { data } = useChainRead({
    topic: 'block',
    queryFn: async ({ client, deployment }) => {
      const timestamp = await client.readContract(blockTimestampCall(deployment));
      return { chain: Number(timestamp), local: Date.now() / 1000 };
    },
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

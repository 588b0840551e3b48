// Every joint mining pool with its status, and for a connected wallet its place in each (contribution,
// rewards it can claim, USDT it can take out), in two batched round trips however many pools there are.
import type { Address } from 'viem';
import { useAccount } from 'wagmi';
import { poolStatus, type PoolStatus } from '../lib/pools';
import { useChainRead } from './useChainRead';

export interface PoolMember {
  contribution: bigint;
  /** refunded (failed pool) or unspent share claimed (finalized pool) */
  settled: boolean;
  rewardsPaid: bigint;
  /** reward-token base units claimable now (including rewards not yet harvested from the NFT) */
  pendingRewards: bigint;
  /** USDT the member can take out: the whole contribution of a failed pool, the unspent share of a bought one */
  refundable: bigint;
}

export interface Pool {
  id: bigint;
  status: PoolStatus;
  creator: Address;
  productId: number;
  coin: number;
  deadline: bigint;
  units: bigint;
  hardCapUnits: bigint;
  unitsBought: bigint;
  memberCount: number;
  pricePerUnit: bigint;
  target: bigint;
  hardCap: bigint;
  minContribution: bigint;
  maxContribution: bigint;
  raised: bigint;
  spent: bigint;
  returned: bigint;
  tokenId: bigint;
  rewardsReceived: bigint;
  rewardsPaid: bigint;
  /** rewards accrued on the pool's NFT and not yet harvested (0 before it is bought) */
  accrued: bigint;
  /** the connected wallet's position (undefined without a wallet) */
  member?: PoolMember;
}

export function usePools() {
  const { address } = useAccount();
  return useChainRead({
    topic: 'pools',
    key: [address],
    // Other people contribute too: keep progress reasonably fresh without refetching on every block.
    refetchInterval: 20_000,
    queryFn: async ({ client, contract }): Promise<Pool[]> => {
      const mp = contract('MiningPools');
      const [all, statuses] = await client.readContract({ ...mp, functionName: 'pools' });
      const pools: Pool[] = all.map((p, i) => ({ ...p, id: BigInt(i), status: poolStatus(statuses[i]), accrued: 0n }));
      if (pools.length === 0) return pools;
      const bought = pools.filter((p) => p.status === 'finalized');
      const rewards = contract('Rewards');
      const results = await client.multicall({
        allowFailure: false,
        contracts: [
          ...bought.map((p) => ({ ...rewards, functionName: 'accrued', args: [p.tokenId] }) as const),
          ...(address
            ? pools.flatMap((p) => [
                { ...mp, functionName: 'memberOf', args: [p.id, address] } as const,
                { ...mp, functionName: 'pendingRewards', args: [p.id, address] } as const,
                { ...mp, functionName: 'refundable', args: [p.id, address] } as const,
              ])
            : []),
        ],
      });
      bought.forEach((p, i) => (p.accrued = results[i] as bigint));
      if (address) {
        const base = bought.length;
        pools.forEach((p, i) => {
          const m = results[base + i * 3] as { contribution: bigint; settled: boolean; rewardsPaid: bigint };
          p.member = {
            contribution: m.contribution,
            settled: m.settled,
            rewardsPaid: m.rewardsPaid,
            pendingRewards: results[base + i * 3 + 1] as bigint,
            refundable: results[base + i * 3 + 2] as bigint,
          };
        });
      }
      return pools;
    },
  });
}

// Every NFT a wallet holds, with its position and its claimed and unclaimed rewards, in two round
// trips however many NFTs there are (ids, then positions and balances in one multicall).
import { useQuery } from '@tanstack/react-query';
import type { Address } from 'viem';
import { usePublicClient } from 'wagmi';
import { abis } from '../lib/contracts';
import { hmKey } from '../lib/queryKeys';
import { useAppChain } from './useAppChain';

export interface Holding {
  id: bigint;
  productId: number;
  coin: number;
  hashrate: bigint;
  start: bigint;
  end: bigint;
  unclaimed: bigint;
  claimed: bigint;
}

export function usePortfolio(owner: Address | undefined) {
  const { chainId, deployment } = useAppChain();
  const client = usePublicClient({ chainId });
  return useQuery({
    queryKey: hmKey(chainId, 'portfolio', owner),
    enabled: Boolean(client && owner),
    queryFn: async (): Promise<Holding[]> => {
      const nft = { address: deployment.contracts.HashNFT, abi: abis.hashNftAbi } as const;
      const ids = await client!.readContract({ ...nft, functionName: 'tokensOfOwner', args: [owner!] });
      if (ids.length === 0) return [];
      const [positions, [unclaimed, claimed]] = await client!.multicall({
        allowFailure: false,
        contracts: [
          { ...nft, functionName: 'positions', args: [ids] },
          { address: deployment.contracts.Rewards, abi: abis.rewardsAbi, functionName: 'balancesOf', args: [ids] },
        ],
      });
      return ids.map((id, i) => ({
        id,
        productId: positions[i].productId,
        coin: positions[i].coin,
        hashrate: positions[i].hashrate,
        start: positions[i].start,
        end: positions[i].end,
        unclaimed: unclaimed[i],
        claimed: claimed[i],
      }));
    },
  });
}

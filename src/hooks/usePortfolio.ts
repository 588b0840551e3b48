// Every NFT a wallet holds, with its position and its claimed and unclaimed rewards, in two round
// trips however many NFTs there are (ids, then positions and balances in one multicall).
import type { Address } from 'viem';
import { useChainRead } from './useChainRead';

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
  return useChainRead({
    topic: 'portfolio',
    key: [owner],
    enabled: owner !== undefined,
    queryFn: async ({ client, contract }): Promise<Holding[]> => {
      if (!owner) return [];
      const nft = contract('HashNFT');
      const ids = await client.readContract({ ...nft, functionName: 'tokensOfOwner', args: [owner] });
      if (ids.length === 0) return [];
      const [positions, [unclaimed, claimed]] = await client.multicall({
        allowFailure: false,
        contracts: [
          { ...nft, functionName: 'positions', args: [ids] },
          { ...contract('Rewards'), functionName: 'balancesOf', args: [ids] },
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

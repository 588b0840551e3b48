// Every NFT a wallet holds, with its position and its claimed and unclaimed rewards, in ONE round trip
// however many NFTs there are: mocks/src/PortfolioLens.sol reads the ids, then the positions and balances
// keyed by them, on the node, and the call rides in the page's first HTTP batch.
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
      const h = await client.readContract({ ...contract('PortfolioLens'), functionName: 'holdings', args: [owner] });
      return h.ids.map((id, i) => ({
        id,
        productId: h.positions[i].productId,
        coin: h.positions[i].coin,
        hashrate: h.positions[i].hashrate,
        start: h.positions[i].start,
        end: h.positions[i].end,
        unclaimed: h.unclaimed[i],
        claimed: h.claimed[i],
      }));
    },
  });
}

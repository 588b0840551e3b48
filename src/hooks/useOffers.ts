// Every offer with its on-chain status (Marketplace.offersRange, in pages read together in one JSON-RPC
// batch). Offers are read only where a page shows them (the Offers tab, an NFT's page, My NFTs), never on
// the Marketplace's first paint. Refreshed with the 'market' topic, which the chain watcher invalidates on
// every offer event.
import { fromRawOffer, type Offer } from '../lib/offers';
import { useChainRead } from './useChainRead';

/** Offers per read: each is ~13 words, so a page stays far below what public RPCs return. */
const OFFER_PAGE = 1_000n;

export function useOffers({ enabled = true }: { enabled?: boolean } = {}) {
  return useChainRead({
    topic: 'market',
    key: ['offers'],
    enabled,
    queryFn: async ({ client, contract }): Promise<Offer[]> => {
      const market = contract('Marketplace');
      const count = await client.readContract({ ...market, functionName: 'offerCount' });
      const pages: Promise<readonly [readonly bigint[], readonly Parameters<typeof fromRawOffer>[1][], readonly number[]]>[] = [];
      for (let from = 1n; from <= count; from += OFFER_PAGE) {
        pages.push(client.readContract({ ...market, functionName: 'offersRange', args: [from, OFFER_PAGE] }));
      }
      const out: Offer[] = [];
      for (const [ids, items, statuses] of await Promise.all(pages)) {
        ids.forEach((id, i) => out.push(fromRawOffer(id, items[i], statuses[i])));
      }
      return out;
    },
  });
}

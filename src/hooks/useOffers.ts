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
      type Page = readonly [readonly bigint[], readonly Parameters<typeof fromRawOffer>[1][], readonly number[]];
      const page = (from: bigint): Promise<Page> => client.readContract({ ...market, functionName: 'offersRange', args: [from, OFFER_PAGE] });
      // The count and the first page in one round trip (all of it on most chains); further pages together in a second.
      const [count, first] = await Promise.all([client.readContract({ ...market, functionName: 'offerCount' }), page(1n)]);
      const rest: Promise<Page>[] = [];
      for (let from = 1n + OFFER_PAGE; from <= count; from += OFFER_PAGE) rest.push(page(from));
      const pages = [first, ...(await Promise.all(rest))];
      const out: Offer[] = [];
      for (const [ids, items, statuses] of pages) {
        ids.forEach((id, i) => out.push(fromRawOffer(id, items[i], statuses[i])));
      }
      return out;
    },
  });
}

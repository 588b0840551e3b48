// The marketplace: every listing's whole life (Listed, PriceUpdated, Cancelled, AllCancelled, Sold), the
// sales, and each product's daily volume and floor. A new marketplace event is one more handler here.
import { and, eq, lt } from 'ponder';
import { ponder } from 'ponder:registry';
import { activity, listing, marketDay, marketFee, marketSeller, nft, sale } from 'ponder:schema';
import { addressOf } from '../deployment';
import { dayOf, govChange, lower, record, type Db } from '../lib';

const market = lower(addressOf('Marketplace'));
const usdt = addressOf('USDT');

/** USD per hashrate unit per day of term left, of a listing at `timestamp` (the Marketplace's sort key). */
function perUnitDay(l: { price: bigint; hashrate: bigint; termEnd: bigint }, timestamp: bigint): number {
  const days = Math.max(1, Math.floor(Number(l.termEnd - timestamp) / 86_400));
  return Number(l.price) / 1e6 / Number(l.hashrate > 0n ? l.hashrate : 1n) / days;
}

/**
 * The product's day row: a sale adds its volume, and the floor is the lowest price per unit per day of
 * term left among the listings listed, repriced or sold that day. Kept in O(1) per event (no scan of the
 * open listings, which at 100,000 listings made every Listed event a full scan).
 */
export async function touchDay(db: Db, l: { productId: number; coin: number; price: bigint; hashrate: bigint; termEnd: bigint }, timestamp: bigint, sold = 0n) {
  const day = dayOf(timestamp);
  const floor = perUnitDay(l, timestamp);
  await db
    .insert(marketDay)
    .values({ id: `${day}-${l.productId}`, day, productId: l.productId, coin: l.coin, volume: sold, sales: sold > 0n ? 1 : 0, floor })
    .onConflictDoUpdate((d) => ({
      volume: d.volume + sold,
      sales: d.sales + (sold > 0n ? 1 : 0),
      floor: d.floor === null ? floor : Math.min(d.floor, floor),
    }));
}

ponder.on('Marketplace:Listed', async ({ event, context }) => {
  const a = event.args;
  const seller = lower(a.seller);
  const n = await context.db.find(nft, { id: a.tokenId });
  const s = await context.db.find(marketSeller, { owner: seller });
  // The fee rate in force: read from the contract once, then kept by FeeUpdated.
  let fee = await context.db.find(marketFee, { id: 'fee' });
  if (!fee) {
    const bps = await context.client.readContract({ ...context.contracts.Marketplace, functionName: 'feeBps' });
    fee = await context.db.insert(marketFee).values({ id: 'fee', bps });
  }
  const feeBps = fee.bps;
  await context.db.insert(listing).values({
    id: a.listingId,
    seller,
    tokenId: a.tokenId,
    price: a.price,
    expiresAt: a.expiresAt,
    createdAt: event.block.timestamp,
    counter: s?.counter ?? 0n,
    feeBps,
    productId: a.productId,
    coin: a.coin,
    hashrate: a.hashrate,
    termEnd: n?.end ?? 0n,
    unitPrice: a.hashrate > 0n ? a.price / a.hashrate : a.price,
    state: 'open',
    ownerChanged: n ? n.owner !== seller : false,
    notApproved: !(n?.approved === market || s?.approved === true),
    endedAt: null,
  });
  await context.db.update(nft, { id: a.tokenId }).set({ listingId: a.listingId });
  await record(context.db, event, { account: seller, kind: 'list', asset: usdt, amount: a.price, tokenId: a.tokenId, ref: a.listingId });
  await touchDay(context.db, { productId: a.productId, coin: a.coin, price: a.price, hashrate: a.hashrate, termEnd: n?.end ?? 0n }, event.block.timestamp);
});

ponder.on('Marketplace:PriceUpdated', async ({ event, context }) => {
  const l = await context.db.update(listing, { id: event.args.listingId }).set((row) => ({
    price: event.args.newPrice,
    unitPrice: row.hashrate > 0n ? event.args.newPrice / row.hashrate : event.args.newPrice,
  }));
  await record(context.db, event, { account: l.seller, kind: 'reprice', asset: usdt, amount: event.args.newPrice, tokenId: l.tokenId, ref: l.id });
  await touchDay(context.db, l, event.block.timestamp);
});

ponder.on('Marketplace:Cancelled', async ({ event, context }) => {
  const l = await context.db.update(listing, { id: event.args.listingId }).set({ state: 'cancelled', endedAt: event.block.timestamp });
  await record(context.db, event, { account: l.seller, kind: 'cancel', asset: usdt, amount: l.price, tokenId: l.tokenId, ref: l.id });
});

ponder.on('Marketplace:AllCancelled', async ({ event, context }) => {
  const seller = lower(event.args.seller);
  await context.db
    .insert(marketSeller)
    .values({ owner: seller, approved: false, counter: event.args.newCounter })
    .onConflictDoUpdate({ counter: event.args.newCounter });
  await context.db.sql
    .update(listing)
    .set({ state: 'cancelled', endedAt: event.block.timestamp })
    .where(and(eq(listing.seller, seller), eq(listing.state, 'open'), lt(listing.counter, event.args.newCounter)));
  await record(context.db, event, { account: seller, kind: 'cancel-all', asset: usdt, amount: 0n });
});

ponder.on('Marketplace:Sold', async ({ event, context }) => {
  const a = event.args;
  const l = await context.db.update(listing, { id: a.listingId }).set({ state: 'sold', endedAt: event.block.timestamp });
  const n = await context.db.update(nft, { id: a.tokenId }).set({ cost: a.price, acquiredAt: event.block.timestamp, saleTx: event.transaction.hash });
  await context.db.insert(sale).values({
    id: event.id,
    listingId: a.listingId,
    seller: lower(a.seller),
    buyer: lower(a.buyer),
    tokenId: a.tokenId,
    price: a.price,
    fee: a.fee,
    productId: a.productId,
    coin: l.coin,
    hashrate: l.hashrate,
    timestamp: event.block.timestamp,
    blockNumber: event.block.number,
    txHash: event.transaction.hash,
  });
  // The NFT's Transfer in this transaction was recorded as a plain transfer: the sale says it better.
  if (n.moveId && n.moveTx === event.transaction.hash) {
    await context.db.delete(activity, { id: `${n.moveId}-from` });
    await context.db.delete(activity, { id: `${n.moveId}-to` });
  }
  await record(context.db, event, { account: a.buyer, kind: 'buy', asset: usdt, amount: a.price, tokenId: a.tokenId, ref: a.listingId, counterparty: a.seller, part: 'buyer' });
  await record(context.db, event, { account: a.seller, kind: 'sell', asset: usdt, amount: a.price - a.fee, tokenId: a.tokenId, ref: a.listingId, counterparty: a.buyer, part: 'seller' });
  await touchDay(context.db, { ...l, price: a.price }, event.block.timestamp, a.price);
});

ponder.on('Marketplace:FeeUpdated', async ({ event, context }) => {
  await context.db.insert(marketFee).values({ id: 'fee', bps: event.args.newBps }).onConflictDoUpdate({ bps: event.args.newBps });
  await govChange(context.db, event, 'Marketplace', 'FeeUpdated');
});

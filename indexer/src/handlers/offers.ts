// Marketplace offers and sweeps: OfferMade, OfferAccepted, OfferCancelled, AllOffersCancelled,
// SweepSkipped, and the rewards a sold NFT pays its seller inside the sale (SellerRewardsPaid). A token
// offer voided by its token moving is marked by HashNFT:Transfer (nft.ts).
import { and, eq, lt } from 'ponder';
import { ponder } from 'ponder:registry';
import { nft, offer, offerBuyer, offerFill, sweepSkip } from 'ponder:schema';
import { addressOf } from '../deployment';
import { coinToken, lower, record } from '../lib';
import { touchDay } from './marketplace';

const usdt = addressOf('USDT');
const KINDS = ['token', 'product', 'coin'] as const;

ponder.on('Marketplace:OfferMade', async ({ event, context }) => {
  const a = event.args;
  const buyer = lower(a.buyer);
  const b = await context.db.find(offerBuyer, { buyer });
  const kind = KINDS[a.kind] ?? 'token';
  await context.db.insert(offer).values({
    id: a.offerId,
    buyer,
    kind,
    target: a.target,
    price: a.price,
    units: a.units,
    unitsLeft: a.units,
    minDays: a.minDays,
    maxDays: a.maxDays,
    expiresAt: a.expiresAt,
    escrow: a.escrow,
    counter: b?.counter ?? 0n,
    state: 'open',
    voided: false,
    tokenMoved: false,
    fills: 0,
    createdAt: event.block.timestamp,
    endedAt: null,
    txHash: event.transaction.hash,
  });
  if (kind === 'token') await context.db.update(nft, { id: a.target }).set((n) => ({ tokenOffers: n.tokenOffers + 1 }));
  await record(context.db, event, { account: buyer, kind: 'offer', asset: usdt, amount: a.escrow, tokenId: kind === 'token' ? a.target : undefined, ref: a.offerId });
});

ponder.on('Marketplace:OfferAccepted', async ({ event, context }) => {
  const a = event.args;
  // The contract's effects: the escrow pays the price; a token offer, or a product offer with no units
  // left, is filled (what escrow is left goes back in the OfferCancelled that follows).
  const o = await context.db.update(offer, { id: a.offerId }).set((row) => {
    const unitsLeft = row.kind === 'token' ? row.unitsLeft : row.unitsLeft - a.units;
    const filled = row.kind === 'token' || unitsLeft === 0n;
    return { unitsLeft, escrow: row.escrow - a.price, fills: row.fills + 1, ...(filled ? { state: 'filled', endedAt: event.block.timestamp } : {}) };
  });
  const n = await context.db.update(nft, { id: a.tokenId }).set({ cost: a.price, acquiredAt: event.block.timestamp });
  await context.db.insert(offerFill).values({
    id: event.id,
    offerId: a.offerId,
    seller: lower(a.seller),
    buyer: lower(a.buyer),
    tokenId: a.tokenId,
    price: a.price,
    fee: a.fee,
    units: a.units,
    productId: n.productId,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
  });
  await record(context.db, event, { account: a.buyer, kind: 'offer-buy', asset: usdt, amount: a.price, tokenId: a.tokenId, ref: o.id, counterparty: a.seller, part: 'buyer' });
  await record(context.db, event, { account: a.seller, kind: 'offer-sell', asset: usdt, amount: a.price - a.fee, tokenId: a.tokenId, ref: o.id, counterparty: a.buyer, part: 'seller' });
  await touchDay(context.db, { productId: n.productId, coin: n.coin, price: a.price, hashrate: n.hashrate, termEnd: n.end }, event.block.timestamp, a.price);
});

ponder.on('Marketplace:OfferCancelled', async ({ event, context }) => {
  const a = event.args;
  // Also the refund of a filled offer's leftover escrow: it stays filled.
  const o = await context.db.update(offer, { id: a.offerId }).set((row) => ({
    escrow: 0n,
    ...(row.state === 'filled' ? {} : { state: 'cancelled', endedAt: event.block.timestamp }),
  }));
  await record(context.db, event, {
    account: a.buyer,
    kind: o.state === 'filled' ? 'offer-refund' : 'offer-cancel',
    asset: usdt,
    amount: a.refund,
    tokenId: o.kind === 'token' ? o.target : undefined,
    ref: a.offerId,
  });
});

ponder.on('Marketplace:AllOffersCancelled', async ({ event, context }) => {
  const buyer = lower(event.args.buyer);
  await context.db.insert(offerBuyer).values({ buyer, counter: event.args.newCounter }).onConflictDoUpdate({ counter: event.args.newCounter });
  await context.db.sql
    .update(offer)
    .set({ voided: true })
    .where(and(eq(offer.buyer, buyer), eq(offer.state, 'open'), lt(offer.counter, event.args.newCounter)));
  await record(context.db, event, { account: buyer, kind: 'offers-cancel-all', asset: usdt, amount: 0n });
});

ponder.on('Marketplace:SweepSkipped', async ({ event, context }) => {
  await context.db.insert(sweepSkip).values({
    id: event.id,
    listingId: event.args.listingId,
    buyer: lower(event.args.buyer),
    reason: event.args.reason,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
  });
  await record(context.db, event, { account: event.args.buyer, kind: 'sweep-skip', asset: usdt, amount: 0n, ref: event.args.listingId });
});

ponder.on('Marketplace:SellerRewardsPaid', async ({ event, context }) => {
  const t = await coinToken(context.db, event.args.coin);
  if (!t || event.args.amount === 0n) return;
  await record(context.db, event, { account: event.args.seller, kind: 'sale-rewards', asset: t.address, amount: event.args.amount, tokenId: event.args.tokenId });
});

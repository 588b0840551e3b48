// Primary sales and the NFTs themselves: ProductSale.ProductAdded / Purchased, HashNFT.PositionMinted,
// Transfer, Approval and ApprovalForAll (who holds each NFT, and whether its listing is still valid).
import { and, eq, notInArray } from 'ponder';
import { ponder } from 'ponder:registry';
import { holding, listing, marketSeller, meta, nft, offer, product } from 'ponder:schema';
import { isAddressEqual, zeroAddress, type Address } from 'viem';
import { addressOf } from '../deployment';
import { lower, record, type Db, type EventAt } from '../lib';

const market = lower(addressOf('Marketplace'));
const usdt = addressOf('USDT');
/** Contracts that hold NFTs on a user's behalf: moves to and from them are recorded by their own events. */
const escrows = new Set(['LoanPool', 'MiningPools', 'Marketplace'].map((n) => lower(addressOf(n))));

ponder.on('ProductSale:ProductAdded', async ({ event, context }) => {
  await context.db.insert(product).values({
    id: event.args.productId,
    name: event.args.name,
    coin: event.args.coin,
    hashratePerUnit: event.args.hashratePerUnit,
    pricePerUnit: event.args.pricePerUnit,
    sold: 0n,
  });
});

ponder.on('HashNFT:PositionMinted', async ({ event, context }) => {
  await context.db.insert(nft).values({
    id: event.args.tokenId,
    owner: lower(event.args.to),
    approved: null,
    productId: event.args.productId,
    coin: event.args.coin,
    hashrate: event.args.hashrate,
    start: event.args.start,
    end: event.args.end,
    mintedAt: event.block.timestamp,
    cost: 0n,
    acquiredAt: event.block.timestamp,
    listingId: null,
    holder: null,
    holdingId: null,
    tokenOffers: 0,
    saleTx: null,
    moveId: null,
    moveTx: null,
  });
  if (!escrows.has(lower(event.args.to))) await hold(context.db, event, event.args.tokenId, event.args.to);
});

/** The Rewards day of `timestamp` (0 before genesis). */
async function rewardsDay(db: Db, timestamp: bigint) {
  const g = (await db.find(meta, { key: 'genesis' }))?.value ?? 0n;
  return timestamp <= g ? 0 : Number((timestamp - g) / 86_400n);
}

/**
 * `to` holds `tokenId` from this event on: the previous holder's stretch ends (unless it is `to` again).
 * Found through the nft row (no SQL query: in a backfill each one would flush ponder's write cache).
 */
async function hold(db: Db, event: EventAt, tokenId: bigint, to: Address) {
  const account = lower(to);
  const n = await db.find(nft, { id: tokenId });
  if (!n || n.holder === account) return;
  const day = await rewardsDay(db, event.block.timestamp);
  if (n.holdingId) await db.update(holding, { id: n.holdingId }).set({ to: event.block.timestamp, toDay: day });
  await db.insert(holding).values({ id: event.id, account, tokenId, from: event.block.timestamp, to: null, fromDay: day, toDay: null });
  await db.update(nft, { id: tokenId }).set({ holder: account, holdingId: event.id });
}

ponder.on('ProductSale:Purchased', async ({ event, context }) => {
  const { productId, buyer, tokenId, units, paid } = event.args;
  await context.db.update(nft, { id: tokenId }).set({ cost: paid, acquiredAt: event.block.timestamp });
  await context.db.update(product, { id: productId }).set((p) => ({ sold: p.sold + units }));
  await record(context.db, event, { account: buyer, kind: 'purchase', asset: usdt, amount: paid, tokenId, ref: productId });
});

/** Whether a listing of `seller` for this NFT passes the contract's owner and approval checks. */
async function refreshListing(db: Db, tokenId: bigint) {
  const n = await db.find(nft, { id: tokenId });
  if (!n?.listingId) return;
  const l = await db.find(listing, { id: n.listingId });
  if (!l || l.state !== 'open') return;
  const s = await db.find(marketSeller, { owner: l.seller });
  await db.update(listing, { id: l.id }).set({
    ownerChanged: n.owner !== l.seller,
    notApproved: !(n.approved === market || s?.approved === true),
  });
}

ponder.on('HashNFT:Transfer', async ({ event, context }) => {
  const { from, to, tokenId } = event.args;
  if (isAddressEqual(from, zeroAddress)) return; // a mint: PositionMinted records it
  // ERC-721 clears the token's approval on every transfer.
  const n = await context.db.update(nft, { id: tokenId }).set({ owner: lower(to), approved: null });
  await refreshListing(context.db, tokenId);
  // Open token offers on it are void once it moves (Marketplace's transferCount rule).
  if (n.tokenOffers > 0) {
    await context.db.sql
      .update(offer)
      .set({ tokenMoved: true })
      .where(and(eq(offer.state, 'open'), eq(offer.kind, 'token'), eq(offer.target, tokenId)));
  }
  // A new holder, unless the NFT only went into the marketplace, a loan's pledge or a pool.
  if (!escrows.has(lower(to))) await hold(context.db, event, tokenId, to);
  if (escrows.has(lower(from)) || escrows.has(lower(to))) return;
  // A marketplace sale moves the NFT after its Sold event: the sale's rows already tell it. Kept on the nft
  // row (an SQL query here, or an SQL delete in Sold, would make ponder drop its cache during a backfill).
  if (n.saleTx === event.transaction.hash) return;
  // A plain transfer between wallets (if a sale follows in this transaction, Sold replaces these rows).
  await record(context.db, event, { account: from, kind: 'transfer-out', asset: usdt, amount: 0n, tokenId, counterparty: to, part: 'from' });
  await record(context.db, event, { account: to, kind: 'transfer-in', asset: usdt, amount: 0n, tokenId, counterparty: from, part: 'to' });
  await context.db.update(nft, { id: tokenId }).set({ moveId: event.id, moveTx: event.transaction.hash });
});

ponder.on('HashNFT:Approval', async ({ event, context }) => {
  const approved = isAddressEqual(event.args.approved, zeroAddress) ? null : lower(event.args.approved);
  await context.db.update(nft, { id: event.args.tokenId }).set({ approved });
  await refreshListing(context.db, event.args.tokenId);
});

ponder.on('HashNFT:ApprovalForAll', async ({ event, context }) => {
  if (lower(event.args.operator) !== market) return;
  const owner: Address = lower(event.args.owner);
  const approved = event.args.approved;
  const before = await context.db.find(marketSeller, { owner });
  await context.db.insert(marketSeller).values({ owner, approved, counter: 0n }).onConflictDoUpdate({ approved });
  // Setting the approval it already had changes no listing (a seller re-approving before each batch of
  // listings would otherwise rewrite all their open listings each time: quadratic in their listings).
  if ((before?.approved ?? false) === approved) return;
  const [open] = await context.db.sql.select({ id: listing.id }).from(listing).where(and(eq(listing.seller, owner), eq(listing.state, 'open'))).limit(1);
  if (!open) return;
  // One statement for all the seller's open listings: approved for all, each passes the approval check;
  // revoked, only those whose NFT is approved to the marketplace on its own still do.
  const tokenApproved = context.db.sql.select({ id: nft.id }).from(nft).where(eq(nft.approved, market));
  await context.db.sql
    .update(listing)
    .set({ notApproved: !approved })
    .where(and(eq(listing.seller, owner), eq(listing.state, 'open'), ...(approved ? [] : [notInArray(listing.tokenId, tokenApproved)])));
});

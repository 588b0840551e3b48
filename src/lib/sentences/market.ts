// Sentences for the Marketplace's offer, sweep and bulk-listing errors (issue 14), merged into the one error
// helper (src/lib/errors.ts) through src/lib/sentences/index.ts. The listing errors that predate offers
// (ZeroPrice, PriceAboveMax, BuyerIsSeller, ...) stay in core.ts. Amounts are USDT (6 decimals).
import { formatUsdt } from '../format';
import { argText as n, big, type Sentences } from './types';

const usdt = (v: unknown) => formatUsdt(big(v));
/** The contract's OfferStatus enum, in its order, as the reason an offer cannot be accepted. */
const OFFER_STATUS = [
  'is still open',
  'has already been filled',
  'was cancelled by its buyer',
  'has expired',
  'was made before this NFT changed hands, so it no longer holds',
];

export const sentences: Sentences = {
  UnknownOffer: (a) => `Offer ${n(a[0])} does not exist.`,
  UnknownToken: (a) => `NFT #${n(a[0])} does not exist.`,
  OfferNotActive: (a) => `This offer ${OFFER_STATUS[Number(a[0])] ?? 'cannot be accepted'}. Nothing was sent.`,
  OfferNotOpen: () => 'This offer is already closed, and its escrow was returned.',
  NotOfferBuyer: () => 'Only the account that made this offer can cancel it.',
  TokenInCustody: (a) => `NFT #${n(a[0])} is pledged for a loan or held by a pool, so it cannot be offered on or sold.`,
  WrongOfferKind: () => 'A product offer must name a product or a coin.',
  ZeroOfferUnits: () => 'Ask for at least one hashrate unit.',
  BadDays: (a) => `The minimum days left (${n(a[0])}) must be at least 1 and no more than the days paid for (${n(a[1])}).`,
  TokenDoesNotMatch: (a) => `NFT #${n(a[1])} does not match offer ${n(a[0])}: it is a different token, product or coin.`,
  OfferTokenMoved: (a) => `NFT #${n(a[0])} has changed hands since this offer was made, so the offer no longer holds.`,
  ListingTokenMoved: (a) => `NFT #${n(a[0])} has left the seller since it was listed, so this listing is closed for good.`,
  TooFewDaysLeft: (a) => `This NFT has ${n(a[0])} whole days left; the offer asks for at least ${n(a[1])}.`,
  NotEnoughUnitsLeft: (a) => `This NFT has ${n(a[0])} hashrate units; the offer wants only ${n(a[1])} more.`,
  PriceBelowMin: (a) => `The offer now pays ${usdt(a[0])}, less than the ${usdt(a[1])} you were shown (a day of the term has passed). Nothing was sent.`,
  BadLength: (a) => `Choose between 1 and ${n(a[1])} items; you chose ${n(a[0])}.`,
  LengthMismatch: () => 'Every item needs a price.',
  NothingSwept: () => 'None of the chosen listings could be bought any more, so nothing was bought or paid.',
};

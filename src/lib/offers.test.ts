import { describe, expect, it } from 'vitest';
import { bestOfferFor, depth, offerSplit, parseExpiryDays, parseUnitDayPrice, productBooks, productEscrow, quoteFor, remainingDays, type NftTerms, type Offer } from './offers';

const DAY = 86_400;
const T0 = 1_767_225_600 + 10 * DAY + 3 * 3600;
const nft: NftTerms = { tokenId: 7n, productId: 1, coin: 0, hashrate: 20n, start: BigInt(T0 - 3 * 3600 + DAY), end: BigInt(T0 - 3 * 3600 + 31 * DAY) };
const base: Offer = {
  id: 1n, buyer: '0x00000000000000000000000000000000000000b0', kind: 'product', status: 'active', feeBps: 250, expiresAt: BigInt(T0 + 30 * DAY),
  target: 1n, price: 10_000n, minDays: 5, maxDays: 30, unitsLeft: 100n, escrow: 30_000_000n,
};

describe('offers', () => {
  it('count whole days left as HashNFT.remainingDays does', () => {
    expect(remainingDays(nft, T0)).toBe(30); // before the term starts: the whole term
    expect(remainingDays(nft, Number(nft.end) - 5 * DAY)).toBe(5);
    expect(remainingDays(nft, Number(nft.end) - 5 * DAY + 1)).toBe(4);
    expect(remainingDays(nft, Number(nft.end) - 1)).toBe(0);
    expect(remainingDays(nft, Number(nft.end) + DAY)).toBe(0);
  });

  it('price a product offer per hashrate unit per day, capped at maxDays, refusing in words', () => {
    expect(quoteFor(base, nft, T0)).toEqual({ ok: true, price: 10_000n * 20n * 30n, days: 30 });
    expect(quoteFor({ ...base, maxDays: 20 }, nft, T0)).toEqual({ ok: true, price: 10_000n * 20n * 20n, days: 20 });
    const late = quoteFor(base, nft, Number(nft.end) - 5 * DAY + 1);
    expect(late).toEqual({ ok: false, reason: 'NFT #7 has 4 whole days left; the offer asks for at least 5.' });
    expect(quoteFor({ ...base, unitsLeft: 10n }, nft, T0)).toEqual({ ok: false, reason: 'NFT #7 has 20 hashrate units; the offer wants only 10 more.' });
    expect(quoteFor({ ...base, target: 2n }, nft, T0).ok).toBe(false);
    expect(quoteFor({ ...base, kind: 'coin', target: 0n }, nft, T0).ok).toBe(true);
    expect(quoteFor({ ...base, kind: 'token', target: 8n, price: 5n }, nft, T0)).toEqual({ ok: false, reason: 'This offer is for NFT #8, not #7.' });
  });

  it('split the fee at the lower rate, rounding the fee down', () => {
    expect(offerSplit(100_000_001n, 250, 500)).toEqual({ fee: 2_500_000n, seller: 97_500_001n, bps: 250 });
    expect(offerSplit(100n, 250, 100)).toEqual({ fee: 1n, seller: 99n, bps: 100 });
  });

  it('find the best active offer for an NFT, leaving out its owner own offers and expired ones', () => {
    const offers: Offer[] = [
      base,
      { ...base, id: 2n, price: 20_000n },
      { ...base, id: 3n, kind: 'token', target: 7n, price: 50_000_000n, buyer: '0x00000000000000000000000000000000000000c0' },
      { ...base, id: 4n, price: 90_000n, status: 'cancelled' },
      { ...base, id: 5n, price: 90_000n, expiresAt: BigInt(T0) },
    ];
    expect(bestOfferFor(offers, nft, T0)?.offer.id).toBe(3n);
    expect(bestOfferFor(offers, nft, T0, '0x00000000000000000000000000000000000000C0')?.offer.id).toBe(2n);
  });

  it('build a book per product with depth by price level', () => {
    const offers: Offer[] = [base, { ...base, id: 2n, price: 20_000n, unitsLeft: 5n }, { ...base, id: 3n, unitsLeft: 7n }, { ...base, id: 4n, kind: 'token' }];
    const [book] = productBooks(offers, T0);
    expect(book.offers.map((o) => o.id)).toEqual([2n, 1n, 3n]);
    expect(book.units).toBe(112n);
    expect(depth(book)).toEqual([{ price: 20_000n, units: 5n, offers: 1 }, { price: 10_000n, units: 107n, offers: 2 }]);
  });

  it('escrow price x units x maxDays, and parse the fields in words', () => {
    expect(productEscrow(10_000n, 100n, 30)).toBe(30_000_000n);
    expect(parseUnitDayPrice('0.0000001')).toEqual({ ok: false, error: 'USDT has at most 6 decimals.' });
    expect(parseUnitDayPrice('-1')).toEqual({ ok: false, error: 'The amount cannot be negative.' });
    expect(parseUnitDayPrice('0')).toEqual({ ok: false, error: 'The amount must be more than zero.' });
    expect(parseExpiryDays('', T0).ok).toBe(false);
    expect(parseExpiryDays('7', T0)).toEqual({ ok: true, value: 7 * DAY });
    expect(parseExpiryDays('2020-01-01', T0)).toEqual({ ok: false, error: 'The expiry is in the past. Choose a later date.' });
    expect(parseExpiryDays('-3', T0).ok).toBe(false);
    expect(parseExpiryDays('181', T0)).toEqual({ ok: false, error: 'An offer can stay open at most 180 days.' });
  });
});

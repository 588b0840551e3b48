// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { DAY_SECONDS } from './format';
import { fromListingView, listingChange, listingStatus, pricePerUnitDay, type ListingView } from './marketState';

const view: ListingView = {
  id: 42n,
  listing: { seller: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', tokenId: 7n, price: 120_500_000n, expiresAt: 2_000_000n, feeBps: 250 },
  productId: 3,
  coin: 1,
  hashrate: 100n,
  termEnd: 1_000_000n + 10n * BigInt(DAY_SECONDS),
};

describe('fromListingView', () => {
  it('gives the listing the chain read as Active, in the shape the log replay gives', () => {
    const l = fromListingView(view);
    expect(l).toEqual({
      id: 42n,
      seller: view.listing.seller,
      tokenId: 7n,
      price: 120_500_000n,
      expiresAt: 2_000_000n,
      productId: 3,
      coin: 1,
      hashrate: 100n,
      termEnd: view.termEnd,
      feeBps: 250,
      base: 'open',
      ownerChanged: false,
      notApproved: false,
    });
    expect(listingStatus(l, 1_000_000)).toBe('active');
    expect(listingStatus(l, 2_000_000)).toBe('expired');
    // 10 days left at 1,000,000: price per unit per day = price / hashrate / 10
    expect(pricePerUnitDay(l, 1_000_000)).toBeCloseTo(120_500_000 / 100 / 10);
  });
});

describe('listingChange', () => {
  it('says nothing while the listing is active at the price shown', () => {
    expect(listingChange('active', 120_500_000n, 120_500_000n)).toBeUndefined();
  });

  it('says in words why a listing can no longer be bought as shown', () => {
    expect(listingChange('sold', 1n, 1n)).toBe('This listing has just been sold to another buyer. Nothing was taken from your wallet.');
    expect(listingChange('cancelled', 1n, 1n)).toMatch(/cancelled/);
    expect(listingChange('expired', 1n, 1n)).toMatch(/expired/);
    expect(listingChange('ownerChanged', 1n, 1n)).toMatch(/no longer holds/);
    expect(listingChange('notApproved', 1n, 1n)).toMatch(/approval/);
    expect(listingChange('active', 150_000_000n, 120_500_000n)).toBe(
      'The seller has changed the price from 120.5 to 150 USDT. Close this and open the listing again to buy at the new price.',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { earnedDays, returnsOf, valueOf, type PortfolioAnswer } from './returns';

const DAY = 86_400;
const now = 1_800_000_000;
// #4: 100 units of product 0 (BTC), 30 whole days left; #9: 500 units of product 1 (ETC), 10 days left.
const held = [
  { id: '4', cost: '600000000', productId: 0, coin: 0, hashrate: '100', end: String(now + 30 * DAY + 5) },
  { id: '9', cost: '0', productId: 1, coin: 1, hashrate: '500', end: String(now + 10 * DAY) },
];

describe('returnsOf', () => {
  it('sums each NFT rewards in USD against its cost, and the total includes NFTs since sold', () => {
    const { rows, sold, total } = returnsOf({
      held: [{ id: '4', cost: '600000000' }, { id: '9', cost: '0' }],
      rewards: [
        { tokenId: '4', usd: '30000000' },
        { tokenId: '4', usd: '5000000' },
        { tokenId: '5', usd: '2000000' }, // sold since
        { tokenId: null, usd: '1000000' }, // a loan's claim: not tied to one NFT
      ],
      trades: [
        { tokenId: '5', kind: 'purchase', amount: '9000000' },
        { tokenId: '5', kind: 'sell', amount: '11400000' },
        { tokenId: '4', kind: 'buy', amount: '600000000' },
      ],
    });
    // Without any offer, floor or output the value of a held NFT is not known: no profit is claimed.
    expect(rows.map((r) => [r.tokenId, r.cost, r.rewardsUsd, r.value, r.basis])).toEqual([
      [4n, 600_000_000n, 35_000_000n, undefined, 'unknown'],
      [9n, 0n, 0n, undefined, 'unknown'],
    ]);
    // #5 was bought for 9 and sold for 11.40 after paying 2 in rewards: 4.40 profit.
    expect(sold.map((r) => [r.tokenId, r.cost, r.rewardsUsd, r.value, r.profit])).toEqual([[5n, 9_000_000n, 2_000_000n, 11_400_000n, 4_400_000n]]);
    expect(sold[0].roi).toBeCloseTo(4.4 / 9);
    expect(total.cost).toBe(609_000_000n);
    expect(total.rewardsUsd).toBe(38_000_000n);
    expect(total.value).toBeUndefined();
  });

  it('values a held NFT at its best matching offer, else the floor of its product, else its remaining output', () => {
    const base: PortfolioAnswer = { held, rewards: [{ tokenId: '4', usd: '50000000' }], now };
    // Offers: a token offer for #4 (700), a product offer for product 0 at 0.25 USDT per unit per day for
    // at most 20 days (100 × 20 × 0.25 = 500), a coin offer with too few units left, one needing 40 days.
    const offers = [
      { kind: 'token', target: '4', price: '700000000', unitsLeft: '0', minDays: 0, maxDays: 0 },
      { kind: 'product', target: '0', price: '250000', unitsLeft: '1000', minDays: 1, maxDays: 20 },
      { kind: 'coin', target: '0', price: '9000000', unitsLeft: '50', minDays: 1, maxDays: 400 },
      { kind: 'product', target: '0', price: '9000000', unitsLeft: '1000', minDays: 40, maxDays: 400 },
    ];
    expect(valueOf(held[0], { ...base, offers })).toEqual({ value: 700_000_000n, basis: 'offer' });
    expect(valueOf(held[0], { ...base, offers: offers.slice(1) })).toEqual({ value: 500_000_000n, basis: 'offer' });
    // No offer: product 0's floor is a 50-unit listing with 60 days left at 600 USDT (0.2 per unit per day):
    // for 100 units and 30 days that is 600 too.
    const floors = [{ productId: 0, price: '600000000', hashrate: '50', termEnd: String(now + 60 * DAY + 100) }];
    expect(valueOf(held[0], { ...base, offers: offers.slice(2), floors })).toEqual({ value: 600_000_000n, basis: 'floor' });
    // Its own listing is the floor: the value is exactly its price.
    expect(valueOf(held[0], { ...base, floors: [{ productId: 0, price: '585000000', hashrate: '100', termEnd: held[0].end }] })).toEqual({ value: 585_000_000n, basis: 'floor' });
    // Nothing listed: ETC output 0.001 ETC (18 decimals) per unit per day at $20: 500 × 10 × 0.001 × 20 = $100.
    const outputs = [{ coin: 1, outputPerUnit: String(10n ** 15n * 1_000_000n) }];
    const tokens = [{ coin: 1, decimals: 18, feed: '0xfeed' }];
    const prices = [{ feed: '0xfeed', answer: String(20n * 10n ** 8n) }];
    expect(valueOf(held[1], { ...base, outputs, tokens, prices })).toEqual({ value: 100_000_000n, basis: 'output' });
    // A term that has ended is worth nothing more.
    expect(valueOf({ ...held[1], end: String(now - 1) }, { ...base, outputs, tokens, prices })).toEqual({ value: 0n, basis: 'ended' });

    const { rows, total } = returnsOf({ ...base, offers: offers.slice(1), outputs, tokens, prices });
    expect(rows.map((r) => [r.tokenId, r.value, r.basis, r.profit])).toEqual([
      [4n, 500_000_000n, 'offer', -50_000_000n], // 50 rewards + 500 value − 600 cost
      [9n, 100_000_000n, 'output', 100_000_000n],
    ]);
    expect(rows[0].roi).toBeCloseTo(-50 / 600);
    expect(total.value).toBe(600_000_000n);
    expect(total.profit).toBe(50_000_000n);
  });
});

describe('earnedDays', () => {
  it('values each day of output at the price posted with it, over every coin', () => {
    const genesis = 1_700_000_000 - (1_700_000_000 % DAY);
    const days = earnedDays({
      genesis: String(genesis),
      tokens: [{ coin: 0, decimals: 8 }, { coin: 1, decimals: 18 }],
      rows: [
        // day 3: 100 units × 1,000 sat (× 1e6 precision) at $60,000 = 0.001 BTC = $60
        { day: 3, coin: 0, usdPrice: String(60_000n * 10n ** 8n), scaled: String(100n * 1_000n * 1_000_000n) },
        // day 3: 0.5 ETC at $20 = $10
        { day: 3, coin: 1, usdPrice: String(20n * 10n ** 8n), scaled: String(5n * 10n ** 17n * 1_000_000n) },
        { day: 5, coin: 1, usdPrice: null, scaled: '1' }, // no price known that day: not valued
      ],
    });
    expect(days).toEqual([{ day: genesis + 3 * DAY, usd: 70_000_000n }]);
  });
});

import { describe, expect, it } from 'vitest';
import { returnsOf } from './returns';

describe('returnsOf', () => {
  it('sums each NFT rewards in USD against its cost, and the total includes NFTs since sold', () => {
    const { rows, total } = returnsOf({
      held: [{ id: '4', cost: '600000000' }, { id: '9', cost: '0' }],
      rewards: [
        { tokenId: '4', usd: '30000000' },
        { tokenId: '4', usd: '5000000' },
        { tokenId: '5', usd: '2000000' }, // sold since
        { tokenId: null, usd: '1000000' }, // a loan's claim: not tied to one NFT
      ],
    });
    expect(rows.map((r) => [r.tokenId, r.cost, r.rewardsUsd, r.profit])).toEqual([
      [4n, 600_000_000n, 35_000_000n, -565_000_000n],
      [9n, 0n, 0n, 0n],
    ]);
    expect(rows[0].roi).toBeCloseTo(-565 / 600);
    expect(rows[1].roi).toBeUndefined();
    expect(total.cost).toBe(600_000_000n);
    expect(total.rewardsUsd).toBe(37_000_000n);
  });
});

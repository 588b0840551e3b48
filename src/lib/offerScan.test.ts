import { describe, expect, it } from 'vitest';
import { scanPlan, topByPrice } from './offerScan';
import type { Offer } from './offers';

const offer = (id: number, price: number): Offer => ({
  id: BigInt(id),
  buyer: '0x00000000000000000000000000000000000000B0',
  kind: 'product',
  status: 'active',
  feeBps: 250,
  expiresAt: 10n ** 10n,
  target: 1n,
  price: BigInt(price),
  minDays: 1,
  maxDays: 30,
  unitsLeft: 5n,
  escrow: 1n,
});

describe('scanPlan', () => {
  it('splits targets into calls and bounds what each first call scans', () => {
    expect(scanPlan(200, 5000, 50)).toEqual({ chunks: [[0, 50], [50, 100], [100, 150], [150, 200]], firstWindow: 100 });
    expect(scanPlan(3, 5000, 50)).toEqual({ chunks: [[0, 3]], firstWindow: 1666 });
    expect(scanPlan(1, 5000, 50)).toEqual({ chunks: [[0, 1]], firstWindow: 5000 });
  });
  it('handles no targets and more targets per call than entries', () => {
    expect(scanPlan(0, 5000, 50)).toEqual({ chunks: [], firstWindow: 5000 });
    expect(scanPlan(51, 10, 50).firstWindow).toBe(1);
    expect(scanPlan(51, 10, 50).chunks).toEqual([[0, 50], [50, 51]]);
  });
  it('never scans more than the bound in one call', () => {
    for (const n of [1, 7, 49, 50, 51, 200]) {
      const p = scanPlan(n, 5000, 50);
      for (const [a, b] of p.chunks) expect((b - a) * p.firstWindow).toBeLessThanOrEqual(5000);
    }
  });
});

describe('topByPrice', () => {
  it('merges windows: best first, ties by older id, duplicates once, at most k', () => {
    const merged = topByPrice([offer(4, 300), offer(2, 500), offer(9, 500), offer(1, 100), offer(2, 500), offer(7, 400)], 3);
    expect(merged.map((o) => Number(o.id))).toEqual([2, 9, 7]);
    expect(topByPrice([], 3)).toEqual([]);
    expect(topByPrice([offer(1, 1)], 0)).toEqual([]);
  });
});

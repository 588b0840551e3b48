import { hashKey } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { browseQuery, defaultListingsQuery } from './indexer';

describe('the Marketplace asks the indexer once for its first page', () => {
  it('the summary and the untouched browse list are the same query', () => {
    const untouched = browseQuery(1_800_000_000, { coin: 'all', termMin: 0, termMax: Infinity, maxUnitDay: undefined, sort: 'newest', page: 0 }, 24);
    expect(hashKey([untouched])).toBe(hashKey([defaultListingsQuery(1_800_000_000, 24)]));
  });
  it('any filter, sort or page is a request of its own', () => {
    const base = { coin: 'all' as const, termMin: 0, termMax: Infinity, sort: 'newest', page: 0 };
    const first = hashKey([defaultListingsQuery(1_800_000_000, 24)]);
    for (const v of [{ ...base, coin: 0 }, { ...base, termMax: 30 }, { ...base, maxUnitDay: 5 }, { ...base, sort: 'price-asc' }, { ...base, page: 1 }]) {
      expect(hashKey([browseQuery(1_800_000_000, v, 24)])).not.toBe(first);
    }
    expect(browseQuery(1_800_000_000, { ...base, page: 2 }, 24).offset).toBe(48);
  });
});

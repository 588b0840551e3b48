// How the pages read offer books in calls of bounded cost (src/hooks/useOffers.ts), as pure functions:
// which targets go in which call and how far each first call looks, and merging the windows of one book.
import type { Offer } from './offers';

export interface ScanPlan {
  /** [start, end) slices of the targets, one bestOffers call each */
  chunks: [number, number][];
  /** book entries the first call looks at per target: the call scans at most `scan` entries in all */
  firstWindow: number;
}

/**
 * Targets split into calls of at most `perCall` targets; each first call scans at most `scan` entries in
 * all (so `scan / targets in the call` per target, at least 1). A book longer than that is read on in
 * windows of `scan`, one call each.
 */
export function scanPlan(targets: number, scan: number, perCall: number): ScanPlan {
  const chunks: [number, number][] = [];
  for (let a = 0; a < targets; a += perCall) chunks.push([a, Math.min(targets, a + perCall)]);
  const widest = Math.min(targets, perCall);
  return { chunks, firstWindow: widest === 0 ? scan : Math.max(1, Math.floor(scan / widest)) };
}

/** The `k` highest-priced offers of a book read in several windows, best first; equal prices by id (older first). */
export function topByPrice(offers: readonly Offer[], k: number): Offer[] {
  const seen = new Set<bigint>();
  const unique = offers.filter((o) => (seen.has(o.id) ? false : (seen.add(o.id), true)));
  return unique.sort((a, b) => (a.price === b.price ? (a.id < b.id ? -1 : 1) : a.price > b.price ? -1 : 1)).slice(0, k);
}

// mulberry32: a small seeded PRNG for the fuzz tests, so every run sees the same cases and a failure can
// be replayed from its seed.
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  /** A non-negative bigint of `minBits` to `maxBits` bits, biased towards small and boundary-sized values. */
  const bigint = (maxBits: number, minBits = 0): bigint => {
    const bits = int(minBits, maxBits);
    let v = 0n;
    for (let i = 0; i < bits; i += 16) v = (v << 16n) | BigInt(int(0, 0xffff));
    return bits === 0 ? 0n : v & ((1n << BigInt(bits)) - 1n);
  };
  const pick = <T,>(xs: readonly T[]): T => xs[int(0, xs.length - 1)];
  return { next, int, bigint, pick };
}

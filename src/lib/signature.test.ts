// splitSignature against viem's parseSignature (the reference) on real signatures from a local key.
import { parseSignature, serializeCompactSignature, signatureToCompactSignature } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import { splitSignature } from './signature';

const account = privateKeyToAccount('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d');

describe('splitSignature', () => {
  it('gives the v, r, s of viem parseSignature for 65-byte signatures of both parities', async () => {
    const seen = new Set<number>();
    for (let i = 0; seen.size < 2 && i < 40; i++) {
      const sig = await account.signMessage({ message: `permit ${i}` });
      const ref = parseSignature(sig);
      const got = splitSignature(sig);
      expect(got).toEqual({ v: Number(ref.v), r: ref.r, s: ref.s });
      seen.add(got.v);
    }
    expect([...seen].sort()).toEqual([27, 28]);
  });

  it('reads EIP-2098 compact signatures and 0/1 recovery bytes', async () => {
    for (let i = 0; i < 12; i++) {
      const sig = await account.signMessage({ message: `compact ${i}` });
      const ref = parseSignature(sig);
      const compact = serializeCompactSignature(signatureToCompactSignature(ref));
      expect(splitSignature(compact)).toEqual({ v: Number(ref.v), r: ref.r, s: ref.s });
      const zeroOne: `0x${string}` = `0x${sig.slice(2, 130)}${(ref.yParity ?? 0).toString(16).padStart(2, '0')}`;
      expect(splitSignature(zeroOne)).toEqual({ v: Number(ref.v), r: ref.r, s: ref.s });
    }
  });

  it('refuses a signature of the wrong length or with a bad recovery byte, in words', () => {
    expect(() => splitSignature('0x1234')).toThrow(/unexpected length \(2 bytes\)/);
    expect(() => splitSignature(`0x${'11'.repeat(64)}05`)).toThrow(/invalid recovery byte \(5\)/);
  });
});

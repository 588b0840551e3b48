// An ECDSA signature from a wallet (65 bytes r ‖ s ‖ v, or EIP-2098's 64 bytes r ‖ yParityAndS) as the
// v, r, s an EIP-2612 `permit` takes. viem's parseSignature does the same but imports secp256k1 (≈12 KiB
// gzip) to do it; splitting bytes needs no curve.
import type { Hex } from 'viem';

export interface PermitSignature {
  v: number;
  r: Hex;
  s: Hex;
}

const HIGH_BIT = 0x80;

export function splitSignature(signature: Hex): PermitSignature {
  const hex = signature.slice(2);
  if (!/^[0-9a-fA-F]*$/.test(hex) || (hex.length !== 130 && hex.length !== 128)) {
    throw new Error(`The wallet returned a signature of an unexpected length (${hex.length / 2} bytes).`);
  }
  const r: Hex = `0x${hex.slice(0, 64)}`;
  if (hex.length === 128) {
    // EIP-2098: the top bit of the second word is yParity, the rest is s.
    const first = parseInt(hex.slice(64, 66), 16);
    const yParity = first & HIGH_BIT ? 1 : 0;
    const s: Hex = `0x${(first & ~HIGH_BIT).toString(16).padStart(2, '0')}${hex.slice(66, 128)}`;
    return { v: 27 + yParity, r, s };
  }
  const last = parseInt(hex.slice(128, 130), 16);
  const v = last < 27 ? last + 27 : last;
  if (v !== 27 && v !== 28) throw new Error(`The wallet returned a signature with an invalid recovery byte (${last}).`);
  return { v, r, s: `0x${hex.slice(64, 128)}` };
}

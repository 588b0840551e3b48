// EIP-2612 permits for exactly the amount a purchase needs: one signature instead of an approval transaction.
import type { Address, Hex } from 'viem';
import { splitSignature } from '../lib/signature';
import type { TokenAccount } from './useTokenAccount';
import { useTransactor } from './useTransactor';

const PERMIT_TYPES = {
  Permit: [
    { name: 'owner', type: 'address' },
    { name: 'spender', type: 'address' },
    { name: 'value', type: 'uint256' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
} as const;

export interface SignedPermit {
  deadline: bigint;
  v: number;
  r: Hex;
  s: Hex;
}

export function usePermit() {
  const tx = useTransactor();
  /** Asks the wallet to sign a permit for `value`, valid 30 minutes of chain time. Undefined if refused. */
  return async (token: TokenAccount, spender: Address, value: bigint, now: number): Promise<SignedPermit | undefined> => {
    const deadline = BigInt(now + 30 * 60);
    const signed = await tx.sign(
      {
        domain: token.domain,
        types: PERMIT_TYPES,
        primaryType: 'Permit',
        message: { owner: tx.account!, spender, value, nonce: token.nonce, deadline },
      },
      'Permit',
    );
    if (!signed.ok) return undefined;
    return { deadline, ...splitSignature(signed.signature) };
  };
}

// Pure helpers for the Approvals view and the unlimited-approval warning.
import { maxUint256, type Address } from 'viem';

/**
 * An allowance this large is "unlimited" in practice: wallets and dapps that ask for "infinite" approve
 * 2^256-1 (or 2^255 and up, after spends), and no real balance comes close.
 */
export const UNLIMITED_THRESHOLD = 2n ** 255n;

export function isUnlimited(amount: bigint): boolean {
  return amount >= UNLIMITED_THRESHOLD;
}

/** An ERC-20 `approve` or an ERC-721 `setApprovalForAll` that deserves a warning before it is sent. */
export function needsUnlimitedWarning(
  call: { kind: 'erc20'; amount: bigint } | { kind: 'operator'; approved: boolean },
): boolean {
  return call.kind === 'erc20' ? isUnlimited(call.amount) : call.approved;
}

export { maxUint256 };

/** A contract's name in the deployment ("Marketplace"), or undefined when the address is not Hashmint's. */
export function contractName(contracts: Record<string, Address>, address: Address): string | undefined {
  const a = address.toLowerCase();
  return Object.entries(contracts).find(([, v]) => v.toLowerCase() === a)?.[0];
}

/** The Hashmint contracts that can pull tokens or NFTs from a wallet, in the order the view lists them. */
export const SPENDER_NAMES = ['ProductSale', 'Marketplace', 'TermDeposits', 'MiningPools', 'LiquidityVault', 'LoanPool'] as const;
export type SpenderName = (typeof SPENDER_NAMES)[number];

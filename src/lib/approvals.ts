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

/** What a contract call or a signature grants another address, when it is an approval. */
export type Grant =
  | { kind: 'erc20'; spender: Address; amount: bigint }
  | { kind: 'nft'; spender: Address; tokenId: bigint }
  | { kind: 'operator'; spender: Address; approved: boolean }
  | { kind: 'permit'; spender: Address; amount: bigint };

type AbiLike = readonly unknown[];
interface CallLike {
  abi: AbiLike;
  functionName: string;
  args?: unknown;
}

/** ERC-721's approve(to, tokenId) and ERC-20's approve(spender, value) share a selector: the ABI tells them apart. */
function isNftApprove(abi: AbiLike): boolean {
  const item = abi.find(
    (x): x is { type: 'function'; name: string; inputs: readonly { name?: string }[] } =>
      typeof x === 'object' && x !== null && (x as { type?: string }).type === 'function' && (x as { name?: string }).name === 'approve',
  );
  return item?.inputs[1]?.name === 'tokenId';
}

/** The approval a call grants (ERC-20 approve or increaseAllowance, ERC-721 approve, setApprovalForAll), or undefined. */
export function grantOf(call: CallLike): Grant | undefined {
  const [spender, value] = (Array.isArray(call.args) ? call.args : []) as [Address, unknown];
  switch (call.functionName) {
    case 'approve':
      if (typeof value !== 'bigint') return undefined;
      return isNftApprove(call.abi) ? { kind: 'nft', spender, tokenId: value } : { kind: 'erc20', spender, amount: value };
    case 'increaseAllowance':
      return typeof value === 'bigint' ? { kind: 'erc20', spender, amount: value } : undefined;
    case 'setApprovalForAll':
      return typeof value === 'boolean' ? { kind: 'operator', spender, approved: value } : undefined;
    default:
      return undefined;
  }
}

/** The allowance an EIP-2612 permit signature grants, or undefined for other typed data. */
export function grantOfTypedData(typedData: { primaryType?: string; message?: unknown }): Grant | undefined {
  if (typedData.primaryType !== 'Permit') return undefined;
  const m = typedData.message as { spender?: Address; value?: unknown } | undefined;
  return typeof m?.value === 'bigint' && m.spender ? { kind: 'permit', spender: m.spender, amount: m.value } : undefined;
}

/** True for an unlimited allowance (by approve or permit) or an approval for all NFTs: what needs the warning. */
export function isUnlimitedGrant(grant: Grant | undefined): boolean {
  if (!grant) return false;
  if (grant.kind === 'operator') return grant.approved;
  if (grant.kind === 'nft') return false;
  return isUnlimited(grant.amount);
}

/**
 * The one transaction path asks this before sending or signing: an unlimited approval goes out only when
 * the user explicitly acknowledged it (the warning was shown and accepted). Returns why it is refused.
 */
export function unacknowledgedUnlimited(grant: Grant | undefined, acknowledged: boolean | undefined): string | undefined {
  if (!isUnlimitedGrant(grant) || acknowledged) return undefined;
  return grant!.kind === 'operator'
    ? 'Hashmint never asks for approval of all your NFTs without your confirmation. Nothing was sent.'
    : 'Hashmint never asks for an unlimited allowance without your confirmation. Nothing was sent.';
}

// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { maxUint256, zeroAddress } from 'viem';
import { faucetTokenAbi, hashNftAbi, productSaleAbi } from '../abi/abis';
import {
  contractName,
  grantOf,
  grantOfTypedData,
  isUnlimited,
  isUnlimitedGrant,
  needsUnlimitedWarning,
  SPENDER_NAMES,
  unacknowledgedUnlimited,
  UNLIMITED_THRESHOLD,
} from './approvals';

describe('unlimited approvals', () => {
  it('treats 2^255 and above as unlimited, anything a balance could be as exact', () => {
    expect(isUnlimited(maxUint256)).toBe(true);
    expect(isUnlimited(UNLIMITED_THRESHOLD)).toBe(true);
    expect(isUnlimited(UNLIMITED_THRESHOLD - 1n)).toBe(false);
    expect(isUnlimited(0n)).toBe(false);
    expect(isUnlimited(10n ** 30n)).toBe(false);
  });

  it('warns before an unlimited ERC-20 approve and before setApprovalForAll(true), never before revoking', () => {
    expect(needsUnlimitedWarning({ kind: 'erc20', amount: maxUint256 })).toBe(true);
    expect(needsUnlimitedWarning({ kind: 'erc20', amount: 25_000_000n })).toBe(false);
    expect(needsUnlimitedWarning({ kind: 'erc20', amount: 0n })).toBe(false);
    expect(needsUnlimitedWarning({ kind: 'operator', approved: true })).toBe(true);
    expect(needsUnlimitedWarning({ kind: 'operator', approved: false })).toBe(false);
  });
});

describe('contractName', () => {
  const contracts = { Marketplace: '0x610178dA211FEF7D417bC0e6FeD39F05609AD788', LoanPool: '0x9A676e781A523b5d0C0e43731313A708CB607508' } as const;
  it('finds a deployment name in any casing', () => {
    expect(contractName(contracts, '0x610178da211fef7d417bc0e6fed39f05609ad788')).toBe('Marketplace');
    expect(contractName(contracts, contracts.LoanPool)).toBe('LoanPool');
  });
  it('says undefined for an address that is not Hashmint', () => {
    expect(contractName(contracts, zeroAddress)).toBeUndefined();
  });
  it('lists the six contracts that can pull from a wallet', () => {
    expect(SPENDER_NAMES).toEqual(['ProductSale', 'Marketplace', 'TermDeposits', 'MiningPools', 'LiquidityVault', 'LoanPool']);
  });
});

describe('the transaction path recognises approvals (grantOf, grantOfTypedData)', () => {
  const spender = '0x610178dA211FEF7D417bC0e6FeD39F05609AD788' as const;

  it('tells an ERC-20 allowance from an ERC-721 single-token approval by the ABI (same selector)', () => {
    expect(grantOf({ abi: faucetTokenAbi, functionName: 'approve', args: [spender, 25_000_000n] })).toEqual({ kind: 'erc20', spender, amount: 25_000_000n });
    expect(grantOf({ abi: hashNftAbi, functionName: 'approve', args: [spender, 7n] })).toEqual({ kind: 'nft', spender, tokenId: 7n });
    // Even a token id above the unlimited threshold is one NFT, not an allowance.
    expect(isUnlimitedGrant(grantOf({ abi: hashNftAbi, functionName: 'approve', args: [spender, maxUint256] }))).toBe(false);
    // An ABI that does not say (or none) is treated as an allowance: the safe side.
    expect(grantOf({ abi: [], functionName: 'approve', args: [spender, maxUint256] })).toEqual({ kind: 'erc20', spender, amount: maxUint256 });
  });

  it('recognises setApprovalForAll and increaseAllowance, and nothing else', () => {
    expect(grantOf({ abi: hashNftAbi, functionName: 'setApprovalForAll', args: [spender, true] })).toEqual({ kind: 'operator', spender, approved: true });
    expect(grantOf({ abi: hashNftAbi, functionName: 'setApprovalForAll', args: [spender, false] })).toEqual({ kind: 'operator', spender, approved: false });
    expect(grantOf({ abi: [], functionName: 'increaseAllowance', args: [spender, maxUint256] })).toEqual({ kind: 'erc20', spender, amount: maxUint256 });
    expect(grantOf({ abi: productSaleAbi, functionName: 'buy', args: [0n, maxUint256] })).toBeUndefined();
    expect(grantOf({ abi: faucetTokenAbi, functionName: 'transfer', args: [spender, maxUint256] })).toBeUndefined();
    expect(grantOf({ abi: faucetTokenAbi, functionName: 'approve' })).toBeUndefined();
  });

  it('reads the allowance an EIP-2612 permit grants; other typed data grants nothing', () => {
    const permit = (value: bigint) => ({ primaryType: 'Permit', message: { owner: zeroAddress, spender, value, nonce: 0n, deadline: 1n } });
    expect(grantOfTypedData(permit(60_000_000n))).toEqual({ kind: 'permit', spender, amount: 60_000_000n });
    expect(isUnlimitedGrant(grantOfTypedData(permit(maxUint256)))).toBe(true);
    expect(grantOfTypedData({ primaryType: 'Mail', message: { value: maxUint256, spender } })).toBeUndefined();
  });
});

describe('unacknowledgedUnlimited: what the transaction path refuses', () => {
  const spender = zeroAddress;
  const cases = [
    ['exact approve', { kind: 'erc20', spender, amount: 60_000_000n }, false],
    ['unlimited approve', { kind: 'erc20', spender, amount: maxUint256 }, true],
    ['2^255 approve', { kind: 'erc20', spender, amount: UNLIMITED_THRESHOLD }, true],
    ['unlimited permit', { kind: 'permit', spender, amount: maxUint256 }, true],
    ['exact permit', { kind: 'permit', spender, amount: 1n }, false],
    ['one NFT', { kind: 'nft', spender, tokenId: 3n }, false],
    ['all NFTs', { kind: 'operator', spender, approved: true }, true],
    ['revoking all NFTs', { kind: 'operator', spender, approved: false }, false],
    ['revoking an allowance', { kind: 'erc20', spender, amount: 0n }, false],
  ] as const;

  it.each(cases)('%s: refused without acknowledgement = %s, always allowed once acknowledged', (_, grant, refused) => {
    expect(Boolean(unacknowledgedUnlimited(grant, undefined))).toBe(refused);
    expect(Boolean(unacknowledgedUnlimited(grant, false))).toBe(refused);
    expect(unacknowledgedUnlimited(grant, true)).toBeUndefined();
  });

  it('allows calls that are not approvals, and says why it refuses in words', () => {
    expect(unacknowledgedUnlimited(undefined, undefined)).toBeUndefined();
    expect(unacknowledgedUnlimited({ kind: 'operator', spender, approved: true }, false)).toMatch(/all your NFTs.*Nothing was sent/);
    expect(unacknowledgedUnlimited({ kind: 'erc20', spender, amount: maxUint256 }, false)).toMatch(/unlimited allowance.*Nothing was sent/);
  });
});

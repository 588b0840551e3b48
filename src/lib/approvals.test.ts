// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { maxUint256, zeroAddress } from 'viem';
import { contractName, isUnlimited, needsUnlimitedWarning, SPENDER_NAMES, UNLIMITED_THRESHOLD } from './approvals';

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

// The liquidity vault in one batched read: its stats (assets, idle cash, borrowed, utilisation, share
// price, the entry price new deposits pay, rates) and, with a wallet, the user's shares, their value and what can be withdrawn right now.
import { zeroAddress, type Address } from 'viem';
import { useChainRead } from './useChainRead';

export interface VaultState {
  totalAssets: bigint;
  totalSupply: bigint;
  idleCash: bigint;
  totalBorrowed: bigint;
  utilizationBps: bigint;
  /** USDT base units per whole share (withdrawals, redemptions, your position) */
  sharePrice: bigint;
  /** USDT base units a new deposit pays per whole share: the share price plus the impaired loans' upside */
  entrySharePrice: bigint;
  /** what impaired loans' NFTs cover above the value the vault counts them at (up to their debt) */
  upside: bigint;
  /** per year, 1e18 = 100% */
  borrowRate: bigint;
  supplyRate: bigint;
  shareDecimals: number;
  shareSymbol: string;
  position?: {
    shares: bigint;
    /** the shares' value in USDT base units */
    value: bigint;
    /** value capped at the vault's idle cash */
    maxWithdraw: bigint;
  };
}

export function useVault(owner: Address | undefined) {
  return useChainRead({
    topic: 'vault',
    key: [owner],
    refetchInterval: 30_000,
    queryFn: async ({ client, contract }): Promise<VaultState> => {
      const vault = contract('LiquidityVault');
      const who = owner ?? zeroAddress;
      const [stats, shareDecimals, shareSymbol, shares, maxWithdraw] = await client.multicall({
        allowFailure: false,
        contracts: [
          { ...vault, functionName: 'stats' },
          { ...vault, functionName: 'decimals' },
          { ...vault, functionName: 'symbol' },
          { ...vault, functionName: 'balanceOf', args: [who] },
          { ...vault, functionName: 'maxWithdraw', args: [who] },
        ],
      });
      const base = { ...stats, shareDecimals, shareSymbol };
      if (!owner) return base;
      const value = shares === 0n ? 0n : await client.readContract({ ...vault, functionName: 'convertToAssets', args: [shares] });
      return { ...base, position: { shares, value, maxWithdraw } };
    },
  });
}

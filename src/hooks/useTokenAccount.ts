// A wallet's standing with one ERC-20 token: balance, allowance to a spender, and the permit nonce and
// EIP-712 domain (for EIP-2612 signatures), in one batched read.
import type { Address } from 'viem';
import { useAccount } from 'wagmi';
import { abiOf } from '../lib/contracts';
import { useChainRead } from './useChainRead';

export interface TokenAccount {
  balance: bigint;
  allowance: bigint;
  nonce: bigint;
  domain: { name: string; version: string; chainId: number; verifyingContract: Address };
}

export function useTokenAccount(token: Address | undefined, spender: Address | undefined) {
  const { address } = useAccount();
  const ready = token && spender && address ? { token, spender, address } : undefined;
  return useChainRead({
    topic: 'balances',
    key: [token, address, spender],
    enabled: ready !== undefined,
    queryFn: async ({ client }): Promise<TokenAccount> => {
      if (!ready) throw new Error('No token, spender or wallet to read.');
      // Any ERC-20 with EIP-2612: the token's address comes from the caller, its ABI is the faucet token's.
      const t = { address: ready.token, abi: abiOf('USDT') } as const;
      const [balance, allowance, nonce, domain] = await client.multicall({
        allowFailure: false,
        contracts: [
          { ...t, functionName: 'balanceOf', args: [ready.address] },
          { ...t, functionName: 'allowance', args: [ready.address, ready.spender] },
          { ...t, functionName: 'nonces', args: [ready.address] },
          { ...t, functionName: 'eip712Domain' },
        ],
      });
      return {
        balance,
        allowance,
        nonce,
        domain: { name: domain[1], version: domain[2], chainId: Number(domain[3]), verifyingContract: domain[4] },
      };
    },
  });
}

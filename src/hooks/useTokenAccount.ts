// A wallet's standing with one ERC-20 token: balance, allowance to a spender, and the permit nonce and
// EIP-712 domain (for EIP-2612 signatures), in one batched read.
import { useQuery } from '@tanstack/react-query';
import type { Address } from 'viem';
import { useAccount, usePublicClient } from 'wagmi';
import { abis } from '../lib/contracts';
import { hmKey } from '../lib/queryKeys';
import { useAppChain } from './useAppChain';

export interface TokenAccount {
  balance: bigint;
  allowance: bigint;
  nonce: bigint;
  domain: { name: string; version: string; chainId: number; verifyingContract: Address };
}

export function useTokenAccount(token: Address | undefined, spender: Address | undefined) {
  const { chainId } = useAppChain();
  const { address } = useAccount();
  const client = usePublicClient({ chainId });
  return useQuery({
    queryKey: hmKey(chainId, 'balances', token, address, spender),
    enabled: Boolean(client && token && spender && address),
    queryFn: async (): Promise<TokenAccount> => {
      const t = { address: token!, abi: abis.faucetTokenAbi } as const;
      const [balance, allowance, nonce, domain] = await client!.multicall({
        allowFailure: false,
        contracts: [
          { ...t, functionName: 'balanceOf', args: [address!] },
          { ...t, functionName: 'allowance', args: [address!, spender!] },
          { ...t, functionName: 'nonces', args: [address!] },
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

// The interest a deposit of `amount` into `termId` would earn at maturity, as the contract computes it
// (TermDeposits.previewInterest). Undefined while there is no valid amount.
import { useQuery } from '@tanstack/react-query';
import { usePublicClient } from 'wagmi';
import { abis } from '../lib/contracts';
import { hmKey } from '../lib/queryKeys';
import { useAppChain } from './useAppChain';

export function useInterestPreview(termId: number | undefined, amount: bigint | undefined) {
  const { chainId, deployment } = useAppChain();
  const client = usePublicClient({ chainId });
  return useQuery({
    queryKey: hmKey(chainId, 'deposits', 'preview', termId, amount?.toString()),
    enabled: Boolean(client && termId !== undefined && amount !== undefined && amount > 0n),
    staleTime: Infinity, // a term's APR and duration never change
    queryFn: () =>
      client!.readContract({
        address: deployment.contracts.TermDeposits,
        abi: abis.termDepositsAbi,
        functionName: 'previewInterest',
        args: [BigInt(termId!), amount!],
      }),
  });
}

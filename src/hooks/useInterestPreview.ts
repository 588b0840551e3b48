// The interest a deposit of `amount` into `termId` would earn at maturity, as the contract computes it
// (TermDeposits.previewInterest). Undefined while there is no valid amount.
import { useChainRead } from './useChainRead';

export function useInterestPreview(termId: number | undefined, amount: bigint | undefined) {
  return useChainRead({
    topic: 'deposits',
    key: ['preview', termId, amount?.toString()],
    enabled: termId !== undefined && amount !== undefined && amount > 0n,
    staleTime: Infinity, // a term's APR and duration never change
    queryFn: ({ client, contract }) =>
      client.readContract({ ...contract('TermDeposits'), functionName: 'previewInterest', args: [BigInt(termId ?? 0), amount ?? 0n] }),
  });
}

// What the pool would accept of a contribution right now, asked of the contract itself (`acceptable`),
// so a contribution that crosses the hard cap is shown trimmed before anything is signed.
import { zeroAddress } from 'viem';
import { useAccount } from 'wagmi';
import { useChainRead } from './useChainRead';

export function useContributionPreview(poolId: bigint, amount: bigint | undefined) {
  const { address } = useAccount();
  const account = address ?? zeroAddress;
  return useChainRead({
    topic: 'pools',
    key: ['acceptable', poolId.toString(), account, amount?.toString()],
    enabled: amount !== undefined && amount > 0n,
    retry: false,
    queryFn: ({ client, contract }) =>
      client.readContract({ ...contract('MiningPools'), functionName: 'acceptable', args: [poolId, account, amount ?? 0n] }),
  });
}

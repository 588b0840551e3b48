// What the pool would accept of a contribution right now, asked of the contract itself (`acceptable`),
// so a contribution that crosses the hard cap is shown trimmed before anything is signed.
import { useQuery } from '@tanstack/react-query';
import { zeroAddress } from 'viem';
import { useAccount, usePublicClient } from 'wagmi';
import { abis } from '../lib/contracts';
import { hmKey } from '../lib/queryKeys';
import { useAppChain } from './useAppChain';

export function useContributionPreview(poolId: bigint, amount: bigint | undefined) {
  const { chainId, deployment } = useAppChain();
  const { address } = useAccount();
  const client = usePublicClient({ chainId });
  const account = address ?? zeroAddress;
  return useQuery({
    queryKey: hmKey(chainId, 'pools', 'acceptable', poolId.toString(), account, amount?.toString()),
    enabled: Boolean(client && amount !== undefined && amount > 0n),
    retry: false,
    queryFn: () =>
      client!.readContract({
        address: deployment.contracts.MiningPools,
        abi: abis.miningPoolsAbi,
        functionName: 'acceptable',
        args: [poolId, account, amount!],
      }),
  });
}

// Whether a contract may already move one NFT of the connected wallet: approved for that token, or for all
// of the wallet's NFTs (setApprovalForAll). Lets a form skip offering an approval that is already there.
import { useQuery } from '@tanstack/react-query';
import { isAddressEqual, type Address } from 'viem';
import { useAccount, usePublicClient } from 'wagmi';
import { abis } from '../lib/contracts';
import { hmKey } from '../lib/queryKeys';
import { useAppChain } from './useAppChain';

export function useNftApproval(tokenId: bigint, operator: Address) {
  const { chainId, deployment } = useAppChain();
  const { address } = useAccount();
  const client = usePublicClient({ chainId });
  return useQuery({
    queryKey: hmKey(chainId, 'nft', 'approval', tokenId.toString(), address, operator),
    enabled: Boolean(client && address),
    queryFn: async () => {
      const nft = { address: deployment.contracts.HashNFT, abi: abis.hashNftAbi } as const;
      const [approved, forAll] = await client!.multicall({
        allowFailure: false,
        contracts: [
          { ...nft, functionName: 'getApproved', args: [tokenId] },
          { ...nft, functionName: 'isApprovedForAll', args: [address!, operator] },
        ],
      });
      return { token: isAddressEqual(approved, operator), forAll };
    },
  });
}

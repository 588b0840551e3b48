// Whether a contract may already move one NFT of the connected wallet: approved for that token, or for all
// of the wallet's NFTs (setApprovalForAll). Lets a form skip offering an approval that is already there.
import { isAddressEqual, type Address } from 'viem';
import { useAccount } from 'wagmi';
import { useChainRead } from './useChainRead';

export function useNftApproval(tokenId: bigint, operator: Address) {
  const { address } = useAccount();
  return useChainRead({
    topic: 'nft',
    key: ['approval', tokenId.toString(), address, operator],
    enabled: address !== undefined,
    queryFn: async ({ client, contract }) => {
      if (!address) return { token: false, forAll: false };
      const nft = contract('HashNFT');
      const [approved, forAll] = await client.multicall({
        allowFailure: false,
        contracts: [
          { ...nft, functionName: 'getApproved', args: [tokenId] },
          { ...nft, functionName: 'isApprovedForAll', args: [address, operator] },
        ],
      });
      return { token: isAddressEqual(approved, operator), forAll };
    },
  });
}

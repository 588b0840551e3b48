// Sending an NFT to another address with safeTransferFrom (a contract that cannot receive NFTs is refused
// in the simulation, before the wallet opens).
import type { Address } from 'viem';
import { abis } from '../lib/contracts';
import { shortAddress } from '../lib/format';
import { useAppChain } from './useAppChain';
import { useTransactor } from './useTransactor';

export function useTransferNft() {
  const tx = useTransactor();
  const { deployment } = useAppChain();
  return (id: bigint, from: Address, to: Address) =>
    tx.send(
      { address: deployment.contracts.HashNFT, abi: abis.hashNftAbi, functionName: 'safeTransferFrom', args: [from, to, id] },
      { label: `Send #${id} to ${shortAddress(to)}`, topics: ['portfolio', 'nft', 'market'] },
    );
}

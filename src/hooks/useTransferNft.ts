// Sending an NFT to another address with safeTransferFrom (a contract that cannot receive NFTs is refused
// in the simulation, before the wallet opens).
import type { Address } from 'viem';
import { shortAddress } from '../lib/format';
import { useContracts } from './useChainRead';
import { useTransactor } from './useTransactor';

export function useTransferNft() {
  const tx = useTransactor();
  const { contract } = useContracts();
  return (id: bigint, from: Address, to: Address) =>
    tx.send(
      { ...contract('HashNFT'), functionName: 'safeTransferFrom', args: [from, to, id] },
      { label: `Send #${id} to ${shortAddress(to)}`, topics: ['portfolio', 'nft', 'market'] },
    );
}

// Taking back an approval: an ERC-20 allowance (approve(spender, 0)), one NFT's approval
// (approve(address(0), id)) or an operator approval (setApprovalForAll(operator, false)).
import type { Address } from 'viem';
import { useContracts } from './useChainRead';
import { useTransactor } from './useTransactor';

export function useRevoke() {
  const tx = useTransactor();
  const nft = useContracts().contract('HashNFT');
  return {
    allowance: (token: Address, symbol: string, spender: Address, spenderName: string) =>
      tx.approve(token, spender, 0n, { label: `Revoke ${symbol} allowance for ${spenderName}` }),
    nft: (id: bigint) =>
      tx.send(
        { ...nft, functionName: 'approve', args: ['0x0000000000000000000000000000000000000000', id] },
        { label: `Revoke approval of NFT #${id}`, topics: ['nft', 'portfolio', 'market'] },
      ),
    operator: (operator: Address, name: string) =>
      tx.send(
        { ...nft, functionName: 'setApprovalForAll', args: [operator, false] },
        { label: `Revoke ${name}'s access to all your NFTs`, topics: ['nft', 'portfolio', 'market'] },
      ),
  };
}

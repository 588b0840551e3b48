// Claiming the accrued rewards of one or many NFTs in one transaction.
import { plural } from '../lib/format';
import { useContracts } from './useChainRead';
import { useTransactor } from './useTransactor';

export function useClaimRewards() {
  const tx = useTransactor();
  const { contract } = useContracts();
  return (tokenIds: bigint[]) =>
    tx.send(
      { ...contract('Rewards'), functionName: 'claim', args: [tokenIds] },
      {
        label: tokenIds.length === 1 ? `Claim rewards of #${tokenIds[0]}` : `Claim rewards of ${plural(tokenIds.length, 'NFT')}`,
        topics: ['portfolio', 'balances', 'nft'],
      },
    );
}

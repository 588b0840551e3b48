// Claiming the accrued rewards of one or many NFTs in one transaction.
import { abis } from '../lib/contracts';
import { plural } from '../lib/format';
import { useAppChain } from './useAppChain';
import { useTransactor } from './useTransactor';

export function useClaimRewards() {
  const tx = useTransactor();
  const { deployment } = useAppChain();
  return (tokenIds: bigint[]) =>
    tx.send(
      { address: deployment.contracts.Rewards, abi: abis.rewardsAbi, functionName: 'claim', args: [tokenIds] },
      {
        label: tokenIds.length === 1 ? `Claim rewards of #${tokenIds[0]}` : `Claim rewards of ${plural(tokenIds.length, 'NFT')}`,
        topics: ['portfolio', 'balances', 'nft'],
      },
    );
}

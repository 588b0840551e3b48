// Joint mining pool writes through the one transaction path: contribute (with a permit for exactly the
// amount sent, or after an approval of exactly the accepted amount), finalize, refund, claim the unspent
// USDT, claim rewards, and start a pool.
import { abis } from '../lib/contracts';
import { formatAmount } from '../lib/format';
import type { Topic } from '../lib/queryKeys';
import { useAppChain } from './useAppChain';
import type { PayMethod } from './useBuyProduct';
import { usePermit } from './usePermit';
import type { TokenAccount } from './useTokenAccount';
import { useTransactor, type TxResult } from './useTransactor';
import { useSteps } from './useSteps';

export type PoolStep = 'idle' | 'signing' | 'approving' | 'sending';
const TOPICS: Topic[] = ['pools', 'balances'];

export function usePoolActions() {
  const tx = useTransactor();
  const permit = usePermit();
  const { deployment } = useAppChain();
  const { step, setStep, run } = useSteps<PoolStep>('idle');
  const pools = { address: deployment.contracts.MiningPools, abi: abis.miningPoolsAbi } as const;


  /** Approves the pools contract for exactly `amount` USDT (what the pool will take). */
  const approve = (amount: bigint) =>
    run('approving', () =>
      tx.approve(deployment.contracts.USDT, pools.address, amount, { label: `Approve ${formatAmount(amount, 6, 2)} USDT` }),
    );

  /**
   * Contributes `amount` (what is sent; the contract trims it to the hard cap). With a permit, the signature
   * allows exactly `amount`; with an approval, the allowance must already cover what the pool takes.
   */
  const contribute = (args: { poolId: bigint; amount: bigint; accepted: bigint; method: PayMethod; token: TokenAccount; now: number }) =>
    run('sending', async (): Promise<TxResult | undefined> => {
      const { poolId, amount, accepted, method, token, now } = args;
      const label = `Contribute ${formatAmount(accepted, 6, 2)} USDT to pool ${poolId}`;
      if (method === 'permit' && token.allowance < accepted) {
        setStep('signing');
        const p = await permit(token, pools.address, amount, now);
        if (!p) return undefined;
        setStep('sending');
        return tx.send({ ...pools, functionName: 'contributeWithPermit', args: [poolId, amount, p.deadline, p.v, p.r, p.s] }, { label, topics: TOPICS });
      }
      return tx.send({ ...pools, functionName: 'contribute', args: [poolId, amount] }, { label, topics: TOPICS });
    });

  const finalize = (poolId: bigint) =>
    run('sending', () =>
      tx.send({ ...pools, functionName: 'finalize', args: [poolId] }, { label: `Buy the hash power of pool ${poolId}`, topics: ['pools', 'products', 'balances'] }),
    );

  const refund = (poolId: bigint) =>
    run('sending', () => tx.send({ ...pools, functionName: 'refund', args: [poolId] }, { label: `Refund from pool ${poolId}`, topics: TOPICS }));

  const claimUnspent = (poolId: bigint) =>
    run('sending', () =>
      tx.send({ ...pools, functionName: 'claimUnspent', args: [poolId] }, { label: `Claim unspent USDT of pool ${poolId}`, topics: TOPICS }),
    );

  const claimRewards = (poolId: bigint) =>
    run('sending', () =>
      tx.send({ ...pools, functionName: 'claimRewards', args: [poolId] }, { label: `Claim rewards of pool ${poolId}`, topics: TOPICS }),
    );

  const createPool = (args: { productId: bigint; units: bigint; hardCapUnits: bigint; min: bigint; max: bigint; deadline: bigint }) =>
    run('sending', () =>
      tx.send(
        { ...pools, functionName: 'createPool', args: [args.productId, args.units, args.hardCapUnits, args.min, args.max, args.deadline] },
        { label: 'Start a pool', topics: ['pools'] },
      ),
    );

  return { step, approve, contribute, finalize, refund, claimUnspent, claimRewards, createPool };
}

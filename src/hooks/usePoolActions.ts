// Joint mining pool writes through the one transaction path: contribute (with a permit for exactly the
// amount sent, or after an approval of exactly the accepted amount), finalize, refund, claim the unspent
// USDT, claim rewards, and start a pool.
import { formatUsdt } from '../lib/format';
import type { Topic } from '../lib/queryKeys';
import { useContracts } from './useChainRead';
import { usePayment, type PayMethod } from './usePayment';
import type { TokenAccount } from './useTokenAccount';
import { useTransactor, type TxResult } from './useTransactor';
import { useSteps } from './useSteps';

export type PoolStep = 'idle' | 'signing' | 'approving' | 'sending';
const TOPICS: Topic[] = ['pools', 'balances'];

export function usePoolActions() {
  const tx = useTransactor();
  const { contract } = useContracts();
  const steps = useSteps<PoolStep>('idle');
  const { step, run } = steps;
  const payment = usePayment(steps, { approving: 'approving', signing: 'signing', paying: 'sending' });
  const pools = contract('MiningPools');

  /** Approves the pools contract for exactly `amount` USDT (what the pool will take). */
  const approve = (amount: bigint) =>
    payment.approve(contract('USDT').address, pools.address, amount, { label: `Approve ${formatUsdt(amount)}` });

  /**
   * Contributes `amount` (what is sent; the contract trims it to the hard cap). With a permit, the signature
   * allows exactly `amount`; with an approval, the allowance must already cover what the pool takes.
   */
  const contribute = (args: { poolId: bigint; amount: bigint; accepted: bigint; method: PayMethod; token: TokenAccount; now: number }): Promise<TxResult | undefined> => {
    const { poolId, amount, accepted } = args;
    const label = `Contribute ${formatUsdt(accepted)} to pool ${poolId}`;
    return payment.pay({ method: args.method, token: args.token, spender: pools.address, value: amount, needed: accepted, now: args.now }, (p) =>
      p
        ? tx.send({ ...pools, functionName: 'contributeWithPermit', args: [poolId, amount, p.deadline, p.v, p.r, p.s] }, { label, topics: TOPICS })
        : tx.send({ ...pools, functionName: 'contribute', args: [poolId, amount] }, { label, topics: TOPICS }),
    );
  };

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

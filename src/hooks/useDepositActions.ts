// Term-deposit writes: deposit with an EIP-2612 permit for exactly the amount (one signature, one
// transaction) or after an approval of exactly the amount; withdraw at maturity; withdraw early; and claim
// rewards of one coin straight into a term of that coin (Rewards.claimInto, one transaction).
import { encodeAbiParameters, type Address } from 'viem';
import type { Topic } from '../lib/queryKeys';
import { useContracts } from './useChainRead';
import { usePayment, type PayMethod } from './usePayment';
import type { TokenAccount } from './useTokenAccount';
import { useTransactor, type TxResult } from './useTransactor';
import { useSteps } from './useSteps';
export type { PayMethod };
export type DepositStep = 'idle' | 'signing' | 'approving' | 'depositing' | 'withdrawing' | 'claiming';

const DEPOSIT_TOPICS: Topic[] = ['deposits', 'balances'];

export function useDepositActions() {
  const tx = useTransactor();
  const { contract } = useContracts();
  const steps = useSteps<DepositStep>('idle');
  const { step, run } = steps;
  const payment = usePayment(steps, { approving: 'approving', signing: 'signing', paying: 'depositing' });
  const td = contract('TermDeposits');

  /** Approves exactly `amount` of `token` to the deposits contract. */
  const approve = (token: Address, amount: bigint, label: string) => payment.approve(token, td.address, amount, { label });

  const deposit = (args: { termId: number; amount: bigint; method: PayMethod; token: TokenAccount; now: number; label: string }): Promise<TxResult | undefined> => {
    const { termId, amount, label } = args;
    return payment.pay({ method: args.method, token: args.token, spender: td.address, value: amount, now: args.now }, (p) =>
      p
        ? tx.send({ ...td, functionName: 'depositWithPermit', args: [BigInt(termId), amount, p.deadline, p.v, p.r, p.s] }, { label, topics: DEPOSIT_TOPICS })
        : tx.send({ ...td, functionName: 'deposit', args: [BigInt(termId), amount] }, { label, topics: DEPOSIT_TOPICS }),
    );
  };

  /** At or after maturity: principal plus interest. */
  const withdraw = (positionId: bigint, label: string) =>
    run('withdrawing', () =>
      tx.send({ ...td, functionName: 'withdraw', args: [positionId] }, { label, topics: DEPOSIT_TOPICS }),
    );

  /** Before maturity: principal only; the interest goes back to the reserve. */
  const withdrawEarly = (positionId: bigint, label: string) =>
    run('withdrawing', () =>
      tx.send({ ...td, functionName: 'withdrawEarly', args: [positionId] }, { label, topics: DEPOSIT_TOPICS }),
    );

  /** Claims the rewards of `tokenIds` (all mining `coin`) into a new position in `termId`, in one transaction. */
  const claimInto = (tokenIds: bigint[], coin: number, termId: number, label: string) =>
    run('claiming', () =>
      tx.send(
        {
          ...contract('Rewards'),
          functionName: 'claimInto',
          args: [tokenIds, coin, td.address, encodeAbiParameters([{ type: 'uint256' }], [BigInt(termId)])],
        },
        { label, topics: ['portfolio', 'deposits', 'balances', 'nft'] },
      ),
    );

  return { step, approve, deposit, withdraw, withdrawEarly, claimInto };
}

// Term-deposit writes: deposit with an EIP-2612 permit for exactly the amount (one signature, one
// transaction) or after an approval of exactly the amount; withdraw at maturity; withdraw early; and claim
// rewards of one coin straight into a term of that coin (Rewards.claimInto, one transaction).
import { encodeAbiParameters, type Address } from 'viem';
import { abis } from '../lib/contracts';
import type { Topic } from '../lib/queryKeys';
import { useAppChain } from './useAppChain';
import { usePermit } from './usePermit';
import type { TokenAccount } from './useTokenAccount';
import { useTransactor, type TxResult } from './useTransactor';

import type { PayMethod } from './useBuyProduct';
import { useSteps } from './useSteps';
export type { PayMethod };
export type DepositStep = 'idle' | 'signing' | 'approving' | 'depositing' | 'withdrawing' | 'claiming';

const DEPOSIT_TOPICS: Topic[] = ['deposits', 'balances'];

export function useDepositActions() {
  const tx = useTransactor();
  const { deployment } = useAppChain();
  const permit = usePermit();
  const { step, setStep, run } = useSteps<DepositStep>('idle');
  const td = deployment.contracts.TermDeposits;


  /** Approves exactly `amount` of `token` to the deposits contract. */
  const approve = (token: Address, amount: bigint, label: string) =>
    run('approving', () =>
      tx.approve(token, td, amount, { label }),
    );

  async function deposit(args: { termId: number; amount: bigint; method: PayMethod; token: TokenAccount; now: number; label: string }): Promise<TxResult | undefined> {
    const { termId, amount, method, token, label } = args;
    if (method === 'permit' && token.allowance < amount) {
      setStep('signing');
      try {
        const p = await permit(token, td, amount, args.now);
        if (!p) return undefined;
        setStep('depositing');
        return await tx.send(
          { address: td, abi: abis.termDepositsAbi, functionName: 'depositWithPermit', args: [BigInt(termId), amount, p.deadline, p.v, p.r, p.s] },
          { label, topics: DEPOSIT_TOPICS },
        );
      } finally {
        setStep('idle');
      }
    }
    return run('depositing', () =>
      tx.send({ address: td, abi: abis.termDepositsAbi, functionName: 'deposit', args: [BigInt(termId), amount] }, { label, topics: DEPOSIT_TOPICS }),
    );
  }

  /** At or after maturity: principal plus interest. */
  const withdraw = (positionId: bigint, label: string) =>
    run('withdrawing', () =>
      tx.send({ address: td, abi: abis.termDepositsAbi, functionName: 'withdraw', args: [positionId] }, { label, topics: DEPOSIT_TOPICS }),
    );

  /** Before maturity: principal only; the interest goes back to the reserve. */
  const withdrawEarly = (positionId: bigint, label: string) =>
    run('withdrawing', () =>
      tx.send({ address: td, abi: abis.termDepositsAbi, functionName: 'withdrawEarly', args: [positionId] }, { label, topics: DEPOSIT_TOPICS }),
    );

  /** Claims the rewards of `tokenIds` (all mining `coin`) into a new position in `termId`, in one transaction. */
  const claimInto = (tokenIds: bigint[], coin: number, termId: number, label: string) =>
    run('claiming', () =>
      tx.send(
        {
          address: deployment.contracts.Rewards,
          abi: abis.rewardsAbi,
          functionName: 'claimInto',
          args: [tokenIds, coin, td, encodeAbiParameters([{ type: 'uint256' }], [BigInt(termId)])],
        },
        { label, topics: ['portfolio', 'deposits', 'balances', 'nft'] },
      ),
    );

  return { step, approve, deposit, withdraw, withdrawEarly, claimInto };
}

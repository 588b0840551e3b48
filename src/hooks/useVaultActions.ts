// Vault writes through the one transaction path: an approval of exactly the deposit, then the ERC-4626
// deposit(assets, receiver); withdraw(assets, receiver, owner) needs no approval. And the mark-down anyone
// may make: LoanPool.impair on each loan the lens lists as counted above its collateral, or whose recorded
// upside is out of date (each simulated first, stopping at the first that does not confirm).
import { formatUsdt } from '../lib/format';
import type { Topic } from '../lib/queryKeys';
import { useContracts } from './useChainRead';
import { useTransactor, type TxResult } from './useTransactor';
import { useSteps } from './useSteps';

const TOPICS: Topic[] = ['vault', 'loans', 'balances'];
export type VaultStep = 'idle' | 'approving' | 'depositing' | 'withdrawing' | 'marking';

export function useVaultActions() {
  const tx = useTransactor();
  const { contract } = useContracts();
  const { step, run } = useSteps<VaultStep>('idle');
  const vault = contract('LiquidityVault');

  const approve = (amount: bigint) =>
    run('approving', () =>
      tx.approve(contract('USDT').address, vault.address, amount, { label: `Approve ${formatUsdt(amount)} for the vault` }),
    );

  const deposit = (amount: bigint) =>
    run('depositing', () =>
      tx.send(
        { ...vault, functionName: 'deposit', args: [amount, tx.account!] },
        { label: `Deposit ${formatUsdt(amount)} in the vault`, topics: TOPICS },
      ),
    );

  const withdraw = (amount: bigint) =>
    run('withdrawing', () =>
      tx.send(
        { ...vault, functionName: 'withdraw', args: [amount, tx.account!, tx.account!] },
        { label: `Withdraw ${formatUsdt(amount)} from the vault`, topics: TOPICS },
      ),
    );

  /** `impair` on each loan, one transaction each, stopping at the first that does not confirm. */
  const impairEach = (loanIds: bigint[], label: (id: bigint) => string) =>
    run('marking', async (): Promise<TxResult | undefined> => {
      let last: TxResult | undefined;
      for (const id of loanIds) {
        last = await tx.send({ ...contract('LoanPool'), functionName: 'impair', args: [id] }, { label: label(id), topics: TOPICS });
        if (last.status !== 'confirmed') return last;
      }
      return last;
    });

  /** Marks each loan down (impair: a first impairment, or a lower count on an impaired loan). */
  const markDown = (loanIds: bigint[]) => impairEach(loanIds, (id) => `Mark loan ${id} down to its collateral's value`);
  /** Brings each impaired loan's upside (what its NFTs cover above the count, priced into deposits) up to date. */
  const updateUpside = (loanIds: bigint[]) => impairEach(loanIds, (id) => `Update loan ${id}'s upside to its collateral's value`);

  return { step, approve, deposit, withdraw, markDown, updateUpside };
}

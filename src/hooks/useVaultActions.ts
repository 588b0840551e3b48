// Vault writes through the one transaction path: an approval of exactly the deposit, then the ERC-4626
// deposit(assets, receiver); withdraw(assets, receiver, owner) needs no approval.
import { formatUsdt } from '../lib/format';
import type { Topic } from '../lib/queryKeys';
import { useContracts } from './useChainRead';
import { useTransactor } from './useTransactor';
import { useSteps } from './useSteps';

const TOPICS: Topic[] = ['vault', 'loans', 'balances'];
export type VaultStep = 'idle' | 'approving' | 'depositing' | 'withdrawing';

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

  return { step, approve, deposit, withdraw };
}

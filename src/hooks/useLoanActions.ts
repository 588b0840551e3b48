// Loan writes through the one transaction path. Pledging asks approval for each NFT on its own (one
// transaction per token that is not yet approved; setApprovalForAll instead only when the user opted in
// and accepted the warning), then borrows. Repaying and
// liquidating pay with an approval for exactly the amount ("repay all" and liquidation approve the debt
// plus an hour of interest, because the debt grows every second until the transaction lands).
import { isAddressEqual } from 'viem';
import { useChainClient } from './useChainClient';
import { formatUsdt, DAY_SECONDS, plural } from '../lib/format';
import { MAX_UINT } from '../lib/loans';
import type { Topic } from '../lib/queryKeys';
import { useContracts } from './useChainRead';
import { useTransactor, type TxOptions, type TxResult } from './useTransactor';
import { useSteps } from './useSteps';

const TOPICS: Topic[] = ['loans', 'vault', 'portfolio', 'balances', 'nft'];

export type LoanStep =
  | { kind: 'idle' }
  | { kind: 'approving-nft'; tokenId: bigint; index: number; count: number }
  | { kind: 'approving' }
  | { kind: 'sending'; what: string };

export function useLoanActions() {
  const tx = useTransactor();
  const { chainId, contract } = useContracts();
  const client = useChainClient(chainId);
  const { step, setStep, run } = useSteps<LoanStep>({ kind: 'idle' });
  const pool = contract('LoanPool');
  const nft = contract('HashNFT');

  /** The NFTs among `ids` the pool may not move yet (one batched read). */
  async function unapproved(ids: bigint[]): Promise<bigint[]> {
    const owner = tx.account;
    if (!owner || !client) return ids;
    const [forAll, approved] = await Promise.all([
      client.readContract({ ...nft, functionName: 'isApprovedForAll', args: [owner, pool.address] }),
      client.multicall({ allowFailure: false, contracts: ids.map((id) => ({ ...nft, functionName: 'getApproved', args: [id] }) as const) }),
    ]);
    if (forAll) return [];
    return ids.filter((_, i) => !isAddressEqual(approved[i], pool.address));
  }

  /**
   * Approves each NFT not yet approved (one transaction per token), or all the wallet's NFTs in one
   * transaction when the user chose that and accepted the warning (`approveAll`), then borrows.
   */
  const borrow = (ids: bigint[], amount: bigint, durationDays: number, approveAll?: Pick<TxOptions, 'unlimitedAcknowledged'>) =>
    run({ kind: 'sending', what: 'Checking approvals…' }, async (): Promise<TxResult | undefined> => {
      const todo = await unapproved(ids);
      if (todo.length > 0 && approveAll?.unlimitedAcknowledged) {
        setStep({ kind: 'approving' });
        const r = await tx.send(
          { ...nft, functionName: 'setApprovalForAll', args: [pool.address, true] },
          { label: 'Approve all your NFTs for the loan pool', topics: ['nft'], ...approveAll },
        );
        if (r.status !== 'confirmed') return r;
        todo.length = 0;
      }
      for (const [i, id] of todo.entries()) {
        setStep({ kind: 'approving-nft', tokenId: id, index: i + 1, count: todo.length });
        const r = await tx.send(
          { ...nft, functionName: 'approve', args: [pool.address, id] },
          { label: `Approve #${id} for the loan pool`, topics: ['nft'] },
        );
        if (r.status !== 'confirmed') return r;
      }
      setStep({ kind: 'sending', what: 'Borrowing…' });
      return tx.send(
        { ...pool, functionName: 'borrow', args: [ids, amount, BigInt(durationDays * DAY_SECONDS)] },
        { label: `Borrow ${formatUsdt(amount)} against ${ids.length === 1 ? `#${ids[0]}` : plural(ids.length, 'NFT')}`, topics: TOPICS },
      );
    });

  /** Approves exactly `amount` USDT for the loan pool. */
  const approveUsdt = (amount: bigint) =>
    run({ kind: 'approving' }, () =>
      tx.approve(contract('USDT').address, pool.address, amount, { label: `Approve ${formatUsdt(amount)} for the loan pool` }),
    );

  /** Repays `amount`, or everything with `all` (max: the contract takes exactly the debt at that block). */
  const repay = (loanId: bigint, amount: bigint, all: boolean) =>
    run({ kind: 'sending', what: 'Repaying…' }, () =>
      tx.send(
        { ...pool, functionName: 'repay', args: [loanId, all ? MAX_UINT : amount] },
        { label: all ? `Repay loan ${loanId} in full` : `Repay ${formatUsdt(amount)} of loan ${loanId}`, topics: TOPICS },
      ),
    );

  const setSelfRepay = (loanId: bigint, enabled: boolean) =>
    run({ kind: 'sending', what: enabled ? 'Turning self-repay on…' : 'Turning self-repay off…' }, () =>
      tx.send(
        { ...pool, functionName: 'setSelfRepay', args: [loanId, enabled] },
        { label: `Self-repay ${enabled ? 'on' : 'off'} for loan ${loanId}`, topics: ['loans'] },
      ),
    );

  const claimRewards = (loanId: bigint) =>
    run({ kind: 'sending', what: 'Claiming…' }, () =>
      tx.send({ ...pool, functionName: 'claimRewards', args: [loanId] }, { label: `Claim rewards of loan ${loanId}`, topics: TOPICS }),
    );

  return { step, borrow, approveUsdt, repay, setSelfRepay, claimRewards };
}

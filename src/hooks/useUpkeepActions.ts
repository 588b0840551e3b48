// Loan upkeep and auction writes (issue 13) through the one transaction path: add or withdraw collateral,
// borrow more, extend, refinance; bid, redeem and settle an auction. Each approval is for exactly what the
// next call takes (an NFT by itself, a USDT amount to the contract that pulls it); every call is simulated
// first by the transactor, so a refusal is explained before the wallet opens.
import { isAddressEqual } from 'viem';
import { useChainClient } from './useChainClient';
import { DAY_SECONDS, formatUsdt, plural } from '../lib/format';
import type { Topic } from '../lib/queryKeys';
import { useContracts } from './useChainRead';
import type { LoanStep } from './useLoanActions';
import { useSteps } from './useSteps';
import { useTransactor, type TxResult } from './useTransactor';

const TOPICS: Topic[] = ['loans', 'vault', 'portfolio', 'balances', 'nft'];
const nftList = (ids: readonly bigint[]) => (ids.length === 1 ? `#${ids[0]}` : plural(ids.length, 'NFT'));

export function useUpkeepActions() {
  const tx = useTransactor();
  const { chainId, contract } = useContracts();
  const client = useChainClient(chainId);
  const { step, setStep, run } = useSteps<LoanStep>({ kind: 'idle' });
  const pool = contract('LoanPool');
  const auctions = contract('LoanAuctions');
  const nft = contract('HashNFT');
  const usdt = contract('USDT').address;

  /** Exactly `amount` USDT for `spender` if the allowance is short; undefined when nothing was needed. */
  async function allowUsdt(spender: typeof pool.address, amount: bigint, what: string): Promise<TxResult | undefined> {
    const owner = tx.account;
    if (!owner || !client || amount <= 0n) return undefined;
    const allowance = await client.readContract({ ...contract('USDT'), functionName: 'allowance', args: [owner, spender] });
    if (allowance >= amount) return undefined;
    setStep({ kind: 'approving' });
    return tx.approve(usdt, spender, amount, { label: `Approve ${formatUsdt(amount)} ${what}` });
  }

  const addCollateral = (loanId: bigint, ids: bigint[]) =>
    run({ kind: 'sending', what: 'Checking approvals…' }, async (): Promise<TxResult | undefined> => {
      const owner = tx.account;
      if (owner && client) {
        const [forAll, approved] = await Promise.all([
          client.readContract({ ...nft, functionName: 'isApprovedForAll', args: [owner, pool.address] }),
          client.multicall({ allowFailure: false, contracts: ids.map((id) => ({ ...nft, functionName: 'getApproved', args: [id] }) as const) }),
        ]);
        const todo = forAll ? [] : ids.filter((_, i) => !isAddressEqual(approved[i], pool.address));
        for (const [i, id] of todo.entries()) {
          setStep({ kind: 'approving-nft', tokenId: id, index: i + 1, count: todo.length });
          const r = await tx.send({ ...nft, functionName: 'approve', args: [pool.address, id] }, { label: `Approve #${id} for the loan pool`, topics: ['nft'] });
          if (r.status !== 'confirmed') return r;
        }
      }
      setStep({ kind: 'sending', what: 'Adding collateral…' });
      return tx.send({ ...pool, functionName: 'addCollateral', args: [loanId, ids] }, { label: `Add ${nftList(ids)} to loan ${loanId}`, topics: TOPICS });
    });

  const withdrawCollateral = (loanId: bigint, ids: bigint[]) =>
    run({ kind: 'sending', what: 'Withdrawing collateral…' }, () =>
      tx.send({ ...pool, functionName: 'withdrawCollateral', args: [loanId, ids] }, { label: `Withdraw ${nftList(ids)} from loan ${loanId}`, topics: TOPICS }),
    );

  const borrowMore = (loanId: bigint, amount: bigint) =>
    run({ kind: 'sending', what: 'Borrowing more…' }, () =>
      tx.send({ ...pool, functionName: 'borrowMore', args: [loanId, amount] }, { label: `Borrow ${formatUsdt(amount)} more on loan ${loanId}`, topics: TOPICS }),
    );

  const extend = (loanId: bigint, newDue: number) =>
    run({ kind: 'sending', what: 'Extending…' }, () =>
      tx.send({ ...pool, functionName: 'extend', args: [loanId, BigInt(newDue)] }, { label: `Extend loan ${loanId}`, topics: TOPICS }),
    );

  /** A new loan on the same NFTs repays the old one; when the new amount is below the debt, `pays` is approved first. */
  const refinance = (loanId: bigint, amount: bigint, durationDays: number, pays: bigint) =>
    run({ kind: 'sending', what: 'Refinancing…' }, async (): Promise<TxResult | undefined> => {
      const a = await allowUsdt(pool.address, pays, 'for the refinance');
      if (a && a.status !== 'confirmed') return a;
      setStep({ kind: 'sending', what: 'Refinancing…' });
      return tx.send(
        { ...pool, functionName: 'refinance', args: [loanId, amount, BigInt(durationDays * DAY_SECONDS)] },
        { label: `Refinance loan ${loanId} with ${formatUsdt(amount)}`, topics: TOPICS },
      );
    });

  const bid = (loanId: bigint, amount: bigint) =>
    run({ kind: 'sending', what: 'Bidding…' }, async (): Promise<TxResult | undefined> => {
      const a = await allowUsdt(auctions.address, amount, 'for the bid');
      if (a && a.status !== 'confirmed') return a;
      setStep({ kind: 'sending', what: 'Bidding…' });
      return tx.send({ ...auctions, functionName: 'bid', args: [loanId, amount] }, { label: `Bid ${formatUsdt(amount)} on loan ${loanId}`, topics: TOPICS });
    });

  /** Starts the auction with a first bid of `amount` (at least the minimum first bid). */
  const startAuction = (loanId: bigint, amount: bigint) =>
    run({ kind: 'sending', what: 'Starting the auction…' }, async (): Promise<TxResult | undefined> => {
      const a = await allowUsdt(auctions.address, amount, 'for the first bid');
      if (a && a.status !== 'confirmed') return a;
      setStep({ kind: 'sending', what: 'Starting the auction…' });
      return tx.send({ ...auctions, functionName: 'startAuction', args: [loanId, amount] }, { label: `Start the auction of loan ${loanId} with ${formatUsdt(amount)}`, topics: TOPICS });
    });

  const redeem = (loanId: bigint, amount: bigint) =>
    run({ kind: 'sending', what: 'Redeeming…' }, async (): Promise<TxResult | undefined> => {
      const a = await allowUsdt(auctions.address, amount, 'to redeem');
      if (a && a.status !== 'confirmed') return a;
      setStep({ kind: 'sending', what: 'Redeeming…' });
      return tx.send({ ...auctions, functionName: 'redeem', args: [loanId] }, { label: `Redeem loan ${loanId} for ${formatUsdt(amount)}`, topics: TOPICS });
    });

  const settle = (loanId: bigint) =>
    run({ kind: 'sending', what: 'Settling…' }, () =>
      tx.send({ ...auctions, functionName: 'settle', args: [loanId] }, { label: `Settle the auction of loan ${loanId}`, topics: TOPICS }),
    );

  /** Anyone: the vault counts a liquidatable loan at min(debt, collateral value) from now on; starts the write-off window. */
  const impair = (loanId: bigint) =>
    run({ kind: 'sending', what: 'Marking impaired…' }, () =>
      tx.send({ ...pool, functionName: 'impair', args: [loanId] }, { label: `Mark loan ${loanId} impaired`, topics: TOPICS }),
    );

  /** Anyone, once the window has passed with no auction: the NFTs go to the treasury, the loss to the share price. */
  const writeOff = (loanId: bigint) =>
    run({ kind: 'sending', what: 'Writing off…' }, () =>
      tx.send({ ...pool, functionName: 'writeOff', args: [loanId] }, { label: `Write off loan ${loanId}`, topics: TOPICS }),
    );

  return { step, addCollateral, withdrawCollateral, borrowMore, extend, refinance, bid, startAuction, redeem, settle, impair, writeOff };
}

// Earn → liquidity vault → risk: what a lender should see before depositing. Bad debt written off, loans in
// auction, what the impaired loans are counted at and what their NFTs cover above it (priced into deposits);
// loans counted above what their collateral is worth (pending mark-downs) and impaired loans whose upside is
// out of date, each with the price after and a button anyone may press (LoanPool.impair, simulated first).
import { useAccount } from 'wagmi';
import { useVaultActions } from '../../hooks/useVaultActions';
import { useVaultRisk, type PendingMarkDowns, type PendingUpsides } from '../../hooks/useVaultRisk';
import { formatAmount, formatStable, formatUsdt } from '../../lib/format';
import { href } from '../../lib/router';
import { ActionButton } from '../ActionButton';
import { Skeleton, Stat } from '../ui';

/** What a lender should see before depositing: losses already taken, loans being sold now, and mark-downs not yet made. */
export function VaultRiskStats({ upside }: { upside: bigint }) {
  const risk = useVaultRisk();
  const r = risk.data;
  return (
    <>
      <dl className="mt-4 grid grid-cols-2 gap-4 md:grid-cols-4" aria-label="Vault risk">
        <Stat label="Bad debt written off" value={r ? formatUsdt(r.badDebtWrittenOff) : <Skeleton />} sub={r ? `${formatStable(r.badDebtWrittenOff)} of debt never repaid, interest included` : undefined} testId="vault-bad-debt" />
        <Stat
          label="Loans in auction"
          value={r ? String(r.loansInAuction) : <Skeleton />}
          sub={<>{r && r.loansInAuction > 0 ? `counted at ${formatUsdt(r.auctionBook)} (the bids, at most the debts) · ` : ''}<a className="text-brand-400 underline" href={href.auctions}>See the auctions</a></>}
          testId="vault-in-auction"
        />
        <Stat
          label="Impaired loans counted at"
          value={r ? formatUsdt(r.impairedBook) : <Skeleton />}
          sub={r ? (r.impairedBook > 0n ? `the lower of debt and appraisal, no interest${upside > 0n ? `; their NFTs cover ${formatUsdt(upside)} more now, priced into deposits` : ''}` : 'none marked impaired') : undefined}
          testId="vault-impaired"
        />
        <Stat
          label="Marked down"
          value="By a keeper"
          sub="in the block after a price change, and by anyone below; a withdrawal mined before it leaves at the old count, taking at most its share of the pending mark-down"
          testId="vault-markdown-cadence"
        />
      </dl>
      {r && <PendingMarkDownNote p={r.pending} />}
      {r && <PendingUpsideNote u={r.upsides} />}
    </>
  );
}

/**
 * Loans the vault still counts above what their collateral is worth: the share price after marking them
 * down, and a button anyone may press to do it (LoanPool.impair on each, simulated first).
 */
function PendingMarkDownNote({ p }: { p: PendingMarkDowns }) {
  const { isConnected } = useAccount();
  const { step, markDown } = useVaultActions();
  const n = p.loanIds.length;
  if (n === 0 && p.blockedByStalePrice === 0) return null;
  const drop = p.totalAssets - p.totalAssetsAfter;
  return (
    <div role="status" className="mt-4 space-y-2 rounded-xl border border-amber-700/50 bg-amber-500/10 p-3 text-sm text-amber-100" data-testid="vault-pending-markdown">
      {n > 0 && (
        <>
          <p>
            <span data-testid="vault-pending-markdown-text">
              {n} {n === 1 ? 'loan' : 'loans'} under water not yet marked down; share price after mark-down {formatAmount(p.sharePriceAfter, 6, 6)} USDT
            </span>{' '}
            (now {formatAmount(p.sharePrice, 6, 6)} USDT). The vault counts {n === 1 ? 'it' : 'them'} {formatUsdt(drop)} above what the collateral is worth at today's price: loan{n === 1 ? '' : 's'} {p.loanIds.map(String).join(', ')}. Anyone may mark {n === 1 ? 'it' : 'them'} down, so that lenders who leave and lenders who stay see the same price.
          </p>
          <ActionButton
            testId="vault-markdown-submit"
            state={{ connected: isConnected, loading: false, busy: step === 'marking' ? 'Marking down…' : undefined, action: `Mark ${n === 1 ? 'it' : `all ${n}`} down` }}
            onAction={() => void markDown(p.loanIds)}
          />
        </>
      )}
      {p.blockedByStalePrice > 0 && (
        <p data-testid="vault-markdown-blocked">
          {p.blockedByStalePrice} {p.blockedByStalePrice === 1 ? 'loan looks' : 'loans look'} liquidatable on a stale price: nobody can mark {p.blockedByStalePrice === 1 ? 'it' : 'them'} down until the price is updated. See the Loans page.
        </p>
      )}
    </div>
  );
}

/**
 * Impaired loans whose recorded upside (what their NFTs cover above the count, priced into new deposits) is
 * out of date at today's price: the entry price after updating it, and a button anyone may press.
 */
function PendingUpsideNote({ u }: { u: PendingUpsides }) {
  const { isConnected } = useAccount();
  const { step, updateUpside } = useVaultActions();
  const n = u.loanIds.length;
  if (n === 0) return null;
  return (
    <div role="status" className="mt-4 space-y-2 rounded-xl border border-slate-700 bg-slate-900/60 p-3 text-sm text-slate-200" data-testid="vault-pending-upside">
      <p>
        <span data-testid="vault-pending-upside-text">
          {n} impaired {n === 1 ? "loan's" : "loans'"} upside out of date; entry price after the update {formatAmount(u.entrySharePriceAfter, 6, 6)} USDT
        </span>{' '}
        (now {formatAmount(u.entrySharePrice, 6, 6)} USDT; the share price does not change). Loan{n === 1 ? '' : 's'} {u.loanIds.map(String).join(', ')}: the collateral covers a different amount at today's price. Anyone may update {n === 1 ? 'it' : 'them'}, so that new deposits pay for what the collateral covers today.
      </p>
      <ActionButton
        testId="vault-upside-submit"
        state={{ connected: isConnected, loading: false, busy: step === 'marking' ? 'Updating…' : undefined, action: `Update ${n === 1 ? 'it' : `all ${n}`}` }}
        onAction={() => void updateUpside(u.loanIds)}
      />
    </div>
  );
}

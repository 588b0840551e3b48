// The Auctions tab of Loans (issue 13), readable without a wallet: each live auction with its collateral,
// frozen debt, current bid, minimum next bid, time left and what the borrower would get back at the current
// bid; a bid form; the borrower's redeem for the exact amount; settlement ("claim") once it has ended; and
// the outbid bids refunded to the connected wallet. Every input is refused in words before the wallet opens.
import { useState } from 'react';
import { isAddressEqual, type Address } from 'viem';
import { useAccount } from 'wagmi';
import { ActionButton } from '../ActionButton';
import { AmountField } from '../AmountField';
import { Countdown } from '../Countdown';
import { Badge, Card, EmptyState, LoadingCards, Stat } from '../ui';
import { AuctionState, type AuctionsState, type AuctionView } from '../../hooks/useAuctions';
import type { TokenAccount } from '../../hooks/useTokenAccount';
import { useUpkeepActions } from '../../hooks/useUpkeepActions';
import type { CoinState } from '../../lib/protocol';
import { formatDateTime, formatDuration, formatHashrate, formatStable, formatUsdt, plural, shortAddress } from '../../lib/format';
import { bpsText, parseBid } from '../../lib/loans';
import { href } from '../../lib/router';
import { stepText } from './stepText';

const same = (a: Address | undefined, b: Address) => a !== undefined && isAddressEqual(a, b);

export function Auctions({ data, coins, now, token, isError }: { data?: AuctionsState; coins?: CoinState[]; now?: number; token?: TokenAccount; isError?: boolean }) {
  const { address } = useAccount();
  return (
    <section aria-labelledby="auctions-title" className="space-y-4">
      <div>
        <h2 id="auctions-title" className="text-xl font-semibold text-white">Liquidation auctions</h2>
        {data && (
          <p className="mt-1 max-w-3xl text-sm text-slate-400" data-testid="auction-rules">
            A liquidatable loan is sold here. Each auction runs {formatDuration(data.rules.duration)}; a bid in its last {formatDuration(data.rules.extension)} pushes the end back by that much. Each bid beats the last by at least {bpsText(data.rules.minStepBps)}, and an outbid bidder is refunded in the same transaction. Until the end the borrower may redeem: pay the debt plus a {bpsText(data.rules.penaltyBps)} penalty (to the first bidder) and keep the NFTs. At the end the highest bidder takes the NFTs, the vault gets the debt and the borrower gets everything above it.
          </p>
        )}
      </div>
      {isError && <p role="alert" className="text-sm text-rose-200">Could not read the auctions from the chain. It retries on its own.</p>}
      {!data || !coins || now === undefined ? (
        <LoadingCards count={1} label="Loading auctions" />
      ) : data.list.length === 0 ? (
        <EmptyState title="No auction running">When a loan becomes liquidatable, anyone may start its auction from the Loans tab.</EmptyState>
      ) : (
        <ul className="grid gap-4 xl:grid-cols-2" aria-label="Live auctions">
          {data.list.map((a) => (
            <li key={String(a.loanId)}>
              <AuctionCard a={a} coins={coins} now={now} token={token} me={address} />
            </li>
          ))}
        </ul>
      )}
      {data && data.refunds.length > 0 && (
        <Card aria-labelledby="refunds-title" data-testid="auction-refunds">
          <h3 id="refunds-title" className="font-semibold text-white">Your outbid bids, refunded</h3>
          <ul className="mt-2 space-y-1 text-sm text-slate-300">
            {data.refunds.map((r) => (
              <li key={`${r.loanId}-${r.block}-${r.amount}`} className="tabular">
                Loan {String(r.loanId)}: {formatUsdt(r.amount)} ({formatStable(r.amount)}) back in your wallet, in block {String(r.block)}
              </li>
            ))}
          </ul>
        </Card>
      )}
    </section>
  );
}

function AuctionCard({ a, coins, now, token, me }: { a: AuctionView; coins: CoinState[]; now: number; token?: TokenAccount; me?: Address }) {
  const { isConnected } = useAccount();
  const actions = useUpkeepActions();
  const [text, setText] = useState('');
  const ended = now >= a.endsAt || a.state === AuctionState.Ended;
  const borrower = same(me, a.borrower);
  const leading = same(me, a.highestBidder);
  const parsed = parseBid(text, a.minNextBid, token?.balance);
  const endedText = `The auction ended at ${formatDateTime(a.endsAt)}: no more bids.`;
  const bidError = ended ? endedText : parsed.ok ? undefined : parsed.error;
  const amount = parsed.ok ? parsed.value : 0n;
  const value = a.collateral.reduce((s, c) => s + c.value, 0n);
  const busy = stepText(actions.step);
  const redeemError = ended ? `The auction ended at ${formatDateTime(a.endsAt)}: it can no longer be redeemed. Once settled, the NFTs go to the highest bidder and you receive ${formatUsdt(a.surplusToBorrower)} above the debt.` : undefined;
  return (
    <Card className="space-y-3" data-testid={`auction-${a.loanId}`} aria-labelledby={`auction-${a.loanId}-title`}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h3 id={`auction-${a.loanId}-title`} className="text-lg font-semibold text-white">Loan {String(a.loanId)}</h3>
          <p className="text-xs text-slate-400">borrower {shortAddress(a.borrower)}{borrower ? ' (you)' : ''}</p>
        </div>
        {ended ? <Badge tone="amber">Ended: waiting to be settled</Badge> : <Badge tone="sky">Live</Badge>}
      </div>
      <ul className="space-y-1 text-sm" aria-label={`Collateral of loan ${a.loanId}`}>
        {a.collateral.map((c) => {
          const coin = coins[c.coin];
          return (
            <li key={String(c.tokenId)} className="tabular flex flex-wrap justify-between gap-x-3">
              <a href={href.nft(c.tokenId)} className="text-brand-400 underline">#{String(c.tokenId)}</a>
              <span className="text-slate-300">{coin ? `${formatHashrate(c.hashrate, coin.unit)} ${coin.symbol} · ` : ''}{plural(Number(c.remainingDays), 'day')} left</span>
              <span className="text-slate-200">{formatUsdt(c.value)}</span>
            </li>
          );
        })}
      </ul>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
        <Stat label="Debt (frozen)" value={formatUsdt(a.debt)} sub={formatStable(a.debt)} testId={`auction-${a.loanId}-debt`} />
        <Stat label="Current bid" value={formatUsdt(a.highestBid)} sub={`${formatStable(a.highestBid)} · ${leading ? 'yours' : shortAddress(a.highestBidder)}`} testId={`auction-${a.loanId}-bid`} />
        <Stat label="Min next bid" value={ended ? '—' : formatUsdt(a.minNextBid)} sub={ended ? 'bidding closed' : formatStable(a.minNextBid)} testId={`auction-${a.loanId}-min`} />
        <Stat label="Time left" value={ended ? 'ended' : <Countdown to={a.endsAt} now={now} prefix="" />} sub={formatDateTime(a.endsAt)} testId={`auction-${a.loanId}-left`} />
        <Stat label="Borrower gets back" value={formatUsdt(a.surplusToBorrower)} sub="the bid above the debt, at the end" testId={`auction-${a.loanId}-surplus`} />
        <Stat label="Appraisal" value={formatUsdt(value)} sub={a.shortfall > 0n ? `${formatUsdt(a.shortfall)} short of the debt: written off if it ends so` : 'today\'s estimate, after haircut'} />
      </dl>

      {borrower && (
        <div className="space-y-2 rounded-xl border border-brand-700/50 bg-brand-500/5 p-3" role="group" aria-label="Redeem your loan">
          <p className="text-sm text-slate-200" data-testid={`auction-${a.loanId}-redeem-amount`}>
            Redeem: pay exactly {formatUsdt(a.redeemAmount)} ({formatUsdt(a.debt)} debt + {formatUsdt(a.penalty)} penalty to the first bidder) and keep your NFTs. The highest bid is refunded.
          </p>
          {redeemError && <p role="alert" className="rounded-lg bg-rose-500/10 p-2 text-sm text-rose-200">{redeemError}</p>}
          <ActionButton
            testId={`auction-${a.loanId}-redeem`}
            state={{
              connected: isConnected,
              loading: !token,
              blocked: redeemError ? 'Auction over: cannot redeem' : undefined,
              insufficient: token && token.balance < a.redeemAmount ? `Not enough USDT (${formatUsdt(a.redeemAmount)} needed)` : undefined,
              busy,
              action: `Redeem for ${formatUsdt(a.redeemAmount)}`,
            }}
            onAction={() => void actions.redeem(a.loanId, a.redeemAmount)}
          />
        </div>
      )}

      {ended ? (
        <div className="space-y-2">
          <p className="text-sm text-slate-300">
            Settling gives the NFTs to {leading ? 'you' : shortAddress(a.highestBidder)}, {formatUsdt(a.highestBid < a.debt ? a.highestBid : a.debt)} to the vault and {formatUsdt(a.surplusToBorrower)} to the borrower{a.shortfall > 0n ? `; ${formatUsdt(a.shortfall)} is written off as bad debt` : ''}. Anyone may settle.
          </p>
          <ActionButton testId={`auction-${a.loanId}-settle`} state={{ connected: isConnected, loading: false, busy, action: leading ? 'Claim the NFTs (settle)' : 'Settle the auction' }} onAction={() => void actions.settle(a.loanId)} />
        </div>
      ) : (
        <div className="space-y-2">
          <AmountField
            id={`bid-${a.loanId}`}
            label="Your bid (USDT)"
            value={text}
            onChange={setText}
            parsed={ended ? { ok: false, error: endedText } : parsed}
            help={`At least ${formatUsdt(a.minNextBid)}. Approves exactly your bid for the auction house; if someone outbids you it comes back at once.`}
          />
          <ActionButton
            testId={`auction-${a.loanId}-bid-submit`}
            state={{ connected: isConnected, loading: isConnected && !token, emptyInput: text.trim() === '' ? 'Enter a bid' : undefined, inputError: bidError, invalidLabel: 'Check the bid', busy, action: `Bid ${formatUsdt(amount)}` }}
            onAction={() => void actions.bid(a.loanId, amount).then((r) => r?.status === 'confirmed' && setText(''))}
          />
        </div>
      )}
    </Card>
  );
}

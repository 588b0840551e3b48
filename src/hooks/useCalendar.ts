// What falls due for a wallet, as one sorted agenda: its term deposits' maturities, the deadlines of the
// joint mining pools it contributed to, its open loans' due dates, its NFTs' term ends, and the DAO's
// votes ending and decided changes taking effect (from the Governance page's read; the calendar does not
// wait for it).
// Nothing is read twice: deposits come from useTermDeposits, pools (with the wallet's contribution) from
// usePools, open loans from useLoanSummaries — the same cached queries the Earn and Pools pages and the
// Portfolio's loans section use — and NFTs from the portfolio the page already has.
import type { Address } from 'viem';
import { sortAgenda, type AgendaItem } from '../lib/deposits';
import { formatAmount, formatHashrate, formatToken } from '../lib/format';
import { poolsWithDeadline } from '../lib/pools';
import { termStatus, termText } from '../lib/terms';
import { href } from '../lib/router';
import { governanceAgenda } from '../lib/governanceAgenda';
import { useGovernance } from './useGovernance';
import { useLoanSummaries } from './useLoans';
import { useMarket } from './useMarket';
import { useMyOffers } from './useOffers';
import { listingStatus } from '../lib/marketState';
import { useAuctions } from './useAuctions';
import { usePools } from './usePools';
import type { Holding } from './usePortfolio';
import { useProtocol } from './useProtocol';
import { useTermDeposits } from './useTermDeposits';

export function useCalendar(owner: Address | undefined, holdings: Holding[], now: number | undefined) {
  const protocol = useProtocol();
  const deposits = useTermDeposits(owner);
  const pools = usePools();
  const loans = useLoanSummaries(owner);
  // Auction ends join once the auctions are in; they do not hold the rest back.
  const auctions = useAuctions(owner);
  const governance = useGovernance();
  // Listing and offer expiries join once the market and the offers are in; they do not hold the rest back.
  const market = useMarket({ enabled: owner !== undefined });
  const offers = useMyOffers(owner);
  const loading = !protocol.data || !deposits.data || !pools.data || !loans.data || now === undefined;
  const isError = protocol.isError || deposits.isError || pools.isError || loans.isError;
  if (loading) return { loading: true as const, isError, items: [] as AgendaItem[] };
  const coins = protocol.data.coins;
  const usdt = protocol.data.usdt;
  const items: AgendaItem[] = [];
  for (const p of deposits.data.positions) {
    if (p.closed) continue;
    const a = p.term.asset;
    items.push({
      key: `deposit-${p.id}`,
      kind: 'deposit',
      at: Number(p.maturity),
      title: `Deposit #${p.id} matures`,
      detail: `${formatToken(p.principal, a.decimals, a.symbol, 8)} + ${formatToken(p.interest, a.decimals, a.symbol, 8)} interest (${p.term.durationDays}-day term)`,
      href: href.earn,
      actionNeeded: Number(p.maturity) <= now,
    });
  }
  for (const p of poolsWithDeadline(pools.data)) {
    items.push({
      key: `pool-${p.id}`,
      kind: 'pool',
      at: Number(p.deadline),
      title: `Pool #${p.id} deadline (${coins[p.coin]?.symbol ?? 'coin'})`,
      detail: `You put in ${formatAmount(p.member!.contribution, usdt.decimals, 2)} ${usdt.symbol}; ${p.status === 'succeeded' ? 'target reached, waiting to buy' : 'refunded in full if the target is missed'}`,
      href: href.pools,
      actionNeeded: Number(p.deadline) <= now,
    });
  }
  for (const l of loans.data.mine) {
    items.push({
      key: `loan-${l.id}`,
      kind: 'loan',
      at: l.due,
      title: `Loan #${l.id} due`,
      detail: `${formatAmount(l.principal, usdt.decimals, 2)} ${usdt.symbol} principal against NFT ${l.tokenIds.map((id) => `#${id}`).join(', ')}; liquidatable after the grace period`,
      href: href.loans,
      actionNeeded: l.due <= now,
    });
    if (l.liquidatableAfter > l.due) {
      items.push({
        key: `grace-${l.id}`,
        kind: 'grace',
        at: l.liquidatableAfter,
        title: `Loan #${l.id} grace ends`,
        detail: `After this anyone may start an auction of NFT ${l.tokenIds.map((id) => `#${id}`).join(', ')}, whatever the health; repay or extend before`,
        href: href.loans,
        actionNeeded: l.due <= now,
      });
    }
  }
  for (const a of auctions.data?.list ?? []) {
    const mine = [a.borrower, a.highestBidder, a.firstBidder].some((x) => x.toLowerCase() === owner?.toLowerCase());
    if (!mine) continue;
    const borrower = a.borrower.toLowerCase() === owner?.toLowerCase();
    items.push({
      key: `auction-${a.loanId}`,
      kind: 'auction',
      at: a.endsAt,
      title: `Auction of loan #${a.loanId} ends`,
      detail: borrower
        ? `Redeem before it ends for ${formatAmount(a.redeemAmount, usdt.decimals, 2)} ${usdt.symbol}, or receive ${formatAmount(a.surplusToBorrower, usdt.decimals, 2)} ${usdt.symbol} above the debt at the current bid`
        : `Highest bid ${formatAmount(a.highestBid, usdt.decimals, 2)} ${usdt.symbol}; settle after the end to take the NFTs`,
      href: href.auctions,
      actionNeeded: a.endsAt <= now,
    });
  }
  for (const h of holdings) {
    if (Number(h.end) <= now) continue;
    const c = coins[h.coin];
    items.push({
      key: `nft-${h.id}`,
      kind: 'nft',
      at: Number(h.end),
      title: `NFT #${h.id} term ends`,
      detail: `${formatHashrate(h.hashrate, c?.unit ?? '')} ${c?.symbol ?? ''} stops earning · ${termText(termStatus(h.start, h.end, now))}`,
      href: href.nft(h.id),
    });
  }
  if (governance.data) items.push(...governanceAgenda(governance.data, now, href.governance));
  const me = owner?.toLowerCase();
  for (const l of market.data?.listings ?? []) {
    if (l.seller.toLowerCase() !== me || listingStatus(l, now) !== 'active') continue;
    items.push({
      key: `listing-${l.id}`,
      kind: 'listing',
      at: Number(l.expiresAt),
      title: `Listing of NFT #${l.tokenId} expires`,
      detail: `Listed for ${formatAmount(l.price, usdt.decimals, 2)} ${usdt.symbol}; list it again to keep it for sale`,
      href: href.nft(l.tokenId),
    });
  }
  for (const o of offers.data ?? []) {
    if (o.status !== 'active') continue;
    items.push({
      key: `offer-${o.id}`,
      kind: 'offer',
      at: Number(o.expiresAt),
      title: o.kind === 'token' ? `Offer for NFT #${o.target} expires` : `Product offer ${o.id} expires`,
      detail: `${formatAmount(o.escrow, usdt.decimals, 2)} ${usdt.symbol} escrowed; reclaim it from the Offers tab once it expires`,
      href: href.market,
    });
  }
  return { loading: false as const, isError, items: sortAgenda(items) };
}

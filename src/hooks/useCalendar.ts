// What falls due for a wallet, as one sorted agenda: its term deposits' maturities, the deadlines of the
// joint mining pools it contributed to, its open loans' due dates, and its NFTs' term ends.
// Pools and loans are read in two round trips each (the lists, then every contribution or loan in one
// multicall); deposits come from useTermDeposits and NFTs from the portfolio the page already has.
import { useQuery } from '@tanstack/react-query';
import type { Address } from 'viem';
import { usePublicClient } from 'wagmi';
import { abis } from '../lib/contracts';
import { sortAgenda, type AgendaItem } from '../lib/deposits';
import { formatAmount, formatHashrate, formatToken } from '../lib/format';
import { hmKey } from '../lib/queryKeys';
import { href } from '../lib/router';
import { useAppChain } from './useAppChain';
import type { Holding } from './usePortfolio';
import { useProtocol } from './useProtocol';
import { useTermDeposits } from './useTermDeposits';

const POOL_OPEN = 0;
const POOL_SUCCEEDED = 1;
const LOAN_ACTIVE = 1;

export interface PoolDue {
  poolId: bigint;
  deadline: bigint;
  status: number;
  contribution: bigint;
  coin: number;
}

export interface LoanDue {
  loanId: bigint;
  due: bigint;
  liquidatableAfter: bigint;
  principal: bigint;
  tokenIds: readonly bigint[];
}

/** Pools the owner contributed to that are still collecting or waiting to buy (their deadline matters). */
export function usePoolDeadlines(owner: Address | undefined) {
  const { chainId, deployment } = useAppChain();
  const client = usePublicClient({ chainId });
  return useQuery({
    queryKey: hmKey(chainId, 'pools', 'deadlines', owner),
    enabled: Boolean(client && owner),
    queryFn: async (): Promise<PoolDue[]> => {
      const mp = { address: deployment.contracts.MiningPools, abi: abis.miningPoolsAbi } as const;
      const [all, statuses] = await client!.readContract({ ...mp, functionName: 'pools' });
      const live = all.map((p, i) => ({ p, i, status: statuses[i] })).filter((x) => x.status === POOL_OPEN || x.status === POOL_SUCCEEDED);
      if (live.length === 0) return [];
      const contributions = await client!.multicall({
        allowFailure: false,
        contracts: live.map((x) => ({ ...mp, functionName: 'contributionOf', args: [BigInt(x.i), owner!] }) as const),
      });
      return live
        .map((x, k) => ({ poolId: BigInt(x.i), deadline: x.p.deadline, status: x.status, contribution: contributions[k], coin: x.p.coin }))
        .filter((x) => x.contribution > 0n);
    },
  });
}

/** The owner's open loans with their due dates. */
export function useLoanDueDates(owner: Address | undefined) {
  const { chainId, deployment } = useAppChain();
  const client = usePublicClient({ chainId });
  return useQuery({
    queryKey: hmKey(chainId, 'loans', 'due', owner),
    enabled: Boolean(client && owner),
    queryFn: async (): Promise<LoanDue[]> => {
      const lp = { address: deployment.contracts.LoanPool, abi: abis.loanPoolAbi } as const;
      const ids = await client!.readContract({ ...lp, functionName: 'loansOf', args: [owner!] });
      if (ids.length === 0) return [];
      const loans = await client!.multicall({
        allowFailure: false,
        contracts: ids.map((id) => ({ ...lp, functionName: 'loan', args: [id] }) as const),
      });
      return loans
        .map((l, i) => ({ loanId: ids[i], status: l.status, due: l.due, liquidatableAfter: l.liquidatableAfter, principal: l.principal, tokenIds: l.tokenIds }))
        .filter((l) => l.status === LOAN_ACTIVE)
        .map(({ status: _status, ...l }) => l);
    },
  });
}

export function useCalendar(owner: Address | undefined, holdings: Holding[], now: number | undefined) {
  const protocol = useProtocol();
  const deposits = useTermDeposits(owner);
  const pools = usePoolDeadlines(owner);
  const loans = useLoanDueDates(owner);
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
  for (const p of pools.data) {
    items.push({
      key: `pool-${p.poolId}`,
      kind: 'pool',
      at: Number(p.deadline),
      title: `Pool #${p.poolId} deadline (${coins[p.coin]?.symbol ?? 'coin'})`,
      detail: `You put in ${formatAmount(p.contribution, usdt.decimals, 2)} ${usdt.symbol}; ${p.status === POOL_SUCCEEDED ? 'target reached, waiting to buy' : 'refunded in full if the target is missed'}`,
      href: href.pools,
      actionNeeded: Number(p.deadline) <= now,
    });
  }
  for (const l of loans.data) {
    items.push({
      key: `loan-${l.loanId}`,
      kind: 'loan',
      at: Number(l.due),
      title: `Loan #${l.loanId} due`,
      detail: `${formatAmount(l.principal, usdt.decimals, 2)} ${usdt.symbol} principal against NFT ${l.tokenIds.map((id) => `#${id}`).join(', ')}; liquidatable after the grace period`,
      href: href.loans,
      actionNeeded: Number(l.due) <= now,
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
      detail: `${formatHashrate(h.hashrate, c?.unit ?? '')} ${c?.symbol ?? ''} stops earning`,
      href: href.nft(h.id),
    });
  }
  return { loading: false as const, isError, items: sortAgenda(items) };
}

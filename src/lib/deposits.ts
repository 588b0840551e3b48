// Pure rules of term deposits (mocks/src/TermDeposits.sol), shared by the Earn section, the Portfolio's
// claim-into-deposit and the calendar: interest, the largest amount a term takes and why, position states,
// and sorting what falls due.
import { formatAmount } from './format';

export const DAY_SECONDS = 86400;
const DAYS_PER_YEAR = 365n;
const BPS = 10_000n;

/** Interest fixed at deposit, as the contract computes it: principal x APR x days / 365, rounded down. */
export function termInterest(principal: bigint, aprBps: number, durationDays: number): bigint {
  return (principal * BigInt(aprBps) * BigInt(durationDays)) / (DAYS_PER_YEAR * BPS);
}

export interface DepositLimitInput {
  decimals: number;
  symbol: string;
  /** the wallet's balance of the asset (undefined: not connected or not loaded) */
  balance?: bigint;
  /** capacity - deposited */
  capacityLeft: bigint;
  /** the contract's maxDeposit(termId): within capacity and covered by the free reserve */
  maxDeposit: bigint;
  active: boolean;
}

/** The largest amount a deposit may have now, with the sentence that explains the tightest limit. */
export function depositLimit(s: DepositLimitInput): { value: bigint; reason: string } {
  const amt = (v: bigint) => `${formatAmount(v, s.decimals, s.decimals)} ${s.symbol}`;
  if (!s.active) return { value: 0n, reason: 'This term takes no new deposits.' };
  const limits: { value: bigint; reason: string }[] = [
    {
      value: s.capacityLeft,
      reason: s.capacityLeft === 0n ? 'This term is full.' : `This term has room for ${amt(s.capacityLeft)} more.`,
    },
  ];
  if (s.maxDeposit < s.capacityLeft) {
    limits.push({
      value: s.maxDeposit,
      reason:
        s.maxDeposit === 0n
          ? 'The interest reserve of this asset is used up: no new deposit can be paid its interest.'
          : `The interest reserve can pay interest on at most ${amt(s.maxDeposit)} in this term.`,
    });
  }
  if (s.balance !== undefined) {
    limits.push({
      value: s.balance,
      reason: s.balance === 0n ? `You have no ${s.symbol}.` : `Your balance is ${amt(s.balance)}.`,
    });
  }
  return limits.reduce((a, b) => (b.value < a.value ? b : a));
}

/** An amount of a deposit asset: exact for USDT (6) and BTC (8), 8 decimals for 18-decimal coins. */
export function tokenText(v: bigint, a: { decimals: number; symbol: string }): string {
  return `${formatAmount(v, a.decimals, Math.min(a.decimals, 8))} ${a.symbol}`;
}

export type PositionState = 'open' | 'matured' | 'closed';

export function positionState(p: { closed: boolean; maturity: bigint }, now: number): PositionState {
  if (p.closed) return 'closed';
  return now >= Number(p.maturity) ? 'matured' : 'open';
}

/** Maturity of a deposit made at `now` into a term of `durationDays`. */
export function maturityAt(now: number, durationDays: number): number {
  return now + durationDays * DAY_SECONDS;
}

export type AgendaKind = 'deposit' | 'pool' | 'loan' | 'nft';

export interface AgendaItem {
  key: string;
  kind: AgendaKind;
  /** unix seconds */
  at: number;
  title: string;
  detail: string;
  href: string;
  /** already due and waiting for the user (a matured deposit, an overdue loan) */
  actionNeeded?: boolean;
}

/** Oldest date first; on the same second, the order of kinds (deposit, loan, pool, nft), then title. */
export function sortAgenda(items: AgendaItem[]): AgendaItem[] {
  const order: AgendaKind[] = ['deposit', 'loan', 'pool', 'nft'];
  return [...items].sort((a, b) => a.at - b.at || order.indexOf(a.kind) - order.indexOf(b.kind) || a.title.localeCompare(b.title));
}

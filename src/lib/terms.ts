// The one rule for an NFT's term on screen: how many days are left, and what to say before it starts and
// after it ends. The day count is the one LoanPool's appraisal values the NFT with
// (`remainingDays = (termEnd - max(now, start)) / 1 days`, rounded down: whole days of output still to
// come), and HashNFT.remainingDays counts the same way, so the card, the NFT's image, the loan appraisal,
// the marketplace and the calendar all say the same number.
import { DAY_SECONDS, formatDuration, plural } from './format';

export { DAY_SECONDS };

/** Whole days of the term left at `at` (seconds): LoanPool._appraise's remainingDays. Before the start, the full term. */
export function termDaysLeft(start: bigint | number, end: bigint | number, at: number): number {
  const from = Math.max(at, Number(start));
  const left = Number(end) - from;
  return left <= 0 ? 0 : Math.floor(left / DAY_SECONDS);
}

/** The term's length in whole days (terms run from one UTC midnight to another). */
export function termLengthDays(start: bigint | number, end: bigint | number): number {
  return Math.floor((Number(end) - Number(start)) / DAY_SECONDS);
}

export type TermStatus =
  /** not started: `startsIn` seconds to go, `startsInDays` rounded up; `daysLeft` is the whole term */
  | { kind: 'upcoming'; startsIn: number; startsInDays: number; daysLeft: number }
  /** running: `daysLeft` whole days left (0 on the last, partial day) */
  | { kind: 'active'; daysLeft: number }
  | { kind: 'ended'; daysLeft: 0 };

export function termStatus(start: bigint | number, end: bigint | number, now: number): TermStatus {
  if (now >= Number(end)) return { kind: 'ended', daysLeft: 0 };
  const daysLeft = termDaysLeft(start, end, now);
  const startsIn = Number(start) - now;
  if (startsIn > 0) return { kind: 'upcoming', startsIn, startsInDays: Math.ceil(startsIn / DAY_SECONDS), daysLeft };
  return { kind: 'active', daysLeft };
}

/** "starts in 2 days", "starts in 5h 12m", "177 days left", "less than a day left", "term ended". */
export function termText(s: TermStatus): string {
  if (s.kind === 'ended') return 'term ended';
  if (s.kind === 'upcoming') return s.startsIn >= DAY_SECONDS ? `starts in ${plural(s.startsInDays, 'day')}` : `starts in ${formatDuration(s.startsIn)}`;
  return s.daysLeft === 0 ? 'less than a day left' : `${plural(s.daysLeft, 'day')} left`;
}

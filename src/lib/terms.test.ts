// @vitest-environment node
// The days-left rule: the count LoanPool's appraisal uses, the full term before the start, "starts in".
import { describe, expect, it } from 'vitest';
import { DAY_SECONDS, termDaysLeft, termLengthDays, termStatus, termText } from './terms';

const D = DAY_SECONDS;
const start = 1_000 * D; // a UTC midnight
const end = start + 180 * D;

describe('termDaysLeft (LoanPool._appraise: (end - max(now, start)) / 1 days)', () => {
  it('counts whole days, rounded down, and the full term before the start', () => {
    expect(termDaysLeft(start, end, start - 5 * 3600)).toBe(180); // bought today, starts at midnight
    expect(termDaysLeft(start, end, start - 30 * D)).toBe(180);
    expect(termDaysLeft(start, end, start)).toBe(180);
    expect(termDaysLeft(start, end, start + 1)).toBe(179);
    expect(termDaysLeft(start, end, start + 2 * D + 3 * 3600)).toBe(177); // 177 d 21 h: the card said 178
    expect(termDaysLeft(start, end, end - D)).toBe(1);
    expect(termDaysLeft(start, end, end - 1)).toBe(0);
    expect(termDaysLeft(start, end, end)).toBe(0);
    expect(termDaysLeft(BigInt(start), BigInt(end), end + 99 * D)).toBe(0);
  });

  it('matches the contract formula on every hour of the term', () => {
    for (let at = start - 2 * D; at <= end + D; at += 3600) {
      const from = Math.max(at, start);
      expect(termDaysLeft(start, end, at)).toBe(end > from ? Math.floor((end - from) / D) : 0);
    }
  });

  it('termLengthDays', () => {
    expect(termLengthDays(BigInt(start), BigInt(end))).toBe(180);
  });
});

describe('termStatus and termText', () => {
  it('before the start: "starts in", never more days left than the term', () => {
    const s = termStatus(start, end, start - 5 * 3600);
    expect(s).toEqual({ kind: 'upcoming', startsIn: 5 * 3600, startsInDays: 1, daysLeft: 180 });
    expect(termText(s)).toBe('starts in 5h 0m');
    expect(termText(termStatus(start, end, start - 2 * D - 60))).toBe('starts in 3 days');
    expect(termText(termStatus(start, end, start - D))).toBe('starts in 1 day');
  });

  it('while running: whole days left, then less than a day; then ended', () => {
    expect(termStatus(start, end, start)).toEqual({ kind: 'active', daysLeft: 180 });
    expect(termText(termStatus(start, end, start + 2 * D + 3 * 3600))).toBe('177 days left');
    expect(termText(termStatus(start, end, end - D))).toBe('1 day left');
    expect(termText(termStatus(start, end, end - 60))).toBe('less than a day left');
    expect(termStatus(start, end, end)).toEqual({ kind: 'ended', daysLeft: 0 });
    expect(termText(termStatus(start, end, end + D))).toBe('term ended');
  });
});

// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { depositLimit, maturityAt, positionState, sortAgenda, termInterest, tokenText, type AgendaItem } from './deposits';

describe('termInterest', () => {
  it('is principal x APR x days / 365, rounded down like the contract', () => {
    // 1,000 USDT at 5% for 30 days = 4.109589 USDT
    expect(termInterest(1_000_000000n, 500, 30)).toBe(4_109589n);
    // 5,000 USDT at 8% for 90 days = 98.630136 USDT
    expect(termInterest(5_000_000000n, 800, 90)).toBe(98_630136n);
    expect(termInterest(1n, 500, 30)).toBe(0n);
    expect(termInterest(0n, 1200, 180)).toBe(0n);
  });
});

describe('depositLimit', () => {
  const base = { decimals: 6, symbol: 'USDT', capacityLeft: 500_000000n, maxDeposit: 500_000000n, active: true };
  it('takes the tightest of capacity, reserve and balance, and says which', () => {
    expect(depositLimit({ ...base, balance: 100_000000n })).toEqual({ value: 100_000000n, reason: 'Your balance is 100 USDT.' });
    expect(depositLimit({ ...base, balance: 900_000000n })).toEqual({ value: 500_000000n, reason: 'This term has room for 500 USDT more.' });
    expect(depositLimit({ ...base, maxDeposit: 20_500000n, balance: 900_000000n })).toEqual({
      value: 20_500000n,
      reason: 'The interest reserve can pay interest on at most 20.5 USDT in this term.',
    });
  });
  it('explains empty limits', () => {
    expect(depositLimit({ ...base, active: false }).reason).toBe('This term takes no new deposits.');
    expect(depositLimit({ ...base, capacityLeft: 0n, maxDeposit: 0n }).reason).toBe('This term is full.');
    expect(depositLimit({ ...base, maxDeposit: 0n }).value).toBe(0n);
    expect(depositLimit({ ...base, balance: 0n }).reason).toBe('You have no USDT.');
  });
  it('ignores the balance when there is no wallet', () => {
    expect(depositLimit(base).value).toBe(500_000000n);
  });
});

describe('positionState and maturityAt', () => {
  it('is open before maturity, matured at and after it, closed once withdrawn', () => {
    expect(positionState({ closed: false, maturity: 1000n }, 999)).toBe('open');
    expect(positionState({ closed: false, maturity: 1000n }, 1000)).toBe('matured');
    expect(positionState({ closed: true, maturity: 1000n }, 2000)).toBe('closed');
    expect(maturityAt(100, 30)).toBe(100 + 30 * 86400);
  });
});

describe('sortAgenda', () => {
  it('sorts by date, then kind', () => {
    const item = (key: string, at: number, kind: AgendaItem['kind']): AgendaItem => ({ key, at, kind, title: key, detail: '', href: '#' });
    const sorted = sortAgenda([item('c', 30, 'nft'), item('a', 10, 'pool'), item('b', 10, 'deposit'), item('d', 5, 'loan')]);
    expect(sorted.map((i) => i.key)).toEqual(['d', 'b', 'a', 'c']);
  });
});

describe('tokenText', () => {
  it('is exact for 6 and 8 decimals and cut to 8 for 18', () => {
    expect(tokenText(1_004_109589n, { decimals: 6, symbol: 'USDT' })).toBe('1,004.109589 USDT');
    expect(tokenText(123456789n, { decimals: 8, symbol: 'BTC' })).toBe('1.23456789 BTC');
    expect(tokenText(1_234567891234567890n, { decimals: 18, symbol: 'FIL' })).toBe('1.23456789 FIL');
  });
});

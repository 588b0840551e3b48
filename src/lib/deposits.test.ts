// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { DAY_SECONDS } from './format';
import { buildTermDeposits, depositLimit, maturityAt, positionState, sortAgenda, termInterest, termTokens, tokenText, type AgendaItem, type TermDepositsRead } from './deposits';

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
    expect(maturityAt(100, 30)).toBe(100 + 30 * DAY_SECONDS);
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

describe('buildTermDeposits', () => {
  const USDT = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
  const BTC = '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512';
  const ODD = '0x00000000000000000000000000000000000000aA';
  const meta = {
    coins: [{ id: 0, token: BTC, symbol: 'BTC', decimals: 8, priceUsd: 95_000 }],
    usdt: { address: USDT, symbol: 'USDT', decimals: 6 },
  } as const;
  const term = (asset: `0x${string}`, durationDays: number, capacity: bigint, deposited: bigint, active = true) => ({ asset, durationDays, aprBps: 500, capacity, deposited, active });
  const terms = [term(USDT, 30, 1_000n, 400n), term(BTC.toLowerCase() as `0x${string}`, 90, 10n, 12n), term(USDT, 180, 5n, 0n, false), term(ODD, 7, 1n, 0n)];
  const read: TermDepositsRead = {
    terms,
    positionIds: [3n, 8n],
    positions: [
      { termId: 0, principal: 100n, interest: 1n, start: 10n, maturity: 20n, closed: false },
      { termId: 1, principal: 5n, interest: 2n, start: 11n, maturity: 30n, closed: true },
    ],
    tokens: termTokens(terms),
    maxDeposit: [600n, 0n, 0n, 1n],
    freeReserve: [50n, 7n, 0n],
  };

  it('lists each asset once, in the order terms name it', () => {
    expect(termTokens(terms)).toEqual([USDT.toLowerCase(), BTC.toLowerCase(), ODD.toLowerCase()]);
    expect(termTokens([])).toEqual([]);
  });

  it('joins each term with its asset, capacity left and limit', () => {
    const s = buildTermDeposits(read, meta);
    expect(s.terms.map((t) => [t.id, t.asset.symbol, t.durationDays, t.capacityLeft, t.maxDeposit, t.active])).toEqual([
      [0, 'USDT', 30, 600n, 600n, true],
      [1, 'BTC', 90, 0n, 0n, true], // over-deposited never shows negative room
      [2, 'USDT', 180, 5n, 0n, false],
      [3, '?', 7, 1n, 1n, true],
    ]);
    expect(s.terms[0].asset).toEqual({ token: USDT, symbol: 'USDT', decimals: 6, priceUsd: 1, freeReserve: 50n });
    expect(s.terms[1].asset).toEqual({ token: BTC, symbol: 'BTC', decimals: 8, priceUsd: 95_000, coin: 0, freeReserve: 7n });
    expect(s.terms[3].asset).toMatchObject({ symbol: '?', decimals: 18, priceUsd: 0, freeReserve: 0n });
  });

  it('groups terms by asset and lists positions newest first with their term', () => {
    const s = buildTermDeposits(read, meta);
    expect(s.assets.map((a) => [a.asset.symbol, a.terms.map((t) => t.id)])).toEqual([
      ['USDT', [0, 2]],
      ['BTC', [1]],
      ['?', [3]],
    ]);
    expect(s.positions.map((p) => [p.id, p.term.id, p.principal, p.closed])).toEqual([
      [8n, 1, 5n, true],
      [3n, 0, 100n, false],
    ]);
    expect(s.positions[1].term).toBe(s.terms[0]);
  });
});

import { decodeFunctionData, type Address } from 'viem';
import { describe, expect, it } from 'vitest';
import { loanAuctionsAbi, loanPoolAbi, oracleAdapterAbi, rewardsAbi, termDepositsAbi } from '../abi/abis';
import { describeActions, type Bounds, type CurrentValues, type KnownContract } from './governanceActions';
import { AUCTION_FIELDS, draftAddCoin, draftAuctionParams, draftLoanRules, draftNewTerm, draftRateModel, draftTermActive, LOAN_RULE_FIELDS, parsePercentWad, rateFieldsOf, scaledFieldsOf } from './governanceForms';

const LOAN_POOL = '0x9A676e781A523b5d0C0e43731313A708CB607508' as Address;
const DEPOSITS = '0xB7f8BC63BbcaD18155201308C8f3540b07f84F5e' as Address;
const USDT = '0x5FbDB2315678afecb367f032d93F642f64180aa3' as Address;
const contracts: KnownContract[] = [
  { name: 'LoanPool', address: LOAN_POOL, abi: loanPoolAbi },
  { name: 'TermDeposits', address: DEPOSITS, abi: termDepositsAbi },
];
const E16 = 10n ** 16n;
const rate: Bounds['rate'] = { maxBaseRate: 20n * E16, maxSlope1: 100n * E16, maxSlope2: 500n * E16, minKink: 50n * E16, maxKink: 95n * E16 };
const now = { baseRate: 2n * E16, slope1: 8n * E16, slope2: 60n * E16, kink: 80n * E16 };
const terms = [
  { asset: USDT, durationDays: 90, aprBps: 400, active: true },
  { asset: USDT, durationDays: 30, aprBps: 300, active: false },
];
const assets = { [USDT.toLowerCase()]: { symbol: 'USDT', decimals: 6 } };
const values: CurrentValues = { coins: [{ symbol: 'BTC' }], rateModel: now, terms, assets };
const pool = { address: LOAN_POOL, abi: loanPoolAbi };
const deposits = { address: DEPOSITS, abi: termDepositsAbi };
const words = (actions: Parameters<typeof describeActions>[0]) => describeActions(actions, contracts, values).map((d) => d.text);

describe('rate model form', () => {
  it('form → setRateModel → decoded words, before → after', () => {
    const d = draftRateModel({ ...rateFieldsOf(now), baseRate: '3', kink: '85.5' }, rate, now, pool);
    expect(d.error).toBeUndefined();
    expect(words(d.actions!)).toEqual(['Loan interest rates: base rate 2% → 3%, kink (utilisation) 80% → 85.5%, from the day it executes (interest until then accrues at the old rates)']);
  });
  it('refuses each bad field in words', () => {
    const d = draftRateModel({ baseRate: '', slope1: 'abc', slope2: '-1', kink: '40' }, rate, now, pool);
    expect(d.actions).toBeUndefined();
    expect(d.errors).toEqual({
      baseRate: 'Enter the base rate in percent.',
      slope1: 'Use digits and at most one decimal point.',
      slope2: 'The slope above the kink cannot be negative.',
      kink: "The kink must be at least 50%: the contract's hard bound.",
    });
    expect(d.error).toBe('Enter the base rate in percent.');
  });
  it('hard bounds, decimals and an unchanged model', () => {
    expect(parsePercentWad('20.01', 'base rate', 0n, rate.maxBaseRate)).toEqual({ ok: false, error: "The base rate can be at most 20%: the contract's hard bound." });
    expect(parsePercentWad('1.234', 'base rate', 0n, rate.maxBaseRate)).toEqual({ ok: false, error: 'The base rate has at most 2 decimals.' });
    expect(parsePercentWad('95', 'kink', rate.minKink, rate.maxKink)).toEqual({ ok: true, value: 95n * E16 });
    expect(draftRateModel({ ...rateFieldsOf(now), slope2: '500.01' }, rate, now, pool).error).toBe("The slope above the kink can be at most 500%: the contract's hard bound.");
    expect(draftRateModel(rateFieldsOf(now), rate, now, pool).error).toBe('These are the current rates: change at least one.');
  });
});

describe('term-deposit forms', () => {
  const base = { asset: USDT, days: '180', apr: '5.5', capacity: '250,000', replaces: '' };
  it('a new term → addTerm → decoded words', () => {
    const d = draftNewTerm(base, { maxAprBps: 10_000, maxDurationDays: 3650 }, assets, terms, deposits);
    expect(words(d.actions!)).toEqual(['Term deposits: a new 180-day USDT term at 5.5% APR, up to 250,000 USDT, from the day it executes']);
    expect(d.title).toBe('New 180-day USDT term at 5.5% APR');
  });
  it('a new rate replacing an open term: both actions in one proposal', () => {
    const d = draftNewTerm({ ...base, days: '90', replaces: '0' }, { maxAprBps: 10_000, maxDurationDays: 3650 }, assets, terms, deposits);
    expect(words(d.actions!)).toEqual([
      'Term deposits: a new 90-day USDT term at 5.5% APR, up to 250,000 USDT, from the day it executes',
      'Term deposits: close term #0 (90-day USDT at 4% APR) to new deposits, from the day it executes; open deposits keep their rate',
    ]);
  });
  it('refuses each bad field in words', () => {
    const b = { maxAprBps: 10_000, maxDurationDays: 3650 };
    expect(draftNewTerm({ ...base, days: '', apr: '', capacity: '' }, b, assets, terms, deposits).errors).toEqual({
      days: 'Enter the term’s length in days.',
      apr: 'Enter the APR in percent.',
      capacity: 'Enter how much USDT the term can take in total.',
    });
    expect(draftNewTerm({ ...base, days: '3651', apr: '100.01', capacity: '0', replaces: '1' }, b, assets, terms, deposits).errors).toEqual({
      days: "A term can last at most 3,650 days: the contract's hard bound.",
      apr: "The APR can be at most 100%: the contract's hard bound.",
      capacity: 'The capacity must be more than zero.',
      replaces: 'Term #1 is not open: choose an open term or none.',
    });
    expect(draftNewTerm({ ...base, days: '1.5', apr: '-2', capacity: '1.0000001' }, b, assets, terms, deposits).errors).toEqual({
      days: 'A term’s length is counted in whole numbers.',
      apr: 'The APR cannot be negative.',
      capacity: 'USDT has at most 6 decimals.',
    });
  });
  it('closing and reopening a term', () => {
    expect(words(draftTermActive('0', terms, deposits).actions!)).toEqual(['Term deposits: close term #0 (90-day USDT at 4% APR) to new deposits, from the day it executes; open deposits keep their rate']);
    expect(words(draftTermActive('1', terms, deposits).actions!)).toEqual(['Term deposits: reopen term #1 (30-day USDT at 3% APR) to new deposits, from the day it executes; open deposits keep their rate']);
    expect(draftTermActive('', terms, deposits).error).toBe('Choose a term.');
  });
});

describe('adding a coin: one proposal, three actions', () => {
  const REWARDS = '0xa513E6E4b8f2a923D98304ec87F64353C4D5C853' as Address;
  const ORACLE = '0x2279B7A0a67DB372996a5FaB50D91eAA73d2eBe6' as Address;
  const TOKEN = '0x1111111111111111111111111111111111111111' as Address;
  const FEED = '0x2222222222222222222222222222222222222222' as Address;
  const all: KnownContract[] = [...contracts, { name: 'Rewards', address: REWARDS, abi: rewardsAbi }, { name: 'OracleAdapter', address: ORACLE, abi: oracleAdapterAbi }];
  const bounds: Bounds = {
    maxLtvBps: 8000, maxThresholdBps: 9000, maxHaircutBps: 5000, maxFeeBps: 500, rate, term: { maxAprBps: 10_000, maxDurationDays: 3650 },
    feed: { minMaxAge: 60, maxMaxAge: 365 * 86_400, minJumpBps: 100, maxJumpBps: 5000 }, grace: { min: 1, max: 30 }, loanRules: { minHealthBps: 10_000, maxHealthBps: 20_000, minDelay: 3600, maxDelay: 30 * 86_400 }, auction: { minDuration: 60, maxDuration: 7 * 86_400, maxExtension: 3600, minStepBps: 10, maxStepBps: 1000, maxPenaltyBps: 500 },
  };
  const refs = { rewards: { address: REWARDS, abi: rewardsAbi }, oracle: { address: ORACLE, abi: oracleAdapterAbi }, loanPool: pool };
  const f = { token: TOKEN, feed: FEED, symbol: 'KAS', unit: 'GH/s', maxAgeHours: '2', jump: '20', maxLtv: '40', threshold: '60', haircut: '15', grace: '3' };
  it('form → addCoin, setFeed, setCoinParams for the next index → decoded words', () => {
    const d = draftAddCoin(f, bounds, 1, refs);
    expect(d.error).toBeUndefined();
    expect(describeActions(d.actions!, all, values).map((a) => a.text)).toEqual([
      `Rewards: add the coin KAS (token ${TOKEN}, price feed ${FEED}, rewards counted in GH/s), from the day it executes`,
      `Price oracle: coin #1 priced by the feed ${FEED}, refused when older than 2h 0m; a move over 20% in one round waits for a second round before liquidations use it`,
      'Coin 1 loans: max LTV → 40%, liquidation threshold → 60%, haircut → 15%, grace period → 3 days, new loans → open, for loans opened from the day it executes; open loans keep their terms',
    ]);
    expect(d.title).toBe('Add KAS as a coin');
  });
  it('refuses each bad field in words', () => {
    const d = draftAddCoin({ token: '', feed: '0x12', symbol: 'kas', unit: '', maxAgeHours: '0', jump: '60', maxLtv: '85', threshold: '', haircut: '-1', grace: '31' }, bounds, 1, refs);
    expect(d.actions).toBeUndefined();
    expect(d.errors).toEqual({
      token: 'Enter the token address.',
      feed: 'That is not an address: an address is 0x followed by 40 hexadecimal characters.',
      symbol: 'The symbol is 2 to 10 capital letters or digits, like BTC.',
      unit: 'Enter the unit rewards are counted in (up to 16 characters), like TH/s.',
      maxAgeHours: "The largest price age must be at least 1 hour: the contract's hard bound.",
      jump: "The largest one-round move can be at most 50%: the contract's hard bound.",
      maxLtv: "The max LTV can be at most 80%: the contract's hard bound.",
      threshold: 'Enter the liquidation threshold.',
      haircut: 'The value cannot be negative.',
      grace: "The grace period can be at most 30 days: the contract's hard bound.",
    });
    expect(draftAddCoin({ ...f, threshold: '40' }, bounds, 1, refs).errors).toEqual({ threshold: 'The liquidation threshold must stay above the max LTV (40%).' });
  });
});

describe('loan rules and auction parameters', () => {
  const AUCTIONS = '0x3D7Ebc40AF7092E3F1C81F2e996cbA5Cae2090d7' as Address;
  const auctions = { address: AUCTIONS, abi: loanAuctionsAbi };
  const all: KnownContract[] = [...contracts, { name: 'LoanAuctions', ...auctions }];
  const rules = { minDueHealthBps: 10_500, writeOffDelay: 86_400 };
  const params = { duration: 3600, extension: 600, minStepBps: 100, penaltyBps: 200 };
  const v: CurrentValues = { ...values, loanRules: rules, auctionParams: params };
  const ruleBounds = { minHealthBps: 10_000, maxHealthBps: 20_000, minDelay: 3600, maxDelay: 30 * 86_400 };
  const auctionBounds = { minDuration: 60, maxDuration: 7 * 86_400, maxExtension: 3600, minStepBps: 10, maxStepBps: 1000, maxPenaltyBps: 500 };
  const said = (d: ReturnType<typeof draftLoanRules>) => describeActions(d.actions!, all, v).map((a) => a.text);
  it('the forms start from the current values', () => {
    expect(scaledFieldsOf(LOAN_RULE_FIELDS, rules)).toEqual({ minDueHealthBps: '1.05', writeOffDelay: '24' });
    expect(scaledFieldsOf(AUCTION_FIELDS, params)).toEqual({ duration: '60', extension: '10', minStepBps: '1', penaltyBps: '2' });
  });
  it('loan rules: form → setLoanRules → decoded words, before → after', () => {
    const d = draftLoanRules({ minDueHealthBps: '1.1', writeOffDelay: '48' }, ruleBounds, rules, pool);
    expect(d.error).toBeUndefined();
    expect(said(d)[0]).toMatch(/^Loan rules: minimum health at the due date 1.05 → 1.1, write-off delay 1d 0h → 2d 0h, from the day it executes/);
    expect(d.title).toBe('Change the loan rules');
  });
  it('loan rules: each bound in words', () => {
    expect(draftLoanRules({ minDueHealthBps: '0.99', writeOffDelay: '0.5' }, ruleBounds, rules, pool).errors).toEqual({
      minDueHealthBps: "The minimum health at the due date must be at least 1: the contract's hard bound.",
      writeOffDelay: "The write-off delay must be at least 1 hour: the contract's hard bound.",
    });
    expect(draftLoanRules({ minDueHealthBps: '2.01', writeOffDelay: '721' }, ruleBounds, rules, pool).errors).toEqual({
      minDueHealthBps: "The minimum health at the due date can be at most 2: the contract's hard bound.",
      writeOffDelay: "The write-off delay can be at most 30 days: the contract's hard bound.",
    });
    expect(draftLoanRules({ minDueHealthBps: '1.055', writeOffDelay: '' }, ruleBounds, rules, pool).errors).toEqual({
      minDueHealthBps: 'The minimum health at the due date has at most 2 decimals.',
      writeOffDelay: 'Enter the write-off delay.',
    });
    expect(draftLoanRules({ minDueHealthBps: '1.05', writeOffDelay: '24' }, ruleBounds, rules, pool).error).toBe('These are the current values: change at least one.');
  });
  it('auction parameters: form → setParams → decoded words, before → after', () => {
    const d = draftAuctionParams({ duration: '120', extension: '10', minStepBps: '1', penaltyBps: '3.5' }, auctionBounds, params, auctions);
    expect(d.error).toBeUndefined();
    expect(said(d)).toEqual(['Liquidation auctions: auction length 1h 0m → 2h 0m, redeem penalty 2% of the debt → 3.5% of the debt, from the day it executes (the length applies to auctions started afterwards; the extension, bid step and penalty to live auctions too)']);
  });
  it('an untouched field keeps its exact value although its text rounds it: only the edited field changes', () => {
    const odd = { ...params, duration: 90 }; // 1m 30s, shown as "2" minutes
    const fields = { ...scaledFieldsOf(AUCTION_FIELDS, odd), penaltyBps: '3' };
    const d = draftAuctionParams(fields, auctionBounds, odd, auctions);
    expect(d.error).toBeUndefined();
    const data = d.actions![0].calldata;
    expect(decodeFunctionData({ abi: loanAuctionsAbi, data }).args[0]).toEqual({ duration: 90, extension: 600, minStepBps: 100, penaltyBps: 300 });
  });
  it('auction parameters: each bound in words', () => {
    expect(draftAuctionParams({ duration: '0', extension: '61', minStepBps: '0.09', penaltyBps: '5.01' }, auctionBounds, params, auctions).errors).toEqual({
      duration: "The auction length must be at least 1 minute: the contract's hard bound.",
      extension: "The late-bid extension can be at most 1 hour: the contract's hard bound.",
      minStepBps: "The minimum bid step must be at least 0.1%: the contract's hard bound.",
      penaltyBps: "The redeem penalty can be at most 5%: the contract's hard bound.",
    });
    expect(draftAuctionParams({ duration: '10081', extension: '-1', minStepBps: '10.01', penaltyBps: '' }, auctionBounds, params, auctions).errors).toEqual({
      duration: "The auction length can be at most 7 days: the contract's hard bound.",
      extension: 'The late-bid extension cannot be negative.',
      minStepBps: "The minimum bid step can be at most 10%: the contract's hard bound.",
      penaltyBps: 'Enter the redeem penalty.',
    });
  });
});


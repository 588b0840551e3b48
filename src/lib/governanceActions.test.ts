import { encodeFunctionData, parseEther, toFunctionSelector, type Address } from 'viem';
import { describe, expect, it } from 'vitest';
import { hashGovernorAbi, loanAuctionsAbi, loanPoolAbi, marketplaceAbi, rewardsAbi, termDepositsAbi, timelockControllerAbi } from '../abi/abis';
import {
  describeAction,
  formatBps,
  paramAction,
  paramRange,
  parsePercentBps,
  proposalDescription,
  proposalTitle,
  type Bounds,
  type CoinParamsValue,
  type CurrentValues,
  type KnownContract,
} from './governanceActions';

const LOAN_POOL = '0x9A676e781A523b5d0C0e43731313A708CB607508' as Address;
const MARKET = '0x610178dA211FEF7D417bC0e6FeD39F05609AD788' as Address;
const REWARDS = '0xa513E6E4b8f2a923D98304ec87F64353C4D5C853' as Address;
const DEPOSITS = '0xB7f8BC63BbcaD18155201308C8f3540b07f84F5e' as Address;
const BTC_TOKEN = '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512' as Address;
const STRANGER = '0x1111111111111111111111111111111111111111' as Address;
const contracts: KnownContract[] = [
  { name: 'LoanPool', address: LOAN_POOL, abi: loanPoolAbi },
  { name: 'Marketplace', address: MARKET, abi: marketplaceAbi },
  { name: 'Rewards', address: REWARDS, abi: rewardsAbi },
  { name: 'TermDeposits', address: DEPOSITS, abi: termDepositsAbi },
];
const btc: CoinParamsValue = { maxLtvBps: 5000, liquidationThresholdBps: 7000, haircutBps: 1000, graceDays: 3, borrowEnabled: true };
const values: CurrentValues = { coins: [{ symbol: 'BTC' }, { symbol: 'ETC' }], coinParams: [btc], feeBps: 250, thresholdNotice: 7 * 86_400 };
const bounds: Bounds = { maxLtvBps: 8000, maxThresholdBps: 9000, maxHaircutBps: 5000, maxFeeBps: 500, rate: { maxBaseRate: 2n * 10n ** 17n, maxSlope1: 10n ** 18n, maxSlope2: 5n * 10n ** 18n, minKink: 5n * 10n ** 17n, maxKink: 95n * 10n ** 16n }, term: { maxAprBps: 10_000, maxDurationDays: 3650 }, feed: { minMaxAge: 60, maxMaxAge: 365 * 86_400, minJumpBps: 100, maxJumpBps: 5000 }, grace: { min: 1, max: 30 }, loanRules: { minHealthBps: 10_000, maxHealthBps: 20_000, minDelay: 3600, maxDelay: 30 * 86_400 }, auction: { minDuration: 60, maxDuration: 7 * 86_400, maxExtension: 3600, minStepBps: 10, maxStepBps: 1000, maxPenaltyBps: 500 } };
const refs = { loanPool: { address: LOAN_POOL, abi: loanPoolAbi }, marketplace: { address: MARKET, abi: marketplaceAbi } };

describe('describeAction', () => {
  it('says a max LTV change as before → after, for new loans', () => {
    const a = describeAction(paramAction('maxLtv', 4500, refs, 0, btc), contracts, values);
    expect(a.text).toBe('BTC loans: max LTV 50% → 45%, for loans opened from the day it executes; open loans keep their terms');
    expect(a).toMatchObject({ known: true, area: 'loans', contract: 'LoanPool', functionName: 'setCoinParams' });
    expect(a.changes).toEqual([{ label: 'max LTV', before: '50%', after: '45%' }]);
  });
  it('a lower liquidation threshold names its notice period', () => {
    const a = describeAction(paramAction('liquidationThreshold', 6500, refs, 0, btc), contracts, values);
    expect(a.text).toBe('BTC loans: liquidation threshold 70% → 65%, from the day it executes; the lower liquidation threshold reaches open loans 7d 0h after it executes');
  });
  it('a raised threshold takes effect at execution', () => {
    expect(describeAction(paramAction('liquidationThreshold', 7500, refs, 0, btc), contracts, values).text).toBe('BTC loans: liquidation threshold 70% → 75%, from the day it executes');
  });
  it('without current values, says only the new value', () => {
    const a = describeAction(paramAction('haircut', 1250, refs, 0, btc), contracts, { coins: [{ symbol: 'BTC' }] });
    expect(a.text).toMatch(/^BTC loans: max LTV → 50%, liquidation threshold → 70%, haircut → 12.5%/);
  });
  it('the marketplace fee', () => {
    const a = describeAction(paramAction('marketFee', 200, refs, 0, undefined), contracts, values);
    expect(a.text).toBe('Marketplace: fee 2.5% → 2% of each sale, for listings made from the day it executes');
    expect(a.area).toBe('market');
  });
  it('the rate model', () => {
    const calldata = encodeFunctionData({ abi: loanPoolAbi, functionName: 'setRateModel', args: [{ baseRate: 3n * 10n ** 16n, slope1: 8n * 10n ** 16n, slope2: 6n * 10n ** 17n, kink: 8n * 10n ** 17n }] });
    const now = { baseRate: 2n * 10n ** 16n, slope1: 8n * 10n ** 16n, slope2: 6n * 10n ** 17n, kink: 8n * 10n ** 17n };
    expect(describeAction({ target: LOAN_POOL, value: 0n, calldata }, contracts, { ...values, rateModel: now }).text).toBe(
      'Loan interest rates: base rate 2% → 3%, from the day it executes (interest until then accrues at the old rates)',
    );
  });
  it('adding a reward operator', () => {
    const calldata = encodeFunctionData({ abi: rewardsAbi, functionName: 'setOperator', args: [STRANGER, true] });
    expect(describeAction({ target: REWARDS, value: 0n, calldata }, contracts, values).text).toBe(`Rewards: allow ${STRANGER} to post daily mining output`);
  });
  it('term-deposit rates: a new term, and closing the old one', () => {
    const v: CurrentValues = { ...values, terms: [{ asset: BTC_TOKEN, durationDays: 90, aprBps: 400, active: true }], assets: { [BTC_TOKEN.toLowerCase()]: { symbol: 'BTC', decimals: 8 } } };
    const add = encodeFunctionData({ abi: termDepositsAbi, functionName: 'addTerm', args: [BTC_TOKEN, 90, 500, 10n * 10n ** 8n] });
    expect(describeAction({ target: DEPOSITS, value: 0n, calldata: add }, contracts, v).text).toBe('Term deposits: a new 90-day BTC term at 5% APR, up to 10 BTC, from the day it executes');
    const close = encodeFunctionData({ abi: termDepositsAbi, functionName: 'setTermActive', args: [0n, false] });
    const d = describeAction({ target: DEPOSITS, value: 0n, calldata: close }, contracts, v);
    expect(d.text).toBe('Term deposits: close term #0 (90-day BTC at 4% APR) to new deposits, from the day it executes; open deposits keep their rate');
    expect(d.area).toBe('earn');
  });
  it('a known contract’s other function: unknown call, with its name and arguments', () => {
    const calldata = encodeFunctionData({ abi: loanPoolAbi, functionName: 'fundReserve', args: [3600n] });
    const a = describeAction({ target: LOAN_POOL, value: 0n, calldata }, contracts, values);
    expect(a.text).toBe(`Unknown call to LoanPool (${LOAN_POOL}): fundReserve(3,600)`);
    expect(a.known).toBe(false);
  });
  it('a call to an address the app does not know, with a function some ABI knows', () => {
    const calldata = encodeFunctionData({ abi: marketplaceAbi, functionName: 'setFeeBps', args: [100] });
    const a = describeAction({ target: STRANGER, value: parseEther('1.5'), calldata }, contracts, values);
    expect(a.text).toBe(`Unknown call to ${STRANGER}: setFeeBps(100) and sends 1.5 ETH`);
  });
  it('a selector no ABI knows: its selector and size, never only raw calldata', () => {
    const a = describeAction({ target: STRANGER, value: 0n, calldata: '0xdeadbeef0000000000000000000000000000000000000000000000000000000000000001' }, contracts, values);
    expect(a.text).toBe(`Unknown call to ${STRANGER}: function 0xdeadbeef with 32 bytes of arguments (not in any ABI the app knows)`);
  });
  it('plain ether and empty calls', () => {
    expect(describeAction({ target: STRANGER, value: parseEther('2'), calldata: '0x' }, contracts, values).text).toBe(`Send 2 ETH to ${STRANGER}`);
    expect(describeAction({ target: STRANGER, value: 0n, calldata: '0x' }, contracts, values).text).toBe(`Unknown call to ${STRANGER}: an empty call`);
  });
  it('calldata that does not decode', () => {
    const a = describeAction({ target: MARKET, value: 0n, calldata: toFunctionSelector('setFeeBps(uint16)') }, contracts, values); // without its argument
    expect(a.text).toBe(`Unknown call to Marketplace (${MARKET}): setFeeBps(…) with arguments that do not decode`);
  });
});

describe('bounds, checked before anything is sent', () => {
  it('formats basis points', () => {
    expect([formatBps(5000), formatBps(250), formatBps(1), formatBps(0)]).toEqual(['50%', '2.5%', '0.01%', '0%']);
  });
  it('max LTV: at most the hard bound and below the threshold', () => {
    const r = paramRange('maxLtv', bounds, btc, 'BTC');
    expect([r.min, r.max]).toEqual([1, 6999]);
    expect(parsePercentBps('75', r, 5000)).toEqual({ ok: false, error: 'Max LTV must stay below the BTC liquidation threshold (70%); propose a higher threshold first.' });
    expect(parsePercentBps('0', r, 5000)).toEqual({ ok: false, error: 'Max LTV must be more than 0%.' });
    expect(parsePercentBps('45', r, 5000)).toEqual({ ok: true, value: 4500 });
    expect(parsePercentBps('45.5%', r, 5000)).toEqual({ ok: true, value: 4550 });
    expect(parsePercentBps('50', r, 5000)).toEqual({ ok: false, error: 'It is 50% already: propose a different value.' });
    const loose = paramRange('maxLtv', bounds, { ...btc, liquidationThresholdBps: 9000 }, 'BTC');
    expect(parsePercentBps('85', loose, 5000)).toEqual({ ok: false, error: "Max LTV can be at most 80%: the contract's hard bound." });
  });
  it('threshold, haircut, fee', () => {
    expect(parsePercentBps('50', paramRange('liquidationThreshold', bounds, btc, 'BTC'), 7000)).toEqual({ ok: false, error: 'The liquidation threshold must stay above the BTC max LTV (50%).' });
    expect(parsePercentBps('91', paramRange('liquidationThreshold', bounds, btc), 7000)).toEqual({ ok: false, error: "The liquidation threshold can be at most 90%: the contract's hard bound." });
    expect(parsePercentBps('51', paramRange('haircut', bounds, btc), 1000)).toEqual({ ok: false, error: "The haircut can be at most 50%: the contract's hard bound." });
    expect(parsePercentBps('5.01', paramRange('marketFee', bounds, undefined), 250)).toEqual({ ok: false, error: "The marketplace fee can be at most 5%: the contract's hard bound." });
    expect(parsePercentBps('0', paramRange('marketFee', bounds, undefined), 250)).toEqual({ ok: true, value: 0 });
  });
  it('refuses what is not a percentage, in words', () => {
    const r = paramRange('haircut', bounds, btc);
    expect(parsePercentBps('', r)).toEqual({ ok: false, error: 'Enter the new value in percent.' });
    expect(parsePercentBps('-5', r)).toEqual({ ok: false, error: 'The value cannot be negative.' });
    expect(parsePercentBps('1.234', r)).toEqual({ ok: false, error: 'A percentage has at most 2 decimals.' });
    expect(parsePercentBps('1e3', r)).toMatchObject({ ok: false });
  });
  it('keeps the coin’s other parameters as they are', () => {
    const a = paramAction('haircut', 1500, refs, 0, btc);
    const d = describeAction(a, contracts, values);
    expect(d.changes).toEqual([{ label: 'haircut', before: '10%', after: '15%' }]);
  });
});

describe('descriptions', () => {
  it('title line then the actions', () => {
    const d = describeAction(paramAction('maxLtv', 4500, refs, 0, btc), contracts, values);
    const text = proposalDescription('Lower BTC max LTV', [d]);
    expect(text).toBe(`# Lower BTC max LTV\n\n- ${d.text}`);
    expect(proposalTitle(text)).toBe('Lower BTC max LTV');
    expect(proposalTitle('\n\n')).toBe('Untitled proposal');
  });
});

describe('the loan engine’s and the DAO’s own settings, before → after', () => {
  const AUCTIONS = '0x3D7Ebc40AF7092E3F1C81F2e996cbA5Cae2090d7' as Address;
  const GOVERNOR = '0x2222222222222222222222222222222222222222' as Address;
  const TIMELOCK = '0x3333333333333333333333333333333333333333' as Address;
  const all: KnownContract[] = [...contracts, { name: 'LoanAuctions', address: AUCTIONS, abi: loanAuctionsAbi }, { name: 'Governor', address: GOVERNOR, abi: hashGovernorAbi }, { name: 'Timelock', address: TIMELOCK, abi: timelockControllerAbi }];
  const v: CurrentValues = {
    ...values,
    loanRules: { minDueHealthBps: 10_500, writeOffDelay: 86_400 },
    auctionParams: { duration: 3600, extension: 600, minStepBps: 100, penaltyBps: 200 },
    conversionReserve: 10_000_000_000n,
    usdtDecimals: 6,
    governorSettings: { votingDelay: 3600n, votingPeriod: 86_400n, proposalThreshold: 100_000n * 10n ** 18n, quorumPercent: 4n },
  };
  const say = (target: Address, calldata: `0x${string}`) => describeAction({ target, value: 0n, calldata }, all, v);
  it('loan rules', () => {
    const d = say(LOAN_POOL, encodeFunctionData({ abi: loanPoolAbi, functionName: 'setLoanRules', args: [11_000, 2 * 86_400] }));
    expect(d.changes).toEqual([{ label: 'minimum health at the due date', before: '1.05', after: '1.1' }, { label: 'write-off delay', before: '1d 0h', after: '2d 0h' }]);
    expect(d.text).toMatch(/^Loan rules: minimum health at the due date 1.05 → 1.1, write-off delay 1d 0h → 2d 0h, from the day it executes/);
  });
  it('auction parameters: only what changes', () => {
    const d = say(AUCTIONS, encodeFunctionData({ abi: loanAuctionsAbi, functionName: 'setParams', args: [{ duration: 7200, extension: 600, minStepBps: 100, penaltyBps: 300 }] }));
    expect(d.text).toBe('Liquidation auctions: auction length 1h 0m → 2h 0m, redeem penalty 2% of the debt → 3% of the debt, from the day it executes (the length applies to auctions started afterwards; the extension, bid step and penalty to live auctions too)');
    expect(d).toMatchObject({ known: true, area: 'loans', contract: 'LoanAuctions' });
  });
  it('reserve withdrawal, rescue, pause guard, auction house', () => {
    expect(say(LOAN_POOL, encodeFunctionData({ abi: loanPoolAbi, functionName: 'withdrawReserve', args: [STRANGER, 2_500_000_000n] })).text).toBe(`Loans: send 2,500 USDT of the self-repay conversion reserve to ${STRANGER} (self-repay reserve 10,000 USDT → 7,500 USDT)`);
    expect(say(LOAN_POOL, encodeFunctionData({ abi: loanPoolAbi, functionName: 'rescueNft', args: [7n, STRANGER] })).text).toBe(`Loans: send NFT #7, sent to the loan pool without a loan, to ${STRANGER} (refused if it backs a loan)`);
    expect(say(LOAN_POOL, encodeFunctionData({ abi: loanPoolAbi, functionName: 'setPauseGuard', args: ['0x0000000000000000000000000000000000000000'] })).text).toBe('LoanPool: the emergency brake for new borrowing → none (nobody could pause it), from the day it executes');
    expect(say(LOAN_POOL, encodeFunctionData({ abi: loanPoolAbi, functionName: 'setAuctions', args: [AUCTIONS] })).text).toBe(`Loans: the liquidation auction house → ${AUCTIONS} (LoanAuctions) (it can be set once only: refused if one is set already)`);
  });
  it('ownership and the Governor’s settings', () => {
    expect(say(AUCTIONS, encodeFunctionData({ abi: loanAuctionsAbi, functionName: 'transferOwnership', args: [STRANGER] })).text).toBe(`LoanAuctions: hand ownership to ${STRANGER}; it takes over every admin power of LoanAuctions once it accepts (until then the timelock stays owner)`);
    expect(say(MARKET, encodeFunctionData({ abi: marketplaceAbi, functionName: 'renounceOwnership' })).changes).toEqual([{ label: 'Marketplace owner', before: 'the timelock', after: 'nobody, forever' }]);
    expect(say(GOVERNOR, encodeFunctionData({ abi: hashGovernorAbi, functionName: 'updateQuorumNumerator', args: [5n] })).text).toBe('Governance: quorum 4% → 5% of the HASH supply, for proposals whose vote starts after it executes');
    expect(say(GOVERNOR, encodeFunctionData({ abi: hashGovernorAbi, functionName: 'setProposalThreshold', args: [50_000n * 10n ** 18n] })).text).toBe('Governance: proposal threshold 100,000 HASH → 50,000 HASH of voting power to make a proposal, from the day it executes');
    const inner = encodeFunctionData({ abi: marketplaceAbi, functionName: 'setFeeBps', args: [100] });
    expect(say(GOVERNOR, encodeFunctionData({ abi: hashGovernorAbi, functionName: 'relay', args: [MARKET, 0n, inner] })).text).toBe('Governance: the Governor itself makes this call: Marketplace: fee 2.5% → 1% of each sale, for listings made from the day it executes');
    const proposer = '0xb09aa5aeb3702cfd50b6b62bc4532604938f21248a27a1d5ca736082b6819cc1';
    expect(say(TIMELOCK, encodeFunctionData({ abi: timelockControllerAbi, functionName: 'grantRole', args: [proposer, STRANGER] })).text).toBe(`Timelock: give ${STRANGER} the proposer role (it could queue any action, to run after the delay)`);
  });
});


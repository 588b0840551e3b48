// The typed proposal forms for the loan rate model and term deposits: what a person typed (strings) turned
// into a proposal's actions, or into one sentence per field saying what is wrong. Pure, so the round trip
// form → actions → decoded words is tested without a page. Bounds are the contracts' own constants,
// read by useGovernance and handed in.
import { encodeFunctionData, type Abi, type Address } from 'viem';
import { formatAmount, formatBps, formatInteger, plural } from './format';
import { parseAmount, type Parsed } from './parse';
import { formatHealthBps, type AuctionParamsValue, type Bounds, type LoanRulesValue, type ProposalAction, type RateModelValue } from './governanceActions';

type Ref = { address: Address; abi: Abi };

/** A form's outcome: its actions when every field is valid, else the first problem in words, per field. */
export interface Draft {
  actions?: ProposalAction[];
  errors: Partial<Record<string, string>>;
  /** The first problem, for the submit button and the error note. */
  error?: string;
  title: string;
}

function draftOf(errors: Partial<Record<string, string>>, actions: () => ProposalAction[], title: () => string): Draft {
  const first = Object.values(errors).find((e) => e !== undefined);
  if (first) return { errors, error: first, title: '' };
  return { errors, actions: actions(), title: title() };
}

/** 1e18 = 100%; one basis point is 1e14. */
const WAD_PER_BPS = 10n ** 14n;

/** A percentage with at most 2 decimals as a 1e18-scaled rate, between min and max (both 1e18-scaled). */
export function parsePercentWad(input: string, label: string, min: bigint, max: bigint): Parsed<bigint> {
  if (input.trim() === '') return { ok: false, error: `Enter the ${label} in percent.` };
  const parsed = parseAmount(input.replace(/%\s*$/, ''), { decimals: 2, symbol: `The ${label}`, allowZero: true });
  if (!parsed.ok) return { ok: false, error: parsed.error.replace('The amount', `The ${label}`) };
  const wad = parsed.value * WAD_PER_BPS;
  const pct = (v: bigint) => `${formatAmount(v, 16, 2)}%`;
  if (wad < min) return { ok: false, error: `The ${label} must be at least ${pct(min)}: the contract's hard bound.` };
  if (wad > max) return { ok: false, error: `The ${label} can be at most ${pct(max)}: the contract's hard bound.` };
  return { ok: true, value: wad };
}

export const RATE_FIELDS = [
  { key: 'baseRate', label: 'base rate', help: 'Yearly rate at 0% utilisation.' },
  { key: 'slope1', label: 'slope up to the kink', help: 'Added from 0% utilisation up to the kink.' },
  { key: 'slope2', label: 'slope above the kink', help: 'Added from the kink to 100% utilisation.' },
  { key: 'kink', label: 'kink', help: 'The utilisation where the steep slope starts.' },
] as const;

export type RateFields = Record<(typeof RATE_FIELDS)[number]['key'], string>;

/** The rate model as the form's starting text (the current values in percent). */
export function rateFieldsOf(model: RateModelValue | undefined): RateFields {
  const pct = (v: bigint | undefined) => (v === undefined ? '' : formatAmount(v, 16, 2));
  return { baseRate: pct(model?.baseRate), slope1: pct(model?.slope1), slope2: pct(model?.slope2), kink: pct(model?.kink) };
}

export function draftRateModel(fields: RateFields, bounds: Bounds['rate'], current: RateModelValue | undefined, loanPool: Ref): Draft {
  const ranges: Record<keyof RateFields, [bigint, bigint]> = {
    baseRate: [0n, bounds.maxBaseRate],
    slope1: [0n, bounds.maxSlope1],
    slope2: [0n, bounds.maxSlope2],
    kink: [bounds.minKink, bounds.maxKink],
  };
  const errors: Partial<Record<string, string>> = {};
  const next: Partial<RateModelValue> = {};
  for (const f of RATE_FIELDS) {
    const p = parsePercentWad(fields[f.key], f.label, ...ranges[f.key]);
    if (p.ok) next[f.key] = p.value;
    else errors[f.key] = p.error;
  }
  const model = next as RateModelValue;
  if (Object.keys(errors).length === 0 && current && RATE_FIELDS.every((f) => current[f.key] === model[f.key])) {
    errors.baseRate = 'These are the current rates: change at least one.';
  }
  return draftOf(
    errors,
    () => [{ target: loanPool.address, value: 0n, calldata: encodeFunctionData({ abi: loanPool.abi, functionName: 'setRateModel', args: [model] }) }],
    () => 'Change the loan rate model',
  );
}

export interface TermFields {
  asset: string;
  days: string;
  apr: string;
  capacity: string;
  /** A term id to close in the same proposal ("" for none): a new rate replaces an old term. */
  replaces: string;
}

export interface TermView {
  asset: Address;
  durationDays: number;
  aprBps: number;
  active: boolean;
}

/** A new term at a rate (TermDeposits.addTerm), and optionally closing the term it replaces. */
export function draftNewTerm(
  fields: TermFields,
  bounds: Bounds['term'],
  assets: Readonly<Record<string, { symbol: string; decimals: number }>>,
  terms: readonly TermView[],
  deposits: Ref,
): Draft {
  const errors: Partial<Record<string, string>> = {};
  const asset = assets[fields.asset.toLowerCase()];
  if (!asset) errors.asset = 'Choose the asset of the new term.';
  const days = fields.days.trim() === '' ? ({ ok: false, error: 'Enter the term’s length in days.' } as const) : parseAmount(fields.days, {
    decimals: 0,
    symbol: 'A term’s length',
    min: { value: 1n, reason: 'A term lasts at least 1 day.' },
    max: { value: BigInt(bounds.maxDurationDays), reason: `A term can last at most ${formatInteger(bounds.maxDurationDays)} days: the contract's hard bound.` },
  });
  if (!days.ok) errors.days = days.error.replace('The amount', 'The length');
  const apr = fields.apr.trim() === '' ? ({ ok: false, error: 'Enter the APR in percent.' } as const) : parseAmount(fields.apr.replace(/%\s*$/, ''), {
    decimals: 2,
    symbol: 'The APR',
    allowZero: true,
    max: { value: BigInt(bounds.maxAprBps), reason: `The APR can be at most ${formatBps(bounds.maxAprBps)}: the contract's hard bound.` },
  });
  if (!apr.ok) errors.apr = apr.error.replace('The amount', 'The APR');
  const capacity = !asset
    ? undefined
    : fields.capacity.trim() === ''
      ? ({ ok: false, error: `Enter how much ${asset.symbol} the term can take in total.` } as const)
      : parseAmount(fields.capacity, { decimals: asset.decimals, symbol: asset.symbol, max: { value: 2n ** 128n - 1n, reason: 'The capacity is too large.' } });
  if (capacity && !capacity.ok) errors.capacity = capacity.error.replace('The amount must be more than zero.', 'The capacity must be more than zero.').replace('The amount', 'The capacity');
  const replaces = fields.replaces === '' ? undefined : Number(fields.replaces);
  if (replaces !== undefined && !terms[replaces]?.active) errors.replaces = `Term #${fields.replaces} is not open: choose an open term or none.`;
  return draftOf(
    errors,
    () => {
      const add: ProposalAction = {
        target: deposits.address,
        value: 0n,
        calldata: encodeFunctionData({ abi: deposits.abi, functionName: 'addTerm', args: [fields.asset as Address, Number(days.ok && days.value), Number(apr.ok && apr.value), capacity?.ok ? capacity.value : 0n] }),
      };
      return replaces === undefined ? [add] : [add, termActiveAction(replaces, false, deposits)];
    },
    () => `New ${fields.days.trim()}-day ${asset?.symbol ?? ''} term at ${apr.ok ? formatBps(Number(apr.value)) : ''} APR`,
  );
}

export function termActiveAction(termId: number, active: boolean, deposits: Ref): ProposalAction {
  return { target: deposits.address, value: 0n, calldata: encodeFunctionData({ abi: deposits.abi, functionName: 'setTermActive', args: [BigInt(termId), active] }) };
}

/** Close an open term to new deposits, or reopen a closed one. */
export function draftTermActive(termId: string, terms: readonly TermView[], deposits: Ref): Draft {
  const t = termId === '' ? undefined : terms[Number(termId)];
  if (!t) return { errors: { term: 'Choose a term.' }, error: 'Choose a term.', title: '' };
  const id = Number(termId);
  return {
    errors: {},
    actions: [termActiveAction(id, !t.active, deposits)],
    title: `${t.active ? 'Close' : 'Reopen'} term #${id} (${t.durationDays}-day at ${formatBps(t.aprBps)} APR)`,
  };
}

export interface AddCoinFields {
  token: string;
  feed: string;
  symbol: string;
  unit: string;
  maxAgeHours: string;
  jump: string;
  maxLtv: string;
  threshold: string;
  haircut: string;
  grace: string;
}

/**
 * Adding a coin is one proposal with three actions, in this order: Rewards.addCoin (the coin gets the next
 * index), OracleAdapter.setFeed for that index, LoanPool.setCoinParams for that index.
 */
export function draftAddCoin(
  f: AddCoinFields,
  bounds: Bounds,
  coinCount: number,
  refs: { rewards: Ref; oracle: Ref; loanPool: Ref },
): Draft {
  const errors: Partial<Record<string, string>> = {};
  const addr = (v: string, what: string) => {
    const t = v.trim();
    if (t === '') return { ok: false as const, error: `Enter the ${what} address.` };
    if (!/^0x[0-9a-fA-F]{40}$/.test(t)) return { ok: false as const, error: 'That is not an address: an address is 0x followed by 40 hexadecimal characters.' };
    if (/^0x0{40}$/.test(t)) return { ok: false as const, error: `The ${what} cannot be the zero address.` };
    return { ok: true as const, value: t as Address };
  };
  const token = addr(f.token, 'token');
  if (!token.ok) errors.token = token.error;
  const feed = addr(f.feed, 'price feed');
  if (!feed.ok) errors.feed = feed.error;
  if (!/^[A-Z0-9]{2,10}$/.test(f.symbol.trim())) errors.symbol = 'The symbol is 2 to 10 capital letters or digits, like BTC.';
  if (f.unit.trim() === '' || f.unit.trim().length > 16) errors.unit = 'Enter the unit rewards are counted in (up to 16 characters), like TH/s.';
  const num = (v: string, label: string, decimals: number, min: number, max: number, show: (n: number) => string) =>
    v.trim() === ''
      ? ({ ok: false, error: `Enter the ${label}.` } as const)
      : parseAmount(v.replace(/%\s*$/, ''), {
          decimals,
          symbol: `The ${label}`,
          allowZero: true,
          min: { value: BigInt(min), reason: `The ${label} must be at least ${show(min)}: the contract's hard bound.` },
          max: { value: BigInt(max), reason: `The ${label} can be at most ${show(max)}: the contract's hard bound.` },
        });
  const hours = (n: number) => (n === 3600 ? '1 hour' : `${(n / 3600).toLocaleString('en-US', { maximumFractionDigits: 2 })} hours`);
  const age = num(f.maxAgeHours, 'largest price age', 0, Math.ceil(bounds.feed.minMaxAge / 3600), Math.floor(bounds.feed.maxMaxAge / 3600), (n) => hours(n * 3600));
  const jump = num(f.jump, 'largest one-round move', 2, bounds.feed.minJumpBps, bounds.feed.maxJumpBps, formatBps);
  const ltv = num(f.maxLtv, 'max LTV', 2, 1, bounds.maxLtvBps, formatBps);
  const threshold = num(f.threshold, 'liquidation threshold', 2, 1, bounds.maxThresholdBps, formatBps);
  const haircut = num(f.haircut, 'haircut', 2, 0, bounds.maxHaircutBps, formatBps);
  const grace = num(f.grace, 'grace period', 0, bounds.grace.min, bounds.grace.max, (n) => `${n} days`);
  for (const [k, p] of [['maxAgeHours', age], ['jump', jump], ['maxLtv', ltv], ['threshold', threshold], ['haircut', haircut], ['grace', grace]] as const) {
    if (!p.ok) errors[k] = p.error.replace('The amount', 'The value');
  }
  if (ltv.ok && threshold.ok && threshold.value <= ltv.value) errors.threshold = `The liquidation threshold must stay above the max LTV (${formatBps(Number(ltv.value))}).`;
  const coin = coinCount;
  return draftOf(
    errors,
    () => [
      { target: refs.rewards.address, value: 0n, calldata: encodeFunctionData({ abi: refs.rewards.abi, functionName: 'addCoin', args: [token.ok ? token.value : '0x', feed.ok ? feed.value : '0x', f.symbol.trim(), f.unit.trim()] }) },
      { target: refs.oracle.address, value: 0n, calldata: encodeFunctionData({ abi: refs.oracle.abi, functionName: 'setFeed', args: [coin, feed.ok ? feed.value : '0x', Number(age.ok ? age.value : 0n) * 3600, Number(jump.ok ? jump.value : 0n)] }) },
      {
        target: refs.loanPool.address,
        value: 0n,
        calldata: encodeFunctionData({
          abi: refs.loanPool.abi,
          functionName: 'setCoinParams',
          args: [coin, { maxLtvBps: Number(ltv.ok && ltv.value), liquidationThresholdBps: Number(threshold.ok && threshold.value), haircutBps: Number(haircut.ok && haircut.value), graceDays: Number(grace.ok && grace.value), borrowEnabled: true }],
        }),
      },
    ],
    () => `Add ${f.symbol.trim()} as a coin`,
  );
}

/** A number typed in a person's unit (a health factor, hours, minutes, percent) as the contract's unit, within its hard bounds. */
export function parseScaled(input: string, o: { label: string; decimals: number; scale: number; min: number; max: number; show: (v: number) => string }): Parsed<number> {
  if (input.trim() === '') return { ok: false, error: `Enter the ${o.label}.` };
  const parsed = parseAmount(input.replace(/%\s*$/, ''), { decimals: o.decimals, symbol: `The ${o.label}`, allowZero: true });
  if (!parsed.ok) return { ok: false, error: parsed.error.replace('The amount', `The ${o.label}`) };
  const value = Number(parsed.value) * o.scale;
  if (value < o.min) return { ok: false, error: `The ${o.label} must be at least ${o.show(o.min)}: the contract's hard bound.` };
  if (value > o.max) return { ok: false, error: `The ${o.label} can be at most ${o.show(o.max)}: the contract's hard bound.` };
  return { ok: true, value };
}

/** Seconds as people say them in a form's bounds: "1 hour", "30 days", "10 minutes". */
export function spanText(seconds: number): string {
  if (seconds % 86_400 === 0 && seconds >= 86_400) return plural(seconds / 86_400, 'day');
  if (seconds % 3600 === 0 && seconds >= 3600) return plural(seconds / 3600, 'hour');
  if (seconds % 60 === 0 && seconds >= 60) return plural(seconds / 60, 'minute');
  return plural(seconds, 'second');
}

/** One field of a multi-value form: its key, label, unit and how the contract's value is typed and shown. */
export interface ScaledField<K extends string> {
  key: K;
  label: string;
  help: string;
  decimals: number;
  /** Contract units per typed unit's smallest step (a typed 1.05 with 2 decimals is 105; × 100 = 10,500 bps). */
  scale: number;
  show: (v: number) => string;
  /** The contract's value as the field's starting text. */
  toText: (v: number) => string;
}

const hoursText = (s: number) => (s / 3600).toLocaleString('en-US', { maximumFractionDigits: 2, useGrouping: false });
const minutesText = (s: number) => (s / 60).toLocaleString('en-US', { maximumFractionDigits: 0, useGrouping: false });
const percentText = (bps: number) => (bps / 100).toLocaleString('en-US', { maximumFractionDigits: 2, useGrouping: false });

export const LOAN_RULE_FIELDS: readonly ScaledField<keyof LoanRulesValue>[] = [
  { key: 'minDueHealthBps', label: 'minimum health at the due date', help: 'The projected health factor a loan must keep at its due date to be opened, increased, extended or to release collateral.', decimals: 2, scale: 100, show: formatHealthBps, toText: (v) => formatHealthBps(v) },
  { key: 'writeOffDelay', label: 'write-off delay (hours)', help: 'How long an impaired loan waits for an auction before anyone may write it off, loans impaired already included.', decimals: 2, scale: 36, show: spanText, toText: hoursText },
];

export const AUCTION_FIELDS: readonly ScaledField<keyof AuctionParamsValue>[] = [
  { key: 'duration', label: 'auction length (minutes)', help: 'How long a liquidation auction runs; auctions started afterwards.', decimals: 0, scale: 60, show: spanText, toText: minutesText },
  { key: 'extension', label: 'late-bid extension (minutes)', help: 'A bid this close to the end moves the end this far from the bid (no sniping).', decimals: 0, scale: 60, show: (v) => (v === 0 ? '0 minutes' : spanText(v)), toText: minutesText },
  { key: 'minStepBps', label: 'minimum bid step (%)', help: 'How much a bid must beat the highest one by.', decimals: 2, scale: 1, show: formatBps, toText: percentText },
  { key: 'penaltyBps', label: 'redeem penalty (% of the debt)', help: 'What a borrower pays on top of the debt to take the NFTs back during the auction; it goes to the first bidder.', decimals: 2, scale: 1, show: formatBps, toText: percentText },
];

export function scaledFieldsOf<K extends string>(spec: readonly ScaledField<K>[], current: Readonly<Record<K, number>> | undefined): Record<K, string> {
  return Object.fromEntries(spec.map((f) => [f.key, current ? f.toText(current[f.key]) : ''])) as Record<K, string>;
}

function draftScaled<K extends string>(
  spec: readonly ScaledField<K>[],
  fields: Readonly<Record<K, string>>,
  ranges: Readonly<Record<K, readonly [number, number]>>,
  current: Readonly<Record<K, number>> | undefined,
  action: (value: Record<K, number>) => ProposalAction,
  title: string,
): Draft {
  const errors: Partial<Record<string, string>> = {};
  const next: Partial<Record<K, number>> = {};
  for (const f of spec) {
    // A field left at its starting text keeps the contract's exact value (the text may round it: 90 s shows
    // as 2 minutes), so a proposal changes only what was edited.
    if (current && fields[f.key] === f.toText(current[f.key])) {
      next[f.key] = current[f.key];
      continue;
    }
    const p = parseScaled(fields[f.key], { label: f.label.replace(/ \(.*\)$/, ''), decimals: f.decimals, scale: f.scale, min: ranges[f.key][0], max: ranges[f.key][1], show: f.show });
    if (p.ok) next[f.key] = p.value;
    else errors[f.key] = p.error;
  }
  const value = next as Record<K, number>;
  if (Object.keys(errors).length === 0 && current && spec.every((f) => current[f.key] === value[f.key])) errors[spec[0].key] = 'These are the current values: change at least one.';
  return draftOf(errors, () => [action(value)], () => title);
}

/** LoanPool.setLoanRules: the projection rule's minimum health at the due date and the write-off delay. */
export function draftLoanRules(fields: Readonly<Record<keyof LoanRulesValue, string>>, bounds: Bounds['loanRules'], current: LoanRulesValue | undefined, loanPool: Ref): Draft {
  return draftScaled(
    LOAN_RULE_FIELDS,
    fields,
    { minDueHealthBps: [bounds.minHealthBps, bounds.maxHealthBps], writeOffDelay: [bounds.minDelay, bounds.maxDelay] },
    current,
    (v) => ({ target: loanPool.address, value: 0n, calldata: encodeFunctionData({ abi: loanPool.abi, functionName: 'setLoanRules', args: [v.minDueHealthBps, v.writeOffDelay] }) }),
    'Change the loan rules',
  );
}

/** LoanAuctions.setParams: auction length, late-bid extension, minimum bid step, redeem penalty. */
export function draftAuctionParams(fields: Readonly<Record<keyof AuctionParamsValue, string>>, bounds: Bounds['auction'], current: AuctionParamsValue | undefined, auctions: Ref): Draft {
  return draftScaled(
    AUCTION_FIELDS,
    fields,
    { duration: [bounds.minDuration, bounds.maxDuration], extension: [0, bounds.maxExtension], minStepBps: [bounds.minStepBps, bounds.maxStepBps], penaltyBps: [0, bounds.maxPenaltyBps] },
    current,
    (v) => ({ target: auctions.address, value: 0n, calldata: encodeFunctionData({ abi: auctions.abi, functionName: 'setParams', args: [v] }) }),
    'Change the liquidation auction parameters',
  );
}

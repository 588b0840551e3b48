// A proposal's actions (targets, values, calldatas) in words, and the typed forms' inputs turned into
// actions. Pure: the ABIs come from the generated contract map and the current values from the chain,
// both handed in. A call the decoder knows reads as a change, before → after ("BTC loans: max LTV 50% →
// 45%, from the day it executes"); any other call reads as "Unknown call to <address>: <function>(args)",
// decoded with whatever ABI knows its selector, and never as raw calldata only.
import { decodeFunctionData, encodeFunctionData, formatEther, getAddress, isAddressEqual, toFunctionSelector, zeroAddress, type Abi, type AbiFunction, type Address, type Hex } from 'viem';
import { formatAmount, formatDuration, plural, shortAddress } from './format';
import { parseAmount, type Parsed } from './parse';

export interface ProposalAction {
  target: Address;
  value: bigint;
  calldata: Hex;
}

/** A contract the decoder knows by address, with its name in the contract map and its ABI. */
export interface KnownContract {
  name: string;
  address: Address;
  abi: Abi;
}

export interface CoinParamsValue {
  maxLtvBps: number;
  liquidationThresholdBps: number;
  haircutBps: number;
  graceDays: number;
  borrowEnabled: boolean;
}

export interface RateModelValue {
  baseRate: bigint;
  slope1: bigint;
  slope2: bigint;
  kink: bigint;
}

/** What the chain holds now, for the "before" half of each change; any part may be missing (shown as "now"). */
export interface CurrentValues {
  coins: readonly { symbol: string }[];
  coinParams?: readonly CoinParamsValue[];
  feeBps?: number;
  rateModel?: RateModelValue;
  /** Seconds a lowered liquidation threshold waits after execution before it reaches open loans. */
  thresholdNotice?: number;
  /** Decimals and symbol of the governance token, for transfers out of the treasury. */
  token?: { decimals: number; symbol: string };
  names?: Readonly<Record<string, string>>;
}

/** Which page a change concerns: the page that shows the notice while it is queued. */
export type Area = 'loans' | 'market' | 'earn' | 'rewards' | 'governance' | 'treasury' | 'other';

export interface DecodedAction {
  /** The whole action in one line. */
  text: string;
  known: boolean;
  area: Area;
  /** For known changes: each value's label and its before and after. */
  changes: { label: string; before?: string; after: string }[];
  /** Where the call goes, by name when the contract is ours. */
  contract: string;
  functionName?: string;
}

/** Basis points as a percentage: 5000 → "50%", 250 → "2.5%", 1 → "0.01%". */
export function formatBps(bps: number | bigint): string {
  return `${formatAmount(BigInt(bps), 2, 2)}%`;
}

/** A rate where 1e18 is 100%: 0.02e18 → "2%". */
export function formatWadPercent(v: bigint): string {
  return `${formatAmount(v, 16, 2)}%`;
}

function change(label: string, before: string | undefined, after: string) {
  return { label, before, after };
}

function changeText(c: { label: string; before?: string; after: string }): string {
  return c.before === undefined ? `${c.label} → ${c.after}` : `${c.label} ${c.before} → ${c.after}`;
}

function nameOf(address: Address, contracts: readonly KnownContract[], values: CurrentValues): string {
  const known = contracts.find((c) => isAddressEqual(c.address, address));
  if (known) return known.name;
  const named = Object.entries(values.names ?? {}).find(([a]) => a.toLowerCase() === address.toLowerCase());
  return named ? named[1] : shortAddress(address);
}

type Describe = (args: readonly unknown[], v: CurrentValues, ctx: { contracts: readonly KnownContract[] }) => Omit<DecodedAction, 'known' | 'contract' | 'functionName'>;

const COIN_FIELDS = [
  ['maxLtvBps', 'max LTV'],
  ['liquidationThresholdBps', 'liquidation threshold'],
  ['haircutBps', 'haircut'],
] as const;

/** Changes a proposal can make that the page says in words, by `ContractName.functionName`. */
const DESCRIBERS: Record<string, Describe> = {
  'LoanPool.setCoinParams': (args, v) => {
    const coin = Number(args[0]);
    const next = args[1] as CoinParamsValue;
    const now = v.coinParams?.[coin];
    const symbol = v.coins[coin]?.symbol ?? `Coin ${coin}`;
    const changes = [];
    for (const [field, label] of COIN_FIELDS) {
      if (!now || now[field] !== next[field]) changes.push(change(label, now ? formatBps(now[field]) : undefined, formatBps(next[field])));
    }
    if (!now || now.graceDays !== next.graceDays) changes.push(change('grace period', now ? plural(now.graceDays, 'day') : undefined, plural(next.graceDays, 'day')));
    if (!now || now.borrowEnabled !== next.borrowEnabled) changes.push(change('new loans', now ? (now.borrowEnabled ? 'open' : 'paused') : undefined, next.borrowEnabled ? 'open' : 'paused'));
    const lowerThreshold = now !== undefined && next.liquidationThresholdBps < now.liquidationThresholdBps;
    let when = 'from the day it executes';
    if (changes.some((c) => c.label === 'max LTV' || c.label === 'haircut')) when = 'for loans opened from the day it executes; open loans keep their terms';
    if (lowerThreshold) {
      const notice = v.thresholdNotice ? `${formatDuration(v.thresholdNotice)} after it executes` : 'after its notice period';
      when += `; the lower liquidation threshold reaches open loans ${notice}`;
    }
    const body = changes.length ? changes.map(changeText).join(', ') : 'no change to its values';
    return { area: 'loans', changes, text: `${symbol} loans: ${body}, ${when}` };
  },
  'LoanPool.setRateModel': (args, v) => {
    const next = args[0] as RateModelValue;
    const now = v.rateModel;
    const fields = [
      ['baseRate', 'base rate'],
      ['slope1', 'rate added up to the kink'],
      ['slope2', 'rate added above the kink'],
      ['kink', 'kink (utilisation)'],
    ] as const;
    const changes = fields
      .filter(([f]) => !now || now[f] !== next[f])
      .map(([f, label]) => change(label, now ? formatWadPercent(now[f]) : undefined, formatWadPercent(next[f])));
    const body = changes.length ? changes.map(changeText).join(', ') : 'no change to its values';
    return { area: 'loans', changes, text: `Loan interest rates: ${body}, from the day it executes (interest until then accrues at the old rates)` };
  },
  'Marketplace.setFeeBps': (args, v) => {
    const c = change('fee', v.feeBps === undefined ? undefined : formatBps(v.feeBps), formatBps(Number(args[0])));
    return { area: 'market', changes: [c], text: `Marketplace: ${changeText(c)} of each sale, for listings made from the day it executes` };
  },
  'Rewards.setOperator': (args, v, ctx) => {
    const who = getAddress(args[0] as string);
    const allowed = Boolean(args[1]);
    const c = change(allowed ? 'add reward operator' : 'remove reward operator', undefined, nameOf(who, ctx.contracts, v));
    return { area: 'rewards', changes: [c], text: `Rewards: ${allowed ? 'allow' : 'stop'} ${who} ${allowed ? 'to post' : 'posting'} daily mining output` };
  },
  'Timelock.updateDelay': (args) => {
    const c = change('timelock delay', undefined, formatDuration(Number(args[0])));
    return { area: 'governance', changes: [c], text: `Governance: ${changeText(c)} for proposals queued after it executes` };
  },
  'HASH.transfer': (args, v) => {
    const amount = args[1] as bigint;
    const t = v.token ?? { decimals: 18, symbol: 'HASH' };
    const c = change('send', undefined, `${formatAmount(amount, t.decimals, 4)} ${t.symbol} to ${getAddress(args[0] as string)}`);
    return { area: 'treasury', changes: [c], text: `Treasury: send ${formatAmount(amount, t.decimals, 4)} ${t.symbol} to ${getAddress(args[0] as string)}` };
  },
};

/** Setters of one address (guardian, operator, treasury): "<Contract>: guardian 0x… → 0x…", by any contract. */
const ADDRESS_SETTER = /^set(Guardian|Operator|Treasury|PauseGuardian)$/;

function describeAddressSetter(contract: string, fn: AbiFunction, args: readonly unknown[], v: CurrentValues, contracts: readonly KnownContract[]): Omit<DecodedAction, 'known' | 'contract' | 'functionName'> | undefined {
  const m = ADDRESS_SETTER.exec(fn.name);
  if (!m || fn.inputs.length !== 1 || fn.inputs[0].type !== 'address') return undefined;
  const role = m[1].replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const to = getAddress(args[0] as string);
  const before = v.names?.[`${contract}.${role}`];
  const shown = isAddressEqual(to, zeroAddress) ? 'nobody (the zero address)' : `${to}${nameOf(to, contracts, v) !== shortAddress(to) ? ` (${nameOf(to, contracts, v)})` : ''}`;
  const c = change(role, before, shown);
  const area: Area = contract === 'LoanPool' || contract === 'LiquidityVault' ? 'loans' : contract === 'Marketplace' ? 'market' : contract === 'TermDeposits' ? 'earn' : contract === 'Rewards' ? 'rewards' : 'other';
  return { area, changes: [c], text: `${contract}: ${changeText(c)}, from the day it executes` };
}

/** A decoded argument as text: addresses whole, integers grouped, tuples and arrays bracketed. */
export function argText(v: unknown): string {
  if (typeof v === 'bigint') return v.toLocaleString('en-US');
  if (Array.isArray(v)) return `[${v.map(argText).join(', ')}]`;
  if (v !== null && typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${k}: ${argText(x)}`).join(', ')}}`;
  return String(v);
}

function sendsText(value: bigint): string {
  return value > 0n ? ` and sends ${formatEther(value)} ETH` : '';
}

/** Every function of every ABI, by selector: to name a call to an unknown contract. */
function functionBySelector(abis: readonly Abi[], selector: string): { abi: Abi; fn: AbiFunction } | undefined {
  for (const abi of abis) {
    for (const item of abi) {
      if (item.type === 'function' && toFunctionSelector(item).toLowerCase() === selector) return { abi, fn: item };
    }
  }
  return undefined;
}

/**
 * One action in words. `contracts` are the protocol's contracts by address; `extraAbis` name functions of
 * calls to other addresses (the unknown call still says "Unknown call", with its function and arguments).
 */
export function describeAction(action: ProposalAction, contracts: readonly KnownContract[], values: CurrentValues, extraAbis: readonly Abi[] = []): DecodedAction {
  const target = getAddress(action.target);
  const known = contracts.find((c) => isAddressEqual(c.address, target));
  const selector = action.calldata.slice(0, 10).toLowerCase();
  const contractName = known?.name ?? target;
  const unknown = (what: string): DecodedAction => ({
    text: `Unknown call to ${known ? `${known.name} (${target})` : target}: ${what}${sendsText(action.value)}`,
    known: false,
    area: 'other',
    changes: [],
    contract: contractName,
  });
  if (action.calldata.length < 10) {
    return action.value > 0n
      ? { text: `Send ${formatEther(action.value)} ETH to ${known ? `${known.name} (${target})` : target}`, known: false, area: 'treasury', changes: [], contract: contractName }
      : unknown('an empty call');
  }
  const found = functionBySelector(known ? [known.abi, ...extraAbis] : [...contracts.map((c) => c.abi), ...extraAbis], selector);
  if (!found) return unknown(`function ${selector} with ${(action.calldata.length - 10) / 2} bytes of arguments (not in any ABI the app knows)`);
  let args: readonly unknown[];
  try {
    args = (decodeFunctionData({ abi: [found.fn], data: action.calldata }).args ?? []) as readonly unknown[];
  } catch {
    return unknown(`${found.fn.name}(…) with arguments that do not decode`);
  }
  const call = `${found.fn.name}(${args.map(argText).join(', ')})`;
  if (known && known.abi === found.abi && action.value === 0n) {
    const describe = DESCRIBERS[`${known.name}.${found.fn.name}`];
    const said = describe ? describe(args, values, { contracts }) : describeAddressSetter(known.name, found.fn, args, values, contracts);
    if (said) return { ...said, known: true, contract: known.name, functionName: found.fn.name };
  }
  return { ...unknown(call), functionName: found.fn.name };
}

export function describeActions(actions: readonly ProposalAction[], contracts: readonly KnownContract[], values: CurrentValues, extraAbis: readonly Abi[] = []): DecodedAction[] {
  return actions.map((a) => describeAction(a, contracts, values, extraAbis));
}

// ---------------------------------------------------------------- forms → actions

/** Parameter kinds the proposal form offers. */
export type ParamKind = 'maxLtv' | 'liquidationThreshold' | 'haircut' | 'marketFee';

export const PARAM_KINDS: readonly { kind: ParamKind; label: string; help: string; perCoin: boolean }[] = [
  { kind: 'maxLtv', label: 'Max LTV', help: 'How much of an NFT’s appraisal can be borrowed. Applies to loans opened after the change.', perCoin: true },
  { kind: 'liquidationThreshold', label: 'Liquidation threshold', help: 'The share of the appraisal below which a loan can be liquidated. A lower one reaches open loans only after the notice period.', perCoin: true },
  { kind: 'haircut', label: 'Haircut', help: 'The discount taken off every appraisal. Applies to loans opened after the change.', perCoin: true },
  { kind: 'marketFee', label: 'Marketplace fee', help: 'The protocol’s share of each marketplace sale.', perCoin: false },
];

/** The contracts' hard bounds, in basis points. */
export interface Bounds {
  maxLtvBps: number;
  maxThresholdBps: number;
  maxHaircutBps: number;
  maxFeeBps: number;
}

const FIELD: Record<Exclude<ParamKind, 'marketFee'>, keyof Pick<CoinParamsValue, 'maxLtvBps' | 'liquidationThresholdBps' | 'haircutBps'>> = {
  maxLtv: 'maxLtvBps',
  liquidationThreshold: 'liquidationThresholdBps',
  haircut: 'haircutBps',
};

/** The allowed range of a parameter now, each end with the sentence that explains it. */
export function paramRange(kind: ParamKind, bounds: Bounds, current: CoinParamsValue | undefined, symbol = ''): { min: number; max: number; minReason: string; maxReason: string } {
  const coin = symbol ? `${symbol} ` : '';
  switch (kind) {
    case 'maxLtv': {
      const byThreshold = current ? current.liquidationThresholdBps - 1 : bounds.maxLtvBps;
      const max = Math.min(bounds.maxLtvBps, byThreshold);
      return {
        min: 1,
        max,
        minReason: 'Max LTV must be more than 0%.',
        maxReason:
          max === bounds.maxLtvBps
            ? `Max LTV can be at most ${formatBps(bounds.maxLtvBps)}: the contract's hard bound.`
            : `Max LTV must stay below the ${coin}liquidation threshold (${formatBps(current!.liquidationThresholdBps)}); propose a higher threshold first.`,
      };
    }
    case 'liquidationThreshold':
      return {
        min: current ? current.maxLtvBps + 1 : 1,
        max: bounds.maxThresholdBps,
        minReason: current ? `The liquidation threshold must stay above the ${coin}max LTV (${formatBps(current.maxLtvBps)}).` : 'The liquidation threshold must be more than 0%.',
        maxReason: `The liquidation threshold can be at most ${formatBps(bounds.maxThresholdBps)}: the contract's hard bound.`,
      };
    case 'haircut':
      return { min: 0, max: bounds.maxHaircutBps, minReason: '', maxReason: `The haircut can be at most ${formatBps(bounds.maxHaircutBps)}: the contract's hard bound.` };
    case 'marketFee':
      return { min: 0, max: bounds.maxFeeBps, minReason: '', maxReason: `The marketplace fee can be at most ${formatBps(bounds.maxFeeBps)}: the contract's hard bound.` };
  }
}

/** A percentage typed by a person ("45", "2.5") as basis points, checked against [min, max] and against the current value. */
export function parsePercentBps(input: string, range: { min: number; max: number; minReason: string; maxReason: string }, currentBps?: number): Parsed<number> {
  if (input.trim() === '') return { ok: false, error: 'Enter the new value in percent.' };
  const parsed = parseAmount(input.replace(/%\s*$/, ''), {
    decimals: 2,
    symbol: 'A percentage',
    allowZero: true,
    min: { value: BigInt(range.min), reason: range.minReason },
    max: { value: BigInt(range.max), reason: range.maxReason },
  });
  if (!parsed.ok) return { ok: false, error: parsed.error.replace('The amount', 'The value') };
  const bps = Number(parsed.value);
  if (currentBps !== undefined && bps === currentBps) return { ok: false, error: `It is ${formatBps(bps)} already: propose a different value.` };
  return { ok: true, value: bps };
}

/** The action that sets one parameter, keeping the coin's other parameters as they are. */
export function paramAction(
  kind: ParamKind,
  bps: number,
  refs: { loanPool: { address: Address; abi: Abi }; marketplace: { address: Address; abi: Abi } },
  coin: number,
  current: CoinParamsValue | undefined,
): ProposalAction {
  if (kind === 'marketFee') {
    return { target: refs.marketplace.address, value: 0n, calldata: encodeFunctionData({ abi: refs.marketplace.abi, functionName: 'setFeeBps', args: [bps] }) };
  }
  if (!current) throw new Error('The current loan parameters are not loaded yet.');
  const next = { ...current, [FIELD[kind]]: bps };
  return { target: refs.loanPool.address, value: 0n, calldata: encodeFunctionData({ abi: refs.loanPool.abi, functionName: 'setCoinParams', args: [coin, next] }) };
}

/** A proposal's default description: its title line, then its actions in words. */
export function proposalDescription(title: string, actions: readonly DecodedAction[]): string {
  return `# ${title.trim()}\n\n${actions.map((a) => `- ${a.text}`).join('\n')}`;
}

/** The title of a proposal: its description's first line, without a Markdown heading mark. */
export function proposalTitle(description: string): string {
  const first = description.split('\n').find((l) => l.trim() !== '') ?? '';
  return first.replace(/^#+\s*/, '').trim() || 'Untitled proposal';
}

// A proposal's actions (targets, values, calldatas) in words, and the typed forms' inputs turned into
// actions. Pure: the ABIs come from the generated contract map and the current values from the chain,
// both handed in. A call the decoder knows reads as a change, before → after ("BTC loans: max LTV 50% →
// 45%, from the day it executes"); any other call reads as "Unknown call to <address>: <function>(args)",
// decoded with whatever ABI knows its selector, and never as raw calldata only.
import { decodeFunctionData, encodeFunctionData, formatEther, getAddress, isAddressEqual, keccak256, toBytes, toFunctionSelector, zeroAddress, type Abi, type AbiFunction, type Address, type Hex } from 'viem';
import { formatAmount, formatBps, formatDateTime, formatDuration, formatInteger, plural, shortAddress } from './format';
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
  /** The guardian that may pause new risk (PauseGuard.guardian). */
  guardian?: Address;
  /** Term-deposit terms by id, and token symbols by lowercase address, for TermDeposits changes. */
  terms?: readonly { asset: Address; durationDays: number; aprBps: number; active: boolean; capacity?: bigint }[];
  assets?: Readonly<Record<string, { symbol: string; decimals: number }>>;
  /** LoanPool.setLoanRules' values: the projection rule's minimum health at the due date, the write-off delay. */
  loanRules?: LoanRulesValue;
  /** LoanAuctions.setParams' values. */
  auctionParams?: AuctionParamsValue;
  /** LoanPool's self-repay conversion reserve, in USDT base units, and USDT's decimals. */
  conversionReserve?: bigint;
  usdtDecimals?: number;
  /** The Governor's own settings (seconds for the clock, token units for the threshold, percent for quorum). */
  governorSettings?: { votingDelay: bigint; votingPeriod: bigint; proposalThreshold: bigint; quorumPercent: bigint };
}

export interface LoanRulesValue {
  minDueHealthBps: number;
  writeOffDelay: number;
}

export interface AuctionParamsValue {
  duration: number;
  extension: number;
  minStepBps: number;
  penaltyBps: number;
}

/** PauseGuard's actions, in its numbering, with the page each concerns. */
export const PAUSE_ACTIONS: readonly { name: string; area: Area }[] = [
  { name: 'new borrowing', area: 'loans' },
  { name: 'new marketplace listings', area: 'market' },
  { name: 'hash-power purchases', area: 'other' },
  { name: 'marketplace purchases', area: 'market' },
  { name: 'pool contributions', area: 'other' },
];

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

export { formatBps };

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

type Said = Omit<DecodedAction, 'known' | 'contract' | 'functionName'>;
type Describe = (args: readonly unknown[], v: CurrentValues, ctx: { contracts: readonly KnownContract[]; contract: string; extraAbis: readonly Abi[] }) => Said;

/** A health factor kept in basis points (10,500) as people read it: "1.05". */
export function formatHealthBps(bps: number): string {
  return formatAmount(BigInt(bps), 4, 2);
}

/** An address with its contract name when the app knows it: "0x… (LoanAuctions)". */
function who(address: unknown, v: CurrentValues, contracts: readonly KnownContract[]): string {
  const a = getAddress(address as string);
  if (isAddressEqual(a, zeroAddress)) return 'the zero address';
  const name = nameOf(a, contracts, v);
  return name === shortAddress(a) ? a : `${a} (${name})`;
}

/** Fields of a struct change, only those that differ when the current value is known. */
function structChanges<T extends object>(now: T | undefined, next: T, fields: readonly (readonly [keyof T & string, string, (x: T[keyof T]) => string])[]) {
  return fields.filter(([f]) => !now || now[f] !== next[f]).map(([f, label, show]) => change(label, now ? show(now[f]) : undefined, show(next[f])));
}

function bodyOf(changes: readonly { label: string; before?: string; after: string }[]): string {
  return changes.length ? changes.map(changeText).join(', ') : 'no change to its values';
}

/** Names of the timelock's roles by their hash, hashed when first needed, not while the Marketplace's first load (which holds this module) runs. */
let timelockRoles: Readonly<Record<string, string>> | undefined;
const TIMELOCK_ROLES = () =>
  (timelockRoles ??= {
    [keccak256(toBytes('PROPOSER_ROLE'))]: 'proposer',
    [keccak256(toBytes('EXECUTOR_ROLE'))]: 'executor',
    [keccak256(toBytes('CANCELLER_ROLE'))]: 'canceller',
    [`0x${'0'.repeat(64)}`]: 'admin',
  });
const ROLE_POWER: Readonly<Record<string, string>> = {
  proposer: 'it could queue any action, to run after the delay',
  executor: 'it could run queued actions once their delay has passed',
  canceller: 'it could cancel queued actions',
  admin: 'it could grant and revoke every timelock role',
};

function roleName(role: unknown): string {
  const r = String(role).toLowerCase();
  return TIMELOCK_ROLES()[r] ?? `unknown ${r.slice(0, 10)}…`;
}

/** What each contract's pause guard governs, for setPauseGuard. */
const PAUSED_BY: Readonly<Record<string, string>> = {
  LoanPool: 'new borrowing',
  Marketplace: 'new listings, offers and marketplace purchases',
  ProductSale: 'hash-power purchases',
};

/** Functions every Ownable2Step protocol contract has, said the same way for each. */
const OWNABLE: Record<string, Describe> = {
  transferOwnership: (args, v, ctx) => {
    const to = who(args[0], v, ctx.contracts);
    const c = change(`${ctx.contract} owner`, 'the timelock', `${to}, once it accepts`);
    return { area: 'governance', changes: [c], text: `${ctx.contract}: hand ownership to ${to}; it takes over every admin power of ${ctx.contract} once it accepts (until then the timelock stays owner)` };
  },
  acceptOwnership: (_args, _v, ctx) => {
    const c = change(`${ctx.contract} owner`, undefined, 'the timelock');
    return { area: 'governance', changes: [c], text: `${ctx.contract}: the timelock accepts the ownership handed to it` };
  },
  renounceOwnership: (_args, _v, ctx) => {
    const c = change(`${ctx.contract} owner`, 'the timelock', 'nobody, forever');
    return { area: 'governance', changes: [c], text: `${ctx.contract}: give up ownership forever: nobody could change its parameters, roles or reserves again` };
  },
  setPauseGuard: (args, v, ctx) => {
    const to = getAddress(args[0] as string);
    const what = PAUSED_BY[ctx.contract] ?? 'its new-risk actions';
    const shown = isAddressEqual(to, zeroAddress) ? 'none (nobody could pause it)' : who(to, v, ctx.contracts);
    const c = change(`${ctx.contract} emergency brake`, undefined, shown);
    return { area: 'governance', changes: [c], text: `${ctx.contract}: the emergency brake for ${what} → ${shown}, from the day it executes` };
  },
};

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
  'Rewards.addCoin': (args) => {
    const c = change('new coin', undefined, `${String(args[2])} (reward unit ${String(args[3])})`);
    return { area: 'loans', changes: [c], text: `Rewards: add the coin ${String(args[2])} (token ${getAddress(args[0] as string)}, price feed ${getAddress(args[1] as string)}, rewards counted in ${String(args[3])}), from the day it executes` };
  },
  'OracleAdapter.setFeed': (args, v) => {
    const coin = Number(args[0]);
    const symbol = v.coins[coin]?.symbol ?? `coin #${coin}`;
    const c = change(`${symbol} price feed`, undefined, getAddress(args[1] as string));
    return {
      area: 'loans',
      changes: [c],
      text: `Price oracle: ${symbol} priced by the feed ${getAddress(args[1] as string)}, refused when older than ${formatDuration(Number(args[2]))}; a move over ${formatBps(Number(args[3]))} in one round waits for a second round before liquidations use it`,
    };
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
  'PauseGuard.unpause': (args) => {
    const a = PAUSE_ACTIONS[Number(args[0])];
    const c = change(a?.name ?? `action ${argText(args[0])}`, 'paused', 'open');
    return { area: a?.area ?? 'other', changes: [c], text: `Emergency brake: resume ${a?.name ?? `action ${argText(args[0])}`}, from the day it executes` };
  },
  'PauseGuard.pause': (args) => {
    const a = PAUSE_ACTIONS[Number(args[0])];
    const c = change(a?.name ?? `action ${argText(args[0])}`, 'open', 'paused');
    return { area: a?.area ?? 'other', changes: [c], text: `Emergency brake: pause ${a?.name ?? `action ${argText(args[0])}`}, from the day it executes` };
  },
  'PauseGuard.setGuardian': (args, v) => {
    const to = getAddress(args[0] as string);
    const shown = isAddressEqual(to, zeroAddress) ? 'nobody (only the timelock can pause)' : to;
    const c = change('guardian', v.guardian ? (isAddressEqual(v.guardian, zeroAddress) ? 'nobody' : v.guardian) : undefined, shown);
    return { area: 'governance', changes: [c], text: `Emergency brake: ${changeText(c)}, from the day it executes (the guardian can only pause new risk)` };
  },
  'TermDeposits.addTerm': (args, v) => {
    const asset = v.assets?.[String(args[0]).toLowerCase()];
    const symbol = asset?.symbol ?? getAddress(args[0] as string);
    const cap = asset ? `${formatAmount(args[3] as bigint, asset.decimals, 4)} ${asset.symbol}` : argText(args[3]);
    const c = change(`new ${Number(args[1])}-day ${symbol} term`, undefined, `${formatBps(Number(args[2]))} APR`);
    return { area: 'earn', changes: [c], text: `Term deposits: a new ${Number(args[1])}-day ${symbol} term at ${formatBps(Number(args[2]))} APR, up to ${cap}, from the day it executes` };
  },
  'TermDeposits.setTermActive': (args, v) => {
    const id = Number(args[0]);
    const t = v.terms?.[id];
    const symbol = t ? (v.assets?.[t.asset.toLowerCase()]?.symbol ?? t.asset) : undefined;
    const what = t ? `term #${id} (${t.durationDays}-day ${symbol} at ${formatBps(t.aprBps)} APR)` : `term #${id}`;
    const open = Boolean(args[1]);
    const c = change(what, t ? (t.active ? 'open' : 'closed') : undefined, open ? 'open' : 'closed');
    return { area: 'earn', changes: [c], text: `Term deposits: ${open ? 'reopen' : 'close'} ${what} to new deposits, from the day it executes; open deposits keep their rate` };
  },
  'Timelock.updateDelay': (args) => {
    const c = change('timelock delay', undefined, formatDuration(Number(args[0])));
    return { area: 'governance', changes: [c], text: `Governance: ${changeText(c)} for proposals queued after it executes` };
  },
  'LoanPool.setLoanRules': (args, v) => {
    const next: LoanRulesValue = { minDueHealthBps: Number(args[0]), writeOffDelay: Number(args[1]) };
    const changes = structChanges(v.loanRules, next, [
      ['minDueHealthBps', 'minimum health at the due date', (x) => formatHealthBps(Number(x))],
      ['writeOffDelay', 'write-off delay', (x) => formatDuration(Number(x))],
    ]);
    return {
      area: 'loans',
      changes,
      text: `Loan rules: ${bodyOf(changes)}, from the day it executes (new loans, more borrowing, extensions and collateral withdrawals must keep the projected health at the due date at least at the minimum; an impaired loan nobody auctions can be written off once the delay has passed, loans impaired already included)`,
    };
  },
  'LoanPool.setAuctions': (args, v, ctx) => {
    const c = change('auction house', undefined, who(args[0], v, ctx.contracts));
    return { area: 'loans', changes: [c], text: `Loans: the liquidation auction house → ${c.after} (it can be set once only: refused if one is set already)` };
  },
  'LoanPool.withdrawReserve': (args, v, ctx) => {
    const amount = args[1] as bigint;
    const d = v.usdtDecimals ?? 6;
    const c = change('self-repay reserve', v.conversionReserve === undefined ? undefined : `${formatAmount(v.conversionReserve, d, 2)} USDT`, v.conversionReserve === undefined ? `${formatAmount(amount, d, 2)} USDT less` : `${formatAmount(v.conversionReserve > amount ? v.conversionReserve - amount : 0n, d, 2)} USDT`);
    return { area: 'treasury', changes: [c], text: `Loans: send ${formatAmount(amount, d, 2)} USDT of the self-repay conversion reserve to ${who(args[0], v, ctx.contracts)} (${changeText(c)})` };
  },
  'LoanPool.rescueNft': (args, v, ctx) => {
    const c = change(`NFT #${argText(args[0])}`, 'held by the loan pool outside any loan', `sent to ${who(args[1], v, ctx.contracts)}`);
    return { area: 'loans', changes: [c], text: `Loans: send NFT #${argText(args[0])}, sent to the loan pool without a loan, to ${who(args[1], v, ctx.contracts)} (refused if it backs a loan)` };
  },
  'LoanAuctions.setParams': (args, v) => {
    const next = args[0] as AuctionParamsValue;
    const changes = structChanges(v.auctionParams, next, [
      ['duration', 'auction length', (x) => formatDuration(Number(x))],
      ['extension', 'late-bid extension', (x) => formatDuration(Number(x))],
      ['minStepBps', 'minimum bid step', (x) => formatBps(Number(x))],
      ['penaltyBps', 'redeem penalty', (x) => `${formatBps(Number(x))} of the debt`],
    ]);
    return {
      area: 'loans',
      changes,
      text: `Liquidation auctions: ${bodyOf(changes)}, from the day it executes (the length applies to auctions started afterwards; the extension, bid step and penalty to live auctions too)`,
    };
  },
  'LiquidityVault.setLoanPool': (args, v, ctx) => {
    const c = change('loan pool', undefined, who(args[0], v, ctx.contracts));
    return { area: 'loans', changes: [c], text: `Lending vault: the loan pool that may lend its cash → ${c.after} (it can be set once only: refused if one is set already)` };
  },
  'Marketplace.setCustodian': (args, v, ctx) => {
    const on = Boolean(args[1]);
    const c = change(`custodian ${who(args[0], v, ctx.contracts)}`, undefined, on ? 'yes' : 'no');
    return { area: 'market', changes: [c], text: `Marketplace: ${on ? 'treat' : 'stop treating'} ${who(args[0], v, ctx.contracts)} as a custodian (${on ? 'no offers can be made on' : 'offers can be made again on'} the NFTs it holds)` };
  },
  'Rewards.setRegistrar': (args, v, ctx) => {
    const on = Boolean(args[1]);
    const c = change(on ? 'add hash-power registrar' : 'remove hash-power registrar', undefined, who(args[0], v, ctx.contracts));
    return { area: 'rewards', changes: [c], text: `Rewards: ${on ? 'allow' : 'stop'} ${c.after} ${on ? 'to register' : 'registering'} the hash power that earns rewards (the product sale does for what it sells)` };
  },
  'Rewards.setLienSetter': (args, v, ctx) => {
    const on = Boolean(args[1]);
    const c = change(on ? 'add lien setter' : 'remove lien setter', undefined, who(args[0], v, ctx.contracts));
    return { area: 'rewards', changes: [c], text: `Rewards: ${on ? 'allow' : 'stop'} ${c.after} ${on ? 'to give' : 'giving'} an NFT's past rewards to someone else than its holder (the loan pool does when a loan's NFTs leave it)` };
  },
  'Rewards.setNft': (args, v, ctx) => {
    const c = change('NFT collection', undefined, who(args[0], v, ctx.contracts));
    return { area: 'rewards', changes: [c], text: `Rewards: the NFT collection rewards are paid for → ${c.after} (it can be set once only: refused if one is set already)` };
  },
  'HashNFT.setMinter': (args, v, ctx) => {
    const on = Boolean(args[1]);
    const c = change(on ? 'add minter' : 'remove minter', undefined, who(args[0], v, ctx.contracts));
    return { area: 'other', changes: [c], text: `NFT collection: ${on ? 'allow' : 'stop'} ${c.after} ${on ? 'to mint' : 'minting'} hash-power NFTs` };
  },
  'ProductSale.addProduct': (args, v) => {
    const p = args[0] as { name: string; coin: number; hashratePerUnit: bigint; termDays: number; pricePerUnit: bigint; supplyCap: bigint; perWalletCap: bigint; saleStart: bigint; saleEnd: bigint };
    const symbol = v.coins[Number(p.coin)]?.symbol ?? `coin #${Number(p.coin)}`;
    const price = `${formatAmount(p.pricePerUnit, v.usdtDecimals ?? 6, 2)} USDT`;
    const cap = p.perWalletCap > 0n ? `, at most ${argText(p.perWalletCap)} per wallet` : '';
    const c = change('new product', undefined, `${p.name} (${symbol})`);
    return {
      area: 'other',
      changes: [c],
      text: `Product sale: a new product “${p.name}”: ${symbol} hash power, ${argText(p.hashratePerUnit)} per unit for ${p.termDays} days at ${price} a unit, ${argText(p.supplyCap)} units${cap}, on sale ${formatDateTime(p.saleStart)} to ${formatDateTime(p.saleEnd)}; a product's terms never change once added`,
    };
  },
  'TermDeposits.setTermCapacity': (args, v) => {
    const id = Number(args[0]);
    const t = v.terms?.[id];
    const asset = t ? v.assets?.[t.asset.toLowerCase()] : undefined;
    const show = (x: bigint) => (asset ? `${formatAmount(x, asset.decimals, 4)} ${asset.symbol}` : argText(x));
    const c = change(`term #${id} capacity`, t?.capacity === undefined ? undefined : show(t.capacity), show(args[1] as bigint));
    return { area: 'earn', changes: [c], text: `Term deposits: ${changeText(c)} in total, from the day it executes; open deposits keep their rate` };
  },
  'TermDeposits.withdrawExcessReserve': (args, v, ctx) => {
    const asset = v.assets?.[String(args[0]).toLowerCase()];
    const amount = asset ? `${formatAmount(args[1] as bigint, asset.decimals, 4)} ${asset.symbol}` : `${argText(args[1])} of ${getAddress(args[0] as string)}`;
    const c = change('send', undefined, `${amount} to ${who(args[2], v, ctx.contracts)}`);
    return { area: 'treasury', changes: [c], text: `Term deposits: send ${amount} of the interest reserve that no deposit is owed to ${who(args[2], v, ctx.contracts)} (refused beyond what is not owed)` };
  },
  'PauseGuard.pauseAll': () => {
    const c = change('every new-risk action', 'open', 'paused');
    return { area: 'governance', changes: [c], text: `Emergency brake: pause ${PAUSE_ACTIONS.map((a) => a.name).join(', ')}, from the day it executes (repaying, withdrawing, claiming and cancelling never pause)` };
  },
  'Governor.setVotingDelay': (args, v) => {
    const c = change('voting delay', v.governorSettings ? formatDuration(Number(v.governorSettings.votingDelay)) : undefined, formatDuration(Number(args[0])));
    return { area: 'governance', changes: [c], text: `Governance: ${changeText(c)} before voting opens, for proposals made after it executes` };
  },
  'Governor.setVotingPeriod': (args, v) => {
    const c = change('voting period', v.governorSettings ? formatDuration(Number(v.governorSettings.votingPeriod)) : undefined, formatDuration(Number(args[0])));
    return { area: 'governance', changes: [c], text: `Governance: ${changeText(c)}, for proposals made after it executes` };
  },
  'Governor.setProposalThreshold': (args, v) => {
    const t = v.token ?? { decimals: 18, symbol: 'HASH' };
    const show = (x: bigint) => `${formatAmount(x, t.decimals, 2)} ${t.symbol}`;
    const c = change('proposal threshold', v.governorSettings ? show(v.governorSettings.proposalThreshold) : undefined, show(args[0] as bigint));
    return { area: 'governance', changes: [c], text: `Governance: ${changeText(c)} of voting power to make a proposal, from the day it executes` };
  },
  'Governor.updateQuorumNumerator': (args, v) => {
    const c = change('quorum', v.governorSettings ? `${argText(v.governorSettings.quorumPercent)}%` : undefined, `${argText(args[0])}%`);
    return { area: 'governance', changes: [c], text: `Governance: ${changeText(c)} of the HASH supply, for proposals whose vote starts after it executes` };
  },
  'Governor.updateTimelock': (args, v, ctx) => {
    const c = change('timelock', undefined, who(args[0], v, ctx.contracts));
    return { area: 'governance', changes: [c], text: `Governance: passed proposals would wait in and run from ${c.after} instead of the current timelock; the protocol's contracts stay owned by the current timelock until each hands its ownership over` };
  },
  'Governor.relay': (args, v, ctx) => {
    const inner = describeAction({ target: args[0] as Address, value: args[1] as bigint, calldata: args[2] as Hex }, ctx.contracts, v, ctx.extraAbis);
    return { area: inner.area, changes: inner.changes, text: `Governance: the Governor itself makes this call: ${inner.text}` };
  },
  'Timelock.grantRole': (args, v, ctx) => {
    const role = roleName(args[0]);
    const c = change(`timelock ${role}`, undefined, `+ ${who(args[1], v, ctx.contracts)}`);
    return { area: 'governance', changes: [c], text: `Timelock: give ${who(args[1], v, ctx.contracts)} the ${role} role (${ROLE_POWER[role] ?? 'a role the app does not know'})` };
  },
  'Timelock.revokeRole': (args, v, ctx) => {
    const role = roleName(args[0]);
    const c = change(`timelock ${role}`, undefined, `− ${who(args[1], v, ctx.contracts)}`);
    return { area: 'governance', changes: [c], text: `Timelock: take the ${role} role from ${who(args[1], v, ctx.contracts)}` };
  },
  'Timelock.renounceRole': (args, v, ctx) => {
    const role = roleName(args[0]);
    const c = change(`timelock ${role}`, undefined, `− ${who(args[1], v, ctx.contracts)}`);
    return { area: 'governance', changes: [c], text: `Timelock: ${who(args[1], v, ctx.contracts)} gives up its ${role} role` };
  },
  'HASH.transfer': (args, v) => {
    const amount = args[1] as bigint;
    const t = v.token ?? { decimals: 18, symbol: 'HASH' };
    const c = change('send', undefined, `${formatAmount(amount, t.decimals, 4)} ${t.symbol} to ${getAddress(args[0] as string)}`);
    return { area: 'treasury', changes: [c], text: `Treasury: send ${formatAmount(amount, t.decimals, 4)} ${t.symbol} to ${getAddress(args[0] as string)}` };
  },
};

/** Whether the decoder says `Contract.functionName` in words (not as an unknown call). */
export function hasDescriber(contract: string, fn: AbiFunction): boolean {
  if (DESCRIBERS[`${contract}.${fn.name}`] || OWNABLE[fn.name]) return true;
  return ADDRESS_SETTER.test(fn.name) && fn.inputs.length === 1 && fn.inputs[0].type === 'address';
}

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
  if (typeof v === 'bigint') return formatInteger(v);
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
    const describe = DESCRIBERS[`${known.name}.${found.fn.name}`] ?? OWNABLE[found.fn.name];
    const said = describe ? describe(args, values, { contracts, contract: known.name, extraAbis }) : describeAddressSetter(known.name, found.fn, args, values, contracts);
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

export const PARAM_KINDS: readonly { kind: ParamKind; label: string; noun: string; help: string; perCoin: boolean }[] = [
  { kind: 'maxLtv', label: 'Max LTV', noun: 'max LTV', help: 'How much of an NFT’s appraisal can be borrowed. Applies to loans opened after the change.', perCoin: true },
  { kind: 'liquidationThreshold', label: 'Liquidation threshold', noun: 'liquidation threshold', help: 'The share of the appraisal below which a loan can be liquidated. A lower one reaches open loans only after the notice period.', perCoin: true },
  { kind: 'haircut', label: 'Haircut', noun: 'haircut', help: 'The discount taken off every appraisal. Applies to loans opened after the change.', perCoin: true },
  { kind: 'marketFee', label: 'Marketplace fee', noun: 'marketplace fee', help: 'The protocol’s share of each marketplace sale.', perCoin: false },
];

/** The contracts' hard bounds, in basis points. */
export interface Bounds {
  maxLtvBps: number;
  maxThresholdBps: number;
  maxHaircutBps: number;
  maxFeeBps: number;
  /** LoanPool's rate-model bounds, 1e18 = 100% a year. */
  rate: { maxBaseRate: bigint; maxSlope1: bigint; maxSlope2: bigint; minKink: bigint; maxKink: bigint };
  /** TermDeposits' bounds for a new term. */
  term: { maxAprBps: number; maxDurationDays: number };
  /** OracleAdapter.setFeed's bounds (seconds, basis points) and LoanPool's grace days, for adding a coin. */
  feed: { minMaxAge: number; maxMaxAge: number; minJumpBps: number; maxJumpBps: number };
  grace: { min: number; max: number };
  /** LoanPool.setLoanRules' bounds: minimum health at the due date (basis points) and write-off delay (seconds). */
  loanRules: { minHealthBps: number; maxHealthBps: number; minDelay: number; maxDelay: number };
  /** LoanAuctions.setParams' bounds (seconds, basis points). */
  auction: { minDuration: number; maxDuration: number; maxExtension: number; minStepBps: number; maxStepBps: number; maxPenaltyBps: number };
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

/** Address kinds the proposal form offers: who may pause new risk, and who posts mining output. */
export type AddressKind = 'guardian' | 'operator';

export const ADDRESS_KINDS: readonly { kind: AddressKind; label: string; noun: string; help: string }[] = [
  { kind: 'guardian', label: 'Guardian', noun: 'guardian address', help: 'The account (a multisig) that can pause new borrowing, listings and purchases at once, and do nothing else.' },
  { kind: 'operator', label: 'Reward operator', noun: 'reward operator address', help: 'An account allowed to post daily mining output (within the output guard).' },
];

/** The action that sets an address role. */
export function addressAction(kind: AddressKind, to: Address, refs: { pauseGuard: { address: Address; abi: Abi }; rewards: { address: Address; abi: Abi } }): ProposalAction {
  if (kind === 'guardian') return { target: refs.pauseGuard.address, value: 0n, calldata: encodeFunctionData({ abi: refs.pauseGuard.abi, functionName: 'setGuardian', args: [to] }) };
  return { target: refs.rewards.address, value: 0n, calldata: encodeFunctionData({ abi: refs.rewards.abi, functionName: 'setOperator', args: [to, true] }) };
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

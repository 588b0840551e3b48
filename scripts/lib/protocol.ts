// Deploys the Hashmint protocol with viem from forge's build output and writes deployments/<chainId>.json.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { encodeFunctionData, getAddress, isAddressEqual, keccak256, maxUint256, parseUnits, toHex, zeroAddress, zeroHash, type Address, type Hex } from 'viem';
import {
  faucetTokenAbi,
  hashGovernorAbi,
  hashNftAbi,
  hashTokenAbi,
  liquidityVaultAbi,
  loanAuctionsAbi,
  loanLensAbi,
  loanPoolAbi,
  marketLensAbi, portfolioLensAbi,
  marketplaceAbi,
  miningPoolsAbi,
  oracleAdapterAbi,
  pauseGuardAbi,
  priceFeedAbi,
  productSaleAbi,
  rewardsAbi,
  termDepositsAbi,
  timelockControllerAbi,
} from '../../src/abi/abis.ts';
import { devAccount, send, type Ctx } from './chain.ts';
import { writeDeployments } from '../gen-abi.ts';
import type { Deployment as AppDeployment } from '../../src/lib/chains.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const DAY = 86400n;
/** Marketplace protocol fee: 2.5% (the contract caps it at 5%). */
export const MARKET_FEE_BPS = 250;

/** Coins mined by the products: reward token, USD price feed, hashrate unit. */
export const COINS = [
  { key: 'BTC', name: 'Wrapped Bitcoin (Hashmint)', symbol: 'BTC', decimals: 8, unit: 'TH/s', usd: '95000' },
  { key: 'ETC', name: 'Ethash Classic (Hashmint)', symbol: 'ETC', decimals: 18, unit: 'MH/s', usd: '20' },
  { key: 'FIL', name: 'Filecoin (Hashmint)', symbol: 'FIL', decimals: 18, unit: 'TiB', usd: '4' },
] as const;

/** Loan risk parameters per coin (BTC, ETC, FIL): max LTV, liquidation threshold and haircut in bps, grace days. */
export const LOAN_PARAMS = [
  { maxLtvBps: 5000, liquidationThresholdBps: 7000, haircutBps: 1000, graceDays: 3, borrowEnabled: true },
  { maxLtvBps: 4000, liquidationThresholdBps: 6000, haircutBps: 2000, graceDays: 3, borrowEnabled: true },
  { maxLtvBps: 4000, liquidationThresholdBps: 6000, haircutBps: 2500, graceDays: 5, borrowEnabled: true },
] as const;

/** Term-deposit terms per asset: APR in basis points for 30, 90 and 180 days, capacity per term, dev reserve. */
export const TERMS = [
  { asset: 'USDT', aprBps: [500, 800, 1200], capacity: '1000000', reserve: '10000' },
  { asset: 'BTC', aprBps: [100, 200, 300], capacity: '10', reserve: '0.5' },
  { asset: 'ETC', aprBps: [200, 400, 600], capacity: '100000', reserve: '1000' },
  { asset: 'FIL', aprBps: [300, 600, 900], capacity: '100000', reserve: '1000' },
] as const;

/** Governance settings (HashGovernor + TimelockController). Times in seconds (the token's clock is timestamps). */
export interface GovernanceConfig {
  /** Timelock delay between queue and execute. At least MIN_TIMELOCK_DELAY on real chains. */
  timelockDelay: number;
  votingDelay: number;
  votingPeriod: number;
  /** HASH (18 decimals) an account needs delegated to it to propose. */
  proposalThreshold: bigint;
  /** Quorum: percent of the total supply at the proposal's snapshot (for + abstain). */
  quorumPercent: number;
}
/** Real chains: a proposal waits a day, is voted on for five, then waits two days in the timelock. */
export const MIN_TIMELOCK_DELAY = 2 * 86400;
export const CHAIN_GOVERNANCE: GovernanceConfig = {
  timelockDelay: MIN_TIMELOCK_DELAY,
  votingDelay: 86400,
  votingPeriod: 5 * 86400,
  proposalThreshold: parseUnits('100000', 18),
  quorumPercent: 4,
};
/** Local chain: votes open at the next block and last a day; the timelock waits an hour (the dev panel moves time). */
export const LOCAL_GOVERNANCE: GovernanceConfig = { ...CHAIN_GOVERNANCE, timelockDelay: 3600, votingDelay: 0, votingPeriod: 86400 };
/** HASH: 100,000,000 in all; on the local chain dev accounts 1-4 get 5,000,000 each, the timelock the rest. */
export const HASH_SUPPLY = parseUnits('100000000', 18);
export const DEV_HASH = parseUnits('5000000', 18);
export const HASH_DEV_ACCOUNTS = [1, 2, 3, 4] as const;
/** The local guardian: dev account 9 (a multisig address in the deployment config on real chains). */
export const LOCAL_GUARDIAN_INDEX = 9;
/** The local loan keeper (`npm run dev`): dev account 8, which nothing else sends from. */
export const LOCAL_KEEPER_INDEX = 8;
/** Oracle guards: a round older than this is stale (local chains move time by hand, so a year there). */
export const FEED_MAX_AGE = { local: 365 * 86400, chain: 7200 } as const;
/** A round more than 20% from the previous one is not used for liquidation (nor lent against) until confirmed. */
export const FEED_MAX_JUMP_BPS = 2000;
/** Every contract whose owner() must be the timelock after the hand-over. */
export const TIMELOCK_OWNED = ['Rewards', 'HashNFT', 'ProductSale', 'Marketplace', 'TermDeposits', 'LiquidityVault', 'LoanPool', 'LoanAuctions', 'PauseGuard', 'OracleAdapter'] as const;
/** Liquidation auctions (issue 13): short on local chains (time travel is by hand), a day on real chains. */
export const AUCTION_PARAMS = {
  local: { duration: 3600, extension: 600, minStepBps: 100, penaltyBps: 200 },
  chain: { duration: 86400, extension: 600, minStepBps: 100, penaltyBps: 200 },
} as const;

/** What `deployments/<chainId>.json` holds: the app's Deployment (one definition), contracts keyed by name. */
export type Deployment = Omit<AppDeployment, 'contracts'> & { contracts: Record<string, Address> };

/** A contract's creation code with its external libraries (forge `linkReferences`) linked to `libraries`. */
function bytecode(name: string, libraries: Record<string, Address> = {}): Hex {
  const json = JSON.parse(readFileSync(join(ROOT, 'out', `${name}.sol`, `${name}.json`), 'utf8'));
  let code: string = json.bytecode.object;
  const refs: Record<string, Record<string, { start: number; length: number }[]>> = json.bytecode.linkReferences ?? {};
  for (const byLib of Object.values(refs)) {
    for (const [lib, places] of Object.entries(byLib)) {
      const address = libraries[lib];
      if (!address) throw new Error(`${name} needs the library ${lib} deployed first.`);
      for (const { start, length } of places) {
        const at = 2 + start * 2;
        code = code.slice(0, at) + address.slice(2).toLowerCase() + code.slice(at + length * 2);
      }
    }
  }
  return code as Hex;
}

async function deploy(ctx: Ctx, name: string, abi: readonly unknown[], args: readonly unknown[], libraries: Record<string, Address> = {}): Promise<Address> {
  const hash = await ctx.walletClient.deployContract({ abi: abi as never, bytecode: bytecode(name, libraries), args: args as never });
  const receipt = await ctx.publicClient.waitForTransactionReceipt({ hash });
  if (!receipt.contractAddress) throw new Error(`deploying ${name} failed (${hash})`);
  return getAddress(receipt.contractAddress);
}

export interface DeployOptions {
  /** Dev chains only: faucets on, and the operator holds and approves a reserve of every reward coin. */
  local: boolean;
  operator?: Address;
  /** Receives fees and sale revenue; default the timelock (the DAO treasury). */
  treasury?: Address;
  /** May pause new risk (PauseGuard). Required on real chains (a multisig); local default dev account 9. */
  guardian?: Address;
  /** Timelock delay in seconds; real chains default and minimum 2 days. */
  timelockDelay?: number;
  /** Chainlink AggregatorV3 feed per coin (BTC, ETC, FIL), by address. Required on real chains; local deploys mocks. */
  feeds?: Partial<Record<(typeof COINS)[number]['key'], Address>>;
  name?: string;
  /** The RPC URL the app should use for this chain. */
  rpcUrl: string;
  /** Write deployments/<chainId>.json and regenerate src/abi/deployments.ts (default true). */
  write?: boolean;
}

export async function deployProtocol(ctx: Ctx, opts: DeployOptions): Promise<Deployment> {
  // The deployer wires everything, then `handOver` (after the seed, on local chains) gives every admin power
  // to the timelock and keeps none.
  const owner = ctx.walletClient.account.address;
  const operator = opts.operator ?? (opts.local ? owner : undefined);
  if (!operator) throw new Error('Set OPERATOR: the reward operator address (real chains never default to the deployer).');
  const guardian = opts.guardian ?? (opts.local ? devAccount(LOCAL_GUARDIAN_INDEX).address : undefined);
  if (!guardian) throw new Error('Set GUARDIAN: the multisig that may pause new risk.');
  const gov: GovernanceConfig = opts.local ? LOCAL_GOVERNANCE : { ...CHAIN_GOVERNANCE, timelockDelay: opts.timelockDelay ?? MIN_TIMELOCK_DELAY };
  if (!opts.local && gov.timelockDelay < MIN_TIMELOCK_DELAY) throw new Error(`The timelock delay must be at least ${MIN_TIMELOCK_DELAY} s (2 days) on a real chain.`);
  const startBlock = await ctx.publicClient.getBlockNumber();
  const now = (await ctx.publicClient.getBlock()).timestamp;
  const c: Record<string, Address> = {};

  // Governance first: the timelock (delay 0 and the deployer as temporary admin until `handOver`), HASH, Governor.
  c.Timelock = await deploy(ctx, 'TimelockController', timelockControllerAbi, [0n, [owner], [owner], owner]);
  const devHolders = opts.local ? HASH_DEV_ACCOUNTS.map((i) => devAccount(i).address) : [];
  c.HASH = await deploy(ctx, 'HashToken', hashTokenAbi, [
    [c.Timelock, ...devHolders],
    [HASH_SUPPLY - DEV_HASH * BigInt(devHolders.length), ...devHolders.map(() => DEV_HASH)],
  ]);
  c.Governor = await deploy(ctx, 'HashGovernor', hashGovernorAbi, [c.HASH, c.Timelock, gov.votingDelay, gov.votingPeriod, gov.proposalThreshold, BigInt(gov.quorumPercent)]);
  c.PauseGuard = await deploy(ctx, 'PauseGuard', pauseGuardAbi, [guardian, owner]);
  c.OracleAdapter = await deploy(ctx, 'OracleAdapter', oracleAdapterAbi, [owner]);
  const treasury = opts.treasury ?? c.Timelock;

  // Local-only dev roles: the faucet tokens' minter and the mock feeds' poster are the deployer (dev account
  // 0, also the local operator); on real chains nobody can mint and the feeds are Chainlink's.
  const devRole = opts.local ? owner : zeroAddress;
  const faucet = (amount: string, decimals: number) => (opts.local ? parseUnits(amount, decimals) : 0n);
  c.USDT = await deploy(ctx, 'FaucetToken', faucetTokenAbi, ['Tether USD (Hashmint)', 'USDT', 6, faucet('10000', 6), 3600n, devRole]);
  for (const coin of COINS) {
    const amount = coin.key === 'BTC' ? '0.01' : '10';
    c[coin.key] = await deploy(ctx, 'FaucetToken', faucetTokenAbi, [coin.name, coin.symbol, coin.decimals, faucet(amount, coin.decimals), 3600n, devRole]);
    const feed = opts.feeds?.[coin.key];
    if (feed) c[`${coin.key}_USD`] = feed;
    else if (opts.local) c[`${coin.key}_USD`] = await deploy(ctx, 'PriceFeed', priceFeedAbi, [`${coin.symbol} / USD`, parseUnits(coin.usd, 8), devRole]);
    else throw new Error(`Set FEED_${coin.key}: the address of the chain's Chainlink ${coin.key} / USD feed.`);
  }
  // Day 0 starts at the last UTC midnight, so every term runs over whole calendar days.
  c.Rewards = await deploy(ctx, 'Rewards', rewardsAbi, [(now / DAY) * DAY, owner]);
  c.HashNFT = await deploy(ctx, 'HashNFT', hashNftAbi, [c.Rewards, owner]);
  c.ProductSale = await deploy(ctx, 'ProductSale', productSaleAbi, [c.USDT, c.HashNFT, c.Rewards, treasury, owner]);
  c.Marketplace = await deploy(ctx, 'Marketplace', marketplaceAbi, [c.USDT, c.HashNFT, treasury, MARKET_FEE_BPS, owner]);
  c.TermDeposits = await deploy(ctx, 'TermDeposits', termDepositsAbi, [c.Rewards, owner]);
  c.MiningPools = await deploy(ctx, 'MiningPools', miningPoolsAbi, [c.ProductSale]);
  c.LiquidityVault = await deploy(ctx, 'LiquidityVault', liquidityVaultAbi, [c.USDT, owner]);
  // LoanPool's appraisal engine is an external library (EIP-170 size limit); auctions and the lens beside it.
  c.LoanValuation = await deploy(ctx, 'LoanValuation', [], []);
  c.LoanPool = await deploy(ctx, 'LoanPool', loanPoolAbi, [c.USDT, c.LiquidityVault, c.HashNFT, c.Rewards, c.OracleAdapter, treasury, owner], { LoanValuation: c.LoanValuation });
  c.LoanAuctions = await deploy(ctx, 'LoanAuctions', loanAuctionsAbi, [c.LoanPool, owner]);
  c.LoanLens = await deploy(ctx, 'LoanLens', loanLensAbi, [c.LoanPool, c.LoanAuctions]);

  // viem batches reads through Multicall3; use the canonical one where the chain has it.
  const canonical = '0xcA11bde05977b3631167028862bE2a173976CA11';
  const hasCanonical = ((await ctx.publicClient.getCode({ address: canonical })) ?? '0x') !== '0x';
  c.Multicall3 = hasCanonical ? canonical : await deploy(ctx, 'Multicall3', [], []);
  // Read-only views over the Marketplace's offer books (kept apart for the contract size limit).
  c.MarketLens = await deploy(ctx, 'MarketLens', marketLensAbi, [c.Marketplace]);
  // A wallet's NFTs with their positions and rewards in one call (the Portfolio's first read).
  c.PortfolioLens = await deploy(ctx, 'PortfolioLens', portfolioLensAbi, [c.HashNFT, c.Rewards]);

  const rewards = { address: c.Rewards, abi: rewardsAbi } as const;
  await send(ctx, { ...rewards, functionName: 'setNft', args: [c.HashNFT] });
  await send(ctx, { ...rewards, functionName: 'setRegistrar', args: [c.ProductSale, true] });
  await send(ctx, { ...rewards, functionName: 'setOperator', args: [operator, true] });
  for (const coin of COINS) {
    await send(ctx, { ...rewards, functionName: 'addCoin', args: [c[coin.key], c[`${coin.key}_USD`], coin.symbol, coin.unit] });
  }
  await send(ctx, { address: c.HashNFT, abi: hashNftAbi, functionName: 'setMinter', args: [c.ProductSale, true] });
  // Marketplace: NFTs held by the loan pool (pledged) or the mining pools (pooled) take no offers.
  for (const custodian of [c.LoanPool, c.MiningPools]) {
    await send(ctx, { address: c.Marketplace, abi: marketplaceAbi, functionName: 'setCustodian', args: [custodian, true] });
  }

  // Oracle: every coin's feed behind the staleness and jump guards; the guardian's brake on every new-risk entry.
  for (const [i, coin] of COINS.entries()) {
    const maxAge = opts.local ? FEED_MAX_AGE.local : FEED_MAX_AGE.chain;
    await send(ctx, { address: c.OracleAdapter, abi: oracleAdapterAbi, functionName: 'setFeed', args: [i, c[`${coin.key}_USD`], maxAge, FEED_MAX_JUMP_BPS] });
  }
  for (const [name, abi] of [['LoanPool', loanPoolAbi], ['Marketplace', marketplaceAbi], ['ProductSale', productSaleAbi]] as const) {
    await send(ctx, { address: c[name], abi: abi as typeof loanPoolAbi, functionName: 'setPauseGuard', args: [c.PauseGuard] });
  }

  // Loans: the vault lends only to the loan pool; per-coin risk parameters (see LOAN_PARAMS).
  await send(ctx, { address: c.LiquidityVault, abi: liquidityVaultAbi, functionName: 'setLoanPool', args: [c.LoanPool] });
  // Issue 13: the auction house, its durations, and the Rewards lien that keeps pledged days the borrower's.
  await send(ctx, { address: c.LoanPool, abi: loanPoolAbi, functionName: 'setAuctions', args: [c.LoanAuctions] });
  await send(ctx, { address: c.LoanAuctions, abi: loanAuctionsAbi, functionName: 'setParams', args: [opts.local ? AUCTION_PARAMS.local : AUCTION_PARAMS.chain] });
  await send(ctx, { ...rewards, functionName: 'setLienSetter', args: [c.LoanPool, true] });
  for (const [coin, p] of LOAN_PARAMS.entries()) {
    await send(ctx, { address: c.LoanPool, abi: loanPoolAbi, functionName: 'setCoinParams', args: [coin, p] });
  }

  // Fixed-term deposits: 30, 90 and 180 days per asset at a fixed APR each.
  for (const t of TERMS) {
    const decimals = t.asset === 'USDT' ? 6 : COINS.find((x) => x.key === t.asset)!.decimals;
    for (const [i, days] of [30, 90, 180].entries()) {
      await send(ctx, {
        address: c.TermDeposits,
        abi: termDepositsAbi,
        functionName: 'addTerm',
        args: [c[t.asset], days, t.aprBps[i], parseUnits(t.capacity, decimals)],
      });
    }
  }

  if (opts.local && operator === owner) {
    for (const coin of COINS) {
      const token = { address: c[coin.key], abi: faucetTokenAbi } as const;
      await send(ctx, { ...token, functionName: 'mint', args: [operator, parseUnits('1000000', coin.decimals)] });
      await send(ctx, { ...token, functionName: 'approve', args: [c.Rewards, maxUint256] });
    }
    // The self-repay conversion reserve: USDT that buys borrowers' rewards at the oracle price.
    await send(ctx, { address: c.USDT, abi: faucetTokenAbi, functionName: 'mint', args: [owner, parseUnits('10000', 6)] });
    await send(ctx, { address: c.USDT, abi: faucetTokenAbi, functionName: 'approve', args: [c.LoanPool, parseUnits('10000', 6)] });
    await send(ctx, { address: c.LoanPool, abi: loanPoolAbi, functionName: 'fundReserve', args: [parseUnits('10000', 6)] });
    // Pre-fund the term-deposit interest reserves (the contract never promises interest it cannot pay).
    for (const t of TERMS) {
      const decimals = t.asset === 'USDT' ? 6 : COINS.find((x) => x.key === t.asset)!.decimals;
      const amount = parseUnits(t.reserve, decimals);
      const token = { address: c[t.asset], abi: faucetTokenAbi } as const;
      await send(ctx, { ...token, functionName: 'mint', args: [owner, amount] });
      await send(ctx, { ...token, functionName: 'approve', args: [c.TermDeposits, amount] });
      await send(ctx, { address: c.TermDeposits, abi: termDepositsAbi, functionName: 'fundReserve', args: [c[t.asset], amount] });
    }
  }

  const deployment: Deployment = {
    chainId: ctx.chainId,
    name: opts.name ?? (opts.local ? 'Hashmint Local' : `Chain ${ctx.chainId}`),
    rpcUrl: opts.rpcUrl,
    local: opts.local,
    startBlock: Number(startBlock),
    // every admin power is the timelock's once `handOver` has run (the deploy script and the seed run it)
    owner: c.Timelock,
    operator,
    treasury,
    guardian,
    timelockDelay: gov.timelockDelay,
    contracts: c,
  };
  if (opts.write ?? true) {
    mkdirSync(join(ROOT, 'deployments'), { recursive: true });
    writeFileSync(join(ROOT, 'deployments', `${ctx.chainId}.json`), JSON.stringify(deployment, null, 2) + '\n');
    writeDeployments();
  }
  return deployment;
}

/**
 * Gives every admin power to the timelock and leaves the deployer none, then checks it:
 * 1. every owned contract's transferOwnership(timelock) (Ownable2Step: pending);
 * 2. the timelock (still delay 0, deployer as proposer/executor/admin) accepts them all in one batch whose
 *    last call sets its real delay;
 * 3. the Governor becomes proposer and canceller, execution is open to anyone (ready operations only), and
 *    the deployer revokes its roles and renounces the admin role.
 * Local chains run this at the end of the seed (the seed adds products as owner first).
 */
export async function handOver(ctx: Ctx, d: Deployment): Promise<string[]> {
  const c = d.contracts;
  const deployer = ctx.walletClient.account.address;
  const tl = { address: c.Timelock, abi: timelockControllerAbi } as const;
  const ownable = { abi: pauseGuardAbi } as const; // transferOwnership/acceptOwnership/owner/pendingOwner: Ownable2Step's
  for (const name of TIMELOCK_OWNED) {
    await send(ctx, { ...ownable, address: c[name], functionName: 'transferOwnership', args: [c.Timelock] });
  }
  const accept = encodeFunctionData({ abi: pauseGuardAbi, functionName: 'acceptOwnership' });
  const targets = [...TIMELOCK_OWNED.map((n) => c[n]), c.Timelock];
  const payloads = [...TIMELOCK_OWNED.map(() => accept), encodeFunctionData({ abi: timelockControllerAbi, functionName: 'updateDelay', args: [BigInt(d.timelockDelay)] })];
  const values = targets.map(() => 0n);
  const salt = keccak256(toHex('hashmint: hand over to the timelock'));
  await send(ctx, { ...tl, functionName: 'scheduleBatch', args: [targets, values, payloads, zeroHash, salt, 0n] });
  await send(ctx, { ...tl, functionName: 'executeBatch', args: [targets, values, payloads, zeroHash, salt] });
  const role = async (name: 'PROPOSER_ROLE' | 'CANCELLER_ROLE' | 'EXECUTOR_ROLE' | 'DEFAULT_ADMIN_ROLE') =>
    ctx.publicClient.readContract({ ...tl, functionName: name });
  const [proposer, canceller, executor, admin] = await Promise.all([role('PROPOSER_ROLE'), role('CANCELLER_ROLE'), role('EXECUTOR_ROLE'), role('DEFAULT_ADMIN_ROLE')]);
  await send(ctx, { ...tl, functionName: 'grantRole', args: [proposer, c.Governor] });
  await send(ctx, { ...tl, functionName: 'grantRole', args: [canceller, c.Governor] });
  await send(ctx, { ...tl, functionName: 'grantRole', args: [executor, zeroAddress] });
  for (const r of [proposer, canceller, executor]) await send(ctx, { ...tl, functionName: 'revokeRole', args: [r, deployer] });
  await send(ctx, { ...tl, functionName: 'renounceRole', args: [admin, deployer] });
  return checkHandOver(ctx, d, deployer);
}

/** Reads back who holds what; throws unless every owner() is the timelock and `deployer` holds no role. */
export async function checkHandOver(ctx: Ctx, d: Deployment, deployer: Address): Promise<string[]> {
  const c = d.contracts;
  const read = <T>(address: Address, abi: readonly unknown[], functionName: string, args: readonly unknown[] = []) =>
    ctx.publicClient.readContract({ address, abi: abi as never, functionName: functionName as never, args: args as never }) as Promise<T>;
  const problems: string[] = [];
  const lines: string[] = [];
  for (const name of TIMELOCK_OWNED) {
    const [owner, pending] = await Promise.all([read<Address>(c[name], pauseGuardAbi, 'owner'), read<Address>(c[name], pauseGuardAbi, 'pendingOwner')]);
    if (!isAddressEqual(owner, c.Timelock)) problems.push(`${name}.owner() is ${owner}, not the timelock`);
    if (!isAddressEqual(pending, zeroAddress)) problems.push(`${name}.pendingOwner() is ${pending}`);
    lines.push(`${name}.owner() = Timelock`);
  }
  const tl = (fn: string, args: readonly unknown[] = []) => read<unknown>(c.Timelock, timelockControllerAbi, fn, args);
  for (const r of ['DEFAULT_ADMIN_ROLE', 'PROPOSER_ROLE', 'CANCELLER_ROLE', 'EXECUTOR_ROLE']) {
    const id = (await tl(r)) as Hex;
    if (await tl('hasRole', [id, deployer])) problems.push(`the deployer still holds the timelock's ${r}`);
  }
  if (!(await tl('hasRole', [(await tl('PROPOSER_ROLE')) as Hex, c.Governor]))) problems.push('the Governor is not the timelock proposer');
  const delay = (await tl('getMinDelay')) as bigint;
  if (delay !== BigInt(d.timelockDelay)) problems.push(`the timelock delay is ${delay} s, not ${d.timelockDelay} s`);
  const guardian = await read<Address>(c.PauseGuard, pauseGuardAbi, 'guardian');
  if (isAddressEqual(guardian, deployer)) problems.push('the deployer is the guardian');
  if (problems.length) throw new Error(`Hand-over to the timelock failed: ${problems.join('; ')}.`);
  lines.push(`Timelock ${c.Timelock}: delay ${delay} s, proposer and canceller = Governor ${c.Governor}, executor = anyone`);
  lines.push(`Guardian (pause only) = ${guardian}; the deployer ${deployer} holds no owner, admin or timelock role.`);
  return lines;
}

// Deploys the Hashmint protocol with viem from forge's build output and writes deployments/<chainId>.json.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { getAddress, maxUint256, parseUnits, type Address, type Hex } from 'viem';
import {
  faucetTokenAbi,
  hashNftAbi,
  liquidityVaultAbi,
  loanPoolAbi,
  marketplaceAbi,
  miningPoolsAbi,
  priceFeedAbi,
  productSaleAbi,
  rewardsAbi,
  termDepositsAbi,
} from '../../src/abi/abis.ts';
import { send, type Ctx } from './chain.ts';
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

/** What `deployments/<chainId>.json` holds: the app's Deployment (one definition), contracts keyed by name. */
export type Deployment = Omit<AppDeployment, 'contracts'> & { contracts: Record<string, Address> };

function bytecode(name: string): Hex {
  const json = JSON.parse(readFileSync(join(ROOT, 'out', `${name}.sol`, `${name}.json`), 'utf8'));
  return json.bytecode.object;
}

async function deploy(ctx: Ctx, name: string, abi: readonly unknown[], args: readonly unknown[]): Promise<Address> {
  const hash = await ctx.walletClient.deployContract({ abi: abi as never, bytecode: bytecode(name), args: args as never });
  const receipt = await ctx.publicClient.waitForTransactionReceipt({ hash });
  if (!receipt.contractAddress) throw new Error(`deploying ${name} failed (${hash})`);
  return getAddress(receipt.contractAddress);
}

export interface DeployOptions {
  /** Dev chains only: faucets on, and the operator holds and approves a reserve of every reward coin. */
  local: boolean;
  operator?: Address;
  treasury?: Address;
  name?: string;
  /** The RPC URL the app should use for this chain. */
  rpcUrl: string;
  /** Write deployments/<chainId>.json and regenerate src/abi/deployments.ts (default true). */
  write?: boolean;
}

export async function deployProtocol(ctx: Ctx, opts: DeployOptions): Promise<Deployment> {
  const owner = ctx.walletClient.account.address;
  const operator = opts.operator ?? owner;
  const treasury = opts.treasury ?? owner;
  const startBlock = await ctx.publicClient.getBlockNumber();
  const now = (await ctx.publicClient.getBlock()).timestamp;
  const c: Record<string, Address> = {};

  const faucet = (amount: string, decimals: number) => (opts.local ? parseUnits(amount, decimals) : 0n);
  c.USDT = await deploy(ctx, 'FaucetToken', faucetTokenAbi, ['Tether USD (Hashmint)', 'USDT', 6, faucet('10000', 6), 3600n, owner]);
  for (const coin of COINS) {
    const amount = coin.key === 'BTC' ? '0.01' : '10';
    c[coin.key] = await deploy(ctx, 'FaucetToken', faucetTokenAbi, [coin.name, coin.symbol, coin.decimals, faucet(amount, coin.decimals), 3600n, owner]);
    c[`${coin.key}_USD`] = await deploy(ctx, 'PriceFeed', priceFeedAbi, [`${coin.symbol} / USD`, parseUnits(coin.usd, 8), owner]);
  }
  // Day 0 starts at the last UTC midnight, so every term runs over whole calendar days.
  c.Rewards = await deploy(ctx, 'Rewards', rewardsAbi, [(now / DAY) * DAY, owner]);
  c.HashNFT = await deploy(ctx, 'HashNFT', hashNftAbi, [c.Rewards, owner]);
  c.ProductSale = await deploy(ctx, 'ProductSale', productSaleAbi, [c.USDT, c.HashNFT, c.Rewards, treasury, owner]);
  c.Marketplace = await deploy(ctx, 'Marketplace', marketplaceAbi, [c.USDT, c.HashNFT, treasury, MARKET_FEE_BPS, owner]);
  c.TermDeposits = await deploy(ctx, 'TermDeposits', termDepositsAbi, [c.Rewards, owner]);
  c.MiningPools = await deploy(ctx, 'MiningPools', miningPoolsAbi, [c.ProductSale]);
  c.LiquidityVault = await deploy(ctx, 'LiquidityVault', liquidityVaultAbi, [c.USDT, owner]);
  c.LoanPool = await deploy(ctx, 'LoanPool', loanPoolAbi, [c.USDT, c.LiquidityVault, c.HashNFT, c.Rewards, treasury, owner]);

  // viem batches reads through Multicall3; use the canonical one where the chain has it.
  const canonical = '0xcA11bde05977b3631167028862bE2a173976CA11';
  const hasCanonical = ((await ctx.publicClient.getCode({ address: canonical })) ?? '0x') !== '0x';
  c.Multicall3 = hasCanonical ? canonical : await deploy(ctx, 'Multicall3', [], []);

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

  // Loans: the vault lends only to the loan pool; per-coin risk parameters (see LOAN_PARAMS).
  await send(ctx, { address: c.LiquidityVault, abi: liquidityVaultAbi, functionName: 'setLoanPool', args: [c.LoanPool] });
  for (const [coin, p] of LOAN_PARAMS.entries()) {
    await send(ctx, { address: c.LoanPool, abi: loanPoolAbi, functionName: 'setCoinParams', args: [coin, p] });
  }
  if (!opts.local) {
    // On real chains a borrow needs a price no older than two hours; local chains move time by hand.
    await send(ctx, { address: c.LoanPool, abi: loanPoolAbi, functionName: 'setMaxPriceAge', args: [7200n] });
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
    owner,
    operator,
    treasury,
    contracts: c,
  };
  if (opts.write ?? true) {
    mkdirSync(join(ROOT, 'deployments'), { recursive: true });
    writeFileSync(join(ROOT, 'deployments', `${ctx.chainId}.json`), JSON.stringify(deployment, null, 2) + '\n');
    writeDeployments();
  }
  return deployment;
}

// Deploys the Hashmint protocol with viem from forge's build output and writes deployments/<chainId>.json.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { getAddress, maxUint256, parseUnits, type Address, type Hex } from 'viem';
import { faucetTokenAbi, hashNftAbi, marketplaceAbi, priceFeedAbi, productSaleAbi, rewardsAbi } from '../../src/abi/abis.ts';
import { send, type Ctx } from './chain.ts';
import { writeDeployments } from '../gen-abi.ts';

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

export interface Deployment {
  chainId: number;
  name: string;
  rpcUrl: string;
  local: boolean;
  startBlock: number;
  owner: Address;
  operator: Address;
  treasury: Address;
  contracts: Record<string, Address>;
}

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

  if (opts.local && operator === owner) {
    for (const coin of COINS) {
      const token = { address: c[coin.key], abi: faucetTokenAbi } as const;
      await send(ctx, { ...token, functionName: 'mint', args: [operator, parseUnits('1000000', coin.decimals)] });
      await send(ctx, { ...token, functionName: 'approve', args: [c.Rewards, maxUint256] });
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

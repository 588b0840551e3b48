// Seeds what the bench measures on top of the normal demo seed: a cheap bench product, then thousands of
// NFTs bought and listed (or sent to a wallet) by bench/contracts/BenchSeeder.sol, many per transaction.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseAbi, parseUnits, type Address, type Hex } from 'viem';
import { faucetTokenAbi, productSaleAbi } from '../../src/abi/abis.ts';
import { send, sendImpersonated, type Ctx } from '../../scripts/lib/chain.ts';
import type { Deployment } from '../../scripts/lib/protocol.ts';

const require = createRequire(import.meta.url);
const HERE = new URL('../', import.meta.url).pathname;

interface SolcOutput {
  errors?: { severity: string; formattedMessage: string }[];
  contracts: Record<string, Record<string, { evm: { bytecode: { object: string } } }>>;
}

export const seederAbi = parseAbi([
  'function run(address usdt, address sale, address nft, address market, uint256 productId, uint256 count, uint256 price, address sendTo)',
  'function offer(address usdt, address market, uint256 count, uint256 productId, uint256 unitPrice, uint256 price, uint256 firstToken, uint256 tokens)',
]);

/** Compiles BenchSeeder.sol with the solc npm package (no forge project changes). */
export function compileSeeder(): Hex {
  const solc = require('solc') as { compile(input: string): string };
  const source = readFileSync(join(HERE, 'contracts', 'BenchSeeder.sol'), 'utf8');
  const out = JSON.parse(
    solc.compile(
      JSON.stringify({
        language: 'Solidity',
        sources: { 'BenchSeeder.sol': { content: source } },
        settings: { optimizer: { enabled: true, runs: 200 }, evmVersion: 'cancun', outputSelection: { '*': { '*': ['evm.bytecode.object'] } } },
      }),
    ),
  ) as SolcOutput;
  const errors = (out.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length) throw new Error(errors.map((e) => e.formattedMessage).join('\n'));
  return `0x${out.contracts['BenchSeeder.sol'].BenchSeeder.evm.bytecode.object}`;
}

export interface BenchSeeder {
  /** Buys and lists `count` more NFTs (one listing each). */
  list(count: number): Promise<void>;
  /** Buys `count` NFTs and sends them to `to`. */
  give(count: number, to: Address): Promise<void>;
  /** Makes `count` escrowed offers, half product offers on the bench product, half token offers on the demo NFTs. */
  offer(count: number): Promise<void>;
}

/** NFTs bought and listed per transaction (≈ 420,000 gas each: a block of 2,000 is ≈ 850M gas). */
const PER_TX = 2000;

export async function setUpSeeder(ctx: Ctx, d: Deployment): Promise<BenchSeeder> {
  const c = d.contracts;
  // One transaction carries a whole batch: raise the block gas limit of this bench-only chain.
  await ctx.publicClient.request({ method: 'evm_setBlockGasLimit', params: ['0xB2D05E00'] } as never);
  const hash = await ctx.walletClient.deployContract({ abi: seederAbi, bytecode: compileSeeder() });
  const receipt = await ctx.publicClient.waitForTransactionReceipt({ hash });
  const seeder = receipt.contractAddress!;
  const now = (await ctx.publicClient.getBlock()).timestamp;
  const productId = await ctx.publicClient.readContract({ address: c.ProductSale, abi: productSaleAbi, functionName: 'productCount' });
  // Products are added by governance (the timelock); on this bench chain, by impersonating it.
  await sendImpersonated(ctx, c.Timelock, {
    address: c.ProductSale,
    abi: productSaleAbi,
    functionName: 'addProduct',
    args: [
      {
        name: 'Bench S9 · 30 days',
        coin: 0,
        hashratePerUnit: 1n,
        efficiencyWx10: 300,
        termDays: 30,
        pricePerUnit: parseUnits('1', 6),
        supplyCap: 1_000_000n, // room for the indexer bench's 100,000 listings and more
        sold: 0n,
        perWalletCap: 0n,
        saleStart: now - 86400n,
        saleEnd: now + 400n * 86400n,
      },
    ],
  });
  await send(ctx, { address: c.USDT, abi: faucetTokenAbi, functionName: 'mint', args: [seeder, parseUnits('50000', 6)] });
  let priceBase = 100;
  const batch = async (count: number, to: Address) => {
    for (let done = 0; done < count; done += PER_TX) {
      const n = Math.min(PER_TX, count - done);
      // Past the first 50,000 NFTs (1 USDT each), the seeder gets the USDT for each batch.
      if (done + n > 50_000) await send(ctx, { address: c.USDT, abi: faucetTokenAbi, functionName: 'mint', args: [seeder, parseUnits(String(n), 6)] });
      const tx = await ctx.walletClient.writeContract({
        address: seeder,
        abi: seederAbi,
        functionName: 'run',
        args: [c.USDT, c.ProductSale, c.HashNFT, c.Marketplace, productId, BigInt(n), parseUnits(String(priceBase), 6), to],
        gas: BigInt(n) * 600_000n + 1_000_000n,
      });
      priceBase += 1;
      const r = await ctx.publicClient.waitForTransactionReceipt({ hash: tx, timeout: 600_000 });
      if (r.status !== 'success') throw new Error(`bench seeding reverted (${tx})`);
    }
  };
  const offer = async (count: number) => {
    // Escrow: product offers ~0.0001 USDT x units x 30 days, token offers ~0.1 USDT each.
    await send(ctx, { address: c.USDT, abi: faucetTokenAbi, functionName: 'mint', args: [seeder, parseUnits('10000', 6)] });
    for (let done = 0; done < count; done += PER_TX) {
      const n = Math.min(PER_TX, count - done);
      // The demo seed's NFTs #1 to #5 are held by its users (#6 is pledged: no offers), so the seeder may offer on them.
      const tx = await ctx.walletClient.writeContract({
        address: seeder,
        abi: seederAbi,
        functionName: 'offer',
        args: [c.USDT, c.Marketplace, BigInt(n), productId, 100n, parseUnits('0.1', 6), 1n, 5n],
        gas: BigInt(n) * 400_000n + 1_000_000n,
      });
      const r = await ctx.publicClient.waitForTransactionReceipt({ hash: tx, timeout: 600_000 });
      if (r.status !== 'success') throw new Error(`bench offer seeding reverted (${tx})`);
    }
  };
  return {
    list: (count) => batch(count, '0x0000000000000000000000000000000000000000'),
    give: (count, to) => batch(count, to),
    offer,
  };
}

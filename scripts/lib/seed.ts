// Seeds a freshly deployed local chain with demo data: products in every sale state, purchases by the
// dev accounts, and a week of posted mining output, so a newcomer sees a live app at once.
import { createTestClient, http, parseUnits } from 'viem';
import { faucetTokenAbi, hashNftAbi, marketplaceAbi, productSaleAbi } from '../../src/abi/abis.ts';
import { postPendingOutput } from '../../src/lib/devChain.ts';
import { devAccount, send, type Ctx } from './chain.ts';
import type { Deployment } from './protocol.ts';

const DAY = 86400n;
const usd = (n: string) => parseUnits(n, 6);

/** Days the seed moves the chain forward after the first purchases (days of rewards it posts). */
export const SEED_DAYS = 8;

export async function seed(ctx: Ctx, d: Deployment) {
  const c = d.contracts;
  const now = (await ctx.publicClient.getBlock()).timestamp;
  const end = now + BigInt(SEED_DAYS) * DAY; // chain time when seeding is done
  const sale = { address: c.ProductSale, abi: productSaleAbi } as const;
  const users = [1, 2, 3, 4].map(devAccount);

  for (const u of users) {
    await send(ctx, { address: c.USDT, abi: faucetTokenAbi, functionName: 'mint', args: [u.address, usd('10000')] });
  }

  const product = (
    name: string, coin: number, hashratePerUnit: bigint, efficiencyWx10: number, termDays: number,
    price: string, supplyCap: bigint, perWalletCap: bigint, saleStart: bigint, saleEnd: bigint,
  ) => ({
    name, coin, hashratePerUnit, efficiencyWx10, termDays, pricePerUnit: usd(price),
    supplyCap, sold: 0n, perWalletCap, saleStart, saleEnd,
  });
  const products = [
    product('Antminer S21 · 180 days', 0, 10n, 175, 180, '60', 5000n, 200n, now - DAY, end + 60n * DAY),
    product('Ethash Classic · 90 days', 1, 100n, 6, 90, '11', 10000n, 500n, now - DAY, end + 45n * DAY),
    product('Filecoin Storage · 540 days', 2, 10n, 100, 540, '50', 2000n, 100n, now - DAY, end + 90n * DAY),
    product('Antminer S21 XP · 360 days', 0, 20n, 135, 360, '210', 1000n, 50n, end + 3n * DAY, end + 33n * DAY),
    product('Antminer S19 XP · 30 days', 0, 10n, 215, 30, '9', 3000n, 0n, now - 10n * DAY, now + 5n * DAY),
    product('S21 Hydro · 60 days · limited', 0, 50n, 160, 60, '280', 5n, 5n, now - DAY, end + 30n * DAY),
  ];
  for (const p of products) await send(ctx, { ...sale, functionName: 'addProduct', args: [p] });

  const buys: [account: number, productId: bigint, units: bigint][] = [
    [1, 0n, 3n], [1, 1n, 5n], [1, 2n, 2n],
    [2, 0n, 10n], [2, 4n, 2n], [2, 5n, 3n],
    [3, 5n, 2n], [3, 2n, 1n],
  ];
  for (const [i, productId, units] of buys) {
    const buyer = users[i - 1];
    const cost = products[Number(productId)].pricePerUnit * units;
    await send(ctx, { address: c.USDT, abi: faucetTokenAbi, functionName: 'approve', args: [c.ProductSale, cost] }, buyer);
    await send(ctx, { ...sale, functionName: 'buy', args: [productId, units] }, buyer);
  }

  // Marketplace: sellers approve exactly the token they list. Token ids follow the purchases above:
  // #4 bob 100 TH/s BTC, #5 bob 20 TH/s BTC (30-day), #6 bob 150 TH/s Hydro, #7 carol 100 TH/s Hydro, #8 carol 10 TiB FIL.
  const market = { address: c.Marketplace, abi: marketplaceAbi } as const;
  const listings: [account: number, tokenId: bigint, price: string, days: number][] = [
    [2, 4n, '585', 30],
    [2, 6n, '760', 90],
    [3, 8n, '46', 30],
    [3, 7n, '520', 1], // expires during the seed's week: shown to its seller as expired
    [2, 5n, '12', 30], // bought below by account 4: a recent sale
  ];
  for (const [i, tokenId, price, days] of listings) {
    const seller = users[i - 1];
    await send(ctx, { address: c.HashNFT, abi: hashNftAbi, functionName: 'approve', args: [c.Marketplace, tokenId] }, seller);
    await send(ctx, { ...market, functionName: 'list', args: [tokenId, usd(price), BigInt(days) * DAY] }, seller);
  }
  const buyer = users[3];
  await send(ctx, { address: c.USDT, abi: faucetTokenAbi, functionName: 'approve', args: [c.Marketplace, usd('12')] }, buyer);
  await send(ctx, { ...market, functionName: 'buy', args: [5n, usd('12')] }, buyer);

  const test = createTestClient({ chain: ctx.chain, mode: 'anvil', transport: http(ctx.rpcUrl) });
  await test.increaseTime({ seconds: SEED_DAYS * 86400 });
  await test.mine({ blocks: 1 });
  await postPendingOutput({
    publicClient: ctx.publicClient,
    chain: ctx.chain,
    rpcUrl: ctx.rpcUrl,
    rewards: c.Rewards,
    operator: d.operator,
  });
  return { products: products.length, purchases: buys.length, listings: listings.length };
}

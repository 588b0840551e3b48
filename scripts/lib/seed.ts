// Seeds a freshly deployed local chain with demo data: products in every sale state, purchases by the
// dev accounts, and a week of posted mining output, so a newcomer sees a live app at once.
import { createTestClient, encodeAbiParameters, http, parseUnits } from 'viem';
import {
  faucetTokenAbi,
  hashNftAbi,
  hashTokenAbi,
  liquidityVaultAbi,
  loanLensAbi,
  loanPoolAbi,
  marketplaceAbi,
  miningPoolsAbi,
  productSaleAbi,
  rewardsAbi,
  termDepositsAbi,
} from '../../src/abi/abis.ts';
import { postPendingOutput } from '../../src/lib/devChain.ts';
import { devAccount, send, type Ctx } from './chain.ts';
import { handOver, type Deployment } from './protocol.ts';

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

  // Term deposits (term ids: per asset USDT, BTC, ETC, FIL x 30/90/180 days -> USDT 30d = 0, 90d = 1).
  const deposits = { address: c.TermDeposits, abi: termDepositsAbi } as const;
  for (const [i, termId, amount] of [[1, 0n, '1000'], [2, 1n, '5000']] as const) {
    const who = users[i - 1];
    await send(ctx, { address: c.USDT, abi: faucetTokenAbi, functionName: 'approve', args: [c.TermDeposits, usd(amount)] }, who);
    await send(ctx, { ...deposits, functionName: 'deposit', args: [termId, usd(amount)] }, who);
  }

  // Joint mining pools: 0 open (ETC, 700 of 1,100 raised), 1 funded and finalized (FIL), 2 failing (BTC).
  const pools = { address: c.MiningPools, abi: miningPoolsAbi } as const;
  const contribute = async (i: number, poolId: bigint, amount: string) => {
    const who = users[i - 1];
    await send(ctx, { address: c.USDT, abi: faucetTokenAbi, functionName: 'approve', args: [c.MiningPools, usd(amount)] }, who);
    await send(ctx, { ...pools, functionName: 'contribute', args: [poolId, usd(amount)] }, who);
  };
  await send(ctx, { ...pools, functionName: 'createPool', args: [1n, 100n, 150n, usd('10'), usd('500'), end + 14n * DAY] }, users[3]);
  await contribute(4, 0n, '400');
  await contribute(3, 0n, '300');
  await send(ctx, { ...pools, functionName: 'createPool', args: [2n, 20n, 30n, usd('25'), usd('600'), now + 5n * DAY] }, users[1]);
  await contribute(2, 1n, '500');
  await contribute(3, 1n, '300');
  await contribute(4, 1n, '250');
  await send(ctx, { ...pools, functionName: 'finalize', args: [1n] }, users[1]);
  await send(ctx, { ...pools, functionName: 'createPool', args: [0n, 50n, 50n, usd('60'), usd('1200'), now + 2n * DAY] }, users[3]);
  await contribute(4, 2n, '600');

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
  // Claim and deposit in one transaction: carol's FIL rewards from NFT #8 into the FIL 90-day term.
  const filTerm = 10n; // FIL is the fourth asset: terms 9, 10, 11 = 30, 90, 180 days
  await send(
    ctx,
    { address: c.Rewards, abi: rewardsAbi, functionName: 'claimInto', args: [[8n], 2, c.TermDeposits, encodeAbiParameters([{ type: 'uint256' }], [filTerm])] },
    users[2],
  );
  // Lenders fund the vault; bob borrows 120 USDT for up to 30 days against NFT #6 (which he had listed: the
  // listing now shows him that he no longer holds the NFT). Appraisals need posted output, so this comes last.
  for (const [i, amount] of [[4, '5000'], [2, '3000']] as const) {
    const who = users[i - 1];
    await send(ctx, { address: c.USDT, abi: faucetTokenAbi, functionName: 'approve', args: [c.LiquidityVault, usd(amount)] }, who);
    await send(ctx, { address: c.LiquidityVault, abi: liquidityVaultAbi, functionName: 'deposit', args: [usd(amount), who.address] }, who);
  }
  await send(ctx, { address: c.HashNFT, abi: hashNftAbi, functionName: 'approve', args: [c.LoanPool, 6n] }, users[1]);
  // Issue 13's projection rule: at most 30 days, and no longer than the health at the due date allows.
  const safe = await ctx.publicClient.readContract({ address: c.LoanLens, abi: loanLensAbi, functionName: 'longestSafeDuration', args: [[6n], usd('120')] });
  const duration = safe < 30n * DAY ? safe : 30n * DAY;
  await send(ctx, { address: c.LoanPool, abi: loanPoolAbi, functionName: 'borrow', args: [[6n], usd('120'), duration] }, users[1]);

  // DAO: carol and dave vote with their own HASH (delegated to themselves); alice and bob hold theirs
  // undelegated, so the Governance page starts with a delegation to make.
  for (const who of [users[2], users[3]]) {
    await send(ctx, { address: c.HASH, abi: hashTokenAbi, functionName: 'delegate', args: [who.address] }, who);
  }
  // Setup done: every admin power goes to the timelock (the deployer keeps none), checked on chain.
  const handedOver = await handOver(ctx, d);
  return { products: products.length, purchases: buys.length, listings: listings.length, pools: 3, deposits: 3, loans: 1, handedOver };
}

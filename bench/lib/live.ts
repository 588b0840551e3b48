// How an open page follows the chain: JSON-RPC requests an idle Marketplace page makes per minute (the
// head poll and nothing else, when no block comes), and the time from a sale made by another client (a
// viem wallet client standing in for `cast`) to the page no longer offering the sold listing.
import type { Browser, Page } from 'playwright-core';
import { parseUnits } from 'viem';
import { faucetTokenAbi, hashNftAbi, marketplaceAbi, productSaleAbi } from '../../src/abi/abis.ts';
import { clients, devAccount, send, type Ctx } from '../../scripts/lib/chain.ts';
import type { Deployment } from '../../scripts/lib/protocol.ts';
import type { CountingProxy, RpcCount } from './proxy.ts';

const LISTING = '[data-testid^="listing-"][aria-labelledby]';

/** Opens the Marketplace with no wallet and waits until the whole market is in (the listing count shows). */
async function openMarket(browser: Browser, url: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(url);
  await page.getByText(/Showing 1–\d+ of [\d,]+/).waitFor({ timeout: 120_000 });
  return page;
}

export interface IdleRpc extends RpcCount {
  seconds: number;
  /** HTTP requests per minute */
  perMinute: number;
}

/** Requests an open, idle Marketplace page makes over `seconds`, once its first reads have settled. */
export async function idleRpc(browser: Browser, proxy: CountingProxy, url: string, seconds: number): Promise<IdleRpc> {
  const page = await openMarket(browser, url);
  await page.waitForTimeout(5_000); // first reads and the market's catch-up settle
  proxy.reset();
  await page.waitForTimeout(seconds * 1000);
  const count = proxy.snapshot();
  await page.context().close();
  return { ...count, seconds, perMinute: (count.http * 60) / seconds };
}

/** Listings to buy: another account buys `count` units of product 1 (one NFT each) and lists them all. */
async function listFresh(owner: Ctx, rpcUrl: string, d: Deployment, count: number) {
  const seller = await clients(rpcUrl, devAccount(7));
  const who = seller.walletClient.account.address;
  const product = 1n;
  const p = (await owner.publicClient.readContract({ address: d.contracts.ProductSale, abi: productSaleAbi, functionName: 'products' }))[Number(product)];
  await send(owner, { address: d.contracts.USDT, abi: faucetTokenAbi, functionName: 'mint', args: [who, p.pricePerUnit * BigInt(count)] });
  await send(seller, { address: d.contracts.USDT, abi: faucetTokenAbi, functionName: 'approve', args: [d.contracts.ProductSale, p.pricePerUnit * BigInt(count)] });
  for (let i = 0; i < count; i++) await send(seller, { address: d.contracts.ProductSale, abi: productSaleAbi, functionName: 'buy', args: [product, 1n] });
  await send(seller, { address: d.contracts.HashNFT, abi: hashNftAbi, functionName: 'setApprovalForAll', args: [d.contracts.Marketplace, true] });
  const ids = await owner.publicClient.readContract({ address: d.contracts.HashNFT, abi: hashNftAbi, functionName: 'tokensOfOwner', args: [who] });
  for (const id of ids.slice(-count)) await send(seller, { address: d.contracts.Marketplace, abi: marketplaceAbi, functionName: 'list', args: [id, parseUnits('20', 6), 30n * 86400n] });
}

/**
 * Time from another client's sale being on chain (anvil mines on arrival, so when eth_sendRawTransaction
 * returns) to the page no longer showing the sold listing, `runs` times on one open page: each run buys
 * the newest listing on screen (listed for the bench by a third account before the page opens).
 */
export async function saleToPage(browser: Browser, rpcUrl: string, d: Deployment, owner: Ctx, url: string, runs: number): Promise<number[]> {
  const buyer = await clients(rpcUrl, devAccount(6));
  await send(owner, { address: d.contracts.USDT, abi: faucetTokenAbi, functionName: 'mint', args: [buyer.walletClient.account.address, parseUnits('100000', 6)] });
  await send(buyer, { address: d.contracts.USDT, abi: faucetTokenAbi, functionName: 'approve', args: [d.contracts.Marketplace, parseUnits('100000', 6)] });
  await listFresh(owner, rpcUrl, d, runs);
  const page = await openMarket(browser, url);
  await page.waitForTimeout(3_000);
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const testId = await page.locator(LISTING).first().getAttribute('data-testid');
    const id = BigInt(testId!.replace('listing-', ''));
    const { price } = await buyer.publicClient.readContract({ address: d.contracts.Marketplace, abi: marketplaceAbi, functionName: 'listing', args: [id] });
    const gone = page.waitForFunction((sel) => (document.querySelector(sel) ? false : Date.now()), `[data-testid="${testId}"]`, { polling: 'raf', timeout: 30_000 });
    const hash = await buyer.walletClient.writeContract({ address: d.contracts.Marketplace, abi: marketplaceAbi, functionName: 'buy', args: [id, price], gas: 500_000n });
    const sold = Date.now();
    const shown = (await (await gone).jsonValue()) as number;
    const receipt = await buyer.publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== 'success') throw new Error(`bench sale of listing ${id} reverted`);
    out.push(shown - sold);
    await page.waitForTimeout(500);
  }
  await page.context().close();
  return out;
}

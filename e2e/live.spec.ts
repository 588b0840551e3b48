// Pages follow the chain: another client (a viem wallet client, standing in for `cast`) lists, buys a
// listing and buys a product while the page is open, and the Marketplace, Portfolio and Products pages
// show each change without a reload; a buyer with the dialog open is told the listing just sold.
import type { Page } from '@playwright/test';
import { encodeFunctionData, parseUnits, type Address } from 'viem';
import { onChain } from './support/contracts.ts';
import { rpcUrl } from './support/env.ts';
import type { Deployment } from '../scripts/lib/protocol.ts';
import { actAs, chainClient, expect, nftsOf, openApp, test, usdtBalance, users } from './support/fixtures.ts';

/** The watcher polls every 2 s on the local chain; the page should show a change within 3 s. */
const LIVE = { timeout: 6_000 };
const usd = (v: string) => parseUnits(v, 6);
const DAY = 86_400n;

/** Marks the document, so a test can check the page was not reloaded (a reload drops the mark). */
async function markDocument(page: Page) {
  await page.evaluate(() => document.documentElement.setAttribute('data-live-mark', 'same document'));
}
async function expectSameDocument(page: Page) {
  await expect(page.locator('html')).toHaveAttribute('data-live-mark', 'same document');
}

/** Another client (dev account `index`) lists `tokenId` at `price` USDT: approve the one token, list. */
async function listElsewhere(d: Deployment, index: number, tokenId: bigint, price: string): Promise<bigint> {
  await actAs(index, { ...onChain(d).contract('HashNFT'), functionName: 'approve', args: [d.contracts.Marketplace, tokenId] });
  await actAs(index, { ...onChain(d).contract('Marketplace'), functionName: 'list', args: [tokenId, usd(price), 30n * DAY] });
  return chainClient.readContract({ ...onChain(d).contract('Marketplace'), functionName: 'listingOfToken', args: [tokenId] });
}

/** Another client (dev account `index`) buys `units` of product 0: approve exactly the price, buy. */
async function buyProductElsewhere(d: Deployment, index: number, units: bigint): Promise<void> {
  const sale = onChain(d).contract('ProductSale');
  const [p] = await chainClient.readContract({ ...sale, functionName: 'products' });
  await actAs(index, { ...onChain(d).contract('USDT'), functionName: 'approve', args: [sale.address, p.pricePerUnit * units] });
  await actAs(index, { ...sale, functionName: 'buy', args: [0n, units] });
}

/** A product card's supply line: "4,996 of 5,000 units left". */
const unitsLeft = (left: bigint, cap: bigint) => `${left.toLocaleString('en-US')} of ${cap.toLocaleString('en-US')} units left`;

/** Another client (dev account `index`) buys listing `id` at `price` USDT: approve exactly that, buy. */
async function buyElsewhere(d: Deployment, index: number, id: bigint, price: bigint) {
  await actAs(index, { ...onChain(d).contract('USDT'), functionName: 'approve', args: [d.contracts.Marketplace, price] });
  await actAs(index, { ...onChain(d).contract('Marketplace'), functionName: 'buy', args: [id, price] });
}

async function ownerOf(d: Deployment, tokenId: bigint): Promise<Address> {
  return chainClient.readContract({ ...onChain(d).contract('HashNFT'), functionName: 'ownerOf', args: [tokenId] });
}

test('Marketplace: a listing made and a listing bought by another client show without a reload', async ({ page, deployment }) => {
  await openApp(page, '/#/market');
  await expect(page.getByText(/Showing 1–\d+ of \d+/)).toBeVisible();
  const count = page.getByRole('tab', { name: /^Listings \(/ });
  const before = Number((await count.textContent())!.match(/\((\d+)\)/)![1]);
  await markDocument(page);

  const [tokenId] = await nftsOf(deployment, users.alice.address);
  const listingId = await listElsewhere(deployment, 1, tokenId, '123');
  const card = page.getByTestId(`listing-${listingId}`);
  await expect(card.getByTestId(`listing-${listingId}-price`)).toHaveText('123 USDT', LIVE);
  await expect(card.getByRole('button', { name: 'Buy' })).toBeEnabled(LIVE);
  await expect(count).toHaveText(`Listings (${before + 1})`, LIVE);

  await buyElsewhere(deployment, 4, listingId, usd('123'));
  await expect(card).toHaveCount(0, LIVE);
  await expect(count).toHaveText(`Listings (${before})`, LIVE);
  await expect(page.getByTestId('recent-sales').getByRole('listitem').first()).toContainText(`#${tokenId}`, LIVE);
  await expect(page.getByTestId('recent-sales').getByRole('listitem').first()).toContainText('123 USDT');
  await expectSameDocument(page);
  expect(await ownerOf(deployment, tokenId)).toBe(users.dave.address);
});

test('a purchase made while the page\'s first reads are on their way reaches the page: the watcher starts no later than those reads', async ({ page, deployment }) => {
  const sale = onChain(deployment).contract('ProductSale');
  const [p] = await chainClient.readContract({ ...sale, functionName: 'products' });
  const productsCall = encodeFunctionData({ abi: sale.abi, functionName: 'products' }).slice(2);
  // The HTML's early batch is refused, so the app sends its first reads itself. The batch that carries
  // the catalog read is answered from the chain as it was; then, before the page gets that answer,
  // another client buys 4 units, and whatever the page sends after that batch is answered after the
  // purchase. A watcher whose first head came later than that answer would start after the purchase and
  // never read it (seen in CI on the Marketplace: "Buy" for 30 s after a sale).
  let posts = 0;
  let bought: Promise<void> | undefined;
  let markBought = () => {};
  await page.route(`${rpcUrl}/**`, async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    if (posts++ === 0) return route.fulfill({ status: 503, body: 'down' });
    if (bought) {
      await bought;
      return route.continue();
    }
    if (!route.request().postData()?.includes(productsCall)) return route.continue();
    bought = new Promise<void>((resolve) => (markBought = resolve));
    const response = await route.fetch();
    await buyProductElsewhere(deployment, 4, 4n);
    markBought();
    await route.fulfill({ response });
  });
  await openApp(page, '/');
  const left = p.supplyCap - p.sold;
  const card = page.getByTestId('product-0');
  // The page shows the catalog as it was before the purchase…
  await expect(card.getByText(unitsLeft(left, p.supplyCap))).toBeVisible();
  expect(bought).toBeDefined();
  await bought;
  const [after] = await chainClient.readContract({ ...sale, functionName: 'products' });
  expect(after.sold).toBe(p.sold + 4n);
  // …then the watcher reads the purchase's block and the units left fall.
  await expect(card.getByText(unitsLeft(left - 4n, p.supplyCap))).toBeVisible(LIVE);
});

test('Portfolio: the owner sees a listing made elsewhere, then the NFT leave when someone buys it', async ({ page, connect, deployment }) => {
  await openApp(page, '/#/portfolio');
  await connect();
  const [tokenId] = await nftsOf(deployment, users.alice.address);
  const holding = page.getByTestId(`holding-${tokenId}`);
  await expect(holding).toBeVisible();
  await expect(page.getByTestId(`holding-${tokenId}-listing`)).toHaveCount(0);
  await markDocument(page);

  // Alice lists from another client (her wallet in `cast`), then Dave buys it.
  const listingId = await listElsewhere(deployment, 1, tokenId, '77');
  await expect(page.getByTestId(`holding-${tokenId}-listing`)).toContainText('Listed for 77 USDT · active', LIVE);
  const aliceBefore = await usdtBalance(deployment, users.alice.address);
  await buyElsewhere(deployment, 4, listingId, usd('77'));
  await expect(holding).toHaveCount(0, LIVE);
  await expectSameDocument(page);
  expect(await ownerOf(deployment, tokenId)).toBe(users.dave.address);
  expect(await usdtBalance(deployment, users.alice.address)).toBe(aliceBefore + usd('75.075')); // 77 minus the 2.5% fee
});

test('Products: units left fall when another client buys', async ({ page, deployment }) => {
  await openApp(page, '/');
  const sale = onChain(deployment).contract('ProductSale');
  const products = await chainClient.readContract({ ...sale, functionName: 'products' });
  const p = products[0];
  const left = p.supplyCap - p.sold;
  const card = page.getByTestId('product-0');
  await expect(card.getByText(unitsLeft(left, p.supplyCap))).toBeVisible();
  await markDocument(page);

  await buyProductElsewhere(deployment, 4, 4n);
  await expect(card.getByText(unitsLeft(left - 4n, p.supplyCap))).toBeVisible(LIVE);
  await expectSameDocument(page);
});

test('a buyer with the dialog open is told the listing just sold, and cannot sign', async ({ page, connect, deployment, shot }) => {
  await openApp(page, '/#/market');
  await connect();
  // Listing 1: Bob's #4 at 585 USDT, from the seed.
  const card = page.getByTestId('listing-1');
  await card.getByRole('button', { name: 'Buy' }).click();
  const dialog = page.getByRole('dialog');
  const submit = dialog.getByTestId('buy-listing-submit');
  await expect(submit).toBeEnabled();
  await expect(dialog.getByTestId('buy-listing-changed')).toHaveCount(0);
  const aliceBefore = await usdtBalance(deployment, users.alice.address);

  await buyElsewhere(deployment, 4, 1n, usd('585'));
  await expect(dialog.getByRole('alert')).toHaveText('This listing has just been sold to another buyer. Nothing was taken from your wallet.', LIVE);
  await expect(submit).toBeDisabled();
  await expect(submit).toHaveText('Not buyable: sold');
  await shot('buy-listing-sold-elsewhere');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(card).toHaveCount(0, LIVE);
  expect(await usdtBalance(deployment, users.alice.address)).toBe(aliceBefore);
  expect(await ownerOf(deployment, 4n)).toBe(users.dave.address);
});

test('a buyer with the dialog open is told the seller changed the price', async ({ page, connect, deployment }) => {
  await openApp(page, '/#/market');
  await connect();
  // Listing 3: Carol's #8 at 46 USDT, from the seed.
  await page.getByTestId('listing-3').getByRole('button', { name: 'Buy' }).click();
  const dialog = page.getByRole('dialog');
  const submit = dialog.getByTestId('buy-listing-submit');
  await expect(submit).toBeEnabled();

  await actAs(3, { ...onChain(deployment).contract('Marketplace'), functionName: 'updatePrice', args: [3n, usd('52.5')] });
  await expect(dialog.getByRole('alert')).toHaveText(
    'The seller has changed the price from 46 to 52.5 USDT. Close this and open the listing again to buy at the new price.',
    LIVE,
  );
  await expect(submit).toBeDisabled();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('listing-3-price')).toHaveText('52.5 USDT', LIVE);
});

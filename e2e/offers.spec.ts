// Offers, sweeps and cancel-all, with two people acting through the page and the chain checked with a
// viem client: alice (dev account 1) in `page`, dave (account 4) in a second browser context.
import { parseUnits, type Address } from 'viem';
import * as abis from '../src/abi/abis.ts';
import { actAs, chainClient, expect, nftsOf, openApp, secondWallet, test, usdtBalance, users } from './support/fixtures.ts';
import type { Deployment } from '../src/lib/chains.ts';
import { formatUsdt } from '../src/lib/format.ts';

const market = (d: Deployment) => ({ address: d.contracts.Marketplace, abi: abis.marketplaceAbi }) as const;
const ownerOf = (d: Deployment, tokenId: bigint) => chainClient.readContract({ address: d.contracts.HashNFT, abi: abis.hashNftAbi, functionName: 'ownerOf', args: [tokenId] });
const sent = (w: { requests: () => { method: string }[] }) => w.requests().filter((r) => r.method === 'eth_sendTransaction').length;

/** Lists `tokenId` from dev account `index` straight on chain (outside the app). */
async function listOnChain(d: Deployment, index: number, tokenId: bigint, price: string) {
  await actAs(index, { address: d.contracts.HashNFT, abi: abis.hashNftAbi, functionName: 'approve', args: [d.contracts.Marketplace, tokenId] });
  await actAs(index, { ...market(d), functionName: 'list', args: [tokenId, parseUnits(price, 6), 0n] });
  return chainClient.readContract({ ...market(d), functionName: 'listingOfToken', args: [tokenId] });
}

/** A product offer for `productId` from dev account `index`, straight on chain. */
async function productOfferOnChain(d: Deployment, index: number, productId: bigint, price: string, units: bigint, maxDays: number) {
  const p = parseUnits(price, 6);
  await actAs(index, { address: d.contracts.USDT, abi: abis.faucetTokenAbi, functionName: 'approve', args: [d.contracts.Marketplace, p * units * BigInt(maxDays)] });
  await actAs(index, { ...market(d), functionName: 'makeProductOffer', args: [1, productId, p, units, 1, maxDays, 0n] });
  return chainClient.readContract({ ...market(d), functionName: 'offerCount' });
}

test('a product offer made on the Offers tab by one account is accepted by the other from My NFTs', async ({ page, browser, connect, deployment, shot }) => {
  const [tokenId] = await nftsOf(deployment, users.alice.address); // #1: 30 TH/s of product 0, 180-day term
  const [productId, , hashrate] = await chainClient.readContract({ address: deployment.contracts.HashNFT, abi: abis.hashNftAbi, functionName: 'positionOf', args: [tokenId] });
  const daveStart = await usdtBalance(deployment, users.dave.address);

  const dave = await secondWallet(browser, 4, '/#/market');
  try {
    await dave.page.getByRole('tab', { name: 'Offers' }).click();
    const form = dave.page.getByRole('form', { name: 'Make a product offer' });
    await form.getByLabel('Product').selectOption(String(productId));
    await form.getByLabel('USDT per hashrate unit per day left').fill('0.001');
    await form.getByLabel('Hashrate units wanted in all').fill(String(hashrate));
    await expect(form.getByTestId('offer-escrow')).toContainText('Escrowed now: 5.4 USDT');
    await form.getByTestId('offer-product-submit').click();
    await expect(form.getByText(/Offer made/)).toBeVisible();
    await expect(dave.page.getByTestId(`book-${productId}-best`)).toHaveText('0.001 USDT');
  } finally {
    await dave.close();
  }
  const offerId = await chainClient.readContract({ ...market(deployment), functionName: 'offerCount' });
  expect(await usdtBalance(deployment, users.dave.address)).toBe(daveStart - parseUnits('5.4', 6));

  await openApp(page, '/#/portfolio');
  await connect();
  const line = page.getByTestId(`holding-${tokenId}-offer`);
  await line.getByRole('button', { name: 'Accept offer' }).click();
  const dialog = page.getByRole('dialog', { name: `Accept offer ${offerId}` });
  const [price, fee, net] = await chainClient.readContract({ ...market(deployment), functionName: 'quoteOffer', args: [offerId, tokenId] });
  await expect(dialog.getByTestId('accept-price')).toHaveText(formatUsdt(price));
  await expect(dialog.getByTestId('accept-fee')).toBeVisible();
  await expect(dialog.getByTestId('accept-compare')).toBeVisible();
  await shot('accept-offer-dialog');
  const aliceBefore = await usdtBalance(deployment, users.alice.address);
  const treasuryBefore = await usdtBalance(deployment, deployment.treasury);
  await dialog.getByTestId('accept-offer-submit').click();
  // The NFT leaves My NFTs with its card; the transaction's toast says it is done.
  await expect(page.getByText(`Sell #${tokenId} to offer ${offerId}: confirmed`)).toBeVisible();
  await expect(page.getByTestId(`holding-${tokenId}`)).toHaveCount(0);

  expect(await ownerOf(deployment, tokenId)).toBe(users.dave.address);
  expect(await usdtBalance(deployment, users.alice.address)).toBe(aliceBefore + net);
  expect(await usdtBalance(deployment, deployment.treasury)).toBe(treasuryBefore + fee);
  // The offer is filled (all its units): the unspent escrow went back to dave, who paid exactly the price.
  expect(await usdtBalance(deployment, users.dave.address)).toBe(daveStart - price);
  expect(await usdtBalance(deployment, deployment.contracts.Marketplace)).toBe(0n);
});

test('a token offer is outbid, then its buyer cancels it and gets the escrow back', async ({ browser, deployment }) => {
  const [tokenId] = await nftsOf(deployment, users.alice.address);
  const daveStart = await usdtBalance(deployment, users.dave.address);
  const dave = await secondWallet(browser, 4, `/#/nft/${tokenId}`);
  try {
    const offers = dave.page.getByTestId('nft-offers');
    await offers.getByLabel('Your offer (USDT)').fill('10');
    await offers.getByTestId('offer-token-submit').click();
    await expect(offers.getByText(`Offer made: 10 USDT for #${tokenId}.`)).toBeVisible();
    const mine = await chainClient.readContract({ ...market(deployment), functionName: 'offerCount' });
    expect(await usdtBalance(deployment, users.dave.address)).toBe(daveStart - parseUnits('10', 6));

    // carol outbids from another client
    await actAs(3, { address: deployment.contracts.USDT, abi: abis.faucetTokenAbi, functionName: 'approve', args: [deployment.contracts.Marketplace, parseUnits('15', 6)] });
    await actAs(3, { ...market(deployment), functionName: 'makeTokenOffer', args: [tokenId, parseUnits('15', 6), 0n] });
    await expect(offers.getByTestId('nft-best-offer')).toContainText('Best offer 15 USDT');

    await offers.getByTestId(`token-offer-${mine}`).getByRole('button', { name: 'Cancel my offer' }).click();
    await expect(offers.getByTestId(`token-offer-${mine}`)).toHaveCount(0);
    expect(await chainClient.readContract({ ...market(deployment), functionName: 'offerStatus', args: [mine] })).toBe(2); // Cancelled
    expect(await usdtBalance(deployment, users.dave.address)).toBe(daveStart);
    expect(await usdtBalance(deployment, deployment.contracts.Marketplace)).toBe(parseUnits('15', 6)); // carol's, still escrowed
  } finally {
    await dave.close();
  }
});

test('a sweep of the three cheapest listings, one of which became invalid mid-way, buys the other two', async ({ browser, deployment }) => {
  // alice lists her three NFTs at 1, 2 and 3 USDT: the cheapest in the market.
  const [t1, t2, t3] = await nftsOf(deployment, users.alice.address);
  const a = await listOnChain(deployment, 1, t1, '1');
  const b = await listOnChain(deployment, 1, t2, '2');
  const c = await listOnChain(deployment, 1, t3, '3');
  const daveStart = await usdtBalance(deployment, users.dave.address);

  const dave = await secondWallet(browser, 4, '/#/market');
  try {
    await dave.page.getByRole('button', { name: 'Sweep the cheapest…' }).click();
    const dialog = dave.page.getByRole('dialog', { name: 'Sweep the cheapest listings' });
    await dialog.getByLabel('How many of the cheapest matching listings').fill('3');
    for (const id of [a, b, c]) await expect(dialog.getByTestId(`sweep-item-${id}`)).toBeVisible();
    await expect(dialog.getByTestId('sweep-sum')).toHaveText('6 USDT');
    // Mid-way: alice sends the NFT of listing b away, so that listing dies.
    await actAs(1, { address: deployment.contracts.HashNFT, abi: abis.hashNftAbi, functionName: 'transferFrom', args: [users.alice.address, users.carol.address, t2] });
    // The dialog keeps the list the buyer reviewed (no dearer listing swaps in) and says the market moved.
    await expect(dialog.getByTestId('sweep-moved')).toContainText('The cheapest listings changed since you opened this.');
    for (const id of [a, b, c]) await expect(dialog.getByTestId(`sweep-item-${id}`)).toBeVisible();
    await expect(dialog.getByTestId('sweep-sum')).toHaveText('6 USDT');
    await dialog.getByTestId('sweep-submit').click();
    const result = dialog.getByTestId('sweep-result');
    await expect(result).toContainText('Bought 2 of 3 listings.');
    await expect(result).toContainText(`Skipped Listing ${b}: the seller no longer holds the NFT; nothing was paid for it.`);
  } finally {
    await dave.close();
  }
  expect(await ownerOf(deployment, t1)).toBe(users.dave.address);
  expect(await ownerOf(deployment, t3)).toBe(users.dave.address);
  expect(await ownerOf(deployment, t2)).toBe(users.carol.address);
  expect(await usdtBalance(deployment, users.dave.address)).toBe(daveStart - parseUnits('4', 6));
});

test('cancel all my listings from the Marketplace', async ({ page, connect, deployment }) => {
  const [t1, t2] = await nftsOf(deployment, users.alice.address);
  const ids = [await listOnChain(deployment, 1, t1, '100'), await listOnChain(deployment, 1, t2, '200')];
  await openApp(page, '/#/market');
  await connect();
  await page.getByRole('tab', { name: /My listings/ }).click();
  await page.getByRole('button', { name: 'Cancel all (2)' }).click();
  await expect(page.getByText('You have no open listings')).toBeVisible();
  expect(await chainClient.readContract({ ...market(deployment), functionName: 'counterOf', args: [users.alice.address] })).toBe(1n);
  for (const id of ids) expect(await chainClient.readContract({ ...market(deployment), functionName: 'status', args: [id] })).toBe(2); // Cancelled
});

test('bad input is refused in words and nothing is sent', async ({ page, browser, connect, deployment, wallet, shot }) => {
  // dave: an offer above the balance, an expiry in the past, a sweep total below the sum
  const [bobToken] = await nftsOf(deployment, users.bob.address);
  const dave = await secondWallet(browser, 4, '/#/market');
  try {
    await dave.page.getByRole('tab', { name: 'Offers' }).click();
    const form = dave.page.getByRole('form', { name: 'Make a product offer' });
    await form.getByLabel('USDT per hashrate unit per day left').fill('1000');
    await form.getByLabel('Hashrate units wanted in all').fill('1000');
    await expect(form.getByTestId('offer-over-balance')).toContainText('and your balance is');
    await expect(form.getByTestId('offer-product-submit')).toHaveText('Not enough USDT');
    await expect(form.getByTestId('offer-product-submit')).toBeDisabled();
    await form.getByLabel('USDT per hashrate unit per day left').fill('0.001');
    await form.getByLabel('Hashrate units wanted in all').fill('10');
    await form.getByLabel('Open for (days, or yyyy-mm-dd)').fill('2020-01-01');
    await expect(form.getByText('The expiry is in the past. Choose a later date.')).toBeVisible();
    await expect(form.getByTestId('offer-product-submit')).toBeDisabled();
    await form.getByLabel('USDT per hashrate unit per day left').fill('0.0000001');
    await expect(form.getByText('USDT has at most 6 decimals.')).toBeVisible();
    await form.getByLabel('USDT per hashrate unit per day left').fill('-1');
    await expect(form.getByText('The amount cannot be negative.')).toBeVisible();

    await dave.page.getByRole('tab', { name: /Listings/ }).click();
    await dave.page.getByRole('button', { name: 'Sweep the cheapest…' }).click();
    const sweep = dave.page.getByRole('dialog', { name: 'Sweep the cheapest listings' });
    await sweep.getByLabel('How many of the cheapest matching listings').fill('2');
    await sweep.getByLabel('The most you pay in all (USDT)').fill('1');
    await expect(sweep.getByText(/The total you allow is below the sum of these listings/)).toBeVisible();
    await expect(sweep.getByTestId('sweep-submit')).toBeDisabled();
    expect(sent(dave.wallet)).toBe(0);
  } finally {
    await dave.close();
  }
  expect(bobToken).toBeGreaterThan(0n);

  // alice: accepting a product-0 offer with an ETC NFT (product 1) is refused before the wallet opens
  const offerId = await productOfferOnChain(deployment, 4, 0n, '0.001', 100n, 180);
  const [, etcToken] = await nftsOf(deployment, users.alice.address);
  await openApp(page, '/#/market');
  await connect();
  await page.getByRole('tab', { name: 'Offers' }).click();
  await expect(page.getByTestId('book-0-best')).toHaveText('0.001 USDT');
  await shot('offers-tab');
  await page.getByTestId('book-0-sell').click();
  const dialog = page.getByRole('dialog', { name: `Accept offer ${offerId}` });
  await dialog.getByLabel('NFT to sell').selectOption(String(etcToken));
  await expect(dialog.getByText(`NFT #${etcToken} is not of the product this offer is for. Nothing is sent.`)).toBeVisible();
  await expect(dialog.getByTestId('accept-offer-submit')).toHaveText('This NFT does not match');
  await expect(dialog.getByTestId('accept-offer-submit')).toBeDisabled();
  expect(sent(wallet)).toBe(0);
  expect(await ownerOf(deployment, etcToken)).toBe(users.alice.address as Address);
});

test('list several NFTs at once from My NFTs, approving each one only', async ({ page, connect, deployment }) => {
  const [t1, t2] = await nftsOf(deployment, users.alice.address);
  await openApp(page, '/#/portfolio');
  await connect();
  await page.getByRole('button', { name: 'List several…' }).click();
  const dialog = page.getByRole('dialog', { name: 'List several NFTs' });
  await dialog.getByLabel(new RegExp(`^#${t1} `)).fill('0.0000001');
  await expect(dialog.getByRole('alert')).toContainText(`#${t1}:`);
  await expect(dialog.getByTestId('bulk-list-submit')).toBeDisabled();
  await dialog.getByLabel(new RegExp(`^#${t1} `)).fill('120');
  await dialog.getByLabel(new RegExp(`^#${t2} `)).fill('80');
  await dialog.getByTestId('bulk-list-submit').click();
  await expect(dialog.getByText('Listed 2 NFTs for 200 USDT in all.')).toBeVisible();
  for (const [t, price] of [[t1, '120'], [t2, '80']] as const) {
    const id = await chainClient.readContract({ ...market(deployment), functionName: 'listingOfToken', args: [t] });
    const l = await chainClient.readContract({ ...market(deployment), functionName: 'listing', args: [id] });
    expect(l.price).toBe(parseUnits(price, 6));
    expect(await chainClient.readContract({ ...market(deployment), functionName: 'status', args: [id] })).toBe(0); // Active
  }
  // Each NFT was approved on its own; nothing for all.
  expect(await chainClient.readContract({ address: deployment.contracts.HashNFT, abi: abis.hashNftAbi, functionName: 'isApprovedForAll', args: [users.alice.address, deployment.contracts.Marketplace] })).toBe(false);
});

test('the Portfolio calendar lists the wallet’s listing expiry and offer expiry, read from its own offers', async ({ page, connect, deployment, shot }) => {
  const [tokenId] = await nftsOf(deployment, users.alice.address);
  const listingId = await listOnChain(deployment, 1, tokenId, '120');
  const offerId = await productOfferOnChain(deployment, 1, 0n, '0.001', 10n, 30);
  const listing = await chainClient.readContract({ ...market(deployment), functionName: 'listing', args: [listingId] });
  const offer = await chainClient.readContract({ ...market(deployment), functionName: 'offer', args: [offerId] });
  const iso = (at: bigint) => new Date(Number(at) * 1000).toISOString();

  await openApp(page, '/#/portfolio');
  await connect();
  const listed = page.getByTestId(`calendar-listing-${listingId}`);
  await expect(listed).toContainText(`Listing of NFT #${tokenId} expires`);
  await expect(listed.locator('time').first()).toHaveAttribute('datetime', iso(listing.expiresAt));
  const offered = page.getByTestId(`calendar-offer-${offerId}`);
  await expect(offered).toContainText(`Product offer ${offerId} expires`);
  await expect(offered).toContainText(`${formatUsdt(offer.escrow)} escrowed`);
  await expect(offered.locator('time').first()).toHaveAttribute('datetime', iso(offer.expiresAt));
  await shot('portfolio-calendar-offers');
});

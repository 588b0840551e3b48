// Marketplace journeys with two people: a seller (dev account 1, in `page`) and a buyer (account 4, dave,
// who still holds USDT after the seed, in a second browser context with its own wallet).
import { parseUnits } from 'viem';
import { onChain } from './support/contracts.ts';
import { rpcUrl } from './support/env.ts';
import { actAs, chainClient, expect, nftsOf, openApp, secondWallet, test, testClient, usdtBalance, users } from './support/fixtures.ts';

async function listFromPortfolio(page: import('@playwright/test').Page, tokenId: bigint, price: string, days = 30) {
  await page.getByTestId(`holding-${tokenId}`).getByRole('button', { name: 'List for sale' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Price (USDT)').fill(price);
  await dialog.getByLabel('Listing ends after').selectOption(String(days));
  return dialog;
}

test('list, the buyer sees it and buys it: seller gets price minus fee, the NFT moves', async ({ page, browser, connect, deployment, wallet, shot }) => {
  await openApp(page, '/#/portfolio');
  await connect();
  const [tokenId] = await nftsOf(deployment, users.alice.address);
  const dialog = await listFromPortfolio(page, tokenId, '200');
  await expect(dialog.getByTestId('list-proceeds')).toHaveText('195 USDT'); // 2.5% fee
  await dialog.getByTestId('list-submit').click();
  await expect(dialog.getByText('Your NFT is listed.')).toBeVisible();
  // Approval for this one token only, never for all.
  expect(await chainClient.readContract({ ...onChain(deployment).contract('HashNFT'), functionName: 'getApproved', args: [tokenId] })).toBe(deployment.contracts.Marketplace);
  expect(await chainClient.readContract({ ...onChain(deployment).contract('HashNFT'), functionName: 'isApprovedForAll', args: [users.alice.address, deployment.contracts.Marketplace] })).toBe(false);
  expect(wallet.requests().some((r) => r.method === 'eth_sendTransaction')).toBe(true);

  const sellerBefore = await usdtBalance(deployment, users.alice.address);
  const treasuryBefore = await usdtBalance(deployment, deployment.treasury);
  const buyer = await secondWallet(browser, 4, '/#/market');
  try {
    const listingId = await chainClient.readContract({ ...onChain(deployment).contract('Marketplace'), functionName: 'listingOfToken', args: [tokenId] });
    const card = buyer.page.getByTestId(`listing-${listingId}`);
    await expect(card).toContainText('200 USDT');
    await shot('marketplace');
    await card.getByRole('button', { name: 'Buy' }).click();
    const buyDialog = buyer.page.getByRole('dialog');
    await expect(buyDialog.getByTestId('buy-listing-total')).toHaveText('200 USDT');
    await buyDialog.getByRole('button', { name: 'Sign permit and buy' }).click();
    await expect(buyDialog.getByText(/is yours/)).toBeVisible();
  } finally {
    await buyer.close();
  }
  expect(await usdtBalance(deployment, users.alice.address)).toBe(sellerBefore + parseUnits('195', 6));
  expect(await usdtBalance(deployment, deployment.treasury)).toBe(treasuryBefore + parseUnits('5', 6));
  expect(await chainClient.readContract({ ...onChain(deployment).contract('HashNFT'), functionName: 'ownerOf', args: [tokenId] })).toBe(users.dave.address);
  const marketUsdt = await usdtBalance(deployment, deployment.contracts.Marketplace);
  expect(marketUsdt).toBe(0n);
});

/** A figure shown as "1,234.56 USDT" (or "−14.63 USDT") in base units. */
const shownUsdt = (text: string) => parseUnits(text.replace(/[−\s]|USDT|,/g, ''), 6);

test('fee and proceeds shown add up to the price shown; listing from the NFT page says listed; absurd prices are refused', async ({ page, browser, connect, deployment }) => {
  const [tokenId] = await nftsOf(deployment, users.alice.address);
  await openApp(page, `/#/nft/${tokenId}`);
  await connect();
  await page.getByRole('button', { name: 'List for sale' }).click();
  const dialog = page.getByRole('dialog', { name: `List #${tokenId} for sale` });

  await dialog.getByLabel('Price (USDT)').fill('99,999,999,999,999,999,999,999');
  await expect(dialog.getByRole('alert')).toHaveText('A listing price can be at most 1,000,000,000 USDT.');
  await expect(dialog.getByTestId('list-submit')).toHaveText('Check the price');
  await expect(dialog.getByTestId('list-submit')).toBeDisabled();

  // 585 USDT at 2.5%: the fee is 14.625 and the seller's part 570.375; shown, they add up to 585.
  await dialog.getByLabel('Price (USDT)').fill('585');
  await expect(dialog.getByTestId('list-price')).toHaveText('585 USDT');
  const fee = shownUsdt((await dialog.getByTestId('list-fee').textContent()) ?? '');
  const proceeds = shownUsdt((await dialog.getByTestId('list-proceeds').textContent()) ?? '');
  expect(fee + proceeds).toBe(shownUsdt((await dialog.getByTestId('list-price').textContent()) ?? ''));
  expect([fee, proceeds]).toEqual([parseUnits('14.63', 6), parseUnits('570.37', 6)]);

  await dialog.getByTestId('list-submit').click();
  // The new listing does not turn the dialog into a price change.
  await expect(dialog.getByTestId('list-done')).toHaveText(`Your NFT is listed. #${tokenId} is for sale at 585 USDT and stays in your wallet until someone buys it.`);
  await expect(page.getByRole('dialog', { name: /Change the price/ })).toHaveCount(0);
  const listingId = await chainClient.readContract({ ...onChain(deployment).contract('Marketplace'), functionName: 'listingOfToken', args: [tokenId] });
  const [price, chainFee, chainSeller] = await chainClient.readContract({ ...onChain(deployment).contract('Marketplace'), functionName: 'payout', args: [listingId] });
  expect([price, chainFee, chainSeller]).toEqual([parseUnits('585', 6), parseUnits('14.625', 6), parseUnits('570.375', 6)]);
  await dialog.getByRole('button', { name: 'Close' }).click();

  // The seller opening her own listing: the button says why it cannot be bought.
  await page.goto('/#/market');
  await page.getByTestId(`listing-${listingId}`).getByRole('button', { name: 'Buy' }).click();
  const own = page.getByRole('dialog');
  await expect(own.getByTestId('buy-listing-submit')).toHaveText('This is your listing');
  await expect(own.getByTestId('buy-listing-submit')).toBeDisabled();
  await own.getByRole('button', { name: 'Close' }).click();

  // The buyer's dialog splits the same price the same way.
  const buyer = await secondWallet(browser, 4, '/#/market');
  try {
    await buyer.page.getByTestId(`listing-${listingId}`).getByRole('button', { name: 'Buy' }).click();
    const buy = buyer.page.getByRole('dialog');
    await expect(buy.getByTestId('buy-listing-price')).toHaveText('585 USDT');
    const parts = [await buy.getByTestId('buy-listing-fee').textContent(), await buy.getByTestId('buy-listing-seller').textContent()].map((t) => shownUsdt(t ?? ''));
    expect(parts[0] + parts[1]).toBe(shownUsdt((await buy.getByTestId('buy-listing-total').textContent()) ?? ''));
    expect(parts).toEqual([parseUnits('14.63', 6), parseUnits('570.37', 6)]);
  } finally {
    await buyer.close();
  }
});

test('change the price, then cancel', async ({ page, connect, deployment }) => {
  await openApp(page, '/#/portfolio');
  await connect();
  const [tokenId] = await nftsOf(deployment, users.alice.address);
  const dialog = await listFromPortfolio(page, tokenId, '150');
  await dialog.getByTestId('list-submit').click();
  await expect(dialog.getByText('Your NFT is listed.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  const listingId = await chainClient.readContract({ ...onChain(deployment).contract('Marketplace'), functionName: 'listingOfToken', args: [tokenId] });

  await page.goto('/#/market');
  await page.getByRole('tab', { name: /My listings/ }).click();
  const mine = page.getByTestId(`my-listing-${listingId}`);
  await mine.getByRole('button', { name: 'Change price' }).click();
  const reprice = page.getByRole('dialog');
  await reprice.getByLabel('Price (USDT)').fill('120.5');
  await reprice.getByTestId('list-submit').click();
  await expect(reprice.getByText('The new price is live.')).toBeVisible();
  const listing = await chainClient.readContract({ ...onChain(deployment).contract('Marketplace'), functionName: 'listing', args: [listingId] });
  expect(listing.price).toBe(parseUnits('120.5', 6));
  await reprice.getByRole('button', { name: 'Close' }).click();

  await mine.getByRole('button', { name: 'Cancel' }).click();
  await expect(mine).toBeHidden();
  expect(await chainClient.readContract({ ...onChain(deployment).contract('Marketplace'), functionName: 'status', args: [listingId] })).toBe(2); // Cancelled
});

test('an expired listing is not offered; its seller sees why', async ({ page, browser, connect, deployment }) => {
  await openApp(page, '/#/portfolio');
  await connect();
  const [tokenId] = await nftsOf(deployment, users.alice.address);
  const dialog = await listFromPortfolio(page, tokenId, '99', 1);
  await dialog.getByTestId('list-submit').click();
  await expect(dialog.getByText('Your NFT is listed.')).toBeVisible();
  const listingId = await chainClient.readContract({ ...onChain(deployment).contract('Marketplace'), functionName: 'listingOfToken', args: [tokenId] });
  await testClient.increaseTime({ seconds: 2 * 86400 });
  await testClient.mine({ blocks: 1 });

  const buyer = await secondWallet(browser, 2, '/#/market');
  try {
    await expect(buyer.page.getByText(/Showing 1–\d+ of \d+/)).toBeVisible();
    await expect(buyer.page.getByTestId(`listing-${listingId}`)).toHaveCount(0);
  } finally {
    await buyer.close();
  }
  await page.goto('/#/market');
  await page.reload();
  await page.getByRole('tab', { name: /My listings/ }).click();
  await expect(page.getByTestId(`my-listing-${listingId}-reason`)).toContainText('It has expired, so nobody can buy it.');
});

test('a listing whose NFT was sent away shows as invalid and cannot be bought', async ({ page, connect, deployment }) => {
  await openApp(page, '/#/portfolio');
  await connect();
  const [tokenId] = await nftsOf(deployment, users.alice.address);
  const dialog = await listFromPortfolio(page, tokenId, '80');
  await dialog.getByTestId('list-submit').click();
  await expect(dialog.getByText('Your NFT is listed.')).toBeVisible();
  const listingId = await chainClient.readContract({ ...onChain(deployment).contract('Marketplace'), functionName: 'listingOfToken', args: [tokenId] });
  // The seller moves the NFT away outside the app.
  await actAs(1, { ...onChain(deployment).contract('HashNFT'), functionName: 'transferFrom', args: [users.alice.address, users.carol.address, tokenId] });

  await page.goto('/#/market');
  await page.reload();
  await expect(page.getByTestId(`listing-${listingId}`)).toHaveCount(0);
  await page.getByRole('tab', { name: /My listings/ }).click();
  await expect(page.getByTestId(`my-listing-${listingId}-reason`)).toContainText('You no longer hold this NFT, so nobody can buy it.');
  expect(await chainClient.readContract({ ...onChain(deployment).contract('Marketplace'), functionName: 'status', args: [listingId] })).toBe(4); // OwnerChanged
});

test('too little balance or a rejected signature changes nothing', async ({ page, wallet, connect, deployment }) => {
  // Account 5 holds ETH but no USDT.
  await openApp(page, '/#/market');
  await connect();
  await wallet.switchAccount(2);
  await expect(page.getByTestId('account-button')).toContainText(users.empty.address.slice(-4));
  const listingId = 1n; // seeded: bob's #4 for 585 USDT
  await page.getByTestId(`listing-${listingId}`).getByRole('button', { name: 'Buy' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('buy-listing-submit')).toHaveText('Not enough USDT');
  await expect(dialog.getByTestId('buy-listing-submit')).toBeDisabled();
  await dialog.getByRole('button', { name: 'Close' }).click();

  await wallet.switchAccount(0); // account 1 (alice) has enough
  await page.getByTestId(`listing-${listingId}`).getByRole('button', { name: 'Buy' }).click();
  const before = await usdtBalance(deployment, users.alice.address);
  wallet.rejectNext('eth_signTypedData_v4');
  await page.getByRole('dialog').getByRole('button', { name: 'Sign permit and buy' }).click();
  await expect(page.getByTestId('toast-info')).toContainText('Nothing was sent and nothing changed.');
  expect(wallet.sentTransactions()).toEqual([]);
  expect(await usdtBalance(deployment, users.alice.address)).toBe(before);
  expect(await chainClient.readContract({ ...onChain(deployment).contract('HashNFT'), functionName: 'ownerOf', args: [4n] })).toBe(users.bob.address);
});

test('the newest listings show from one chain read while the whole market loads; filters, floors and sales follow', async ({ page, deployment }) => {
  // Hold the market's log read back, as a big market or a slow node would. Only that read is counted and
  // held: other reads on the page ask for logs too (the governance notice reads its proposals' logs), and
  // whether they share an HTTP batch with the market's depends on timing.
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let logReads = 0;
  const marketplace = deployment.contracts.Marketplace.toLowerCase();
  const readsMarketLogs = (body: string | null) => {
    if (!body?.includes('"eth_getLogs"')) return false;
    const calls = [JSON.parse(body) as unknown].flat() as { method?: string; params?: { address?: string | string[] }[] }[];
    return calls.some((c) => c.method === 'eth_getLogs' && [c.params?.[0]?.address ?? []].flat().some((a) => a.toLowerCase() === marketplace));
  };
  await page.route(
    (url) => url.origin === new URL(rpcUrl).origin,
    async (route) => {
      if (readsMarketLogs(route.request().postData())) {
        logReads++;
        await released;
      }
      await route.continue();
    },
  );
  await openApp(page, '/#/market');
  const partial = page.getByTestId('market-partial');
  await expect(partial).toContainText('Newest 2 listings, read from the chain. Loading the whole market…');
  await expect.poll(() => logReads).toBe(1); // the log read has started and is held
  // Seeded: #1 585 USDT and #3 46 USDT are active, newest first; #2's NFT is pledged for a loan (owner
  // changed), #4 expired and #5 was sold: none of those is shown.
  const cards = page.getByRole('list', { name: 'Listings' }).getByRole('listitem');
  await expect(cards).toHaveCount(2);
  await expect(cards.nth(0).getByTestId('listing-3-price')).toHaveText('46 USDT');
  await expect(cards.nth(1).getByTestId('listing-1-price')).toHaveText('585 USDT');
  await expect(page.getByTestId('listing-2')).toHaveCount(0);
  await expect(page.getByTestId('listing-4')).toHaveCount(0);
  await expect(page.getByTestId('listing-5')).toHaveCount(0);
  await expect(page.getByLabel('Sort by')).toBeDisabled();
  await expect(page.getByLabel('Coin')).toBeDisabled();
  await expect(page.getByRole('tab', { name: 'Listings (…)' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Floor prices' })).toContainText('Loading the whole market…');
  // Already confirmed Active by that read: buyable now.
  await page.getByTestId('listing-3').getByRole('button', { name: 'Buy' }).click();
  await expect(page.getByRole('dialog').getByTestId('buy-listing-total')).toHaveText('46 USDT');
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();

  release();
  await expect(page.getByText('Showing 1–2 of 2')).toBeVisible();
  await expect(partial).toBeHidden();
  await expect(page.getByRole('tab', { name: 'Listings (2)' })).toBeVisible();
  await expect(page.getByTestId('recent-sales')).toContainText('#5');
  await expect(page.getByLabel('Sort by')).toBeEnabled();
  await expect(page.getByLabel('Sort by')).toHaveValue('newest');
  await expect(cards.nth(0).getByTestId('listing-3-price')).toHaveText('46 USDT');
  await page.getByLabel('Sort by').selectOption('price-desc');
  await expect(cards.nth(0).getByTestId('listing-1-price')).toHaveText('585 USDT');
  await expect(cards.nth(1).getByTestId('listing-3-price')).toHaveText('46 USDT');
});

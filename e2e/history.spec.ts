// History pages and the Marketplace's read path with the indexer, through the real `npm run dev` (chain,
// indexer and app) on this slot's ports (87x0 anvil, 87x1 indexer, 448x app). Bob (dev account 2) has
// bought, sold and borrowed in the seed; here he buys through the page and claims rewards, then:
//   - Activity shows each with the date of its block and the USD value of the moment, and the auction of
//     bob's loan (started by dave, redeemed by bob) under Auctions; when BTC falls, the dev server's keeper
//     marks bob's loan down by itself (shown as "Loan impaired");
//   - the rewards CSV parses and its totals equal the Claimed events; the activity CSV has every entry;
//   - the calendar's .ics parses and lists the Portfolio calendar's items;
//   - a listing sold on chain that the indexer has not seen yet is never offered as buyable;
//   - when the indexer stops answering, the Marketplace says so and reads the chain, with the right data.
import { expect, test, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPublicClient, createWalletClient, getAddress, http, parseUnits, type Address } from 'viem';
import { bin } from '../scripts/lib/anvil.ts';
import { chainFor, devAccount, devPrivateKey } from '../scripts/lib/chain.ts';
import type { Deployment } from '../scripts/lib/protocol.ts';
import * as abis from '../src/abi/abis.ts';
import { formatDateTime, formatUsd } from '../src/lib/format.ts';
import { E2E, ROOT } from './support/env.ts';
import { sendWrite } from './support/send.ts';
import { installTestWallet } from './wallet/testWallet.ts';
import { testWalletOption } from './wallet/rainbowkit.ts';

const slot = Number(process.env.E2E_SLOT ?? 0);
const anvilPort = 8700 + 10 * slot;
const indexerPort = 8701 + 10 * slot;
const appPort = 4480 + slot;
const appUrl = `http://127.0.0.1:${appPort}/`;
const indexerUrl = `http://127.0.0.1:${indexerPort}`;
const rpcUrl = `http://127.0.0.1:${anvilPort}`;
const CHAIN_ID = 31337;
const bob = devAccount(2);
const chain = createPublicClient({ chain: chainFor(CHAIN_ID, rpcUrl), transport: http(), cacheTime: 0 });
const bobWallet = createWalletClient({ chain: chainFor(CHAIN_ID, rpcUrl), transport: http(), account: bob });
const daveWallet = createWalletClient({ chain: chainFor(CHAIN_ID, rpcUrl), transport: http(), account: devAccount(4) });
let deployment: Deployment;
let dev: ChildProcess | undefined;
let out = '';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  dev = spawn(bin('tsx'), ['scripts/dev.ts'], {
    cwd: ROOT,
    env: { ...process.env, ANVIL_PORT: String(anvilPort), PORT: String(appPort), INDEXER_PORT: String(indexerPort), FORK_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  dev.stdout!.on('data', (b) => (out += b));
  dev.stderr!.on('data', (b) => (out += b));
  await expect.poll(() => (dev!.exitCode === null ? out : `exited ${dev!.exitCode}: ${out}`), { timeout: 280_000, intervals: [500] }).toContain('Press Ctrl-C');
  deployment = JSON.parse(readFileSync(join(ROOT, 'deployments', `${CHAIN_ID}.json`), 'utf8')) as Deployment;
});

test.afterAll(async () => {
  if (dev && dev.exitCode === null) {
    const exited = new Promise((r) => dev!.once('exit', r));
    dev.kill('SIGINT');
    await exited;
  }
});

const c = (name: string) => deployment.contracts[name] as Address;

async function connect(page: Page) {
  await installTestWallet(page, { privateKeys: [devPrivateKey(2)], chains: [{ chainId: CHAIN_ID, rpcUrl }] });
  await page.goto(appUrl);
  await page.getByTestId('connect-button').click();
  await testWalletOption(page).click();
  await expect(page.getByTestId('account-button')).toBeVisible({ timeout: 30_000 });
}

async function indexedBlock() {
  const s = (await (await fetch(`${indexerUrl}/status`)).json()) as Record<string, { block: { number: number } }>;
  return Object.values(s)[0].block.number;
}
const caughtUp = async () => expect.poll(async () => (await indexedBlock()) >= Number(await chain.getBlockNumber()), { timeout: 30_000 }).toBe(true);

test('Activity shows a purchase, a sale, a claim and a loan with their dates and USD values at the time', async ({ page }) => {
  test.setTimeout(180_000);
  await connect(page);
  // A purchase through the page: 2 units of the first product, 120 USDT.
  const product = page.getByTestId('product-0');
  await product.getByRole('button', { name: 'Buy' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/Units/).fill('2');
  await dialog.getByRole('button', { name: 'Sign permit and buy' }).click();
  await expect(dialog.getByText('You bought 2 units (20 TH/s).')).toBeVisible({ timeout: 30_000 });
  await page.keyboard.press('Escape');
  // A claim of NFT #4's BTC rewards (bob's wallet, straight to the chain).
  const claimHash = await sendWrite(bobWallet, { address: c('Rewards'), abi: abis.rewardsAbi, functionName: 'claim', args: [[4n]] });
  const claimReceipt = await chain.waitForTransactionReceipt({ hash: claimHash });
  await caughtUp();

  await page.goto(`${appUrl}#/activity`);
  await expect(page.getByRole('heading', { name: 'Activity' })).toBeVisible();
  const rows = page.getByTestId('activity-row');
  await expect(rows.first()).toBeVisible({ timeout: 30_000 });

  const timeOf = async (block: bigint) => Number((await chain.getBlock({ blockNumber: block })).timestamp);
  const expectRow = async (kind: string, block: bigint, usd: bigint, nth = 0) => {
    const row = page.locator(`[data-testid="activity-row"][data-kind="${kind}"]`).nth(nth);
    await expect(row, kind).toContainText(formatDateTime(await timeOf(block)));
    await expect(row.getByTestId('activity-usd'), `${kind} USD`).toHaveText(formatUsd(Number(usd) / 1e6));
  };
  // Purchase: the newest purchase row is the one made above.
  const bought = await chain.getContractEvents({ address: c('ProductSale'), abi: abis.productSaleAbi, eventName: 'Purchased', args: { buyer: bob.address }, fromBlock: 0n });
  const lastBuy = bought.at(-1)!;
  expect(lastBuy.args.paid).toBe(parseUnits('120', 6));
  await expectRow('purchase', lastBuy.blockNumber, lastBuy.args.paid!);
  // Sale: the seed sold bob's listing of NFT #5 for 12 USDT; bob received the price less the fee.
  const [sold] = await chain.getContractEvents({ address: c('Marketplace'), abi: abis.marketplaceAbi, eventName: 'Sold', args: { seller: bob.address }, fromBlock: 0n });
  await expectRow('sell', sold.blockNumber, sold.args.price! - sold.args.fee!);
  // Claim: BTC at the feed's price in that block (8 decimals) and BTC's 8 decimals.
  const [claimed] = await chain.getContractEvents({ address: c('Rewards'), abi: abis.rewardsAbi, eventName: 'Claimed', args: { owner: bob.address }, blockHash: claimReceipt.blockHash });
  const [, btcPrice] = await chain.readContract({ address: c('BTC_USD'), abi: abis.priceFeedAbi, functionName: 'latestRoundData', blockNumber: claimReceipt.blockNumber });
  await expectRow('claim', claimReceipt.blockNumber, (claimed.args.amount! * btcPrice) / 10n ** 10n);
  // Loan: the seed's 120 USDT loan against NFT #6.
  const [opened] = await chain.getContractEvents({ address: c('LoanPool'), abi: abis.loanPoolAbi, eventName: 'LoanOpened', args: { borrower: bob.address }, fromBlock: 0n });
  await expectRow('borrow', opened.blockNumber, opened.args.amount!);
  // The loan engine: BTC falls to $100 (two rounds, so the pool uses it), dave starts the auction of bob's
  // loan with the smallest first bid, and bob redeems it (the debt plus the penalty); BTC's price is then
  // put back. Both show in bob's history under Auctions, in USDT at USD = amount, with a link to the loan.
  const feed = { address: c('BTC_USD'), abi: abis.priceFeedAbi } as const;
  const [, btcBefore] = await chain.readContract({ ...feed, functionName: 'latestRoundData' });
  const operator = createWalletClient({ chain: chainFor(CHAIN_ID, rpcUrl), transport: http(), account: devAccount(0) });
  const setBtc = async (answer: bigint) => {
    for (let i = 0; i < 2; i++) await chain.waitForTransactionReceipt({ hash: await sendWrite(operator, { ...feed, functionName: 'setPrice', args: [answer] }) });
  };
  await setBtc(parseUnits('100', 8));
  // `npm run dev`'s keeper (dev account 8) marks the loan down on its own within a few blocks: nobody here
  // calls impair, and the vault counts the loan at its collateral's worth before anyone could withdraw.
  const poolC = { address: c('LoanPool'), abi: abis.loanPoolAbi } as const;
  const assetsBefore = await chain.readContract({ address: c('LiquidityVault'), abi: abis.liquidityVaultAbi, functionName: 'totalAssets' });
  await expect.poll(async () => (await chain.readContract({ ...poolC, functionName: 'impairment', args: [opened.args.loanId!] }))[0], { timeout: 20_000 }).toBeGreaterThan(0n);
  const [impaired] = await chain.getContractEvents({ ...poolC, eventName: 'LoanImpaired', args: { loanId: opened.args.loanId }, fromBlock: 0n });
  expect(getAddress((await chain.getTransaction({ hash: impaired.transactionHash })).from)).toBe(devAccount(8).address);
  expect(impaired.args.bookValue!).toBeLessThan(impaired.args.debt!);
  expect(await chain.readContract({ address: c('LoanLens'), abi: abis.loanLensAbi, functionName: 'pendingMarkDowns' })).toMatchObject({ loanIds: [] });
  const assetsAfter = await chain.readContract({ address: c('LiquidityVault'), abi: abis.liquidityVaultAbi, functionName: 'totalAssets' });
  expect(assetsAfter).toBeLessThan(assetsBefore - (impaired.args.debt! - impaired.args.bookValue!) + parseUnits('1', 6)); // the loss, less a little interest
  expect(out).toContain(`keeper: loan ${opened.args.loanId} marked down`);
  const house = { address: c('LoanAuctions'), abi: abis.loanAuctionsAbi } as const;
  const usdt = { address: c('USDT'), abi: abis.faucetTokenAbi } as const;
  const mined = async (hash: `0x${string}`) => chain.waitForTransactionReceipt({ hash });
  await mined(await sendWrite(daveWallet, { ...usdt, functionName: 'approve', args: [c('LoanAuctions'), parseUnits('1000', 6)] }));
  const firstBid = await chain.readContract({ ...house, functionName: 'minFirstBid', args: [opened.args.loanId!] });
  const startReceipt = await mined(await sendWrite(daveWallet, { ...house, functionName: 'startAuction', args: [opened.args.loanId!, firstBid] }));
  const owed = await chain.readContract({ ...house, functionName: 'redeemAmount', args: [opened.args.loanId!] });
  await mined(await sendWrite(operator, { ...usdt, functionName: 'mint', args: [bob.address, owed] })); // the seed spent bob's USDT
  await mined(await sendWrite(bobWallet, { ...usdt, functionName: 'approve', args: [c('LoanAuctions'), owed] }));
  const redeemReceipt = await mined(await sendWrite(bobWallet, { ...house, functionName: 'redeem', args: [opened.args.loanId!] }));
  await setBtc(btcBefore);
  const { debt } = await chain.readContract({ ...house, functionName: 'auctionOf', args: [opened.args.loanId!] });
  await caughtUp();
  await page.reload();
  await expect(rows.first()).toBeVisible({ timeout: 30_000 });
  await expectRow('loan-impaired', impaired.blockNumber, impaired.args.debt!);
  await expectRow('auction-started', startReceipt.blockNumber, debt);
  await expectRow('auction-redeem', redeemReceipt.blockNumber, owed);
  await page.getByLabel('Show').selectOption('auctions');
  await expect(rows).toHaveCount(2);
  await expect(rows.first().getByRole('link', { name: `loan #${opened.args.loanId}` })).toHaveAttribute('href', '#/loans/auctions');
  await page.getByLabel('Show').selectOption('loans');
  await expect(page.locator('[data-testid="activity-row"][data-kind="borrow"]')).toHaveCount(1);
  await page.getByLabel('Show').selectOption('all');

  // Links to the NFT; dates, not block numbers.
  await expect(page.locator('[data-testid="activity-row"][data-kind="claim"]').getByRole('link', { name: 'NFT #4' })).toHaveAttribute('href', '#/nft/4');
  await expect(page.getByRole('table', { name: 'Activity' })).not.toContainText(/block \d+/);
  // The filter keeps one kind of entry: rewards, here the claim (and rewards paid to bob inside a sale, if any).
  const paidInSales = (await chain.getContractEvents({ address: c('Marketplace'), abi: abis.marketplaceAbi, eventName: 'SellerRewardsPaid', args: { seller: bob.address }, fromBlock: 0n })).filter((e) => e.args.amount! > 0n);
  await page.getByLabel('Show').selectOption('rewards');
  await expect(rows).toHaveCount(1 + paidInSales.length);

  for (const [name, width] of [['desktop', 1280], ['phone', 390]] as const) {
    await page.setViewportSize({ width, height: 900 });
    await page.getByLabel('Show').selectOption('all');
    await page.screenshot({ path: join(E2E.screenshots, `activity-${name}.png`), fullPage: true });
  }
});

test('the rewards CSV totals equal the chain, the activity CSV has every entry, and the .ics lists the calendar', async ({ page }) => {
  test.setTimeout(120_000);
  await connect(page);
  await page.goto(`${appUrl}#/activity`);
  await expect(page.getByTestId('activity-row').first()).toBeVisible({ timeout: 30_000 });
  const downloaded = async (name: string) => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
    return readFileSync(await file.path(), 'utf8');
  };
  const parse = (csv: string) => csv.trim().split('\r\n').map((l) => l.split(','));

  const [header, ...rewardRows] = parse(await downloaded('Rewards CSV'));
  expect(header).toEqual(['date', 'coin', 'amount', 'usd_at_the_time', 'nft', 'transaction']);
  const claimed = await chain.getContractEvents({ address: c('Rewards'), abi: abis.rewardsAbi, eventName: 'Claimed', args: { owner: bob.address }, fromBlock: 0n });
  expect(claimed.length).toBeGreaterThan(0);
  // Rewards received: claims, and the rewards a sold NFT paid its seller inside the sale.
  const paidInSales = await chain.getContractEvents({ address: c('Marketplace'), abi: abis.marketplaceAbi, eventName: 'SellerRewardsPaid', args: { seller: bob.address }, fromBlock: 0n });
  for (const [coin, symbol] of ['BTC', 'ETC', 'FIL'].entries()) {
    const decimals = await chain.readContract({ address: c(symbol), abi: abis.faucetTokenAbi, functionName: 'decimals' });
    const onChain = [...claimed, ...paidInSales].filter((e) => e.args.coin === coin).reduce((s, e) => s + e.args.amount!, 0n);
    const inCsv = rewardRows.filter((r) => r[1] === symbol).reduce((s, r) => s + parseUnits(r[2], decimals), 0n);
    expect(inCsv, `${symbol} total`).toBe(onChain);
  }
  const [, ...all] = parse(await downloaded('All activity CSV'));
  await expect(page.getByText(new RegExp(`^${all.length} of ${all.length} entries$`))).toBeVisible();

  // The calendar: the Portfolio's items, one VEVENT each.
  const ics = await downloaded('Calendar (.ics)');
  expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  const uids = [...ics.matchAll(/^UID:(.+)-0x[0-9a-f]{40}@hashmint\r$/gm)].map((m) => m[1]).sort();
  expect(ics.match(/^BEGIN:VEVENT\r$/gm)?.length).toBe(uids.length);
  await page.getByRole('navigation').first().getByRole('link', { name: 'Portfolio', exact: true }).click();
  const items = page.locator('[data-testid^="calendar-"]');
  await expect(items.first()).toBeVisible({ timeout: 30_000 });
  const keys = (await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('calendar-'.length)))).sort();
  expect(uids).toEqual(keys);

  // Cost and returns: NFT #4 cost bob 600 USDT; its rewards are the claims above, in USD at each claim's
  // price; its value now is the floor of its product, which is its own listing at 585 USDT (the seed lists
  // no other product-0 NFT and makes no offer): profit = rewards + 585 − 600.
  const usdOfClaims = await Promise.all(
    claimed.filter((e) => e.args.tokenId === 4n).map(async (e) => {
      const [, price] = await chain.readContract({ address: c('BTC_USD'), abi: abis.priceFeedAbi, functionName: 'latestRoundData', blockNumber: e.blockNumber });
      return (e.args.amount! * price) / 10n ** 10n;
    }),
  );
  const rewards4 = usdOfClaims.reduce((s, v) => s + v, 0n);
  const row4 = page.getByTestId('returns-4');
  await expect(row4).toContainText(formatUsd(600));
  await expect(row4).toContainText(formatUsd(Number(rewards4) / 1e6));
  const listing4 = await chain.readContract({ address: c('Marketplace'), abi: abis.marketplaceAbi, functionName: 'listing', args: [await chain.readContract({ address: c('Marketplace'), abi: abis.marketplaceAbi, functionName: 'listingOfToken', args: [4n] })] });
  expect(listing4.price).toBe(parseUnits('585', 6));
  await expect(row4).toHaveAttribute('data-basis', 'floor');
  await expect(row4.getByTestId('returns-value')).toContainText(formatUsd(585));
  await expect(row4).toContainText(formatUsd(Number(rewards4 + listing4.price - parseUnits('600', 6)) / 1e6));
});

test('a listing sold on chain that the indexer has not seen yet is never offered as buyable', async ({ page }) => {
  test.setTimeout(120_000);
  await caughtUp();
  // Freeze the indexer as the page sees it: answers captured before the sale, as an indexer one block behind.
  const frozen = new Map<string, string>();
  await page.route(`${indexerUrl}/**`, async (route) => {
    const key = new URL(route.request().url()).pathname + new URL(route.request().url()).search.replace(/now=\d+/, '');
    if (!frozen.has(key)) frozen.set(key, await (await route.fetch()).text());
    await route.fulfill({ status: 200, contentType: 'application/json', headers: { 'access-control-allow-origin': '*' }, body: frozen.get(key)! });
  });
  await page.goto(`${appUrl}#/market`);
  await expect(page.getByTestId('market-source')).toHaveAttribute('data-source', 'indexer', { timeout: 30_000 });
  const card = page.getByTestId(/^listing-\d+$/).first();
  await expect(card.getByRole('button', { name: 'Buy' })).toBeEnabled({ timeout: 30_000 });
  const id = BigInt((await card.getAttribute('data-testid'))!.slice('listing-'.length));
  // Dave buys it on chain.
  const listing = await chain.readContract({ address: c('Marketplace'), abi: abis.marketplaceAbi, functionName: 'listing', args: [id] });
  await chain.waitForTransactionReceipt({ hash: await sendWrite(daveWallet, { address: c('USDT'), abi: abis.faucetTokenAbi, functionName: 'approve', args: [c('Marketplace'), listing.price] }) });
  await chain.waitForTransactionReceipt({ hash: await sendWrite(daveWallet, { address: c('Marketplace'), abi: abis.marketplaceAbi, functionName: 'buy', args: [id, listing.price] }) });
  // The page still lists it (the frozen indexer), but the chain's status takes the buy button away.
  await expect(page.getByTestId(`listing-${id}`).getByRole('button')).toHaveText('Not buyable: sold', { timeout: 30_000 });
  await expect(page.getByTestId('market-source')).toHaveAttribute('data-source', 'indexer');
});

test('when the indexer stops answering, the Marketplace says so and shows the chain with the right data', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(`${appUrl}#/market`);
  await expect(page.getByTestId('market-source')).toHaveAttribute('data-source', 'indexer', { timeout: 30_000 });
  await expect(page.getByRole('tab', { name: /^Listings \(\d+\)$/ })).toBeVisible();
  const count = Number((await page.getByRole('tab', { name: /^Listings/ }).textContent())!.match(/\d+/)![0]);
  // The indexer goes away mid-session.
  await page.route(`${indexerUrl}/**`, (route) => route.abort('connectionrefused'));
  await expect(page.getByTestId('market-source')).toHaveText('The indexer is not answering: listings are read from the chain instead.', { timeout: 30_000 });
  await expect(page.getByTestId('market-source')).toHaveAttribute('data-source', 'chain');
  // The chain's own count of active listings, and the same on the page.
  const total = await chain.readContract({ address: c('Marketplace'), abi: abis.marketplaceAbi, functionName: 'listingCount' });
  const ids = Array.from({ length: Number(total) }, (_, i) => BigInt(i + 1));
  const statuses = await chain.readContract({ address: c('Marketplace'), abi: abis.marketplaceAbi, functionName: 'statuses', args: [ids] });
  const active = statuses.filter((s) => s === 0).length;
  expect(active).toBe(count);
  await expect(page.getByRole('tab', { name: `Listings (${active})` })).toBeVisible({ timeout: 30_000 });
  for (const [i, s] of statuses.entries()) {
    if (s === 0) await expect(page.getByTestId(`listing-${ids[i]}`).getByRole('button', { name: 'Buy' })).toBeEnabled();
  }
});

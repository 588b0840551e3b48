// The indexer really stopped mid-session (not a request intercepted): this spec runs its own chain (anvil,
// deployed and seeded), its own indexer process and the app's production build (vite build, then vite
// preview) on this slot's ports (88x0 anvil, 88x1 indexer, 458x app). The production build runs under its
// Content-Security-Policy, which must let it reach the indexer (history.spec.ts covers the development
// server through `npm run dev`). With the page open on the indexer's data, the indexer process is sent
// SIGTERM and exits; then:
//   - the Marketplace says the indexer is not answering and reads the chain, with the chain's count and
//     every active listing buyable, and a listing sold on chain while the indexer is down is gone;
//   - Activity says the history cannot be shown and shows no entry (nothing it cannot vouch for);
//   - the Portfolio says cost and returns cannot be known, and still shows the NFTs from the chain.
// Restarted on the same database, the indexer catches up and the Marketplace reads it again, current.
import { expect, test, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Address } from 'viem';
import { startIndexer, type Indexer } from '../indexer/process.ts';
import { bin, startAnvil } from '../scripts/lib/anvil.ts';
import { clients, devAccount, devPrivateKey, send, type Ctx } from '../scripts/lib/chain.ts';
import { deployProtocol, type Deployment } from '../scripts/lib/protocol.ts';
import { seed, SEED_DAYS } from '../scripts/lib/seed.ts';
import * as abis from '../src/abi/abis.ts';
import { E2E, ROOT } from './support/env.ts';
import { installTestWallet } from './wallet/testWallet.ts';
import { testWalletOption } from './wallet/rainbowkit.ts';

const slot = Number(process.env.E2E_SLOT ?? 0);
const anvilPort = 8800 + 10 * slot;
const indexerPort = 8801 + 10 * slot;
const appPort = 4580 + slot;
const appUrl = `http://127.0.0.1:${appPort}/`;
const CHAIN_ID = 31337;

let anvil: Awaited<ReturnType<typeof startAnvil>> | undefined;
let ctx: Ctx;
let d: Deployment;
let dir: string;
let indexer: Indexer | undefined;
let vite: ChildProcess | undefined;
let viteOut = '';

const c = (name: string) => d.contracts[name] as Address;
const market = () => ({ address: c('Marketplace'), abi: abis.marketplaceAbi }) as const;
const head = async () => Number(await ctx.publicClient.getBlockNumber());
const startOwnIndexer = () => startIndexer({ port: indexerPort, rpcUrl: anvil!.rpcUrl, deploymentsDir: dir, pgliteDir: join(dir, 'pglite') });

/** The chain's own active listings (Marketplace.statuses, 0 = Active). */
async function activeOnChain(): Promise<bigint[]> {
  const total = await ctx.publicClient.readContract({ ...market(), functionName: 'listingCount' });
  const ids = Array.from({ length: Number(total) }, (_, i) => BigInt(i + 1));
  const statuses = await ctx.publicClient.readContract({ ...market(), functionName: 'statuses', args: [ids] });
  return ids.filter((_, i) => statuses[i] === 0);
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  anvil = await startAnvil({ port: anvilPort, chainId: CHAIN_ID, timestamp: Math.floor(Date.now() / 1000) - SEED_DAYS * 86400 });
  ctx = await clients(anvil.rpcUrl, devAccount(0));
  d = await deployProtocol(ctx, { local: true, rpcUrl: anvil.rpcUrl, write: false });
  await seed(ctx, d);
  dir = mkdtempSync(join(tmpdir(), 'hashmint-indexer-stop-'));
  writeFileSync(join(dir, `${CHAIN_ID}.json`), JSON.stringify(d));
  indexer = startOwnIndexer();
  await indexer.waitForBlock(await head(), 180_000);
  // The app built for this chain (its deployment from `dir`) and this indexer, served as a host would.
  const env = { ...process.env, HASHMINT_DEPLOYMENTS_DIR: dir, VITE_DEFAULT_CHAIN_ID: String(CHAIN_ID), [`VITE_RPC_URL_${CHAIN_ID}`]: anvil.rpcUrl, VITE_INDEXER_URL: indexer.url };
  const out = join(dir, 'app');
  const build = spawnSync(bin('vite'), ['build', '--outDir', out, '--emptyOutDir'], { cwd: ROOT, env, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`vite build failed:\n${build.stdout}\n${build.stderr}`);
  vite = spawn(bin('vite'), ['preview', '--outDir', out, '--port', String(appPort), '--strictPort', '--host', '127.0.0.1'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  vite.stdout!.on('data', (b) => (viteOut += b));
  vite.stderr!.on('data', (b) => (viteOut += b));
  await expect
    .poll(async () => (vite!.exitCode !== null ? `exited: ${viteOut}` : await fetch(appUrl).then((r) => (r.ok ? 'up' : 'down'), () => 'down')), { timeout: 60_000 })
    .toBe('up');
});

test.afterAll(async () => {
  await indexer?.stop();
  if (vite && vite.exitCode === null) {
    const exited = new Promise((r) => vite!.once('exit', r));
    vite.kill('SIGTERM');
    await exited;
  }
  anvil?.proc.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Full-page pictures at 1280 and 390 px wide, beside the other specs' (E2E.screenshots). */
async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  const pin = await page.addStyleTag({ content: 'header.sticky{position:relative !important}' });
  await page.screenshot({ path: join(E2E.screenshots, `${name}-desktop.png`), fullPage: true });
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(E2E.screenshots, `${name}-phone.png`), fullPage: true });
  if (size) await page.setViewportSize(size);
  await pin.evaluate((el) => (el as Element).remove());
}

async function connect(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await installTestWallet(page, { privateKeys: [devPrivateKey(2)], chains: [{ chainId: CHAIN_ID, rpcUrl: anvil!.rpcUrl }] });
  await page.goto(appUrl);
  await page.getByTestId('connect-button').click();
  await testWalletOption(page).click();
  await expect(page.getByTestId('account-button')).toBeVisible({ timeout: 30_000 });
}

const listingsTab = (page: Page) => page.getByRole('tab', { name: /^Listings \(\d+\)$/ });
const shownCount = async (page: Page) => Number((await listingsTab(page).textContent())!.match(/\d+/)![0]);

test('stopping the indexer process mid-session: a visible notice on every history page, the chain read instead, no wrong data; a restart is read again', async ({ page }) => {
  test.setTimeout(300_000);
  await connect(page);

  // The production build's policy lets it reach the indexer (and only what it needs).
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp?.match(/connect-src [^;]*/)?.[0].split(' ')).toContain(new URL(indexer!.url).origin);

  // Up: the Marketplace reads the indexer; Activity has bob's history; the Portfolio his cost and returns.
  await page.goto(`${appUrl}#/market`);
  await expect(page.getByTestId('market-source')).toHaveAttribute('data-source', 'indexer', { timeout: 60_000 });
  await expect(listingsTab(page)).toBeVisible();
  expect(await shownCount(page)).toBe((await activeOnChain()).length);
  // The history charts: the product with sales first (the seed's sale of #5), its floor and volume.
  await expect(page.getByTestId('volume-chart')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('floor-chart')).toBeVisible();
  await shot(page, 'indexer-market-history');
  await page.goto(`${appUrl}#/activity`);
  await expect(page.getByTestId('activity-row').first()).toBeVisible({ timeout: 30_000 });
  await page.goto(`${appUrl}#/portfolio`);
  await expect(page.getByTestId('returns-total')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('earned-chart')).toBeVisible({ timeout: 30_000 });
  await shot(page, 'indexer-portfolio-returns');

  // The indexer process stops (SIGTERM; it exits and its port closes).
  await indexer!.stop();
  expect(indexer!.proc.exitCode !== null || indexer!.proc.signalCode !== null).toBe(true);
  await expect(fetch(`${indexer!.url}/status`)).rejects.toThrow();

  // Portfolio: says what cannot be known; the NFTs still come from the chain.
  await expect(page.getByTestId('returns-unavailable')).toHaveText(/The indexer is not answering, so what your NFTs cost, the rewards they paid over time, their current value, profit and ROI cannot be shown/, { timeout: 30_000 });
  await expect(page.getByTestId('returns-total')).toHaveCount(0);
  await expect(page.getByRole('list', { name: 'Your NFTs' }).getByRole('listitem').first()).toBeVisible();
  await shot(page, 'indexer-stopped-portfolio');

  // Activity: a notice, and no entry at all.
  await page.goto(`${appUrl}#/activity`);
  await expect(page.getByTestId('activity-source')).toHaveText('The indexer is not answering, so the history cannot be shown. It is checked again every few seconds.', { timeout: 30_000 });
  await expect(page.getByTestId('activity-row')).toHaveCount(0);

  // Marketplace: the notice, and the chain's listings.
  await page.goto(`${appUrl}#/market`);
  await expect(page.getByTestId('market-source')).toHaveText('The indexer is not answering: listings are read from the chain instead.', { timeout: 30_000 });
  await expect(page.getByTestId('market-source')).toHaveAttribute('data-source', 'chain');
  const before = await activeOnChain();
  await expect(page.getByRole('tab', { name: `Listings (${before.length})`, exact: true })).toBeVisible({ timeout: 60_000 });
  for (const id of before) await expect(page.getByTestId(`listing-${id}`).getByRole('button', { name: 'Buy' })).toBeEnabled();

  // While the indexer is down, dave buys one of them on chain: the page (reading the chain) drops it.
  const dave = devAccount(4);
  const sold = before[0];
  const l = await ctx.publicClient.readContract({ ...market(), functionName: 'listing', args: [sold] });
  await send(ctx, { address: c('USDT'), abi: abis.faucetTokenAbi, functionName: 'approve', args: [c('Marketplace'), l.price] }, dave);
  await send(ctx, { ...market(), functionName: 'buy', args: [sold, l.price] }, dave);
  const after = await activeOnChain();
  expect(after.length).toBe(before.length - 1);
  await expect(page.getByRole('tab', { name: `Listings (${after.length})`, exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId(`listing-${sold}`).getByRole('button', { name: 'Buy' })).toHaveCount(0);
  await expect(page.getByTestId('market-source')).toHaveAttribute('data-source', 'chain');

  // Restarted on the same database, it indexes what it missed (the sale) and the page reads it again.
  indexer = startOwnIndexer();
  await indexer.waitForBlock(await head(), 180_000);
  await expect(page.getByTestId('market-source')).toHaveAttribute('data-source', 'indexer', { timeout: 60_000 });
  await expect(page.getByRole('tab', { name: `Listings (${after.length})`, exact: true })).toBeVisible({ timeout: 30_000 });
  const sales = (await (await fetch(`${indexer.url}/market/sales?limit=1`)).json()) as { listingId: string; price: string }[];
  expect(sales[0]).toMatchObject({ listingId: String(sold), price: String(l.price) });
  // Not one request was refused by the policy (the indexer's included), before, during or after the stop.
  expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
});

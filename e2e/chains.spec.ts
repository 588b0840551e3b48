// Any EVM chain, and any static host under any sub-path. This spec starts its own second anvil with
// another chain id, deploys the protocol there with a private key through the real deploy path
// (deployProtocol, as `npm run deploy` does) and seeds it, then builds the app from a deployments folder
// holding the committed 31337.json plus the new <chainId>.json (HASHMINT_DEPLOYMENTS_DIR: no code, no
// committed file changed), serves the build from a plain static server under a sub-path, and buys hash
// power on the new chain from the browser, checking the result on that chain's own RPC.
import { expect, test, type ConsoleMessage, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPublicClient, http, parseUnits, type Address } from 'viem';
import { bin, startAnvil } from '../scripts/lib/anvil.ts';
import { clients, devAccount, devPrivateKey } from '../scripts/lib/chain.ts';
import { deployProtocol, type Deployment } from '../scripts/lib/protocol.ts';
import { seed, SEED_DAYS } from '../scripts/lib/seed.ts';
import { onChain } from './support/contracts.ts';
import { E2E, ROOT, rpcUrl as mainRpcUrl } from './support/env.ts';
import { serveStatic, type StaticSite } from './support/staticServer.ts';
import { installTestWallet } from './wallet/testWallet.ts';
import { testWalletOption } from './wallet/rainbowkit.ts';

const slot = Number(process.env.E2E_SLOT ?? 0);
const CHAIN_ID = 31338;
const CHAIN_NAME = 'Hashmint Second Chain';
const anvilPort = 8608 + 10 * slot; // slot 8: 8688
const SUB_PATH = '/hashmint/app';
const work = join(ROOT, 'test-results', `chains-${slot}`);
const S21 = 0n; // seeded "Antminer S21 · 180 days": 60 USDT a unit
const alice = devAccount(1).address;

let anvil: ChildProcess | undefined;
let site: StaticSite | undefined;
let second: Deployment;
let secondRpcUrl: string;

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (out += b));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} failed (${code}):\n${out}`))));
  });
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  // 1. A second chain: its own anvil and chain id, with the clock set so seeding ends near today.
  const now = Math.floor(Date.now() / 1000);
  const started = await startAnvil({ port: anvilPort, chainId: CHAIN_ID, timestamp: now - SEED_DAYS * 86400 });
  anvil = started.proc;
  secondRpcUrl = started.rpcUrl;

  // 2. The real deploy path with a private key (what `npm run deploy` runs), not written into the repo.
  const ctx = await clients(secondRpcUrl, devPrivateKey(0));
  expect(ctx.chainId).toBe(CHAIN_ID);
  second = await deployProtocol(ctx, { local: true, rpcUrl: secondRpcUrl, name: CHAIN_NAME, write: false });
  await seed(ctx, second);

  // 3. Configuration only: a deployments folder = the committed chain + the new chain's JSON.
  rmSync(work, { recursive: true, force: true });
  const dir = join(work, 'deployments');
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(ROOT, 'deployments', `${E2E.chainId}.json`), join(dir, `${E2E.chainId}.json`));
  writeFileSync(join(dir, `${CHAIN_ID}.json`), JSON.stringify(second, null, 2) + '\n');

  // 4. A production build from that folder, with the new chain as the one read without a wallet (and
  //    the one RainbowKit connects to: main.tsx passes it as initialChain). 31337 reads go to this run's
  //    e2e anvil, as in global-setup.
  const outDir = join(work, 'dist');
  await run(bin('vite'), ['build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    ...process.env,
    HASHMINT_DEPLOYMENTS_DIR: dir,
    VITE_RPC_URL_31337: mainRpcUrl,
    VITE_DEFAULT_CHAIN_ID: String(CHAIN_ID),
  });

  // 5. Served as plain files under a sub-path.
  site = await serveStatic(outDir, 0, SUB_PATH);
});

test.afterAll(async () => {
  await site?.close();
  anvil?.kill('SIGTERM');
});

/** Collects what would mean the sub-path or the CSP is broken: failed requests and console errors. */
/** Desktop and phone captures into e2e/screenshots, as the `shot` fixture does. */
async function shot(page: Page, name: string) {
  const size = page.viewportSize();
  await page.screenshot({ path: join(E2E.screenshots, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(150);
  await page.screenshot({ path: join(E2E.screenshots, `${name}-phone.png`), fullPage: true });
  if (size) await page.setViewportSize(size);
}

function watchProblems(page: Page) {
  const problems: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error' && /Content Security Policy|Failed to load/i.test(m.text())) problems.push(m.text());
  });
  // A request the page itself cancels (an RPC poll in flight during a reload or navigation) is not a failure.
  page.on('requestfailed', (r) => {
    const reason = r.failure()?.errorText ?? '';
    if (reason !== 'net::ERR_ABORTED') problems.push(`${r.method()} ${r.url()}: ${reason}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
  });
  return problems;
}

test('the static build under a sub-path loads every file from that sub-path and allows the new chain in its CSP', async ({ page }) => {
  const problems = watchProblems(page);
  const html = await (await fetch(site!.url)).text();
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
  expect(csp).toContain(`connect-src 'self'`);
  expect(csp).toContain(new URL(secondRpcUrl).origin);
  expect(csp).toContain(new URL(mainRpcUrl).origin);

  await page.goto(`${site!.url}#/market`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // Read-only, without a wallet, the page reads the new chain.
  await expect(page.getByRole('contentinfo')).toContainText(`${CHAIN_NAME} (chain ${CHAIN_ID})`);
  await page.reload(); // a deep link reloads from the static host: routing is in the hash
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.getByRole('link', { name: /Products/ }).first().click();
  await expect(page.getByTestId(`product-${S21}`)).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`^${site!.url.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}#/?$`));

  const served = site!.log.filter((l) => l.status === 200).map((l) => l.path);
  expect(served.some((p) => /\/assets\/.+\.js$/.test(p))).toBe(true);
  expect(served.every((p) => p.startsWith(`${SUB_PATH}/`))).toBe(true);
  expect(site!.log.filter((l) => l.status !== 200 && l.status !== 301)).toEqual([]);
  expect(problems).toEqual([]);
});

test(`connect on chain ${CHAIN_ID}, see its products, buy one, and find it on that chain`, async ({ page }) => {
  const problems = watchProblems(page);
  const wallet = await installTestWallet(page, {
    privateKeys: [devPrivateKey(1)],
    chains: [
      { chainId: CHAIN_ID, rpcUrl: secondRpcUrl },
      { chainId: E2E.chainId, rpcUrl: mainRpcUrl },
    ],
  });
  const secondClient = createPublicClient({ transport: http(secondRpcUrl), cacheTime: 0 });
  const mainClient = createPublicClient({ transport: http(mainRpcUrl), cacheTime: 0 });
  const usdt = (client: typeof secondClient, d: Deployment, who: Address) =>
    client.readContract({ ...onChain(d).contract('USDT'), functionName: 'balanceOf', args: [who] });
  const nfts = (client: typeof secondClient, d: Deployment, who: Address) =>
    client.readContract({ ...onChain(d).contract('HashNFT'), functionName: 'tokensOfOwner', args: [who] });
  const mainDeployment = JSON.parse(readFileSync(join(ROOT, 'deployments', `${E2E.chainId}.json`), 'utf8')) as Deployment;

  const usdtBefore = await usdt(secondClient, second, alice);
  const nftsBefore = await nfts(secondClient, second, alice);
  const mainUsdtBefore = await usdt(mainClient, mainDeployment, alice);
  const mainNftsBefore = await nfts(mainClient, mainDeployment, alice);

  await page.goto(site!.url);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.getByTestId('connect-button').click();
  await testWalletOption(page).click();
  await expect(page.getByTestId('account-button')).toBeVisible();
  expect(wallet.chainId).toBe(CHAIN_ID);
  await expect(page.getByTestId('chain-button')).toContainText(CHAIN_NAME);
  // The wallet's chain is supported: no wrong-network prompt.
  await expect(page.getByRole('button', { name: /Switch (network|to)/i })).toHaveCount(0);

  // Chain 31338's products, read from its own RPC.
  const product = page.getByTestId(`product-${S21}`);
  await expect(product).toContainText('Antminer S21 · 180 days');
  await product.getByRole('button', { name: 'Buy' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByLabel(/Units/).fill('2');
  await expect(dialog.getByTestId('buy-total')).toHaveText('120 USDT');
  await dialog.getByRole('button', { name: 'Sign permit and buy' }).click();
  await expect(dialog.getByText('You bought 2 units (20 TH/s).')).toBeVisible();

  // On chain 31338: 120 USDT paid and one new NFT of 20 TH/s; the transaction is in that chain.
  expect(await usdt(secondClient, second, alice)).toBe(usdtBefore - parseUnits('120', 6));
  const after = await nfts(secondClient, second, alice);
  expect(after.length).toBe(nftsBefore.length + 1);
  const newest = after.find((id) => !nftsBefore.includes(id))!;
  const position = await secondClient.readContract({ ...onChain(second).contract('HashNFT'), functionName: 'positionOf', args: [newest] });
  expect(position[2]).toBe(20n);
  const sent = wallet.sentTransactions();
  expect(sent.length).toBe(1);
  const receipt = await secondClient.getTransactionReceipt({ hash: sent[0] });
  expect(receipt.status).toBe('success');
  expect((await secondClient.getTransaction({ hash: sent[0] })).chainId).toBe(CHAIN_ID);
  // Nothing happened on chain 31337 (same contract addresses there, same deployer nonces).
  expect(await usdt(mainClient, mainDeployment, alice)).toBe(mainUsdtBefore);
  expect((await nfts(mainClient, mainDeployment, alice)).length).toBe(mainNftsBefore.length);

  // The page shows the new position after the purchase (data refreshed from chain 31338).
  await dialog.getByRole('link', { name: /portfolio/i }).click();
  await expect(page).toHaveURL(`${site!.url}#/portfolio`);
  await expect(page.getByTestId(`holding-${newest}`)).toContainText('20 TH/s');
  await shot(page, 'chains-second-chain-portfolio');

  // One build serves both chains: switching the wallet to 31337 shows that chain's data, not 31338's.
  await wallet.switchChain(E2E.chainId);
  await expect(page.getByTestId('chain-button')).toContainText('Hashmint Local');
  await expect(page.getByRole('contentinfo')).toContainText(`(chain ${E2E.chainId})`);
  await expect(page.getByTestId(`holding-${mainNftsBefore[0]}`)).toBeVisible();
  await expect(page.getByTestId(`holding-${newest}`)).toHaveCount(0);
  expect(wallet.sentTransactions().length).toBe(1);
  expect(problems).toEqual([]);
});

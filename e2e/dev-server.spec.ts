// `npm run dev` itself, in a browser: the real scripts/dev.ts (local chain, not a fork) on this slot's ports,
// and the app it serves through Vite's development server, which runs React's development build (the
// production build that the other specs use never showed React 19.2.0's development-only freeze on bigint
// props). Every page is opened directly and through the navigation and must show its data, with no page
// error and no console error; the test wallet connects through RainbowKit's modal and buys hash power
// through the page; Ctrl-C must stop everything, and the files dev.ts regenerates must come out
// byte-identical (its deployment addresses are deterministic).
import { expect, test, type ConsoleMessage, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPublicClient, http, parseUnits, type Address } from 'viem';
import { bin, portFree } from '../scripts/lib/anvil.ts';
import { chainFor, devAccount, devPrivateKey } from '../scripts/lib/chain.ts';
import type { Deployment } from '../scripts/lib/protocol.ts';
import { onChain } from './support/contracts.ts';
import { ROOT } from './support/env.ts';
import { installTestWallet, type TestWallet } from './wallet/testWallet.ts';
import { testWalletOption } from './wallet/rainbowkit.ts';

const slot = Number(process.env.E2E_SLOT ?? 0);
// Ports ending in 4 (anvil) and 43xx (app): e2e/support/env.ts uses 85x6/85x7 and 418x, fork.spec 86x5/86x9
// and 428x, chains.spec 86x8, bench 96xx.
const anvilPort = 8604 + 10 * slot;
const indexerPort = 8603 + 10 * slot;
const appPort = 4380 + slot;
const appUrl = `http://127.0.0.1:${appPort}/`;
const devRpcUrl = `http://127.0.0.1:${anvilPort}`;
const CHAIN_ID = 31337;
/** Bob (dev account 2) has a bit of everything in the seed: NFTs, listings, a loan, a deposit, a pool share. */
const bob = devAccount(2).address;
const BOB_NFT = 4n; // bob's 100 TH/s BTC NFT, listed at 585 USDT
const BOB_LOAN = 1n; // loan ids start at 1
const BOB_POOL = 1n;
/** What dev.ts (non-fork) writes: committed, and the same bytes on every run. */
const generatedFiles = ['deployments/31337.json', 'src/abi/deployments.ts', 'src/abi/abis.ts'];
const read = () => generatedFiles.map((f) => readFileSync(join(ROOT, f)));
const filesBefore = read();
const deployment = JSON.parse(filesBefore[0].toString('utf8')) as Deployment;
const chainClient = createPublicClient({ chain: chainFor(CHAIN_ID, devRpcUrl), transport: http(), cacheTime: 0 });

const usdtOf = (who: Address) => chainClient.readContract({ ...onChain(deployment).contract('USDT'), functionName: 'balanceOf', args: [who] });

let dev: ChildProcess | undefined;
let devOut = '';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  dev = spawn(bin('tsx'), ['scripts/dev.ts'], {
    cwd: ROOT,
    env: { ...process.env, ANVIL_PORT: String(anvilPort), PORT: String(appPort), INDEXER_PORT: String(indexerPort), FORK_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  dev.stdout!.on('data', (b) => (devOut += b));
  dev.stderr!.on('data', (b) => (devOut += b));
  await expect
    .poll(() => (dev!.exitCode === null ? devOut : `exited ${dev!.exitCode}: ${devOut}`), { timeout: 200_000, intervals: [500] })
    .toContain('Press Ctrl-C');
});

test.afterAll(async () => {
  if (dev && dev.exitCode === null) {
    const exited = new Promise((r) => dev!.once('exit', r));
    dev.kill('SIGINT');
    await exited;
  }
});

/** Every uncaught error and every console error of the page, as text. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
  });
  return errors;
}

async function openWallet(page: Page): Promise<TestWallet> {
  return installTestWallet(page, { privateKeys: [devPrivateKey(2)], chains: [{ chainId: CHAIN_ID, rpcUrl: devRpcUrl }] });
}

/** Waits for a page's data; if it never comes, the failure carries the page's errors (usually the cause). */
async function expectReady(page: Page, p: (typeof PAGES)[number], errors: string[], how: string) {
  try {
    await p.ready(page);
    await expectNoLoading(page);
  } catch (e) {
    if (errors.length === 0) throw e;
    throw new Error(`${p.path} (${how}) did not show its data, after these errors:\n${errors.join('\n')}\n\n${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  expect(errors, `errors on ${p.path} (${how})`).toEqual([]);
}

/** No placeholder left: every LoadingCards / skeleton region announces itself as a "Loading …" status. */
async function expectNoLoading(page: Page) {
  await expect(page.getByRole('status', { name: /^Loading/ })).toHaveCount(0, { timeout: 30_000 });
}

/** Each route and what shows that its page read its data (for bob, connected). */
const PAGES: { path: string; link?: string; ready: (page: Page) => Promise<void> }[] = [
  {
    path: '#/',
    link: 'Products',
    ready: async (page) => {
      await expect(page.getByTestId('product-0')).toContainText('Antminer S21 · 180 days');
      await expect(page.getByTestId('product-5')).toContainText('S21 Hydro · 60 days · limited');
    },
  },
  {
    path: '#/market',
    link: 'Marketplace',
    ready: async (page) => {
      // Past the newest-listings read: the whole market is in (floors, recent sales, the count, my listings).
      await expect(page.getByTestId('floor-0')).toContainText('USDT');
      await expect(page.getByTestId('recent-sales')).toContainText('#5');
      await expect(page.getByRole('tab', { name: /^Listings \(\d+\)$/ })).toBeVisible();
      await expect(page.getByRole('tab', { name: /^My listings \(\d+\)$/ })).toBeVisible();
      await expect(page.getByText('Loading the whole market…')).toHaveCount(0);
      await expect(page.getByTestId('market-partial')).toHaveCount(0);
    },
  },
  {
    path: '#/loans',
    link: 'Loans',
    ready: async (page) => {
      await expect(page.getByTestId(`loan-${BOB_LOAN}-debt`)).toContainText('USDT');
      await expect(page.getByTestId(`loan-${BOB_LOAN}-hf`)).toHaveText(/\d/);
      await expect(page.getByRole('group', { name: 'NFTs to pledge' }).or(page.getByText('No NFT to pledge'))).toBeVisible();
      await expect(page.getByText(/No loan can be liquidated right now|Liquidatable now/).first()).toBeVisible();
    },
  },
  {
    path: '#/earn',
    link: 'Earn',
    ready: async (page) => {
      await expect(page.getByTestId('vault-utilisation')).toHaveText(/%/);
      await expect(page.getByTestId('term-0')).toBeVisible();
      await expect(page.getByTestId('position-1-principal')).toContainText('5,000');
    },
  },
  {
    path: '#/pools',
    link: 'Pools',
    ready: async (page) => {
      for (const id of [0, 1, 2]) await expect(page.getByTestId(`pool-${id}-status`)).toHaveText(/\w/);
      await expect(page.getByTestId(`pool-${BOB_POOL}-position`)).toBeVisible();
    },
  },
  {
    path: '#/portfolio',
    link: 'Portfolio',
    ready: async (page) => {
      await expect(page.getByTestId(`holding-${BOB_NFT}`)).toBeVisible();
      await expect(page.getByTestId('claim-all')).toBeVisible();
    },
  },
  {
    path: '#/approvals',
    link: 'Approvals',
    ready: async (page) => {
      await expect(page.getByTestId('approvals-count')).toHaveText(/\d/);
      await expect(page.getByRole('heading', { name: 'NFT approvals' })).toBeVisible();
    },
  },
  {
    path: `#/nft/${BOB_NFT}`,
    ready: async (page) => {
      await expect(page.getByRole('heading', { level: 1, name: `Hashmint #${BOB_NFT}` })).toBeVisible();
      await expect(page.getByTestId('nft-listing')).toContainText('585');
    },
  },
];

test('the dev server serves every page with its data, directly and through the navigation, without an error', async ({ page }) => {
  test.setTimeout(240_000);
  const errors = watchErrors(page);
  const wallet = await openWallet(page);
  // The dev server compiles modules on first request: the first page gets time for that.
  await page.goto(appUrl);
  await expect(page.getByTestId('product-0')).toContainText('Antminer S21 · 180 days', { timeout: 90_000 });
  await expectReady(page, PAGES[0], errors, 'first load');

  // Connect through RainbowKit's own modal (loaded on first use), as a person does.
  await page.getByTestId('connect-button').click();
  await testWalletOption(page).click();
  await expect(page.getByTestId('account-button')).toBeVisible({ timeout: 30_000 });
  expect(wallet.isConnected).toBe(true);
  expect(wallet.address).toBe(bob);

  // Each page loaded directly (a fresh document each time; the wallet reconnects).
  for (const p of PAGES) {
    await page.goto('about:blank');
    await page.goto(`${appUrl}${p.path}`);
    await expect(page.getByTestId('account-button'), `${p.path}: reconnected`).toBeVisible({ timeout: 30_000 });
    await expectReady(page, p, errors, 'loaded directly');
  }

  // And through the navigation links, in one document.
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const p of [...PAGES.slice(1), PAGES[0]]) {
    if (!p.link) continue;
    await nav.getByRole('link', { name: p.link, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${p.path.replace(/[/#]/g, '\\$&')}$`));
    await expectReady(page, p, errors, `by its link`);
  }
  // From the Portfolio to an NFT's page by its link.
  await nav.getByRole('link', { name: 'Portfolio', exact: true }).click();
  await page.getByTestId(`holding-${BOB_NFT}`).getByRole('link', { name: new RegExp(`^#${BOB_NFT} · `) }).click();
  await expectReady(page, PAGES[PAGES.length - 1], errors, 'from the Portfolio');
});

test('through the dev server, the connected wallet buys hash power and the chain has it', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  const wallet = await openWallet(page);
  await page.goto(appUrl);
  const product = page.getByTestId('product-0');
  await expect(product).toContainText('Antminer S21 · 180 days', { timeout: 60_000 });
  await page.getByTestId('connect-button').click();
  await testWalletOption(page).click();
  await expect(page.getByTestId('account-button')).toBeVisible({ timeout: 30_000 });

  const nft = onChain(deployment).contract('HashNFT');
  const before = await chainClient.readContract({ ...nft, functionName: 'tokensOfOwner', args: [bob] });
  const usdtBefore = await usdtOf(bob);
  await product.getByRole('button', { name: 'Buy' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/Units/).fill('2');
  await expect(dialog.getByTestId('buy-total')).toHaveText('120 USDT');
  await dialog.getByRole('button', { name: 'Sign permit and buy' }).click();
  await expect(dialog.getByText('You bought 2 units (20 TH/s).')).toBeVisible({ timeout: 30_000 });

  const after = await chainClient.readContract({ ...nft, functionName: 'tokensOfOwner', args: [bob] });
  expect(after.length).toBe(before.length + 1);
  const minted = after.find((id) => !before.includes(id))!;
  const position = await chainClient.readContract({ ...nft, functionName: 'positionOf', args: [minted] });
  expect(position[2]).toBe(20n); // hashrate
  expect(await usdtOf(bob)).toBe(usdtBefore - parseUnits('120', 6));
  const [hash] = wallet.sentTransactions();
  const receipt = await chainClient.getTransactionReceipt({ hash });
  expect(receipt.to?.toLowerCase()).toBe(deployment.contracts.ProductSale.toLowerCase());
  expect(receipt.status).toBe('success');
  expect(errors).toEqual([]);
});

/** Runs a second `npm run dev` to its end and returns its exit code and output. */
function runDev(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const p = spawn(bin('tsx'), ['scripts/dev.ts'], { cwd: ROOT, env: { ...process.env, FORK_URL: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (b) => (out += b));
    p.stderr.on('data', (b) => (out += b));
    p.once('exit', (code) => resolve({ code, out }));
  });
}

test('a second npm run dev on a busy port stops with a one-line explanation before compiling anything', async () => {
  test.setTimeout(60_000);
  const otherApp = String(appPort + 100);
  const anvilBusy = await runDev({ ANVIL_PORT: String(anvilPort), PORT: otherApp });
  expect(anvilBusy.code).toBe(1);
  expect(anvilBusy.out.trim()).toBe(`✖ Port ${anvilPort} (anvil) is busy: stop the other anvil or dev server, or run with ANVIL_PORT=<free port>.`);
  const appBusy = await runDev({ ANVIL_PORT: String(anvilPort + 1000), PORT: String(appPort) });
  expect(appBusy.code).toBe(1);
  expect(appBusy.out.trim()).toBe(`✖ Port ${appPort} (the app) is busy: stop the other server or run with PORT=<free port>.`);
  // The running dev server was left alone.
  expect(await chainClient.getChainId()).toBe(CHAIN_ID);
  expect((await fetch(appUrl)).ok).toBe(true);
});

test('Ctrl-C stops anvil and the dev server, and the regenerated files are byte-identical', async () => {
  // The indexer ran beside them and follows the chain's head.
  const indexed = async () => {
    const status = (await (await fetch(`http://127.0.0.1:${indexerPort}/status`)).json()) as Record<string, { block: { number: number } }>;
    return Object.values(status)[0].block.number;
  };
  const head = Number(await chainClient.getBlockNumber());
  await expect.poll(indexed, { timeout: 30_000 }).toBeGreaterThanOrEqual(head);
  expect(devOut).toContain(`Indexer: http://127.0.0.1:${indexerPort}/graphql`);
  const exited = new Promise<number | null>((r) => dev!.once('exit', r));
  dev!.kill('SIGINT');
  expect(await exited).toBe(0);
  await expect(chainClient.getChainId()).rejects.toThrow();
  await expect(fetch(appUrl)).rejects.toThrow();
  // Nothing left listening (anvil's native child or Vite's server would hold their port).
  expect(await portFree(anvilPort)).toBe(true);
  expect(await portFree(appPort)).toBe(true);
  expect(await portFree(indexerPort)).toBe(true);
  const after = read();
  generatedFiles.forEach((f, i) => expect(after[i].equals(filesBefore[i]), `${f} is byte-identical`).toBe(true));
  expect(devOut).not.toContain('configLoader');
});

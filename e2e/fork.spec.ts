// Fork mode of `npm run dev` (FORK_URL), without the internet: an "upstream" anvil with its own chain id and
// state (an ETH transfer, a token contract with balances) stands in for a real chain. The real dev script is
// run against it; the test checks that the local chain is a fork (the upstream state is there, under the
// upstream chain id), that the protocol is deployed and seeded on top (and not upstream), that the committed
// deployments are left alone, and that the app the dev server serves reads the fork and buys hash power on it.
import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPublicClient, createWalletClient, http, parseEther, parseUnits, type Address, type Hex } from 'viem';
import { bin, startAnvil } from '../scripts/lib/anvil.ts';
import { chainFor, devAccount, devPrivateKey } from '../scripts/lib/chain.ts';
import type { Deployment } from '../scripts/lib/protocol.ts';
import { onChain, abiOf } from './support/contracts.ts';
import { ROOT } from './support/env.ts';
import { startRpcProxy, type RpcProxy } from './support/rpcProxy.ts';
import { installTestWallet } from './wallet/testWallet.ts';
import { testWalletOption } from './wallet/rainbowkit.ts';

const slot = Number(process.env.E2E_SLOT ?? 0);
const UPSTREAM_CHAIN_ID = 31339;
const upstreamPort = 8609 + 10 * slot;
const forkPort = 8605 + 10 * slot;
const appPort = 4280 + slot;
const appUrl = `http://127.0.0.1:${appPort}/`;
const forkRpcUrl = `http://127.0.0.1:${forkPort}`;
const holder: Address = '0x000000000000000000000000000000000000bEEF';
const sent = parseEther('1.234567');
const alice = devAccount(1).address;
const committedFiles = ['deployments/31337.json', 'src/abi/deployments.ts'];

let upstream: ChildProcess | undefined;
let proxy: RpcProxy | undefined; // between the fork and upstream: counts what the fork asks the "real" chain
let dev: ChildProcess | undefined;
let devOut = '';
let upstreamToken: Address;
let deployment: Deployment;
let deploymentFile: string;
let forkHome: string | undefined;
const committedBefore = committedFiles.map((f) => readFileSync(join(ROOT, f), 'utf8'));

const upstreamClient = createPublicClient({ chain: chainFor(UPSTREAM_CHAIN_ID, `http://127.0.0.1:${upstreamPort}`), transport: http(), cacheTime: 0 });
const forkClient = createPublicClient({ chain: chainFor(UPSTREAM_CHAIN_ID, forkRpcUrl), transport: http(), cacheTime: 0 });

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  // 1. The upstream chain and some state of its own, made by real transactions.
  const started = await startAnvil({ port: upstreamPort, chainId: UPSTREAM_CHAIN_ID });
  upstream = started.proc;
  const owner = createWalletClient({ chain: chainFor(UPSTREAM_CHAIN_ID, started.rpcUrl), transport: http(), account: devAccount(0) });
  await upstreamClient.waitForTransactionReceipt({ hash: await owner.sendTransaction({ to: holder, value: sent }) });
  const artifact = JSON.parse(readFileSync(join(ROOT, 'out', 'FaucetToken.sol', 'FaucetToken.json'), 'utf8')) as { bytecode: { object: Hex } };
  const deployed = await upstreamClient.waitForTransactionReceipt({
    hash: await owner.deployContract({ abi: abiOf('USDT'), bytecode: artifact.bytecode.object, args: ['Upstream Dollar', 'UPD', 6, 0n, 3600n, owner.account.address] }),
  });
  upstreamToken = deployed.contractAddress!;
  await upstreamClient.waitForTransactionReceipt({
    hash: await owner.writeContract({ address: upstreamToken, abi: abiOf('USDT'), functionName: 'mint', args: [holder, parseUnits('42', 6)] }),
  });

  // 2. `npm run dev` with FORK_URL, on this slot's ports.
  proxy = await startRpcProxy(started.rpcUrl);
  forkHome = mkdtempSync(join(tmpdir(), 'hashmint-fork-home-'));
  dev = spawn(bin('tsx'), ['scripts/dev.ts'], {
    cwd: ROOT,
    // A HOME of its own: anvil keeps fork state in ~/.foundry/cache/rpc/<chain id>/<block>, and a cache from an
    // earlier run would answer what this test expects the fork to fetch from upstream.
    env: { ...process.env, HOME: forkHome, FORK_URL: proxy.url, ANVIL_PORT: String(forkPort), PORT: String(appPort) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  dev.stdout!.on('data', (b) => (devOut += b));
  dev.stderr!.on('data', (b) => (devOut += b));
  await expect.poll(() => (dev!.exitCode === null ? devOut : `exited ${dev!.exitCode}: ${devOut}`), { timeout: 150_000, intervals: [500] }).toContain('Press Ctrl-C');
  deploymentFile = /Deployment of the fork: (\S+\.json)/.exec(devOut)![1];
  console.log(`fork start: ${proxy.methods().length} requests to the upstream RPC`);
  deployment = JSON.parse(readFileSync(deploymentFile, 'utf8')) as Deployment;
});

test.afterAll(async () => {
  if (dev && dev.exitCode === null) {
    const exited = new Promise((r) => dev!.once('exit', r));
    dev.kill('SIGINT'); // what Ctrl-C does: stops anvil and vite, removes the fork's deployment folder
    await exited;
  }
  await proxy?.close();
  upstream?.kill('SIGTERM');
  if (forkHome) rmSync(forkHome, { recursive: true, force: true });
});

test('the dev chain is a fork: upstream state and chain id, the protocol deployed and seeded on top only', async () => {
  expect(devOut).toContain(`Chain: Fork of chain ${UPSTREAM_CHAIN_ID} (id ${UPSTREAM_CHAIN_ID}) at ${forkRpcUrl}`);
  // The upstream's state, read from the local chain (which fetched it from upstream on first use).
  expect(await forkClient.getChainId()).toBe(UPSTREAM_CHAIN_ID);
  const asked = proxy!.methods().length;
  expect(await forkClient.getBalance({ address: holder })).toBe(sent);
  expect(await forkClient.readContract({ address: upstreamToken, abi: abiOf('USDT'), functionName: 'symbol' })).toBe('UPD');
  expect(await forkClient.readContract({ address: upstreamToken, abi: abiOf('USDT'), functionName: 'balanceOf', args: [holder] })).toBe(parseUnits('42', 6));
  expect(proxy!.methods().length).toBeGreaterThan(asked);
  // Those reads were fetched from upstream: the account (anvil 1.7 asks for it in one eth_getAccountInfo
  // when upstream answers it, else eth_getBalance and eth_getCode among others) and the token's storage.
  const fetched = new Set(proxy!.methods().slice(asked));
  const asFetched = `fetched from upstream: ${[...fetched].join(', ')}`;
  expect(fetched.has('eth_getAccountInfo') || (fetched.has('eth_getBalance') && fetched.has('eth_getCode')), asFetched).toBe(true);
  expect(fetched.has('eth_getStorageAt'), asFetched).toBe(true);
  // The deployer's upstream nonce carried over, so the protocol's addresses are not the committed 31337 ones.
  const committed = JSON.parse(committedBefore[0]) as Deployment;
  expect(deployment.chainId).toBe(UPSTREAM_CHAIN_ID);
  expect(deployment.contracts.ProductSale).not.toBe(committed.contracts.ProductSale);
  expect(deployment.startBlock).toBeGreaterThanOrEqual(Number(await upstreamClient.getBlockNumber()));

  // The protocol and the seed live on the fork, and nothing of it reached upstream.
  const sale = onChain(deployment).contract('ProductSale');
  expect(await forkClient.readContract({ ...sale, functionName: 'productCount' })).toBe(6n);
  expect((await forkClient.getCode({ address: sale.address }))?.length ?? 0).toBeGreaterThan(2);
  expect(await upstreamClient.getCode({ address: sale.address })).toBeUndefined();
  expect(await forkClient.getBlockNumber()).toBeGreaterThan(await upstreamClient.getBlockNumber());

  // The committed deployments are untouched, and no deployments/<upstream id>.json appeared.
  expect(committedFiles.map((f) => readFileSync(join(ROOT, f), 'utf8'))).toEqual(committedBefore);
  expect(existsSync(join(ROOT, 'deployments', `${UPSTREAM_CHAIN_ID}.json`))).toBe(false);
});

test('the dev server serves the app for the fork: the seeded products, and a purchase lands on the fork', async ({ page }) => {
  test.setTimeout(120_000);
  const wallet = await installTestWallet(page, { privateKeys: [devPrivateKey(1)], chains: [{ chainId: UPSTREAM_CHAIN_ID, rpcUrl: forkRpcUrl }] });
  await page.goto(appUrl);
  // The dev server compiles modules on first request: allow it time once.
  const product = page.getByTestId('product-0');
  await expect(product).toContainText('Antminer S21 · 180 days', { timeout: 60_000 });
  await expect(page.getByTestId('product-5')).toContainText('S21 Hydro · 60 days · limited');

  await page.getByTestId('connect-button').click();
  await testWalletOption(page).click();
  await expect(page.getByTestId('account-button')).toBeVisible();
  expect(wallet.isConnected).toBe(true);

  const nft = onChain(deployment).contract('HashNFT');
  const before = await forkClient.readContract({ ...nft, functionName: 'tokensOfOwner', args: [alice] });
  await product.getByRole('button', { name: 'Buy' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/Units/).fill('2');
  await expect(dialog.getByTestId('buy-total')).toHaveText('120 USDT');
  await dialog.getByRole('button', { name: 'Sign permit and buy' }).click();
  await expect(dialog.getByText('You bought 2 units (20 TH/s).')).toBeVisible({ timeout: 20_000 });

  const after = await forkClient.readContract({ ...nft, functionName: 'tokensOfOwner', args: [alice] });
  expect(after.length).toBe(before.length + 1);
  const [hash] = wallet.sentTransactions();
  const receipt = await forkClient.getTransactionReceipt({ hash });
  expect(receipt.to?.toLowerCase()).toBe(deployment.contracts.ProductSale.toLowerCase());
  expect(receipt.status).toBe('success');
  // Upstream never saw it.
  expect(await upstreamClient.getCode({ address: deployment.contracts.HashNFT })).toBeUndefined();
});

test('Ctrl-C stops the fork and the dev server and removes the fork\'s deployment folder', async () => {
  const exited = new Promise<number | null>((r) => dev!.once('exit', r));
  dev!.kill('SIGINT');
  expect(await exited).toBe(0);
  expect(existsSync(deploymentFile)).toBe(false);
  await expect(forkClient.getChainId()).rejects.toThrow();
  await expect(fetch(appUrl)).rejects.toThrow();
});

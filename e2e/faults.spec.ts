// Faults: the RPC node goes away mid-session, the wallet switches account or chain mid-flow, and a
// transaction that simulated fine reverts on chain because someone else got there first.
import { encodeFunctionData, keccak256, parseUnits, serializeTransaction, type Hex } from 'viem';
import { onChain, abiOf } from './support/contracts.ts';
import { formatAmount } from '../src/lib/format.ts';
import { devPrivateKey } from '../scripts/lib/chain.ts';
import { actAs, asTimelock, chainClient, expect, nftsOf, openApp, test, testClient, usdtBalance, users } from './support/fixtures.ts';
import { E2E, rpcUrl } from './support/env.ts';
import { startRpcProxy } from './support/rpcProxy.ts';
import { installTestWallet } from './wallet/testWallet.ts';
import { testWalletOption } from './wallet/rainbowkit.ts';
import type { Page } from '@playwright/test';

const S21 = 0n; // 60 USDT a unit, at most 200 per wallet; seeded: alice bought 3, bob 10

async function openBuy(page: Page, productId: bigint) {
  await page.getByTestId(`product-${productId}`).getByRole('button', { name: 'Buy' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  return dialog;
}

const usdtText = (v: bigint) => `${formatAmount(v, 6, 2)} USDT`;

test('the RPC node stops mid-session: a clear banner, nothing sent, and the page recovers when it returns', async ({ page, deployment, shot }) => {
  test.setTimeout(120_000);
  const proxy = await startRpcProxy(rpcUrl);
  try {
    // The app's reads and the wallet both reach the node only through the proxy.
    const node = new URL(rpcUrl).origin;
    await page.route(
      (url) => url.origin === node,
      async (route) => {
        try {
          const response = await route.fetch({ url: proxy.url, timeout: 5_000 });
          await route.fulfill({ response });
        } catch {
          await route.abort('connectionrefused');
        }
      },
    );
    const wallet = await installTestWallet(page, { privateKeys: [devPrivateKey(1)], chains: [{ chainId: E2E.chainId, rpcUrl: proxy.url }] });
    await openApp(page);
    await page.getByTestId('connect-button').click();
    await testWalletOption(page).click();
    await expect(page.getByTestId('account-button')).toBeVisible();
    const balance = await usdtBalance(deployment, users.alice.address);
    const nftsBefore = await nftsOf(deployment, users.alice.address);
    await expect(page.getByTestId(`product-${S21}`)).toBeVisible();

    proxy.setDown(true);
    const banner = page.getByTestId('rpc-down-banner');
    await expect(banner).toBeVisible({ timeout: 15_000 });
    await expect(banner).toContainText("Can't reach the network");
    await shot('fault-rpc-down');

    // Trying to buy while the node is gone: the button cannot be used, nothing reaches the wallet's send.
    const dialog = await openBuy(page, S21);
    await dialog.getByLabel(/Units/).fill('1');
    // The balance cannot be read, so the button waits instead of acting on an unknown balance.
    await expect(dialog.getByTestId('buy-balance')).toHaveText('…');
    await expect(dialog.getByTestId('buy-submit')).toBeDisabled();
    await expect(dialog.getByTestId('buy-submit')).toHaveText('Loading…');
    expect(wallet.sentTransactions()).toEqual([]);
    expect(wallet.requests().map((r) => r.method)).not.toContain('eth_sendTransaction');
    await dialog.getByRole('button', { name: /close/i }).first().click();

    // The node returns: the banner goes, reads retry and the numbers are back.
    proxy.setDown(false);
    await expect(banner).toBeHidden({ timeout: 20_000 });
    await expect(page.getByTestId(`product-${S21}`)).toBeVisible();
    const again = await openBuy(page, S21);
    await expect(again.getByTestId('buy-balance')).toHaveText(usdtText(balance));
    await again.getByLabel(/Units/).fill('1');
    await again.getByRole('button', { name: 'Sign permit and buy' }).click();
    await expect(again.getByText('You bought 1 unit (10 TH/s).')).toBeVisible();

    // Exactly one purchase reached the chain.
    expect(wallet.sentTransactions().length).toBe(1);
    expect(await usdtBalance(deployment, users.alice.address)).toBe(balance - parseUnits('60', 6));
    expect((await nftsOf(deployment, users.alice.address)).length).toBe(nftsBefore.length + 1);
  } finally {
    await proxy.close();
  }
});

test('switching account mid-flow shows the new account\'s balance and limit; switching chain stops the flow', async ({ page, wallet, connect, deployment, shot }) => {
  await openApp(page);
  await connect();
  const dialog = await openBuy(page, S21);
  await dialog.getByLabel(/Units/).fill('2');
  await expect(dialog.getByTestId('buy-balance')).toHaveText(usdtText(await usdtBalance(deployment, users.alice.address)));
  await expect(dialog.getByText('you can buy 197')).toBeVisible(); // 200 per wallet, alice holds 3

  // Account #5 holds ETH only. The flow resets (the dialog closes); reopened, it shows #5's own (zero)
  // balance and full limit, never alice's.
  await wallet.switchAccount(2);
  expect(await usdtBalance(deployment, users.empty.address)).toBe(0n);
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(page.getByTestId('account-button')).toContainText(users.empty.address.slice(0, 4));
  let view = await openBuy(page, S21);
  await expect(view.getByTestId('buy-balance')).toHaveText(usdtText(0n));
  await expect(view.getByText('you can buy 200')).toBeVisible();
  await view.getByLabel(/Units/).fill('2');
  await expect(view.getByText(/your balance is 0 USDT/i)).toBeVisible();
  await shot('fault-account-switched');

  // Bob: his balance and his remaining allowance under the wallet cap (he holds 10).
  await wallet.switchAccount(1);
  await expect(page.getByRole('dialog')).toBeHidden();
  view = await openBuy(page, S21);
  await expect(view.getByTestId('buy-balance')).toHaveText(usdtText(await usdtBalance(deployment, users.bob.address)));
  await expect(view.getByText('you can buy 190')).toBeVisible();
  await view.getByLabel(/Units/).fill('1');

  // The wallet moves to a chain without Hashmint: the page says so and offers the switch, nothing is sent.
  await wallet.switchChain(1);
  await expect(page.getByRole('alert').filter({ hasText: 'Your wallet is on chain 1' })).toBeVisible();
  if (!(await page.getByRole('dialog').isVisible())) view = await openBuy(page, S21);
  await expect(view.getByRole('button', { name: /^Switch to / })).toBeVisible();
  await expect(view.getByRole('button', { name: /Sign permit and buy|Buy for/ })).toHaveCount(0);
  await shot('fault-chain-switched');
  expect(wallet.sentTransactions()).toEqual([]);
  expect(wallet.requests().map((r) => r.method)).not.toContain('eth_sendTransaction');
});

test('a purchase that simulated fine reverts on chain (the last unit went to someone else): reason shown, data refreshed', async ({ page, wallet, connect, deployment, shot }) => {
  test.setTimeout(90_000);
  const sale = onChain(deployment).contract('ProductSale');
  const now = (await chainClient.getBlock()).timestamp;
  const id = await chainClient.readContract({ ...sale, functionName: 'productCount' });
  // Governance lists a one-unit product; bob approves its price ahead of time.
  await asTimelock(deployment, {
    ...sale,
    functionName: 'addProduct',
    args: [{ name: 'Last unit · S21', coin: 0, hashratePerUnit: 10n, efficiencyWx10: 175, termDays: 90, pricePerUnit: parseUnits('50', 6), supplyCap: 1n, sold: 0n, perWalletCap: 0n, saleStart: now - 86400n, saleEnd: now + 30n * 86400n }],
  });
  await actAs(2, { ...onChain(deployment).contract('USDT'), functionName: 'approve', args: [deployment.contracts.ProductSale, parseUnits('50', 6)] });

  await openApp(page);
  await connect();
  const aliceUsdt = await usdtBalance(deployment, users.alice.address);
  const aliceNfts = await nftsOf(deployment, users.alice.address);
  const dialog = await openBuy(page, id);
  await dialog.getByLabel(/Units/).fill('1');

  // Blocks are mined by hand from here: alice's purchase simulates fine and waits in the mempool.
  await testClient.setAutomine(false);
  try {
    await dialog.getByRole('button', { name: 'Sign permit and buy' }).click();
    await expect.poll(() => wallet.sentTransactions().length, { timeout: 15_000 }).toBe(1);
    const [hash] = wallet.sentTransactions();
    const pending = await chainClient.getTransaction({ hash });
    const raw = serializeTransaction(
      { type: 'eip1559', chainId: E2E.chainId, nonce: pending.nonce, to: pending.to!, data: pending.input, value: pending.value, gas: pending.gas, maxFeePerGas: pending.maxFeePerGas!, maxPriorityFeePerGas: pending.maxPriorityFeePerGas!, accessList: pending.accessList },
      { r: pending.r, s: pending.s, yParity: pending.yParity! },
    );
    expect(keccak256(raw)).toBe(hash);
    // Bob's purchase of the last unit lands one block earlier: take alice's out of the pool, mine bob's, put hers back.
    await testClient.request({ method: 'anvil_dropTransaction', params: [hash] } as never);
    const bob = await testClient.request({
      method: 'eth_sendTransaction',
      params: [{ from: users.bob.address, to: sale.address, data: encodeBuy(id) }],
    } as never) as Hex;
    await testClient.mine({ blocks: 1 });
    await testClient.request({ method: 'eth_sendRawTransaction', params: [raw] } as never);
    await testClient.mine({ blocks: 1 });
    expect((await chainClient.getTransactionReceipt({ hash: bob })).status).toBe('success');
    expect((await chainClient.getTransactionReceipt({ hash })).status).toBe('reverted');
  } finally {
    await testClient.setAutomine(true);
  }

  // The toast says why in words, and the card now shows the product sold out.
  const toast = page.getByRole('alert').filter({ hasText: 'failed on chain' });
  await expect(toast).toContainText('This product is sold out.');
  await expect(page.getByTestId(`product-${id}`)).toContainText(/sold out/i);
  await shot('fault-reverted');

  const product = await chainClient.readContract({ ...sale, functionName: 'product', args: [id] });
  expect(product.sold).toBe(1n);
  expect(await usdtBalance(deployment, users.alice.address)).toBe(aliceUsdt);
  expect((await nftsOf(deployment, users.alice.address)).length).toBe(aliceNfts.length);
  expect(wallet.sentTransactions().length).toBe(1);
});

function encodeBuy(id: bigint): Hex {
  return encodeFunctionData({ abi: abiOf('ProductSale'), functionName: 'buy', args: [id, 1n] });
}

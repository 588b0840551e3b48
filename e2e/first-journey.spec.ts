// The first journey: connect, buy hash power (permit and approve), earn and claim, send an NFT,
// and the ways it can go wrong (rejection, caps, balance, wrong network).
import { formatUnits, getAddress, parseUnits } from 'viem';
import { onChain } from './support/contracts.ts';
import { chainClient, expect, nftsOf, openApp, test, testClient, tokenBalance, usdtBalance, users } from './support/fixtures.ts';
import { disconnectViaAccountModal } from './wallet/rainbowkit.ts';

const S21 = 0n; // "Antminer S21 · 180 days": 10 TH/s per unit, 60 USDT, max 200 per wallet

async function openBuy(page: import('@playwright/test').Page, productId: bigint) {
  await page.getByTestId(`product-${productId}`).getByRole('button', { name: 'Buy' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  return dialog;
}

test('connect through the RainbowKit modal, then disconnect', async ({ page, wallet, connect, shot }) => {
  await openApp(page);
  await expect(page.getByRole('button', { name: 'Connect Wallet' })).toBeVisible();
  expect(wallet.isConnected).toBe(false);
  await connect();
  await expect(page.getByTestId('account-button')).toContainText(wallet.address.slice(0, 4));
  await shot('products');
  await disconnectViaAccountModal(page);
  await expect(page.getByRole('button', { name: 'Connect Wallet' })).toBeVisible();
});

test('buy with a permit: one signature, one transaction, exact amount', async ({ page, wallet, connect, deployment }) => {
  await openApp(page);
  await connect();
  const before = await usdtBalance(deployment, users.alice.address);
  const nftsBefore = await nftsOf(deployment, users.alice.address);
  const dialog = await openBuy(page, S21);
  await dialog.getByLabel(/Units/).fill('2');
  await expect(dialog.getByTestId('buy-total')).toHaveText('120 USDT');
  await expect(dialog.getByTestId('buy-daily')).toContainText('BTC');
  await expect(dialog.getByText(/Breakeven in \d+ days of a 180-day term/)).toBeVisible();
  await dialog.getByRole('button', { name: 'Sign permit and buy' }).click();
  await expect(dialog.getByText('You bought 2 units (20 TH/s).')).toBeVisible();

  expect(await usdtBalance(deployment, users.alice.address)).toBe(before - parseUnits('120', 6));
  const nfts = await nftsOf(deployment, users.alice.address);
  expect(nfts.length).toBe(nftsBefore.length + 1);
  const newest = nfts.find((id) => !nftsBefore.includes(id))!;
  const position = await chainClient.readContract({ ...onChain(deployment).contract('HashNFT'), functionName: 'positionOf', args: [newest] });
  expect(position[2]).toBe(20n); // hashrate
  // The permit allowed exactly the cost, and the purchase used all of it.
  const allowance = await chainClient.readContract({ ...onChain(deployment).contract('USDT'), functionName: 'allowance', args: [users.alice.address, deployment.contracts.ProductSale] });
  expect(allowance).toBe(0n);
  const methods = wallet.requests().map((r) => r.method);
  expect(methods).toContain('eth_signTypedData_v4');
  expect(wallet.sentTransactions().length).toBe(1);

  // The term starts at the next UTC midnight: until then the NFT says when it starts and counts the
  // whole 180-day term (never 181), as the contract does.
  const now = (await chainClient.getBlock()).timestamp;
  expect(await chainClient.readContract({ ...onChain(deployment).contract('HashNFT'), functionName: 'remainingDays', args: [newest, now] })).toBe(180n);
  await page.goto('/#/portfolio');
  await expect(page.getByTestId(`holding-${newest}-term`)).toHaveText(/^starts in (\d+h \d+m|\d+m \d+s|\d+s)$/);
  await page.goto(`/#/nft/${newest}`);
  await expect(page.getByTestId('nft-days-left')).toHaveText('180');
  await expect(page.getByTestId('nft-days-left-sub')).toHaveText(/^starts in /);
});

test('buy with an exact approval, then the purchase', async ({ page, wallet, connect, deployment }) => {
  await openApp(page);
  await connect();
  const before = await usdtBalance(deployment, users.alice.address);
  const dialog = await openBuy(page, S21);
  await dialog.getByLabel(/Units/).fill('3');
  await dialog.getByText('Approve, then buy').click();
  await dialog.getByRole('button', { name: 'Approve 180 USDT' }).click();
  await expect(dialog.getByRole('button', { name: 'Buy for 180 USDT' })).toBeEnabled();
  const allowance = await chainClient.readContract({ ...onChain(deployment).contract('USDT'), functionName: 'allowance', args: [users.alice.address, deployment.contracts.ProductSale] });
  expect(allowance).toBe(parseUnits('180', 6)); // exact, never unlimited
  await dialog.getByRole('button', { name: 'Buy for 180 USDT' }).click();
  await expect(dialog.getByText('You bought 3 units (30 TH/s).')).toBeVisible();
  expect(await usdtBalance(deployment, users.alice.address)).toBe(before - parseUnits('180', 6));
  expect(wallet.sentTransactions().length).toBe(2);
});

test('advance days, then claim: the balance rises by exactly what the page said', async ({ page, connect, deployment, shot }) => {
  await openApp(page, '/#/portfolio');
  await connect();
  const ids = await nftsOf(deployment, users.alice.address);
  const btcNft = ids[0]; // seeded: 3 units of the BTC product
  await page.getByLabel('Days to advance').fill('3');
  await page.getByRole('button', { name: 'Advance days' }).click();
  await expect(page.getByText('Advance 3 days', { exact: false }).first()).toBeVisible();

  const [unclaimed] = await chainClient.readContract({ ...onChain(deployment).contract('Rewards'), functionName: 'balancesOf', args: [[btcNft]] });
  const shown = page.getByTestId(`holding-${btcNft}-unclaimed`);
  await expect(shown).toHaveText(`${formatUnits(unclaimed[0], 8)} BTC`);
  await shot('portfolio');

  const btc = deployment.contracts.BTC;
  const before = await tokenBalance(btc, users.alice.address);
  const shownText = (await shown.textContent())!.replace(' BTC', '');
  await page.getByTestId(`holding-${btcNft}`).getByRole('button', { name: /^Claim/ }).click();
  await expect(page.getByTestId(`holding-${btcNft}-unclaimed`)).toHaveText('0 BTC');
  expect(await tokenBalance(btc, users.alice.address)).toBe(before + parseUnits(shownText, 8));
});

test('claim all pays every coin in one transaction', async ({ page, wallet, connect, deployment }) => {
  await openApp(page, '/#/portfolio');
  await connect();
  const before = await Promise.all(['BTC', 'ETC', 'FIL'].map((c) => tokenBalance(deployment.contracts[c], users.alice.address)));
  await page.getByTestId('claim-all').click();
  await expect(page.getByTestId('claim-all')).toHaveText('Nothing to claim');
  const after = await Promise.all(['BTC', 'ETC', 'FIL'].map((c) => tokenBalance(deployment.contracts[c], users.alice.address)));
  after.forEach((a, i) => expect(a).toBeGreaterThan(before[i]));
  expect(wallet.sentTransactions().length).toBe(1);
});

test('send an NFT: the address is validated, then it belongs to the recipient', async ({ page, connect, deployment, shot }) => {
  const ids = await nftsOf(deployment, users.alice.address);
  await openApp(page, `/#/nft/${ids[0]}`);
  await connect();
  const input = page.getByLabel('Recipient address');
  await input.fill('0x123');
  await input.blur();
  await expect(page.getByText('An address is 0x followed by 40 hexadecimal characters.')).toBeVisible();
  // A checksum typo: change the case of one letter of a mixed-case address.
  const bob = getAddress(users.bob.address);
  const typo = bob.replace(/[a-f]/, (c) => c.toUpperCase());
  await input.fill(typo);
  await expect(page.getByText(/The checksum of this address is wrong/)).toBeVisible();
  await input.fill('0x0000000000000000000000000000000000000000');
  await expect(page.getByText('Sending to the zero address would destroy the NFT.')).toBeVisible();
  await expect(page.getByTestId('transfer-submit')).toBeDisabled();
  // A contract that cannot receive NFTs is refused before the wallet opens.
  await input.fill(deployment.contracts.USDT);
  await expect(page.getByText(/This address is a contract/)).toBeVisible();
  await page.getByTestId('transfer-submit').click();
  await expect(page.getByText('That address is a contract that cannot receive NFTs. The NFT would be stuck there.').first()).toBeVisible();
  await shot('nft-detail');

  await input.fill(bob);
  await page.getByTestId('transfer-submit').click();
  await expect(page.getByText(/owned by 0x3C44/)).toBeVisible();
  const owner = await chainClient.readContract({ ...onChain(deployment).contract('HashNFT'), functionName: 'ownerOf', args: [ids[0]] });
  expect(owner).toBe(bob);
});

test('rejecting in the wallet changes nothing and says so calmly', async ({ page, wallet, connect, deployment }) => {
  await openApp(page);
  await connect();
  const before = await usdtBalance(deployment, users.alice.address);
  const dialog = await openBuy(page, S21);
  await dialog.getByLabel(/Units/).fill('1');
  wallet.rejectNext('eth_signTypedData_v4');
  await dialog.getByRole('button', { name: 'Sign permit and buy' }).click();
  await expect(page.getByTestId('toast-info')).toContainText('You rejected the request in your wallet. Nothing was sent and nothing changed.');
  await expect(dialog.getByRole('button', { name: 'Sign permit and buy' })).toBeEnabled();

  await dialog.getByText('Approve, then buy').click();
  wallet.rejectNext('eth_sendTransaction');
  await dialog.getByRole('button', { name: 'Approve 60 USDT' }).click();
  await expect(page.getByTestId('toast-info').last()).toContainText('Nothing was sent');
  expect(wallet.sentTransactions()).toEqual([]);
  expect(await usdtBalance(deployment, users.alice.address)).toBe(before);
  await expect(page.getByTestId('toast-error')).toHaveCount(0);
});

test('more than the wallet cap or the balance is refused in the page, before any transaction', async ({ page, wallet, connect }) => {
  await openApp(page);
  await connect();
  const dialog = await openBuy(page, S21);
  const qty = dialog.getByLabel(/Units/);
  await qty.fill('201');
  await expect(dialog.getByRole('alert')).toContainText('Each wallet may buy 200 units: you can buy 197 more.');
  await expect(dialog.getByTestId('buy-submit')).toHaveText('Check the number of units');
  await expect(dialog.getByTestId('buy-submit')).toBeDisabled();
  for (const [input, message] of [
    ['', 'Enter the number of units.'],
    ['0', 'Buy at least one of the units.'],
    ['-1', 'The number cannot be negative.'],
    ['1.5', 'Buy whole units only.'],
    ['1e3', 'Write the number in plain digits.'],
  ] as const) {
    await qty.fill(input);
    await expect(dialog.getByRole('alert')).toContainText(message);
    // The disabled button says why, never "Buy for 0 USDT".
    await expect(dialog.getByTestId('buy-submit')).toHaveText(message.replace(/\.$/, ''));
    await expect(dialog.getByTestId('buy-submit')).toBeDisabled();
  }
  // 197 units cost 11,820 USDT; the seeded wallet holds less than that.
  await qty.fill('197');
  await expect(dialog.getByTestId('buy-submit')).toHaveText('Not enough USDT');
  await expect(dialog.getByTestId('buy-submit')).toBeDisabled();
  await expect(dialog.getByText(/This costs 11,820 USDT and your balance is/)).toBeVisible();
  expect(wallet.requests().filter((r) => /send|sign/i.test(r.method))).toEqual([]);
});

test('wrong network: the app says so and switches back', async ({ page, wallet, connect }) => {
  await openApp(page);
  await connect();
  await wallet.switchChain(1);
  const banner = page.getByRole('alert').filter({ hasText: 'where Hashmint is not deployed' });
  await expect(banner).toBeVisible();
  // Read-only browsing still works on the default chain.
  await expect(page.getByTestId('product-0')).toBeVisible();
  await banner.getByRole('button', { name: /Switch to/ }).click();
  await expect(banner).toBeHidden();
  expect(wallet.chainId).toBe(31337);
});

test('a purchase still pending when the page reloads is tracked and its result shown', async ({ page, wallet, connect, deployment }) => {
  await openApp(page);
  await connect();
  const dialog = await openBuy(page, S21);
  await dialog.getByLabel(/Units/).fill('1');
  await testClient.setAutomine(false);
  try {
    await dialog.getByRole('button', { name: 'Sign permit and buy' }).click();
    await expect(page.getByTestId('toast-pending')).toContainText('pending');
    expect(wallet.sentTransactions().length).toBe(1);
    await page.reload();
    await expect(page.getByTestId('toast-pending')).toContainText('sent before the page reloaded');
    await testClient.mine({ blocks: 1 });
    await expect(page.getByTestId('toast-success')).toContainText('confirmed');
  } finally {
    await testClient.setAutomine(true);
  }
  const receipt = await chainClient.getTransactionReceipt({ hash: wallet.sentTransactions()[0] });
  expect(receipt.status).toBe('success');
  expect(receipt.to?.toLowerCase()).toBe(deployment.contracts.ProductSale.toLowerCase());
});

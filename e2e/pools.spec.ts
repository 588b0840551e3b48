// Joint mining pools with two people: alice (dev account 1, in `page`) and bob (account 2, in a second
// browser context, or switched to in the same test wallet). Each journey starts a fresh pool outside the app
// (dave, account 4) so its numbers are its own, and checks the chain next to what the page says.
import { formatUnits, parseUnits, type Address } from 'viem';
import { onChain } from './support/contracts.ts';
import { buttonReason } from '../src/lib/actionState.ts';
import { formatAmount, formatDate, formatToken } from '../src/lib/format.ts';
import { actAs, chainClient, expect, openApp, secondWallet, test, testClient, tokenBalance, usdtBalance, users, type Fixtures } from './support/fixtures.ts';
import type { Page } from '@playwright/test';

const usd = (s: string) => parseUnits(s, 6);
const usdtText = (v: bigint) => `${formatAmount(v, 6, 2)} USDT`;
const ETC_PRODUCT = 1n; // "Ethash Classic · 90 days": 100 MH/s per unit, 11 USDT, sale open well past the tests
const DAY = 86400n;

type Deployment = Fixtures['deployment'];
const poolsContract = (d: Deployment) => onChain(d).contract('MiningPools');

/** Dave starts a pool toward the ETC product; returns its id. */
async function startPool(d: Deployment, o: { units: bigint; capUnits: bigint; min: string; max: string; days: bigint }) {
  const now = (await chainClient.getBlock()).timestamp;
  await actAs(4, { ...poolsContract(d), functionName: 'createPool', args: [ETC_PRODUCT, o.units, o.capUnits, usd(o.min), usd(o.max), now + o.days * DAY] });
  return (await chainClient.readContract({ ...poolsContract(d), functionName: 'poolCount' })) - 1n;
}

/** A contribution made outside the app: exact approval, then contribute. */
async function contributeAs(d: Deployment, index: number, poolId: bigint, amount: string) {
  await actAs(index, { ...onChain(d).contract('USDT'), functionName: 'approve', args: [d.contracts.MiningPools, usd(amount)] });
  await actAs(index, { ...poolsContract(d), functionName: 'contribute', args: [poolId, usd(amount)] });
}

async function openContribute(page: Page, poolId: bigint) {
  await page.getByTestId(`pool-${poolId}`).getByRole('button', { name: 'Contribute' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  return dialog;
}

const allowanceOf = (d: Deployment, who: Address) =>
  chainClient.readContract({ ...onChain(d).contract('USDT'), functionName: 'allowance', args: [who, d.contracts.MiningPools] });
const contributionOf = (d: Deployment, poolId: bigint, who: Address) =>
  chainClient.readContract({ ...poolsContract(d), functionName: 'contributionOf', args: [poolId, who] });
const poolInfo = async (d: Deployment, poolId: bigint) => (await chainClient.readContract({ ...poolsContract(d), functionName: 'pool', args: [poolId] }))[0];

test('two members fund a pool, it buys the NFT, both claim their pro-rata rewards and the unspent USDT', async ({ page, browser, connect, deployment, wallet, shot }) => {
  test.setTimeout(150_000);
  const id = await startPool(deployment, { units: 20n, capUnits: 30n, min: '10', max: '300', days: 10n }); // target 220, hard cap 330
  const etc = (await chainClient.readContract({ ...onChain(deployment).contract('Rewards'), functionName: 'coins' }))[1].token;

  // Alice puts in 160 USDT with a permit: one signature, one transaction, no allowance left behind.
  await openApp(page, '/#/pools');
  await connect();
  const aliceBefore = await usdtBalance(deployment, users.alice.address);
  const dialog = await openContribute(page, id);
  await dialog.getByLabel('Amount (USDT)').fill('160');
  await expect(dialog.getByTestId('contribute-accepted')).toHaveText('160 USDT');
  await expect(dialog.getByTestId('contribute-share')).toHaveText('0.00% → 100.00%');
  // 100% of what is raised today, but 160 of the 220 target once the pool buys: income at 72.73%.
  await expect(dialog.getByTestId('contribute-income')).toContainText('/ day (72.73% of the pool)');
  await dialog.getByRole('button', { name: 'Sign permit and contribute 160 USDT' }).click();
  await expect(dialog.getByTestId('contribute-done')).toHaveText(`You put 160 USDT into pool ${id}.`);
  await dialog.getByRole('button', { name: 'Close' }).click();
  expect(await usdtBalance(deployment, users.alice.address)).toBe(aliceBefore - usd('160'));
  expect(await contributionOf(deployment, id, users.alice.address)).toBe(usd('160'));
  expect(await allowanceOf(deployment, users.alice.address)).toBe(0n);
  expect(wallet.requests().map((r) => r.method)).toContain('eth_signTypedData_v4');
  expect(wallet.sentTransactions().length).toBe(1);

  // Bob, in his own browser, approves exactly 70 USDT, then contributes: the target (220) is passed.
  const bob = await secondWallet(browser, 2, '/#/pools');
  try {
    const bobBefore = await usdtBalance(deployment, users.bob.address);
    const bobDialog = await openContribute(bob.page, id);
    await bobDialog.getByLabel('Amount (USDT)').fill('70');
    await expect(bobDialog.getByTestId('contribute-share')).toHaveText('0.00% → 30.43%');
    await expect(bobDialog.getByTestId('contribute-income')).toContainText('(30.43% of the pool)'); // 230 raised, above the target
    await bobDialog.getByLabel(/Approve, then contribute/).check();
    await bobDialog.getByRole('button', { name: 'Approve 70 USDT' }).click();
    await bobDialog.getByRole('button', { name: 'Contribute 70 USDT' }).click();
    await expect(bobDialog.getByTestId('contribute-done')).toBeVisible();
    await bobDialog.getByRole('button', { name: 'Close' }).click();
    expect(await usdtBalance(deployment, users.bob.address)).toBe(bobBefore - usd('70'));
    expect(await allowanceOf(deployment, users.bob.address)).toBe(0n);
    await expect(bob.page.getByTestId(`pool-${id}-status`)).toHaveText('Target reached');
    await expect(bob.page.getByTestId(`pool-${id}-share`)).toHaveText('30.43%');
  } finally {
    await bob.close();
  }

  // Anyone may finalize: alice makes the pool buy floor(230 / 11) = 20 units; the pool holds the NFT.
  await page.reload();
  const card = page.getByTestId(`pool-${id}`);
  await expect(card.getByTestId(`pool-${id}-raised`)).toHaveText('230 USDT of 220 USDT target');
  await card.getByRole('button', { name: 'Buy 20 units for the pool' }).click();
  await expect(card.getByTestId(`pool-${id}-status`)).toHaveText('Bought');
  let info = await poolInfo(deployment, id);
  expect(info.finalized).toBe(true);
  expect(info.unitsBought).toBe(20n);
  expect(info.spent).toBe(usd('220'));
  expect(await chainClient.readContract({ ...onChain(deployment).contract('HashNFT'), functionName: 'ownerOf', args: [info.tokenId] })).toBe(deployment.contracts.MiningPools);
  const position = await chainClient.readContract({ ...onChain(deployment).contract('HashNFT'), functionName: 'positionOf', args: [info.tokenId] });
  expect(position[2]).toBe(2000n); // 20 units x 100 MH/s

  // Three days pass and are posted through the developer panel.
  await page.getByLabel('Days to advance').fill('3');
  await page.getByRole('button', { name: 'Advance days' }).click();
  await expect(page.getByTestId('toast-success').filter({ hasText: 'Advance 3 days' })).toBeVisible({ timeout: 30_000 });
  await expect(card.getByTestId(`pool-${id}-rewards`)).not.toHaveText('0 ETC');
  await expect(card.getByTestId(`pool-${id}-share`)).toHaveText('69.57%');
  await shot('pools');

  // Alice claims what her page shows.
  const aliceShown = await card.getByTestId(`pool-${id}-rewards`).innerText();
  const alicePending = await chainClient.readContract({ ...poolsContract(deployment), functionName: 'pendingRewards', args: [id, users.alice.address] });
  expect(alicePending).toBeGreaterThan(0n);
  expect(aliceShown).toBe(formatToken(alicePending, 18, 'ETC', 8));
  const aliceEtcBefore = await tokenBalance(etc, users.alice.address);
  await card.getByTestId(`pool-${id}-claim`).click();
  await expect(card.getByTestId(`pool-${id}-rewards`)).toHaveText('0 ETC');
  const aliceGot = (await tokenBalance(etc, users.alice.address)) - aliceEtcBefore;
  expect(aliceGot).toBe(alicePending);

  // Her share of the 10 USDT the purchase did not spend: floor(160 x 10 / 230).
  const unspentShare = (usd('160') * usd('10')) / usd('230');
  await expect(card.getByTestId(`pool-${id}-unspent`)).toHaveText(usdtText(unspentShare));
  const aliceUsdt = await usdtBalance(deployment, users.alice.address);
  await card.getByTestId(`pool-${id}-claim-unspent`).click();
  await expect(card.getByTestId(`pool-${id}-unspent`)).toBeHidden();
  expect(await usdtBalance(deployment, users.alice.address)).toBe(aliceUsdt + unspentShare);

  // Bob claims his in his own browser.
  const bob2 = await secondWallet(browser, 2, '/#/pools');
  let bobGot: bigint;
  try {
    const bobCard = bob2.page.getByTestId(`pool-${id}`);
    const bobPending = await chainClient.readContract({ ...poolsContract(deployment), functionName: 'pendingRewards', args: [id, users.bob.address] });
    await expect(bobCard.getByTestId(`pool-${id}-rewards`)).toHaveText(formatToken(bobPending, 18, 'ETC', 8));
    const bobEtcBefore = await tokenBalance(etc, users.bob.address);
    await bobCard.getByTestId(`pool-${id}-claim`).click();
    await expect(bobCard.getByTestId(`pool-${id}-rewards`)).toHaveText('0 ETC');
    bobGot = (await tokenBalance(etc, users.bob.address)) - bobEtcBefore;
    expect(bobGot).toBe(bobPending);
  } finally {
    await bob2.close();
  }

  // Pro rata to 160 : 70 of everything the NFT paid, rounded down as the contract says.
  info = await poolInfo(deployment, id);
  const received = info.rewardsReceived;
  expect(received).toBeGreaterThan(0n);
  expect(aliceGot).toBe((usd('160') * received) / usd('230'));
  expect(bobGot).toBe((usd('70') * received) / usd('230'));
  const ratio = Number(formatUnits(aliceGot, 18)) / Number(formatUnits(bobGot, 18));
  expect(ratio).toBeCloseTo(160 / 70, 6);
  expect(info.rewardsPaid).toBe(aliceGot + bobGot);
});

test('a pool that misses its deadline refunds both members in full', async ({ page, browser, connect, deployment }) => {
  test.setTimeout(120_000);
  const id = await startPool(deployment, { units: 50n, capUnits: 50n, min: '10', max: '300', days: 2n }); // target 550
  await openApp(page, '/#/pools');
  await connect();
  const dialog = await openContribute(page, id);
  await dialog.getByLabel('Amount (USDT)').fill('50.25');
  await dialog.getByRole('button', { name: 'Sign permit and contribute 50.25 USDT' }).click();
  await expect(dialog.getByTestId('contribute-done')).toBeVisible();
  await contributeAs(deployment, 2, id, '40');
  expect((await poolInfo(deployment, id)).raised).toBe(usd('90.25'));

  await testClient.increaseTime({ seconds: 3 * 86400 });
  await testClient.mine({ blocks: 1 });
  expect(await chainClient.readContract({ ...poolsContract(deployment), functionName: 'statusOf', args: [id] })).toBe(2); // Failed

  await page.reload();
  const card = page.getByTestId(`pool-${id}`);
  await expect(card.getByTestId(`pool-${id}-status`)).toHaveText('Failed');
  await expect(card.getByRole('button', { name: 'Contribute' })).toHaveCount(0);
  const aliceBefore = await usdtBalance(deployment, users.alice.address);
  await card.getByRole('button', { name: 'Refund 50.25 USDT' }).click();
  await expect(card.getByTestId(`pool-${id}-refunded`)).toHaveText('You were refunded 50.25 USDT.');
  expect(await usdtBalance(deployment, users.alice.address)).toBe(aliceBefore + usd('50.25'));

  const bob = await secondWallet(browser, 2, '/#/pools');
  try {
    const bobBefore = await usdtBalance(deployment, users.bob.address);
    const bobCard = bob.page.getByTestId(`pool-${id}`);
    await bobCard.getByRole('button', { name: 'Refund 40 USDT' }).click();
    await expect(bobCard.getByTestId(`pool-${id}-refunded`)).toBeVisible();
    expect(await usdtBalance(deployment, users.bob.address)).toBe(bobBefore + usd('40'));
  } finally {
    await bob.close();
  }
  const info = await poolInfo(deployment, id);
  expect(info.returned).toBe(info.raised); // every contribution back, exactly
  const refundable = await chainClient.readContract({ ...poolsContract(deployment), functionName: 'refundable', args: [id, users.alice.address] });
  expect(refundable).toBe(0n);
});

test('a contribution over the hard cap is trimmed: the page says so and only that leaves the wallet', async ({ page, connect, deployment, wallet }) => {
  const id = await startPool(deployment, { units: 10n, capUnits: 12n, min: '10', max: '300', days: 10n }); // target 110, hard cap 132
  await contributeAs(deployment, 3, id, '100'); // carol
  await openApp(page, '/#/pools');
  await connect();
  const before = await usdtBalance(deployment, users.alice.address);
  const dialog = await openContribute(page, id);
  await dialog.getByLabel('Amount (USDT)').fill('50');
  await expect(dialog.getByTestId('contribute-trim')).toHaveText(
    'Only 32 USDT is left under the hard cap, so your 50 USDT will be trimmed to 32 USDT. Only 32 USDT is taken from your wallet; the rest never leaves it.',
  );
  await expect(dialog.getByTestId('contribute-accepted')).toHaveText('32 USDT');
  await dialog.getByRole('button', { name: 'Sign permit and contribute 32 USDT' }).click();
  await expect(dialog.getByTestId('contribute-done')).toHaveText(`You put 32 USDT into pool ${id}.`);
  expect(await usdtBalance(deployment, users.alice.address)).toBe(before - usd('32'));
  expect(await contributionOf(deployment, id, users.alice.address)).toBe(usd('32'));
  expect(await allowanceOf(deployment, users.alice.address)).toBe(0n); // the permit was for exactly what was taken
  const info = await poolInfo(deployment, id);
  expect(info.raised).toBe(info.hardCap);
  expect(wallet.sentTransactions().length).toBe(1);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId(`pool-${id}`).getByRole('button', { name: 'Contribute' })).toHaveCount(0);

  // The Portfolio's calendar lists the pool's deadline with what Alice put in (read once, with the pools).
  await page.goto('/#/portfolio');
  const item = page.getByTestId(`calendar-pool-${id}`);
  await expect(item).toContainText(`Pool #${id} deadline`);
  await expect(item).toContainText(`You put in ${formatAmount(usd('32'), 6, 2)} USDT; target reached, waiting to buy`);
  await expect(item.locator('time').first()).toHaveText(formatDate(info.deadline));
});

test('read-only, then invalid amounts are refused in the page before any transaction', async ({ page, connect, deployment, wallet }) => {
  // Without a wallet: the seeded pools and their states, as on chain.
  await openApp(page, '/#/pools');
  await expect(page.getByTestId('pool-0-status')).toHaveText('Open');
  await expect(page.getByTestId('pool-0-raised')).toHaveText('700 USDT of 1,100 USDT target');
  await expect(page.getByTestId('pool-0-position')).toHaveCount(0); // no wallet, no position
  await expect(page.getByTestId('pool-0-members')).toHaveText('2');
  await expect(page.getByTestId('pool-1-status')).toHaveText('Bought');
  await expect(page.getByTestId('pool-2-status')).toHaveText('Failed');
  const [all, statuses] = await chainClient.readContract({ ...poolsContract(deployment), functionName: 'pools' });
  expect(statuses.slice(0, 3)).toEqual([0, 3, 2]);
  expect(all[0].raised).toBe(usd('700'));
  const filters = page.getByRole('group', { name: 'Filter pools' });
  await expect(filters.getByRole('button', { name: 'All' })).toHaveAttribute('aria-pressed', 'true');
  await expect(filters.getByRole('button', { name: 'Mine' })).toHaveCount(0); // no wallet, no "Mine"

  // Alice has already put in 350 of the 500 a member may put in (sent outside the app).
  await contributeAs(deployment, 1, 0n, '350');
  await connect();
  await wallet.switchAccount(1); // bob: nothing in pool 0, about 174 USDT in his wallet
  await expect(page.getByTestId('account-button')).toContainText(users.bob.address.slice(-4));
  let dialog = await openContribute(page, 0n);
  const input = dialog.getByLabel('Amount (USDT)');
  const submit = dialog.getByTestId('contribute-submit');
  await expect(submit).toHaveText('Enter an amount');
  await expect(submit).toBeDisabled();
  const bobBalance = await usdtBalance(deployment, users.bob.address);
  const cases: [string, string][] = [
    ['0', 'The amount must be more than zero.'],
    ['-5', 'The amount cannot be negative.'],
    ['12.1234567', 'USDT has at most 6 decimals.'],
    ['1e2', 'Write the amount in plain digits, without exponent notation.'],
    ['9.99', 'The minimum contribution is 10 USDT.'],
    ['500.01', 'Each member may put in at most 500 USDT.'],
    ['300', `This needs 300 USDT and your balance is ${usdtText(bobBalance)}.`],
  ];
  for (const [value, sentence] of cases) {
    await input.fill(value);
    await expect(dialog.getByRole('alert')).toHaveText(sentence);
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    await expect(submit).toBeDisabled();
    // The disabled button says why (the short reasons word for word), never "Contribute 0 USDT".
    await expect(submit).toHaveText(buttonReason(sentence));
    await expect(submit).not.toHaveText(/Contribute/);
  }
  await input.fill('20');
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await expect(submit).toBeEnabled();
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Alice: the maximum counts what she already put in.
  await wallet.switchAccount(0);
  await expect(page.getByTestId('account-button')).toContainText(users.alice.address.slice(-4));
  await expect(page.getByTestId('pool-0-contribution')).toHaveText('350 USDT');
  dialog = await openContribute(page, 0n);
  await dialog.getByLabel('Amount (USDT)').fill('160');
  await expect(dialog.getByRole('alert')).toHaveText('Each member may put in at most 500 USDT; you have put in 350 USDT, so at most 150 USDT more.');
  await expect(dialog.getByTestId('contribute-submit')).toBeDisabled();
  await dialog.getByRole('button', { name: 'Close' }).click();

  // "Mine" is offered to a member and shows her pools only; an account in no pool is not offered it, and
  // a "Mine" picked before switching to that account falls back to all pools, not to "No pools match".
  await filters.getByRole('button', { name: 'Mine' }).click();
  await expect(page.getByTestId('pool-0')).toBeVisible();
  await expect(page.getByTestId('pool-1')).toHaveCount(0);
  await expect(page.getByTestId('pool-2')).toHaveCount(0);
  await wallet.switchAccount(2); // dev account 5: ETH only, in no pool
  await expect(page.getByTestId('account-button')).toContainText(users.empty.address.slice(-4));
  await expect(filters.getByRole('button', { name: 'Mine' })).toHaveCount(0);
  await expect(filters.getByRole('button', { name: 'All' })).toHaveAttribute('aria-pressed', 'true');
  for (const id of [0, 1, 2]) await expect(page.getByTestId(`pool-${id}`)).toBeVisible();
  await expect(page.getByText('No pools match')).toHaveCount(0);

  // Nothing was signed or sent, and nothing changed on chain.
  expect(wallet.sentTransactions()).toEqual([]);
  expect(wallet.requests().some((r) => r.method === 'eth_signTypedData_v4')).toBe(false);
  expect(await contributionOf(deployment, 0n, users.bob.address)).toBe(0n);
  expect(await contributionOf(deployment, 0n, users.alice.address)).toBe(usd('350'));
  expect(await usdtBalance(deployment, users.bob.address)).toBe(bobBalance);
});

test('start a pool toward an open product', async ({ page, connect, deployment }) => {
  await openApp(page, '/#/pools');
  await connect();
  const countBefore = await chainClient.readContract({ ...poolsContract(deployment), functionName: 'poolCount' });
  await page.getByRole('button', { name: 'Start a pool' }).click();
  const dialog = page.getByRole('dialog');
  // Only products on sale now are offered (the upcoming S21 XP and the ended ones are not).
  const options = await dialog.getByLabel('Product (on sale now)').locator('option').allInnerTexts();
  expect(options.some((o) => o.startsWith('Antminer S21 XP'))).toBe(false);
  await dialog.getByLabel('Product (on sale now)').selectOption(ETC_PRODUCT.toString());
  await dialog.getByLabel('Target (units)').fill('10');
  await dialog.getByLabel('Hard cap (units)').fill('8');
  await expect(dialog.getByRole('alert')).toHaveText('The hard cap cannot be below the target.');
  await expect(dialog.getByTestId('create-pool-submit')).toBeDisabled();
  await dialog.getByLabel('Hard cap (units)').fill('15');
  await dialog.getByLabel('Minimum per member (USDT)').fill('5');
  await dialog.getByLabel('Maximum per member (USDT)').fill('80');
  await dialog.getByLabel('Deadline (days from now)').fill('7');
  await dialog.getByRole('button', { name: 'Start a pool for 110 USDT' }).click();
  await expect(dialog.getByText('Your pool is open.')).toBeVisible();
  expect(await chainClient.readContract({ ...poolsContract(deployment), functionName: 'poolCount' })).toBe(countBefore + 1n);
  const info = await poolInfo(deployment, countBefore);
  expect(info.creator).toBe(users.alice.address);
  expect(BigInt(info.productId)).toBe(ETC_PRODUCT);
  expect([info.target, info.hardCap, info.minContribution, info.maxContribution]).toEqual([usd('110'), usd('165'), usd('5'), usd('80')]);
  const now = (await chainClient.getBlock()).timestamp;
  expect(Number(info.deadline - now)).toBeGreaterThan(7 * 86400 - 120);
  expect(Number(info.deadline - now)).toBeLessThanOrEqual(7 * 86400 + 5);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId(`pool-${countBefore}-status`)).toHaveText('Open');
  await expect(page.getByTestId(`pool-${countBefore}-raised`)).toHaveText('0 USDT of 110 USDT target');
});

// Term deposits: deposit (permit), time passes, withdraw principal plus exactly the interest the page showed;
// early withdrawal returns the principal only; invalid amounts never reach the wallet; rewards claimed
// straight into a deposit from the Portfolio; the Portfolio calendar lists deposit maturities.
import type { Locator, Page } from '@playwright/test';
import { formatUnits, parseUnits, type Address } from 'viem';
import { onChain, abiOf } from './support/contracts.ts';
import { asTimelock, chainClient, expect, openApp, test, testClient, tokenBalance, usdtBalance, users } from './support/fixtures.ts';

const DAY = 86400;
const USDT_30D = 0; // term ids: USDT 0-2, BTC 3-5, ETC 6-8, FIL 9-11 (30 / 90 / 180 days)
const FIL = 2; // reward coin id
const FIL_90D = 10;

/** "1,004.109589 USDT" -> base units. */
function units(text: string, decimals: number): bigint {
  const m = /([\d,]+(?:\.\d+)?)/.exec(text);
  if (!m) throw new Error(`no amount in "${text}"`);
  return parseUnits(m[1].replace(/,/g, ''), decimals);
}

async function positionsOf(td: Address, who: Address) {
  const [ids, positions] = await chainClient.readContract({ address: td, abi: abiOf('TermDeposits'), functionName: 'positionsOf', args: [who] });
  return positions.map((p, i) => ({ ...p, id: ids[i] }));
}

async function openDeposit(page: Page, symbol: string, days: number): Promise<Locator> {
  await page.getByRole('button', { name: `Deposit ${symbol} for ${days} days` }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  return dialog;
}

test('deposit with a permit, let it mature, withdraw principal plus the interest the page showed', async ({ page, wallet, connect, deployment, shot }) => {
  const td = deployment.contracts.TermDeposits;
  await openApp(page, '/#/earn');
  await expect(page.getByTestId(`term-${USDT_30D}`)).toContainText('5.00% APR');
  await connect();
  await expect(page.getByTestId('position-0')).toContainText('1,000 USDT');
  await shot('earn-terms');

  const dialog = await openDeposit(page, 'USDT', 30);
  await dialog.getByLabel('Amount (USDT)').fill('250');
  const preview = await chainClient.readContract({ ...onChain(deployment).contract('TermDeposits'), functionName: 'previewInterest', args: [BigInt(USDT_30D), parseUnits('250', 6)] });
  expect(preview).toBe(1_027397n); // 250 x 5% x 30 / 365
  await expect(dialog.getByTestId('deposit-interest')).toHaveText('1.027397 USDT');
  await expect(dialog.getByTestId('deposit-total')).toHaveText('251.027397 USDT');
  await expect(dialog.getByTestId('deposit-maturity')).toContainText('in 30 days');
  await shot('earn-deposit-dialog');
  const before = await usdtBalance(deployment, users.alice.address);
  await dialog.getByRole('button', { name: 'Sign permit and deposit' }).click();
  await expect(dialog.getByText('Your deposit of 250 USDT is open.')).toBeVisible();
  expect(wallet.requests().map((r) => r.method)).toContain('eth_signTypedData_v4');
  expect(wallet.sentTransactions().length).toBe(1);
  expect(await usdtBalance(deployment, users.alice.address)).toBe(before - parseUnits('250', 6));
  const mine = await positionsOf(td, users.alice.address);
  const opened = mine.at(-1)!;
  expect(opened.termId).toBe(USDT_30D);
  expect(opened.principal).toBe(parseUnits('250', 6));
  expect(opened.interest).toBe(preview);
  await dialog.getByRole('button', { name: 'Done' }).click();

  // Before maturity the card offers only the early exit.
  const card = page.getByTestId(`position-${opened.id}`);
  await expect(card.getByRole('button', { name: 'Withdraw early' })).toBeVisible();
  await expect(card.getByTestId(`position-${opened.id}-interest`)).toHaveText('1.027397 USDT');

  await testClient.increaseTime({ seconds: 31 * DAY });
  await testClient.mine({ blocks: 1 });
  await page.reload();
  await expect(card).toContainText('Matured');
  const withdraw = card.getByRole('button', { name: /^Withdraw [\d,.]+ USDT$/ });
  const shown = units((await withdraw.textContent()) ?? '', 6);
  expect(shown).toBe(parseUnits('251.027397', 6));
  const beforeWithdraw = await usdtBalance(deployment, users.alice.address);
  await withdraw.click();
  await expect(card).toBeHidden();
  expect(await usdtBalance(deployment, users.alice.address)).toBe(beforeWithdraw + shown);
  const after = await chainClient.readContract({ ...onChain(deployment).contract('TermDeposits'), functionName: 'position', args: [opened.id] });
  expect(after.closed).toBe(true);
});

test('early withdrawal returns the principal only, after the forfeit is spelled out', async ({ page, wallet, connect, deployment }) => {
  const td = deployment.contracts.TermDeposits;
  await openApp(page, '/#/earn');
  await connect();
  const seeded = (await positionsOf(td, users.alice.address)).find((p) => !p.closed)!;
  expect(seeded.principal).toBe(parseUnits('1000', 6));
  const freeBefore = await chainClient.readContract({ ...onChain(deployment).contract('TermDeposits'), functionName: 'freeReserve', args: [deployment.contracts.USDT] });
  const card = page.getByTestId(`position-${seeded.id}`);
  await card.getByRole('button', { name: 'Withdraw early' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('early-forfeit')).toHaveText('You get 1,000 USDT back and give up 4.109589 USDT of interest.');
  expect(seeded.interest).toBe(4_109589n);
  // Keeping it changes nothing.
  await dialog.getByRole('button', { name: 'Keep the deposit' }).click();
  expect(wallet.sentTransactions().length).toBe(0);

  await card.getByRole('button', { name: 'Withdraw early' }).click();
  const before = await usdtBalance(deployment, users.alice.address);
  await page.getByRole('dialog').getByRole('button', { name: 'Withdraw 1,000 USDT now' }).click();
  await expect(card).toBeHidden();
  expect(await usdtBalance(deployment, users.alice.address)).toBe(before + parseUnits('1000', 6));
  const position = await chainClient.readContract({ ...onChain(deployment).contract('TermDeposits'), functionName: 'position', args: [seeded.id] });
  expect(position.closed).toBe(true);
  // The forfeited interest went back to the free reserve.
  expect(await chainClient.readContract({ ...onChain(deployment).contract('TermDeposits'), functionName: 'freeReserve', args: [deployment.contracts.USDT] })).toBe(freeBefore + seeded.interest);
  await expect(page.getByText('Withdrawn deposits (1)')).toBeVisible();
});

test('invalid amounts are refused in the page before any transaction', async ({ page, wallet, connect, deployment }) => {
  // Governance lowers the USDT 30-day capacity to 1,200 USDT: 200 USDT of room is left after alice's 1,000.
  await asTimelock(deployment, { ...onChain(deployment).contract('TermDeposits'), functionName: 'setTermCapacity', args: [BigInt(USDT_30D), parseUnits('1200', 6)] });
  await openApp(page, '/#/earn');
  await connect();
  await expect(page.getByTestId(`term-${USDT_30D}`)).toContainText('200 USDT of 1,200 USDT left');
  const balance = await usdtBalance(deployment, users.alice.address);
  const dialog = await openDeposit(page, 'USDT', 30);
  const input = dialog.getByLabel('Amount (USDT)');
  const submit = dialog.getByTestId('deposit-submit');
  await expect(submit).toBeDisabled();
  await expect(submit).toHaveText('Enter an amount');

  const cases: [string, string | RegExp][] = [
    ['0', 'The amount must be more than zero.'],
    ['-5', 'The amount cannot be negative.'],
    ['1.1234567', 'USDT has at most 6 decimals.'],
    ['1e3', 'Write the amount in plain digits, without exponent notation.'],
    ['500', 'This term has room for 200 USDT more.'],
  ];
  for (const [text, sentence] of cases) {
    await input.fill(text);
    await expect(dialog.getByRole('alert')).toHaveText(sentence);
    await expect(submit).toBeDisabled();
    await expect(input).toHaveAttribute('aria-invalid', 'true');
  }
  await input.fill('');
  await expect(dialog.getByRole('alert')).toHaveText('Enter an amount.');
  await expect(submit).toBeDisabled();

  // Above the balance: on a term with room, the balance is the limit.
  await dialog.getByRole('button', { name: 'Close' }).click();
  const other = await openDeposit(page, 'USDT', 90);
  await other.getByLabel('Amount (USDT)').fill(String(balance / 1_000000n + 1n));
  await expect(other.getByRole('alert')).toContainText('Your balance is');
  await expect(other.getByTestId('deposit-submit')).toBeDisabled();
  // A valid amount enables the button (so the refusals above were the inputs, not a dead button).
  await other.getByLabel('Amount (USDT)').fill('10');
  await expect(other.getByTestId('deposit-submit')).toBeEnabled();

  const methods = wallet.requests().map((r) => r.method);
  expect(methods).not.toContain('eth_sendTransaction');
  expect(methods).not.toContain('eth_signTypedData_v4');
  expect(await usdtBalance(deployment, users.alice.address)).toBe(balance);
});

test('claim FIL rewards straight into a 90-day FIL deposit from the Portfolio; the calendar lists maturities', async ({ page, wallet, connect, deployment, shot }) => {
  const td = deployment.contracts.TermDeposits;
  await openApp(page, '/#/portfolio');
  await connect();
  const ids = await chainClient.readContract({ ...onChain(deployment).contract('HashNFT'), functionName: 'tokensOfOwner', args: [users.alice.address] });
  const positions = await chainClient.readContract({ ...onChain(deployment).contract('HashNFT'), functionName: 'positions', args: [ids] });
  const filIds = ids.filter((_, i) => positions[i].coin === FIL);
  expect(filIds.length).toBeGreaterThan(0);
  const [unclaimed] = await chainClient.readContract({ ...onChain(deployment).contract('Rewards'), functionName: 'balancesOf', args: [filIds] });
  const rewards = unclaimed.reduce((s, v) => s + v, 0n);
  expect(rewards).toBeGreaterThan(0n);
  const filToken = (await chainClient.readContract({ ...onChain(deployment).contract('Rewards'), functionName: 'coinInfo', args: [BigInt(FIL)] })).token;
  const filBefore = await tokenBalance(filToken, users.alice.address);

  // The seeded 30-day USDT deposit is on the calendar with its maturity date.
  const seeded = (await positionsOf(td, users.alice.address))[0];
  const seededItem = page.getByTestId(`calendar-deposit-${seeded.id}`);
  await expect(seededItem).toContainText(`Deposit #${seeded.id} matures`);
  await expect(seededItem).toContainText(new Date(Number(seeded.maturity) * 1000).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }));
  await expect(seededItem.getByRole('link')).toHaveAttribute('href', '#/earn');

  const section = page.getByRole('region', { name: 'Put rewards into a term deposit' });
  await section.getByLabel('Rewards to deposit').selectOption(String(FIL));
  await section.getByLabel('90 days at 6.00% APR').check();
  const preview = await chainClient.readContract({ ...onChain(deployment).contract('TermDeposits'), functionName: 'previewInterest', args: [BigInt(FIL_90D), rewards] });
  await expect(section.getByTestId('claim-deposit-interest')).not.toHaveText('…');
  expect(units((await section.getByTestId('claim-deposit-amount').textContent()) ?? '', 18)).toBe(rewards / 10n ** 10n * 10n ** 10n); // 8 decimals shown
  expect(units((await section.getByTestId('claim-deposit-interest').textContent()) ?? '', 18)).toBe(preview / 10n ** 10n * 10n ** 10n);
  await section.getByRole('button', { name: 'Claim and deposit for 90 days' }).click();
  await expect(section.getByRole('status')).toContainText('went into a 90-day deposit');
  expect(wallet.sentTransactions().length).toBe(1);

  // One transaction: the rewards are claimed (none left), none reached the wallet, and a position holds exactly them.
  const [left] = await chainClient.readContract({ ...onChain(deployment).contract('Rewards'), functionName: 'balancesOf', args: [filIds] });
  expect(left.every((v) => v === 0n)).toBe(true);
  expect(await tokenBalance(filToken, users.alice.address)).toBe(filBefore);
  const opened = (await positionsOf(td, users.alice.address)).at(-1)!;
  expect(opened.termId).toBe(FIL_90D);
  expect(opened.principal).toBe(rewards);
  expect(opened.interest).toBe(preview);

  // The new deposit is on the calendar, after the seeded one (sorted by date).
  const item = page.getByTestId(`calendar-deposit-${opened.id}`);
  await expect(item).toContainText(`Deposit #${opened.id} matures`);
  const order = await page.getByRole('list', { name: 'What falls due' }).getByRole('listitem').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
  expect(order.indexOf(`calendar-deposit-${seeded.id}`)).toBeLessThan(order.indexOf(`calendar-deposit-${opened.id}`));
  await item.scrollIntoViewIfNeeded();
  await shot('portfolio-calendar');

  await page.goto('/#/earn');
  await expect(page.getByTestId(`position-${opened.id}`)).toContainText('FIL 90 days at 6.00%');
});

/** "$9,897.26" -> cents. */
const cents = (text: string) => BigInt(text.replace(/[$,]/g, '').replace('.', ''));

test('USD and token amounts agree on the Earn page; summary figures show the unit\'s decimals', async ({ page, connect, deployment }) => {
  await openApp(page, '/#/earn');
  await connect();
  // The vault: USDT is the dollar, so the USD figure is the token figure, to the cent.
  await expect(page.getByTestId('vault-idle')).toContainText('USDT');
  const idle = (await page.getByTestId('vault-idle').textContent())!;
  const idleUsd = (await page.getByTestId('vault-idle-sub').textContent())!;
  expect(cents(idleUsd)).toBe(units(idle, 2));
  expect(idle).toMatch(/^[\d,]+(\.\d{1,2})? USDT$/);

  // Each asset's free interest reserve: "9,897.26 USDT ($9,897.26)", "999.9968 FIL ($4,999.98)".
  const rewardsCoins = await chainClient.readContract({ ...onChain(deployment).contract('Rewards'), functionName: 'coins' });
  const decimalsShown: Record<string, number> = { USDT: 2, BTC: 6, ETC: 4, FIL: 4 };
  for (const symbol of ['USDT', 'BTC', 'ETC', 'FIL']) {
    const text = (await page.getByTestId(`reserve-${symbol}`).textContent())!;
    const m = new RegExp(`Free interest reserve ([\\d,]+(?:\\.(\\d+))?) ${symbol} \\((\\$[\\d,]+\\.\\d{2})\\)`).exec(text);
    expect(m, text).not.toBeNull();
    expect((m![2] ?? '').length, `${symbol} decimals in "${text}"`).toBeLessThanOrEqual(decimalsShown[symbol]);
    const token = m![1].replace(/,/g, '');
    if (symbol === 'USDT') {
      expect(cents(m![3])).toBe(parseUnits(token, 2));
    } else {
      // USD = the amount as shown x the oracle price, to the cent.
      const coinId = ['BTC', 'ETC', 'FIL'].indexOf(symbol);
      const feed = rewardsCoins[coinId].priceFeed;
      const [, answer] = await chainClient.readContract({ address: feed, abi: abiOf('BTC_USD'), functionName: 'latestRoundData' });
      const usd = Number(token) * Number(formatUnits(answer, 8));
      expect(m![3]).toBe(usd.toLocaleString('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 }));
    }
  }
});

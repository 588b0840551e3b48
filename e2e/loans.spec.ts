// Loans and the liquidity vault: a lender deposits; a borrower (dev account 1, alice) pledges NFT #1,
// repays in part and in full; the BTC price drops and another person (account 3, carol) liquidates; bad
// amounts and withdrawals above the vault's idle cash are refused in the page before any transaction; a
// rejected wallet prompt changes nothing. Seed: dave (#4) 5,000 and bob (#2) 3,000 USDT in the vault; bob's
// loan 1 (120 USDT against #6).
import type { Page } from '@playwright/test';
import { parseUnits, zeroAddress } from 'viem';
import { onChain } from './support/contracts.ts';
import { formatDate } from '../src/lib/format.ts';
import { formatHealthFactor } from '../src/lib/loans.ts';
import { actAs, chainClient, expect, openApp, secondWallet, test, testClient, usdtBalance, users } from './support/fixtures.ts';

const TOKEN = 1n; // alice's 30 TH/s BTC, 180-day term
const LOAN = 2n; // the first loan after the seeded one
const LoanStatus = { Active: 1, Repaid: 2, Liquidated: 3, InAuction: 5 } as const;

type D = import('../scripts/lib/protocol.ts').Deployment;
const pool = (d: D) => onChain(d).contract('LoanPool');
const vault = (d: D) => onChain(d).contract('LiquidityVault');
const ownerOf = (d: D, id: bigint) => chainClient.readContract({ ...onChain(d).contract('HashNFT'), functionName: 'ownerOf', args: [id] });
const loan = (d: D, id: bigint) => chainClient.readContract({ ...pool(d), functionName: 'loan', args: [id] });
const sent = (w: { requests(): { method: string }[] }) => w.requests().filter((r) => r.method === 'eth_sendTransaction').length;

async function pickAndType(page: Page, amount: string) {
  await page.getByLabel(`Pledge #${TOKEN}`).check();
  await expect(page.getByTestId('appraisal-total')).toContainText('USDT');
  await page.getByLabel('Borrow amount (USDT)').fill(amount);
}

/** Clicks the form's button through its approval step, if it shows one, then the action. */
async function approveThenAct(page: Page, testId: string, approveLabel: RegExp, actionLabel: RegExp) {
  const button = page.getByTestId(testId);
  await expect(button).toHaveText(approveLabel);
  await button.click();
  await expect(button).toHaveText(actionLabel, { timeout: 20_000 });
  await button.click();
}

test('deposit into the vault: exact approval, shares minted at the share price', async ({ page, connect, deployment, shot }) => {
  await openApp(page, '/#/earn');
  await connect();
  const before = await usdtBalance(deployment, users.alice.address);
  const sharesBefore = await chainClient.readContract({ ...vault(deployment), functionName: 'balanceOf', args: [users.alice.address] });
  expect(sharesBefore).toBe(0n);
  await expect(page.getByTestId('vault-idle')).toContainText('7,880 USDT');

  await page.getByLabel('Deposit amount (USDT)').fill('1000');
  await expect(page.getByTestId('vault-deposit-preview')).toContainText('You receive ≈ 1,000');
  await approveThenAct(page, 'vault-deposit-submit', /^Approve 1,000 USDT$/, /^Deposit 1,000 USDT$/);
  await expect(page.getByTestId('vault-value')).toContainText(/^(999\.99|1,000) USDT$/);

  expect(await usdtBalance(deployment, users.alice.address)).toBe(before - parseUnits('1000', 6));
  const shares = await chainClient.readContract({ ...vault(deployment), functionName: 'balanceOf', args: [users.alice.address] });
  const value = await chainClient.readContract({ ...vault(deployment), functionName: 'convertToAssets', args: [shares] });
  // Shares carry 6 extra decimals; interest accrued since the seed makes a share worth a hair more than 1 USDT.
  expect(shares).toBeGreaterThan(999n * 10n ** 12n);
  expect(shares).toBeLessThanOrEqual(1000n * 10n ** 12n);
  expect(value).toBeGreaterThanOrEqual(parseUnits('999.999', 6));
  expect(value).toBeLessThanOrEqual(parseUnits('1000', 6));
  // The approval was for exactly the deposit, and all of it was used.
  expect(await chainClient.readContract({ ...onChain(deployment).contract('USDT'), functionName: 'allowance', args: [users.alice.address, deployment.contracts.LiquidityVault] })).toBe(0n);
  await expect(page.getByTestId('vault-idle')).toContainText('8,880 USDT');
  await shot('earn');
});

test('borrow against an NFT, repay in part, then in full: the NFT comes back', async ({ page, connect, deployment, shot, wallet }) => {
  await openApp(page, '/#/loans');
  await connect();
  const before = await usdtBalance(deployment, users.alice.address);
  await pickAndType(page, '100');
  const maxBorrow = await chainClient.readContract({ ...pool(deployment), functionName: 'maxBorrow', args: [[TOKEN]] });
  expect(maxBorrow).toBeGreaterThan(parseUnits('100', 6));
  const hf = await chainClient.readContract({ ...onChain(deployment).contract('LoanLens'), functionName: 'previewHealthFactor', args: [[TOKEN], parseUnits('100', 6)] });
  await expect(page.getByTestId('borrow-hf-now')).toHaveText('—');
  await expect(page.getByTestId('borrow-hf-after')).toContainText(formatHealthFactor(hf));
  await expect(page.getByTestId('borrow-liq-price')).toContainText('$');
  await expect(page.getByTestId('borrow-hf-due')).toBeVisible();
  await expect(page.getByTestId('borrow-due-warning')).toHaveCount(0);
  await page.getByLabel('Loan duration').selectOption('30');

  const submit = page.getByTestId('borrow-submit');
  await expect(submit).toHaveText('Borrow 100 USDT');
  await shot('loans');
  await submit.click();
  await expect(page.getByText(/You borrowed 100 USDT against #1/)).toBeVisible({ timeout: 20_000 });
  // One approval for this token only, then the borrow.
  expect(sent(wallet)).toBe(2);
  expect(await ownerOf(deployment, TOKEN)).toBe(deployment.contracts.LoanPool);
  expect(await chainClient.readContract({ ...onChain(deployment).contract('HashNFT'), functionName: 'isApprovedForAll', args: [users.alice.address, deployment.contracts.LoanPool] })).toBe(false);
  expect(await usdtBalance(deployment, users.alice.address)).toBe(before + parseUnits('100', 6));
  const opened = await loan(deployment, LOAN);
  expect(opened.borrower).toBe(users.alice.address);
  expect(opened.tokenIds).toEqual([TOKEN]);
  expect(Number(opened.due - opened.openedAt)).toBe(30 * 86400);

  const card = page.getByTestId(`loan-${LOAN}`);
  await expect(card.getByTestId(`loan-${LOAN}-debt`)).toContainText('100');
  await expect(card.getByTestId(`loan-${LOAN}-hf`)).toContainText(formatHealthFactor(hf).slice(0, 3));
  await expect(card.getByTestId(`loan-${LOAN}-liq`)).toContainText('$');
  await shot('loans-open');

  // Repay 40: exact approval, then the repayment; the health factor improves.
  await card.getByLabel('Repay amount (USDT)').fill('40');
  await expect(card.getByTestId(`loan-${LOAN}-hf-after-after`)).toHaveAttribute('data-band', /careful|safe/);
  await approveThenAct(page, `loan-${LOAN}-repay`, /^Approve 40 USDT$/, /^Repay 40 USDT$/);
  await expect(card.getByTestId(`loan-${LOAN}-debt`)).toHaveText(/^60(\.0\d)? USDT$/, { timeout: 20_000 });
  const debt = await chainClient.readContract({ ...pool(deployment), functionName: 'debtOf', args: [LOAN] });
  expect(debt).toBeGreaterThanOrEqual(parseUnits('60', 6));
  expect(debt).toBeLessThan(parseUnits('60.01', 6));
  expect(await ownerOf(deployment, TOKEN)).toBe(deployment.contracts.LoanPool);
  // While the loan is open, the confirmation that the NFT is in escrow stays.
  await expect(page.getByText(/You borrowed 100 USDT against #1/)).toBeVisible();

  // Repay all: approves the debt plus an hour of interest, repays with max; the NFT comes back.
  const beforeAll = await usdtBalance(deployment, users.alice.address);
  await approveThenAct(page, `loan-${LOAN}-repay-all`, /^Approve 60(\.0\d)? USDT to repay all$/, /^Repay all/);
  await expect(page.getByTestId(`loan-${LOAN}`)).toHaveCount(0, { timeout: 20_000 });
  expect((await loan(deployment, LOAN)).status).toBe(LoanStatus.Repaid);
  expect(await ownerOf(deployment, TOKEN)).toBe(users.alice.address);
  const paid = beforeAll - (await usdtBalance(deployment, users.alice.address));
  expect(paid).toBeGreaterThanOrEqual(debt);
  expect(paid).toBeLessThan(parseUnits('60.01', 6));
  await expect(page.getByText('No open loans')).toBeVisible();
  // The NFT is out of escrow: the borrow confirmation that said it was in escrow is gone.
  await expect(page.getByText(/You borrowed 100 USDT/)).toHaveCount(0);
});

test('the BTC price drops: the loan shows as liquidatable, a second person starts its auction and wins it', async ({ page, browser, connect, deployment }) => {
  // Alice borrows 110 USDT against #1 outside the app (HF ≈ 1.48 at $95,000).
  await actAs(1, { ...onChain(deployment).contract('HashNFT'), functionName: 'approve', args: [deployment.contracts.LoanPool, TOKEN] });
  await actAs(1, { ...pool(deployment), functionName: 'borrow', args: [[TOKEN], parseUnits('110', 6), 30n * 86400n] });
  await openApp(page, '/#/loans');
  await connect();
  await expect(page.getByTestId(`loan-${LOAN}-hf`)).toHaveAttribute('data-band', 'risky');
  await expect(page.getByText('No loan can be liquidated right now')).toBeVisible();

  await actAs(0, { ...onChain(deployment).contract('BTC_USD'), functionName: 'setPrice', args: [parseUnits('50000', 8)] });
  // A drop of more than 20% in one round is not used for liquidation until a second round confirms it.
  expect((await chainClient.readContract({ ...pool(deployment), functionName: 'isLiquidatable', args: [LOAN] }))[0]).toBe(false);
  await actAs(0, { ...onChain(deployment).contract('BTC_USD'), functionName: 'setPrice', args: [parseUnits('50000', 8)] });
  const [liquidatable, hf] = await chainClient.readContract({ ...pool(deployment), functionName: 'isLiquidatable', args: [LOAN] });
  expect(liquidatable).toBe(true);
  await page.reload();
  await expect(page.getByTestId(`loan-${LOAN}-hf`)).toHaveAttribute('data-band', 'liquidatable');
  await expect(page.getByTestId(`loan-${LOAN}-hf`)).toContainText(formatHealthFactor(hf));
  await expect(page.getByTestId(`liquidatable-${LOAN}`)).toBeVisible();
  // The seeded loan 1 is still healthy at $50,000 and is not offered.
  await expect(page.getByTestId('liquidatable-1')).toHaveCount(0);
  await page.goto('/#/portfolio');
  await expect(page.getByTestId(`portfolio-loan-${LOAN}-hf`)).toHaveAttribute('data-band', 'liquidatable');
  // The calendar lists the loan's due date from the same loan read.
  const due = (await loan(deployment, LOAN)).due;
  await expect(page.getByTestId(`calendar-loan-${LOAN}`)).toContainText(`Loan #${LOAN} due`);
  await expect(page.getByTestId(`calendar-loan-${LOAN}`).locator('time').first()).toHaveText(formatDate(due));

  const carolBefore = await usdtBalance(deployment, users.carol.address);
  const liquidator = await secondWallet(browser, 3, '/#/loans');
  try {
    const card = liquidator.page.getByTestId(`liquidatable-${LOAN}`);
    await expect(card.getByTestId(`liquidatable-${LOAN}-debt`)).toContainText('110');
    await expect(card).toContainText('#1');
    // Issue 13: liquidation is an auction; the first bid (the debt plus five minutes of interest) is approved
    // exactly and placed in one click.
    const button = liquidator.page.getByTestId(`liquidatable-${LOAN}-submit`);
    await expect(button).toHaveText(new RegExp(`^Start auction of loan ${LOAN}$`));
    await button.click();
    await expect(liquidator.page.getByTestId(`liquidatable-${LOAN}`)).toHaveCount(0, { timeout: 20_000 });
  } finally {
    await liquidator.close();
  }
  expect((await loan(deployment, LOAN)).status).toBe(LoanStatus.InAuction);
  const paid = carolBefore - (await usdtBalance(deployment, users.carol.address));
  expect(paid).toBeGreaterThanOrEqual(parseUnits('110', 6));
  expect(paid).toBeLessThan(parseUnits('110.01', 6));
  // Nobody outbids: after the auction's hour anyone settles; carol receives the NFT, the vault the debt and
  // alice the few cents her bid was above the debt.
  const auctions = onChain(deployment).contract('LoanAuctions');
  const auction = await chainClient.readContract({ ...auctions, functionName: 'auctionOf', args: [LOAN] });
  const aliceBefore = await usdtBalance(deployment, users.alice.address);
  await testClient.increaseTime({ seconds: 3601 });
  await actAs(4, { ...auctions, functionName: 'settle', args: [LOAN] });
  expect(await ownerOf(deployment, TOKEN)).toBe(users.carol.address);
  expect((await loan(deployment, LOAN)).status).toBe(LoanStatus.Liquidated);
  expect((await usdtBalance(deployment, users.alice.address)) - aliceBefore).toBe(auction.highestBid - auction.debt);
});

test('bad borrow amounts, above max LTV included, are refused in the page before any transaction', async ({ page, connect, deployment, wallet }) => {
  await openApp(page, '/#/loans');
  await connect();
  await pickAndType(page, '1');
  const maxBorrow = await chainClient.readContract({ ...pool(deployment), functionName: 'maxBorrow', args: [[TOKEN]] });
  const submit = page.getByTestId('borrow-submit');
  const cases: [string, RegExp][] = [
    ['500', /allows at most .* USDT \(its max loan-to-value\)/],
    [(Number(maxBorrow) / 1e6 + 0.01).toFixed(2), /allows at most/],
    ['0', /more than zero/],
    ['-5', /cannot be negative/],
    ['1.1234567', /at most 6 decimals/],
    ['1e3', /exponent/],
  ];
  for (const [text, error] of cases) {
    await page.getByLabel('Borrow amount (USDT)').fill(text);
    await expect(page.getByRole('alert').filter({ hasText: error })).toBeVisible();
    await expect(submit).toBeDisabled();
  }
  await page.getByLabel('Borrow amount (USDT)').fill('');
  await expect(submit).toHaveText('Enter an amount');
  await expect(submit).toBeDisabled();
  expect(sent(wallet)).toBe(0);
  expect(wallet.sentTransactions()).toEqual([]);
  expect(await ownerOf(deployment, TOKEN)).toBe(users.alice.address);
  expect(await chainClient.readContract({ ...pool(deployment), functionName: 'loansOf', args: [users.alice.address] })).toEqual([]);
});

test('a vault withdrawal above idle cash is explained, not attempted', async ({ page, connect, deployment, wallet }) => {
  // Dave takes 5,000 out: 2,880 USDT stay idle, less than bob's ~3,000 USDT position.
  await actAs(4, { ...vault(deployment), functionName: 'withdraw', args: [parseUnits('5000', 6), users.dave.address, users.dave.address] });
  const idle = await chainClient.readContract({ ...vault(deployment), functionName: 'idleCash' });
  expect(idle).toBe(parseUnits('2880', 6));
  await openApp(page, '/#/earn');
  await connect();
  await wallet.switchAccount(1); // bob
  await expect(page.getByTestId('account-button')).toContainText(users.bob.address.slice(-4));
  await expect(page.getByTestId('vault-max-withdraw')).toHaveText('2,880 USDT');
  const maxWithdraw = await chainClient.readContract({ ...vault(deployment), functionName: 'maxWithdraw', args: [users.bob.address] });
  expect(maxWithdraw).toBe(idle);

  const sharesBefore = await chainClient.readContract({ ...vault(deployment), functionName: 'balanceOf', args: [users.bob.address] });
  await page.getByLabel('Withdraw amount (USDT)').fill('2950');
  await expect(page.getByRole('alert').filter({ hasText: 'Only 2,880 USDT is idle right now; the rest is lent out.' })).toBeVisible();
  await expect(page.getByTestId('vault-withdraw-submit')).toBeDisabled();
  await page.getByLabel('Withdraw amount (USDT)').fill('3100');
  await expect(page.getByRole('alert').filter({ hasText: /Your position is worth 3,000(\.\d+)? USDT/ })).toBeVisible();
  await expect(page.getByTestId('vault-withdraw-submit')).toBeDisabled();
  expect(sent(wallet)).toBe(0);
  expect(await chainClient.readContract({ ...vault(deployment), functionName: 'balanceOf', args: [users.bob.address] })).toBe(sharesBefore);

  // Within idle cash it goes through.
  await page.getByLabel('Withdraw amount (USDT)').fill('500');
  const before = await usdtBalance(deployment, users.bob.address);
  const button = page.getByTestId('vault-withdraw-submit');
  await expect(button).toHaveText('Withdraw 500 USDT');
  await button.click();
  await expect(page.getByTestId('vault-max-withdraw')).toHaveText('2,380 USDT', { timeout: 20_000 });
  expect(await usdtBalance(deployment, users.bob.address)).toBe(before + parseUnits('500', 6));
});

test('a rejected wallet prompt changes nothing', async ({ page, connect, deployment, wallet }) => {
  await openApp(page, '/#/loans');
  await connect();
  await pickAndType(page, '50');
  const before = await usdtBalance(deployment, users.alice.address);
  wallet.rejectNext('eth_sendTransaction');
  const submit = page.getByTestId('borrow-submit');
  await expect(submit).toHaveText('Borrow 50 USDT');
  await submit.click();
  await expect(page.getByTestId('toast-info')).toContainText('Nothing was sent and nothing changed.');
  await expect(submit).toHaveText('Borrow 50 USDT');
  expect(wallet.sentTransactions()).toEqual([]);
  expect(await ownerOf(deployment, TOKEN)).toBe(users.alice.address);
  expect(await chainClient.readContract({ ...onChain(deployment).contract('HashNFT'), functionName: 'getApproved', args: [TOKEN] })).toBe(zeroAddress);
  expect(await chainClient.readContract({ ...pool(deployment), functionName: 'loansOf', args: [users.alice.address] })).toEqual([]);
  expect(await usdtBalance(deployment, users.alice.address)).toBe(before);
});

/** "$1,234.56" -> cents; "1,234.56 USDT" -> cents. */
const cents = (text: string) => parseUnits(text.replace(/[$,]|USDT|\s/g, ''), 2);

test('USD and token amounts agree on the Loans page; the pledge list counts the days the appraisal counts', async ({ page, connect, deployment }) => {
  await openApp(page, '/#/loans');
  await connect();
  await pickAndType(page, '50');
  // Max borrow: "114 USDT" beside "$114.00", never "$114.01".
  const max = page.getByTestId('borrow-max');
  await expect(max).toContainText('USDT');
  const maxText = (await max.textContent())!;
  expect(maxText).toMatch(/^[\d,]+(\.\d{1,2})? USDT$/);
  expect(cents((await page.getByTestId('borrow-max-sub').textContent())!)).toBe(cents(maxText));
  const maxBorrow = await chainClient.readContract({ ...pool(deployment), functionName: 'maxBorrow', args: [[TOKEN]] });
  expect(cents(maxText)).toBe(maxBorrow / 10_000n); // rounded down to the cent

  // Days left: the pledge list, the appraisal table and the contract's appraisal say the same number.
  const [appraisal] = await chainClient.readContract({ ...onChain(deployment).contract('LoanLens'), functionName: 'appraisals', args: [[TOKEN]] });
  await expect(page.getByTestId(`appraisal-${TOKEN}-days`)).toHaveText(String(appraisal.remainingDays));
  await expect(page.getByTestId(`pledge-${TOKEN}-term`)).toHaveText(`${appraisal.remainingDays} days left`);
  const now = (await chainClient.getBlock()).timestamp;
  expect(await chainClient.readContract({ ...onChain(deployment).contract('HashNFT'), functionName: 'remainingDays', args: [TOKEN, now] })).toBe(appraisal.remainingDays);
});

test('the borrow form shows the longest safe due date for the amount typed and for the largest amount, as the lens computes them', async ({ page, connect, deployment, wallet }) => {
  await openApp(page, '/#/loans');
  await connect();
  await pickAndType(page, '100');
  await page.getByLabel('Loan duration').selectOption('30');
  const lens = onChain(deployment).contract('LoanLens');
  const max = await chainClient.readContract({ ...pool(deployment), functionName: 'maxBorrow', args: [[TOKEN]] });
  const forAmount = await chainClient.readContract({ ...lens, functionName: 'longestSafeDuration', args: [[TOKEN], parseUnits('100', 6)] });
  const forMax = await chainClient.readContract({ ...lens, functionName: 'longestSafeDuration', args: [[TOKEN], max] });
  const safeFor30 = await chainClient.readContract({ ...lens, functionName: 'largestSafeAmount', args: [[TOKEN], 30n * 86400n] });
  const days = (s: bigint) => Number(s / 86400n);
  // The larger the loan, the sooner it must be due: the largest amount is safe only for the shorter dates.
  expect(days(forMax)).toBeLessThan(days(forAmount));
  await expect(page.getByTestId('borrow-longest-safe')).toContainText(`Longest safe due date for 100 USDT: ${days(forAmount)} days`);
  await expect(page.getByTestId('borrow-max-due')).toContainText(`safe for due dates up to ${days(forMax)} days`);
  // The page's largest safe amount for 30 days is the lens's to the cent (the page rounds down).
  const shown = (await page.getByTestId('borrow-safe-amount').textContent()) ?? '';
  const cents = parseUnits(/for 30 days: ([\d,.]+) USDT/.exec(shown)?.[1]?.replace(/,/g, '') ?? 'NaN', 2);
  expect(cents * 10_000n).toBeLessThanOrEqual(safeFor30);
  expect(safeFor30 - cents * 10_000n).toBeLessThan(20_000n);
  expect(sent(wallet)).toBe(0);
});

test('a loan near liquidation shows the coin price and date it becomes liquidatable, and what repaying how much or adding which NFT restores', async ({ page, connect, deployment }) => {
  // 110 USDT against #1 (health ≈ 1.48), then BTC falls to $75,000 (two rounds confirm the move): the loan
  // is still healthy today but its collateral runs down below the debt before the due date.
  await actAs(1, { ...onChain(deployment).contract('HashNFT'), functionName: 'approve', args: [deployment.contracts.LoanPool, TOKEN] });
  await actAs(1, { ...pool(deployment), functionName: 'borrow', args: [[TOKEN], parseUnits('110', 6), 30n * 86400n] });
  for (let i = 0; i < 2; i++) await actAs(0, { ...onChain(deployment).contract('BTC_USD'), functionName: 'setPrice', args: [parseUnits('75000', 8)] });
  const lens = onChain(deployment).contract('LoanLens');
  const [detail] = await chainClient.readContract({ ...lens, functionName: 'loanDetails', args: [[LOAN]] });
  expect(detail.liquidatable).toBe(false);
  expect(detail.dueHealthFactor).toBeLessThan(10n ** 18n);
  await openApp(page, '/#/loans');
  await connect();
  const restore = page.getByTestId(`loan-${LOAN}-restore`);
  // The exact coin price: the lens's liquidation price, in dollars and cents.
  const usd = `$${(Number(detail.liquidationPrice) / 1e8).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  await expect(restore).toContainText(`or at once if BTC falls below ${usd}`);
  await expect(page.getByTestId(`loan-${LOAN}-liq`)).toHaveText(usd);
  // The date, to the minute: the lens projects health below 1 at the end of that minute and not before it.
  const text = (await restore.locator('p').first().textContent()) ?? '';
  const m = /becomes liquidatable on (\d{1,2} \w+), (\d\d):(\d\d) UTC/.exec(text);
  expect(m, text).not.toBeNull();
  const now = Number((await chainClient.getBlock()).timestamp);
  let at = Date.parse(`${m![1]} ${new Date(now * 1000).getUTCFullYear()} ${m![2]}:${m![3]}:00 UTC`) / 1000;
  if (at < now) at = Date.parse(`${m![1]} ${new Date(now * 1000).getUTCFullYear() + 1} ${m![2]}:${m![3]}:00 UTC`) / 1000;
  const projected = (t: number) => chainClient.readContract({ ...lens, functionName: 'projectedHealthFactor', args: [LOAN, BigInt(t)] });
  expect(await projected(at + 59)).toBeLessThan(10n ** 18n);
  expect(await projected(at - 1)).toBeGreaterThanOrEqual(10n ** 18n);
  // Repaying the amount shown keeps the health at the due date at the pool's minimum: the lens agrees.
  const repayText = (await page.getByTestId(`loan-${LOAN}-restore-repay`).textContent()) ?? '';
  const repay = parseUnits(/repay ([\d,.]+) USDT/.exec(repayText)?.[1]?.replace(/,/g, '') ?? 'NaN', 6);
  expect(repay).toBeGreaterThan(0n);
  const l = await loan(deployment, LOAN);
  const after = await chainClient.readContract({ ...lens, functionName: 'preview', args: [l.tokenIds, detail.debt - repay, l.due, LOAN] });
  const minDue = BigInt(await chainClient.readContract({ ...pool(deployment), functionName: 'minDueHealthBps' })) * 10n ** 14n;
  expect(after.dueHealthFactor).toBeGreaterThanOrEqual(minDue);
  // and not much less would do: a repayment 1 USDT smaller leaves it below the minimum
  const less = await chainClient.readContract({ ...lens, functionName: 'preview', args: [l.tokenIds, detail.debt - repay + parseUnits('1', 6), l.due, LOAN] });
  expect(less.dueHealthFactor).toBeLessThan(minDue);
  // Adding #2 is offered with its before → after health at the due date.
  await expect(page.getByTestId(`loan-${LOAN}-restore-nft-2`)).toContainText('add #2');
  await expect(page.getByTestId(`loan-${LOAN}-restore-nft-2`)).toContainText(/health at due [\d.]+\s*(\(\w+\))?\s*→\s*(after:)?\s*[\d.]+/);
});

// Liquidation auctions and loan upkeep (issue 13) in the browser with three wallets, each checked on chain.
// Alice (account 1) borrows 110 USDT against #1; BTC falls from $95,000 to $50,000 in two rounds (one round
// alone is not used for liquidation); carol (account 3) starts the auction from the Loans page; dave
// (account 4) outbids her from the Auctions tab. Then either alice redeems for the exact amount the page
// shows, or the auction ends, alice's late redeem is refused in words, dave settles and alice receives the
// surplus, and the Earn page shows the vault's share price at once. Upkeep: add collateral, borrow more,
// an unsafe extension refused in words, a safe extension, and a refinance, each checked on chain.
import { formatUnits, parseUnits } from 'viem';
import { onChain } from './support/contracts.ts';
import { formatAmount, formatUsdt } from '../src/lib/format.ts';
import { actAs, chainClient, expect, openApp, secondWallet, test, testClient, usdtBalance, users } from './support/fixtures.ts';

const TOKEN = 1n; // alice's 30 TH/s BTC, 180-day term
const SECOND = 2n; // alice's second NFT
const LOAN = 2n; // the first loan after the seeded one
const DAY = 86400n;
const Status = { Active: 1, Repaid: 2, Liquidated: 3, InAuction: 5 } as const;

// Three browser wallets and a dozen transactions per journey: a larger budget than the default minute.
test.describe.configure({ timeout: 180_000 });

type D = import('../scripts/lib/protocol.ts').Deployment;
const pool = (d: D) => onChain(d).contract('LoanPool');
const auctions = (d: D) => onChain(d).contract('LoanAuctions');
const loan = (d: D, id: bigint) => chainClient.readContract({ ...pool(d), functionName: 'loan', args: [id] });
const auctionOf = (d: D) => chainClient.readContract({ ...auctions(d), functionName: 'auctionOf', args: [LOAN] });
const ownerOf = (d: D, id: bigint) => chainClient.readContract({ ...onChain(d).contract('HashNFT'), functionName: 'ownerOf', args: [id] });
const sent = (w: { requests(): { method: string }[] }) => w.requests().filter((r) => r.method === 'eth_sendTransaction').length;
/** A USDT amount as someone would type it (all six decimals, no grouping). */
const typed = (v: bigint) => formatUnits(v, 6);

async function borrow(d: D, amount: string, days = 30n) {
  await actAs(1, { ...onChain(d).contract('HashNFT'), functionName: 'approve', args: [d.contracts.LoanPool, TOKEN] });
  await actAs(1, { ...pool(d), functionName: 'borrow', args: [[TOKEN], parseUnits(amount, 6), days * DAY] });
}

/** BTC to $50,000 in two rounds: the second confirms the jump, so the pool uses it. */
async function crash(d: D) {
  for (let i = 0; i < 2; i++) await actAs(0, { ...onChain(d).contract('BTC_USD'), functionName: 'setPrice', args: [parseUnits('50000', 8)] });
  expect((await chainClient.readContract({ ...pool(d), functionName: 'isLiquidatable', args: [LOAN] }))[0]).toBe(true);
}

/** Carol starts the auction from the Loans page; returns her USDT balance before. */
async function carolStarts(browser: import('@playwright/test').Browser, d: D) {
  const before = await usdtBalance(d, users.carol.address);
  const carol = await secondWallet(browser, 3, '/#/loans');
  try {
    const card = carol.page.getByTestId(`liquidatable-${LOAN}`);
    await expect(card).toContainText('#1');
    await card.getByTestId(`liquidatable-${LOAN}-submit`).click();
    await expect(carol.page.getByTestId(`liquidatable-${LOAN}`)).toHaveCount(0, { timeout: 30_000 });
  } finally {
    await carol.close();
  }
  const a = await auctionOf(d);
  expect(a.highestBidder).toBe(users.carol.address);
  expect((await loan(d, LOAN)).status).toBe(Status.InAuction);
  return before;
}

/** Dave outbids: first below the minimum (refused in words, nothing sent), then exactly the minimum. */
async function daveOutbids(browser: import('@playwright/test').Browser, d: D, amount?: bigint) {
  const dave = await secondWallet(browser, 4, '/#/loans/auctions');
  const card = dave.page.getByTestId(`auction-${LOAN}`);
  const a = await auctionOf(d);
  await expect(card.getByTestId(`auction-${LOAN}-min`)).toContainText(formatUsdt(a.minNextBid));
  await expect(card.getByTestId(`auction-${LOAN}-bid`)).toContainText(formatUsdt(a.highestBid));
  const field = card.getByLabel('Your bid (USDT)');
  await field.fill(typed(a.minNextBid - 1n));
  await expect(card.getByRole('alert').filter({ hasText: `The minimum next bid is ${formatUsdt(a.minNextBid)}` })).toBeVisible();
  await expect(card.getByTestId(`auction-${LOAN}-bid-submit`)).toBeDisabled();
  expect(sent(dave.wallet)).toBe(0);
  const bid = amount ?? a.minNextBid;
  await field.fill(typed(bid));
  await card.getByTestId(`auction-${LOAN}-bid-submit`).click();
  await expect.poll(async () => (await auctionOf(d)).highestBidder, { timeout: 30_000 }).toBe(users.dave.address);
  expect((await auctionOf(d)).highestBid).toBe(bid);
  return dave;
}

test('the price drops, carol starts the auction, dave outbids, alice redeems for the exact amount shown', async ({ page, browser, connect, deployment, shot }) => {
  await borrow(deployment, '110');
  await crash(deployment);
  const carolBefore = await carolStarts(browser, deployment);
  const firstBid = (await auctionOf(deployment)).highestBid;
  const daveBefore = await usdtBalance(deployment, users.dave.address);
  const dave = await daveOutbids(browser, deployment);
  try {
    // Carol was refunded in the same transaction as dave's bid.
    expect(await usdtBalance(deployment, users.carol.address)).toBe(carolBefore);
    expect(firstBid).toBeGreaterThan(0n);
  } finally {
    await dave.close();
  }
  const carol = await secondWallet(browser, 3, '/#/loans/auctions');
  try {
    await expect(carol.page.getByTestId('auction-refunds')).toContainText(`Loan ${LOAN}: ${formatUsdt(firstBid)}`);
  } finally {
    await carol.close();
  }

  // Alice sees the exact redeem amount (debt + penalty) and redeems; the NFT comes back.
  await openApp(page, '/#/loans/auctions');
  await connect();
  const a = await auctionOf(deployment);
  const card = page.getByTestId(`auction-${LOAN}`);
  await expect(card.getByTestId(`auction-${LOAN}-redeem-amount`)).toContainText(`pay exactly ${formatUsdt(a.redeemAmount)}`);
  await expect(card.getByTestId(`auction-${LOAN}-surplus`)).toContainText(formatUsdt(a.surplusToBorrower));
  await shot('auctions');
  const aliceBefore = await usdtBalance(deployment, users.alice.address);
  await card.getByTestId(`auction-${LOAN}-redeem`).click();
  await expect.poll(async () => (await loan(deployment, LOAN)).status, { timeout: 30_000 }).toBe(Status.Repaid);
  expect(await ownerOf(deployment, TOKEN)).toBe(users.alice.address);
  expect(aliceBefore - (await usdtBalance(deployment, users.alice.address))).toBe(a.redeemAmount);
  // Dave's bid came back; the penalty went to carol, the first bidder.
  expect(await usdtBalance(deployment, users.dave.address)).toBe(daveBefore);
  expect(await usdtBalance(deployment, users.carol.address)).toBe(carolBefore + a.penalty);
  await expect(page.getByTestId(`auction-${LOAN}`)).toHaveCount(0, { timeout: 20_000 });
});

test('the auction ends: a late redeem is refused in words, dave settles, alice gets the surplus and Earn shows the share price at once', async ({ page, browser, connect, deployment, wallet }) => {
  await borrow(deployment, '110');
  await crash(deployment);
  await carolStarts(browser, deployment);
  const debt = (await auctionOf(deployment)).debt;
  const dave = await daveOutbids(browser, deployment, debt + parseUnits('60', 6));
  try {
    const duration = Number((await chainClient.readContract({ ...auctions(deployment), functionName: 'params' }))[0]);
    await testClient.increaseTime({ seconds: duration + 1 });
    await testClient.mine({ blocks: 1 });

    // Alice is too late to redeem: the page says so and sends nothing.
    await openApp(page, '/#/loans/auctions');
    await connect();
    const card = page.getByTestId(`auction-${LOAN}`);
    await expect(card.getByRole('alert').filter({ hasText: 'it can no longer be redeemed' })).toBeVisible({ timeout: 20_000 });
    await expect(card.getByTestId(`auction-${LOAN}-redeem`)).toBeDisabled();
    expect(sent(wallet)).toBe(0);

    const a = await auctionOf(deployment);
    expect(a.surplusToBorrower).toBe(parseUnits('60', 6));
    const aliceBefore = await usdtBalance(deployment, users.alice.address);
    await dave.page.reload();
    await dave.page.getByTestId(`auction-${LOAN}-settle`).click();
    await expect.poll(() => ownerOf(deployment, TOKEN), { timeout: 30_000 }).toBe(users.dave.address);
    expect((await loan(deployment, LOAN)).status).toBe(Status.Liquidated);
    expect((await usdtBalance(deployment, users.alice.address)) - aliceBefore).toBe(a.surplusToBorrower);
  } finally {
    await dave.close();
  }
  await page.goto('/#/earn');
  const stats = await chainClient.readContract({ ...onChain(deployment).contract('LiquidityVault'), functionName: 'stats' });
  await expect(page.getByTestId('vault-share-price')).toHaveText(`${formatAmount(stats.sharePrice, 6, 6)} USDT`);
  await expect(page.getByTestId('vault-in-auction')).toContainText('0');
});

test('upkeep: add collateral, borrow more, an unsafe extension refused in words, a safe extension, then refinance', async ({ page, connect, deployment, wallet, shot }) => {
  await borrow(deployment, '50');
  await openApp(page, '/#/loans');
  await connect();
  await expect(page.getByTestId(`loan-${LOAN}-hf-due`)).toHaveAttribute('data-band', /safe|careful|risky/);
  await shot('loan-card');
  await page.getByTestId(`loan-${LOAN}-manage`).click();
  const dialog = page.getByRole('dialog', { name: `Manage loan ${LOAN}` });
  await expect(dialog).toBeVisible();

  // Add #2: one NFT approval, then addCollateral; the preview said the health at due would rise.
  await dialog.getByRole('tab', { name: 'Add collateral' }).click();
  await dialog.getByLabel(`#${SECOND}`).check();
  await expect(dialog.getByTestId('upkeep-add-hf-due-after')).toBeVisible();
  await shot('upkeep-add');
  await dialog.getByTestId('upkeep-add-submit').click();
  await expect.poll(async () => (await loan(deployment, LOAN)).tokenIds, { timeout: 30_000 }).toEqual([TOKEN, SECOND]);
  expect(await ownerOf(deployment, SECOND)).toBe(deployment.contracts.LoanPool);

  // Borrow 20 more.
  const debtBefore = await chainClient.readContract({ ...pool(deployment), functionName: 'debtOf', args: [LOAN] });
  const balanceBefore = await usdtBalance(deployment, users.alice.address);
  await dialog.getByRole('tab', { name: 'Borrow more' }).click();
  await dialog.getByLabel('Borrow more (USDT)').fill('20');
  await dialog.getByTestId('upkeep-more-submit').click();
  await expect.poll(() => usdtBalance(deployment, users.alice.address), { timeout: 30_000 }).toBe(balanceBefore + parseUnits('20', 6));
  expect(await chainClient.readContract({ ...pool(deployment), functionName: 'debtOf', args: [LOAN] })).toBeGreaterThanOrEqual(debtBefore + parseUnits('20', 6));

  // Extend: past the collateral's term is refused in words, nothing sent; then 60 days, checked on chain.
  await dialog.getByRole('tab', { name: 'Extend' }).click();
  const field = dialog.getByLabel('New due date, in days from now');
  const sentBefore = sent(wallet);
  // The page states the pool's own projection rule (minDueHealthBps, set by governance), e.g. "1.05".
  const minText = (Number(await chainClient.readContract({ ...pool(deployment), functionName: 'minDueHealthBps' })) / 10_000).toFixed(2);
  await field.fill('400');
  await expect(dialog.getByRole('alert').filter({ hasText: new RegExp(`allows at most \\d+ days from now|below ${minText.replace('.', '\\.')}`) })).toBeVisible();
  await expect(dialog.getByTestId('upkeep-extend-submit')).toBeDisabled();
  // One day past the longest safe due date the page shows: refused in words, and the contract agrees.
  const note = (await dialog.getByTestId('upkeep-extend-safe').textContent()) ?? '';
  const safeDays = Number(/Longest safe due date: (\d+) days/.exec(note)?.[1]);
  const maxDays = Number(/allows (\d+) days/.exec(note)?.[1]);
  expect(safeDays).toBeGreaterThan(60);
  if (safeDays < maxDays) {
    await field.fill(String(safeDays + 1));
    await expect(dialog.getByRole('alert').filter({ hasText: `would leave the health factor below ${minText} at the due date` })).toBeVisible();
    await expect(dialog.getByTestId('upkeep-extend-submit')).toBeDisabled();
    const t = (await chainClient.getBlock()).timestamp;
    const lens = onChain(deployment).contract('LoanLens');
    const l = await loan(deployment, LOAN);
    const d = await chainClient.readContract({ ...pool(deployment), functionName: 'debtOf', args: [LOAN] });
    const unsafe = await chainClient.readContract({ ...lens, functionName: 'preview', args: [l.tokenIds, d, t + BigInt(safeDays + 1) * DAY, LOAN] });
    expect(unsafe.allowed).toBe(false);
    const safe = await chainClient.readContract({ ...lens, functionName: 'preview', args: [l.tokenIds, d, t + BigInt(safeDays) * DAY - 120n, LOAN] });
    expect(safe.allowed).toBe(true);
  }
  await field.fill('10');
  await expect(dialog.getByRole('alert').filter({ hasText: 'choose a later date' })).toBeVisible();
  expect(sent(wallet)).toBe(sentBefore);
  const dueBefore = (await loan(deployment, LOAN)).due;
  await field.fill('60');
  await expect(dialog.getByTestId('upkeep-extend-submit')).toHaveText(/^Extend to /);
  await dialog.getByTestId('upkeep-extend-submit').click();
  await expect.poll(async () => (await loan(deployment, LOAN)).due, { timeout: 30_000 }).toBeGreaterThan(dueBefore);
  const now = (await chainClient.getBlock()).timestamp;
  const due = (await loan(deployment, LOAN)).due;
  expect(due - now).toBeGreaterThan(59n * DAY);
  expect(due - now).toBeLessThanOrEqual(60n * DAY);

  // Refinance: terms side by side, then a new loan of 100 USDT for 30 days repays the old one.
  await dialog.getByRole('tab', { name: 'Refinance' }).click();
  await dialog.getByLabel('New loan amount (USDT)').fill('100');
  await dialog.getByLabel('New duration (days)').fill('30');
  await expect(dialog.getByTestId('refi-new-debt')).toHaveText('100 USDT');
  await expect(dialog.getByTestId('refi-cash')).toContainText('receive');
  await shot('upkeep-refinance');
  const oldDebt = await chainClient.readContract({ ...pool(deployment), functionName: 'debtOf', args: [LOAN] });
  const beforeRefi = await usdtBalance(deployment, users.alice.address);
  await dialog.getByTestId('upkeep-refinance-submit').click();
  await expect.poll(async () => (await loan(deployment, LOAN)).status, { timeout: 30_000 }).toBe(Status.Repaid);
  const ids = await chainClient.readContract({ ...pool(deployment), functionName: 'loansOf', args: [users.alice.address] });
  const fresh = await loan(deployment, ids[ids.length - 1]);
  expect(fresh.tokenIds).toEqual([TOKEN, SECOND]);
  expect(fresh.principal).toBe(parseUnits('100', 6));
  const got = (await usdtBalance(deployment, users.alice.address)) - beforeRefi;
  expect(got).toBeLessThanOrEqual(parseUnits('100', 6) - oldDebt);
  expect(got).toBeGreaterThan(parseUnits('100', 6) - oldDebt - parseUnits('0.01', 6));
});

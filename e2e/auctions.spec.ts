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
import { actAs, asTimelock, chainClient, expect, openApp, secondWallet, test, testClient, usdtBalance, users } from './support/fixtures.ts';

const TOKEN = 1n; // alice's 30 TH/s BTC, 180-day term
const SECOND = 2n; // alice's second NFT
const LOAN = 2n; // the first loan after the seeded one
const DAY = 86400n;
const Status = { Active: 1, Repaid: 2, Liquidated: 3, WrittenOff: 4, InAuction: 5 } as const;

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

async function borrow(d: D, amount: string, days = 30n, ids: bigint[] = [TOKEN]) {
  for (const id of ids) await actAs(1, { ...onChain(d).contract('HashNFT'), functionName: 'approve', args: [d.contracts.LoanPool, id] });
  await actAs(1, { ...pool(d), functionName: 'borrow', args: [ids, parseUnits(amount, 6), days * DAY] });
}

/** BTC to `price` (default $50,000) in two rounds: the second confirms the jump, so the pool uses it. */
async function crash(d: D, price = '50000') {
  for (let i = 0; i < 2; i++) await actAs(0, { ...onChain(d).contract('BTC_USD'), functionName: 'setPrice', args: [parseUnits(price, 8)] });
  expect((await chainClient.readContract({ ...pool(d), functionName: 'isLiquidatable', args: [LOAN] }))[0]).toBe(true);
}

const vaultStats = (d: D) => chainClient.readContract({ ...onChain(d).contract('LiquidityVault'), functionName: 'stats' });
/** The Earn page's share price, as the chain says it is this second. */
async function earnShowsSharePrice(page: import('@playwright/test').Page, d: D) {
  await expect(async () => {
    const stats = await vaultStats(d);
    await expect(page.getByTestId('vault-share-price')).toHaveText(`${formatAmount(stats.sharePrice, 6, 6)} USDT`, { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
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

  // Extend (while #1 is the only NFT): past the collateral's term is refused in words, nothing sent; then 60 days, checked on chain.
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
  // With #1 alone the collateral's value runs down to nothing at its term end, so the longest safe date is
  // always earlier: one day past it is inside the term and refused only by the projection rule.
  expect(safeDays).toBeLessThan(maxDays);
  {
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

test('withdraw collateral: refused in words while what stays would not cover the debt, then after a part repayment #2 comes back', async ({ page, connect, deployment, wallet, shot }) => {
  // Borrow halfway between what #1 alone allows and what #1 and #2 safely allow for 30 days.
  const lens = onChain(deployment).contract('LoanLens');
  const maxFirst = await chainClient.readContract({ ...pool(deployment), functionName: 'maxBorrow', args: [[TOKEN]] });
  const safeBoth = await chainClient.readContract({ ...lens, functionName: 'largestSafeAmount', args: [[TOKEN, SECOND], 30n * DAY] });
  expect(safeBoth).toBeGreaterThan(maxFirst + parseUnits('2', 6));
  const amount = ((maxFirst + safeBoth) / 2n / 10_000n) * 10_000n;
  await borrow(deployment, typed(amount), 30n, [TOKEN, SECOND]);
  await openApp(page, '/#/loans');
  await connect();
  await page.getByTestId(`loan-${LOAN}-manage`).click();
  const dialog = page.getByRole('dialog', { name: `Manage loan ${LOAN}` });
  await dialog.getByRole('tab', { name: 'Withdraw collateral' }).click();
  const submit = dialog.getByTestId('upkeep-withdraw-submit');

  // Both: a loan keeps at least one NFT. #2 alone: #1 alone allows less than the debt. Nothing is sent.
  await dialog.getByLabel(`#${TOKEN}`).check();
  await dialog.getByLabel(`#${SECOND}`).check();
  await expect(dialog.getByRole('alert').filter({ hasText: 'A loan keeps at least one NFT' })).toBeVisible();
  await expect(submit).toBeDisabled();
  await dialog.getByLabel(`#${TOKEN}`).uncheck();
  await expect(dialog.getByRole('alert').filter({ hasText: /What stays pledged allows at most [\d.,]+ USDT of debt \(its max loan-to-value\), less than the [\d.,]+ USDT owed/ })).toBeVisible();
  await expect(submit).toBeDisabled();
  expect(sent(wallet)).toBe(0);

  // Repay part in its tab (exact approval, then the repayment) down to about half of what #1 alone allows.
  const part = ((amount - maxFirst / 2n) / 1_000_000n) * 1_000_000n;
  await dialog.getByRole('tab', { name: 'Repay part' }).click();
  await dialog.getByLabel('Repay amount (USDT)').fill(typed(part));
  const repay = dialog.getByTestId('upkeep-repay-submit');
  await expect(repay).toHaveText(`Approve ${formatUsdt(part)}`);
  await repay.click();
  await expect(repay).toHaveText(`Repay ${formatUsdt(part)}`, { timeout: 20_000 });
  await repay.click();
  await expect.poll(() => chainClient.readContract({ ...pool(deployment), functionName: 'debtOf', args: [LOAN] }), { timeout: 30_000 }).toBeLessThan(amount - part + parseUnits('0.01', 6));

  // Now #1 alone covers the debt: the preview shows the health before → after, and #2 comes back.
  await dialog.getByRole('tab', { name: 'Withdraw collateral' }).click();
  await dialog.getByLabel(`#${SECOND}`).check();
  await expect(dialog.getByTestId('upkeep-withdraw-hf-due-after')).toBeVisible();
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await shot('upkeep-withdraw');
  await expect(submit).toHaveText(`Withdraw #${SECOND}`);
  await submit.click();
  await expect.poll(async () => (await loan(deployment, LOAN)).tokenIds, { timeout: 30_000 }).toEqual([TOKEN]);
  expect(await ownerOf(deployment, SECOND)).toBe(users.alice.address);
  expect(await ownerOf(deployment, TOKEN)).toBe(deployment.contracts.LoanPool);
  expect((await loan(deployment, LOAN)).status).toBe(Status.Active);
  expect(await chainClient.readContract({ ...pool(deployment), functionName: 'loanOfToken', args: [SECOND] })).toBe(0n);
});

test('a stale price: a loan that looks liquidatable says why it cannot be liquidated yet, and can be once a fresh price is posted', async ({ page, browser, connect, deployment }) => {
  // Governance (here the timelock, impersonated) gives the BTC feed a one-hour limit, as on a real chain.
  const oracle = onChain(deployment).contract('OracleAdapter');
  const feed = await chainClient.readContract({ ...oracle, functionName: 'feedOf', args: [0] });
  await asTimelock(deployment, { ...oracle, functionName: 'setFeed', args: [0, feed.feed, 3600, feed.maxJumpBps] });
  // The seed's last BTC round is days old: the feed posts a fresh one at the same price before alice borrows.
  const btc = onChain(deployment).contract('BTC_USD');
  const [, answer] = await chainClient.readContract({ ...btc, functionName: 'latestRoundData' });
  await actAs(0, { ...btc, functionName: 'setPrice', args: [answer] });
  await borrow(deployment, '110');
  await crash(deployment);
  // Two hours pass without a new BTC round: the pool refuses to act on the old price.
  await testClient.increaseTime({ seconds: 7200 });
  await testClient.mine({ blocks: 1 });
  await expect(chainClient.readContract({ ...pool(deployment), functionName: 'isLiquidatable', args: [LOAN] })).rejects.toThrow(/StalePrice/);
  // (the pool's error, raised inside the auction house's call: decoded with both ABIs)
  const both = { address: auctions(deployment).address, abi: [...auctions(deployment).abi, ...pool(deployment).abi] } as const;
  await expect(chainClient.simulateContract({ account: users.carol.address, ...both, functionName: 'startAuction', args: [LOAN, parseUnits('111', 6)] })).rejects.toThrow(/StalePrice/);
  await expect(chainClient.simulateContract({ account: users.carol.address, ...pool(deployment), functionName: 'impair', args: [LOAN] })).rejects.toThrow(/StalePrice/);

  // The borrower's card and the liquidation list both say why, and nobody is offered a button that would fail.
  // The lens reports the staleness instead of reverting: the figures at the feed's latest answer, not liquidatable.
  const [stale] = await chainClient.readContract({ ...onChain(deployment).contract('LoanLens'), functionName: 'loanDetails', args: [[LOAN]] });
  expect(stale.priceStale).toBe(true);
  expect(stale.liquidatable).toBe(false);
  expect(stale.maxPriceAge).toBe(3600n);
  expect(stale.healthFactor).toBeLessThan(10n ** 18n);
  const [, , , roundAt] = await chainClient.readContract({ ...btc, functionName: 'latestRoundData' });
  expect(stale.priceUpdatedAt).toBe(roundAt);
  const hours = Math.floor(Number((await chainClient.getBlock()).timestamp - roundAt) / 3600);
  expect(hours).toBe(2);
  await openApp(page, '/#/loans');
  await connect();
  const why = `The BTC price is ${hours} hours old (the limit is 1 hour); liquidation, auction start and write-off are blocked until it is updated.`;
  await expect(page.getByTestId(`loan-${LOAN}-blocked`)).toContainText(why);
  await expect(page.getByTestId(`loan-${LOAN}-blocked`)).toContainText('Looks liquidatable at the latest price, but cannot be liquidated yet.');
  const blocked = page.getByTestId(`liquidatable-${LOAN}-blocked`);
  await expect(blocked).toContainText(why);
  await expect(blocked.getByTestId(`liquidatable-${LOAN}-blocked-hf`)).toHaveAttribute('data-band', 'liquidatable');
  await expect(page.getByTestId(`liquidatable-${LOAN}`)).toHaveCount(0);
  expect((await loan(deployment, LOAN)).status).toBe(Status.Active);

  // The feed posts a fresh round at the same price: carol can start the auction from the page.
  await actAs(0, { ...onChain(deployment).contract('BTC_USD'), functionName: 'setPrice', args: [parseUnits('50000', 8)] });
  expect((await chainClient.readContract({ ...pool(deployment), functionName: 'isLiquidatable', args: [LOAN] }))[0]).toBe(true);
  await page.reload();
  await expect(page.getByTestId(`liquidatable-${LOAN}`)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId(`liquidatable-${LOAN}-blocked`)).toHaveCount(0);
  await expect(page.getByTestId(`loan-${LOAN}-blocked`)).toHaveCount(0);
  await carolStarts(browser, deployment);
});

test('bad debt: nobody bids on an under-water loan; carol marks it impaired, a day later dave writes it off, and Earn shows the loss at once', async ({ page, browser, deployment }) => {
  await borrow(deployment, '110');
  // BTC to $30,000: the NFT is appraised below the 110 USDT debt.
  await crash(deployment, '30000');
  const [detail] = await chainClient.readContract({ ...onChain(deployment).contract('LoanLens'), functionName: 'loanDetails', args: [[LOAN]] });
  expect(detail.collateralValue).toBeLessThan(detail.debt);
  const treasury = await chainClient.readContract({ ...pool(deployment), functionName: 'treasury' });

  await openApp(page, '/#/earn');
  await earnShowsSharePrice(page, deployment);
  await expect(page.getByTestId('vault-bad-debt')).toContainText('0 USDT');
  const before = (await vaultStats(deployment)).sharePrice;

  // Carol (not the owner) marks it impaired from the Loans page: the vault counts it at the appraisal.
  const carol = await secondWallet(browser, 3, '/#/loans');
  try {
    const card = carol.page.getByTestId(`liquidatable-${LOAN}`);
    await expect(card.getByTestId(`liquidatable-${LOAN}-debt`)).toContainText(formatUsdt(detail.collateralValue));
    await card.getByTestId(`liquidatable-${LOAN}-impair`).click();
    await expect(card.getByTestId(`liquidatable-${LOAN}-impaired`)).toContainText('the vault counts it at', { timeout: 30_000 });
  } finally {
    await carol.close();
  }
  const [impairedAt, book] = await chainClient.readContract({ ...pool(deployment), functionName: 'impairment', args: [LOAN] });
  expect(impairedAt).toBeGreaterThan(0n);
  expect(book).toBeLessThan(detail.debt);
  await page.reload();
  await earnShowsSharePrice(page, deployment);
  await expect(page.getByTestId('vault-impaired')).toContainText(formatUsdt(book));
  const impaired = (await vaultStats(deployment)).sharePrice;
  expect(impaired).toBeLessThan(before);

  // The window passes with no auction: dave writes it off; the NFT goes to the treasury.
  const delay = await chainClient.readContract({ ...pool(deployment), functionName: 'writeOffDelay' });
  await testClient.increaseTime({ seconds: delay + 1 });
  await testClient.mine({ blocks: 1 });
  const dave = await secondWallet(browser, 4, '/#/loans');
  try {
    const card = dave.page.getByTestId(`liquidatable-${LOAN}`);
    await expect(card.getByTestId(`liquidatable-${LOAN}-write-off-note`)).toContainText('anyone may write it off now');
    await card.getByTestId(`liquidatable-${LOAN}-write-off`).click();
    await expect.poll(async () => (await loan(deployment, LOAN)).status, { timeout: 30_000 }).toBe(Status.WrittenOff);
  } finally {
    await dave.close();
  }
  expect(await ownerOf(deployment, TOKEN)).toBe(treasury);
  const badDebt = await chainClient.readContract({ ...pool(deployment), functionName: 'badDebtWrittenOff' });
  expect(badDebt).toBeGreaterThanOrEqual(parseUnits('110', 6));
  expect(await chainClient.readContract({ ...pool(deployment), functionName: 'totalImpairedBook' })).toBe(0n);

  // Earn shows the bad debt and the lower share price without waiting for a refresh interval.
  await page.reload();
  await expect(page.getByTestId('vault-bad-debt')).toContainText(formatUsdt(badDebt));
  await earnShowsSharePrice(page, deployment);
  expect((await vaultStats(deployment)).sharePrice).toBeLessThan(impaired);
  await expect(page.getByTestId('vault-impaired')).toContainText('0 USDT');
});

test('lenders see pending mark-downs before they sign: Earn shows the share price after them, anyone marks them down and it falls to it, again when the price falls further; a recovery is recorded as upside that new deposits pay for', async ({ page, connect, deployment, wallet }) => {
  const lens = onChain(deployment).contract('LoanLens');
  const pending = () => chainClient.readContract({ ...lens, functionName: 'pendingMarkDowns' });
  const impairment = (id: bigint) => chainClient.readContract({ ...pool(deployment), functionName: 'impairment', args: [id] });
  /** The sentence the vault card says, from the lens's figures. */
  const says = (q: { loanIds: readonly bigint[]; sharePriceAfter: bigint }) =>
    `${q.loanIds.length} ${q.loanIds.length === 1 ? 'loan' : 'loans'} under water not yet marked down; share price after mark-down ${formatAmount(q.sharePriceAfter, 6, 6)} USDT`;
  await borrow(deployment, '110');
  expect((await pending()).loanIds).toEqual([]);
  // BTC to $30,000: alice's NFT is appraised below her 110 USDT debt (and the seeded BTC loan falls under
  // water too); nobody has marked either down yet.
  await crash(deployment, '30000');
  const p = await pending();
  const [detail] = await chainClient.readContract({ ...lens, functionName: 'loanDetails', args: [[LOAN]] });
  const k = p.loanIds.indexOf(LOAN);
  expect(k).toBeGreaterThanOrEqual(0);
  expect(p.valueNow[k]).toBe(detail.debt);
  expect(p.valueAfter[k]).toBe(detail.collateralValue);
  expect(detail.collateralValue).toBeLessThan(detail.debt);
  expect(p.sharePriceAfter).toBeLessThan(p.sharePrice);

  await openApp(page, '/#/earn');
  await connect();
  await earnShowsSharePrice(page, deployment);
  const note = page.getByTestId('vault-pending-markdown');
  await expect(note.getByTestId('vault-pending-markdown-text')).toHaveText(says(p));
  // the window before a mark-down is said before anyone deposits, not only in the README
  await expect(page.getByTestId('vault-markdown-cadence-sub')).toContainText('a withdrawal mined before it leaves at the old count, taking at most its share of the pending mark-down');
  await expect(note).toContainText(`(now ${formatAmount(p.sharePrice, 6, 6)} USDT)`);
  // The deposit and withdraw previews put the price after the pending mark-downs next to today's.
  await page.getByLabel('Deposit amount (USDT)', { exact: true }).fill('100');
  await expect(page.getByTestId('vault-deposit-preview')).toContainText(`at ${formatAmount(p.sharePrice, 6, 6)} USDT a share`);
  await expect(page.getByTestId('vault-deposit-after-markdown')).toHaveText(` (${formatAmount(p.sharePriceAfter, 6, 6)} USDT after pending mark-downs)`);
  await expect(page.getByTestId('vault-withdraw-after-markdown')).toHaveText(` (${formatAmount(p.sharePriceAfter, 6, 6)} USDT after pending mark-downs)`);

  // Alice (a lender here, not the owner) marks them down: one transaction per loan, each simulated first.
  const sentBefore = wallet.sentTransactions().length;
  await note.getByTestId('vault-markdown-submit').click();
  for (const id of p.loanIds) await expect.poll(async () => (await impairment(id))[0], { timeout: 30_000 }).toBeGreaterThan(0n);
  expect(wallet.sentTransactions().length).toBe(sentBefore + p.loanIds.length);
  const [, book] = await impairment(LOAN);
  expect(book).toBe(detail.collateralValue);
  // The share price on chain fell to the figure the page showed (interest in the seconds between: at most a
  // unit of the sixth decimal), and the page shows the chain's.
  const after = (await vaultStats(deployment)).sharePrice;
  expect(after - p.sharePriceAfter).toBeGreaterThanOrEqual(0n);
  expect(after - p.sharePriceAfter).toBeLessThanOrEqual(1n);
  await earnShowsSharePrice(page, deployment);
  await expect(page.getByTestId('vault-pending-markdown')).toHaveCount(0);
  await expect(page.getByTestId('vault-deposit-after-markdown')).toHaveCount(0);

  // BTC falls on to $20,000: the impaired loans' collateral is worth less than they are counted at.
  await crash(deployment, '20000');
  const q = await pending();
  const [lower] = await chainClient.readContract({ ...lens, functionName: 'loanDetails', args: [[LOAN]] });
  const j = q.loanIds.indexOf(LOAN);
  expect(q.valueNow[j]).toBe(book);
  expect(q.valueAfter[j]).toBe(lower.collateralValue);
  await page.reload();
  await expect(page.getByTestId('vault-pending-markdown-text')).toHaveText(says(q));
  await page.getByTestId('vault-markdown-submit').click();
  await expect.poll(async () => (await impairment(LOAN))[1], { timeout: 30_000 }).toBe(lower.collateralValue);
  await expect.poll(async () => (await pending()).loanIds.length, { timeout: 30_000 }).toBe(0);
  const again = (await vaultStats(deployment)).sharePrice;
  expect(again - q.sharePriceAfter).toBeGreaterThanOrEqual(0n);
  expect(again - q.sharePriceAfter).toBeLessThanOrEqual(1n);
  await earnShowsSharePrice(page, deployment);
  await expect(page.getByTestId('vault-pending-markdown')).toHaveCount(0);

  // A rise does not lift the count: BTC back to $30,000, nothing is pending to mark down and the share price
  // stays. What the NFTs now cover above the count is the loan's upside: Earn lists it, anyone records it,
  // and from then on new deposits pay for it (the entry price), so they do not buy the lenders' recovery.
  await crash(deployment, '30000');
  expect((await pending()).loanIds).toEqual([]);
  const upside = (id: bigint) => chainClient.readContract({ ...pool(deployment), functionName: 'upside', args: [id] });
  const u = await chainClient.readContract({ ...lens, functionName: 'pendingUpsides' });
  const [risen] = await chainClient.readContract({ ...lens, functionName: 'loanDetails', args: [[LOAN]] });
  const m = u.loanIds.indexOf(LOAN);
  expect(m).toBeGreaterThanOrEqual(0);
  expect(u.upsideNow[m]).toBe(0n);
  expect(u.upsideAfter[m]).toBe((risen.collateralValue < risen.debt ? risen.collateralValue : risen.debt) - lower.collateralValue);
  expect(u.entrySharePriceAfter).toBeGreaterThan(u.entrySharePrice);
  await page.reload();
  const n = u.loanIds.length;
  await expect(page.getByTestId('vault-pending-upside-text')).toHaveText(`${n} impaired ${n === 1 ? "loan's" : "loans'"} upside out of date; entry price after the update ${formatAmount(u.entrySharePriceAfter, 6, 6)} USDT`);
  const shareBefore = (await vaultStats(deployment)).sharePrice;
  await page.getByTestId('vault-upside-submit').click();
  await expect.poll(() => upside(LOAN), { timeout: 30_000 }).toBe(u.upsideAfter[m]);
  await expect(page.getByTestId('vault-pending-upside')).toHaveCount(0);
  expect((await impairment(LOAN))[1]).toBe(lower.collateralValue);
  const st = await vaultStats(deployment);
  // the share price moved by the other loans' interest of those seconds at most, never by the upside
  expect(st.sharePrice - shareBefore).toBeGreaterThanOrEqual(0n);
  expect(st.sharePrice - shareBefore).toBeLessThanOrEqual(1n);
  expect(st.upside).toBeGreaterThanOrEqual(u.upsideAfter[m]!);
  expect(st.entrySharePrice).toBeGreaterThan(st.sharePrice);
  // Nothing left to record: refused in words.
  await expect(chainClient.simulateContract({ account: users.carol.address, ...pool(deployment), functionName: 'impair', args: [LOAN] })).rejects.toThrow(/NothingToMarkDown/);

  // A deposit now: the form says the entry price, why it is above the share price, and what a withdrawal at
  // once would return; the shares minted on chain are the ones it said.
  await earnShowsSharePrice(page, deployment);
  await page.getByLabel('Deposit amount (USDT)', { exact: true }).fill('100');
  await expect(async () => {
    const now = await vaultStats(deployment);
    const note = page.getByTestId('vault-entry-note');
    await expect(note).toContainText(`New deposits pay ${formatAmount(now.entrySharePrice, 6, 6)} USDT a share, above the share price of ${formatAmount(now.sharePrice, 6, 6)} USDT: impaired loans' NFTs now cover ${formatUsdt(now.upside)} more`, { timeout: 2_000 });
    await expect(page.getByTestId('vault-deposit-preview')).toContainText(`at ${formatAmount(now.entrySharePrice, 6, 6)} USDT a share`, { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  const vault = onChain(deployment).contract('LiquidityVault');
  const sharesBefore = await chainClient.readContract({ ...vault, functionName: 'balanceOf', args: [users.alice.address] });
  const atSharePrice = await chainClient.readContract({ ...vault, functionName: 'convertToShares', args: [parseUnits('100', 6)] });
  const quoted = await chainClient.readContract({ ...vault, functionName: 'previewDeposit', args: [parseUnits('100', 6)] });
  const button = page.getByTestId('vault-deposit-submit');
  if (/^Approve/.test((await button.textContent()) ?? '')) {
    await button.click();
    await expect(button).toHaveText(/^Deposit 100 USDT$/, { timeout: 20_000 });
  }
  await button.click();
  await expect.poll(() => chainClient.readContract({ ...vault, functionName: 'balanceOf', args: [users.alice.address] }), { timeout: 30_000 }).toBeGreaterThan(sharesBefore);
  const minted = (await chainClient.readContract({ ...vault, functionName: 'balanceOf', args: [users.alice.address] })) - sharesBefore;
  // the entry price, not the share price (interest of the seconds between may shave a millionth)
  expect(minted).toBeLessThan(atSharePrice);
  expect(minted).toBeLessThanOrEqual(quoted);
  expect(quoted - minted).toBeLessThanOrEqual(quoted / 1_000_000n);
});

test('the calendar shows the grace end and the auction end at the chain\'s dates', async ({ page, browser, connect, deployment }) => {
  await borrow(deployment, '110');
  const l = await loan(deployment, LOAN);
  await openApp(page, '/#/portfolio');
  await connect();
  const grace = page.getByTestId(`calendar-grace-${LOAN}`);
  await expect(grace).toContainText(`Loan #${LOAN} grace ends`);
  await expect(grace.locator('time').first()).toHaveAttribute('datetime', new Date(Number(l.liquidatableAfter) * 1000).toISOString());
  await expect(page.getByTestId(`calendar-loan-${LOAN}`).locator('time').first()).toHaveAttribute('datetime', new Date(Number(l.due) * 1000).toISOString());

  await crash(deployment);
  await carolStarts(browser, deployment);
  const a = await auctionOf(deployment);
  await page.reload();
  const item = page.getByTestId(`calendar-auction-${LOAN}`);
  await expect(item).toContainText(`Auction of loan #${LOAN} ends`);
  await expect(item.locator('time').first()).toHaveAttribute('datetime', new Date(Number(a.endsAt) * 1000).toISOString());
  await expect(item).toContainText(`Redeem before it ends for ${formatAmount(a.redeemAmount, 6, 2)} USDT`);
  // in auction, the loan is no longer open: its due date and grace end leave the calendar
  await expect(page.getByTestId(`calendar-grace-${LOAN}`)).toHaveCount(0);
});

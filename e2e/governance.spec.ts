// Governance with two people: alice (dev account 1, in `page`) and bob (dev account 2, in a second browser
// with his own wallet), both holding undelegated HASH after the seed. Through the page: delegate, propose
// lowering BTC's max LTV with the form, vote from both accounts, move time with the developer panel, queue,
// execute; then the Loans page offers the lower max LTV for a new loan while bob's open loan (seeded loan 1)
// keeps the terms it opened with. What the governor would refuse is refused in the page, in words, with
// nothing sent: an out-of-bounds value, a second vote, executing before the ETA, proposing under the threshold.
import type { Page } from '@playwright/test';
import { keccak256, toBytes, type Address } from 'viem';
import { abiOf, onChain } from './support/contracts.ts';
import { actAs, chainClient, expect, openApp, secondWallet, test, testClient, users } from './support/fixtures.ts';
import { formatDateTime } from '../src/lib/format.ts';

type D = import('../scripts/lib/protocol.ts').Deployment;
const governor = (d: D) => onChain(d).contract('Governor');
const token = (d: D) => onChain(d).contract('HASH');
const pool = (d: D) => onChain(d).contract('LoanPool');
const BTC = 0;
const nonce = (a: Address) => chainClient.getTransactionCount({ address: a, blockTag: 'latest' });
const sent = (w: { requests(): { method: string }[] }) => w.requests().filter((r) => r.method === 'eth_sendTransaction').length;

/** Moves chain time with the developer panel (hours), as a person would. */
async function moveHours(page: Page, hours: number) {
  await page.getByLabel('Hours to move').fill(String(hours));
  await page.getByRole('button', { name: 'Move hours' }).click();
  await expect(page.getByRole('button', { name: 'Move hours' })).toBeEnabled({ timeout: 30_000 });
}

/** Hours (rounded up, plus one) that cover `seconds`. */
const hoursOver = (seconds: bigint) => Number(seconds / 3600n) + 1;

async function settings(d: D) {
  const [votingDelay, votingPeriod, threshold] = await Promise.all([
    chainClient.readContract({ ...governor(d), functionName: 'votingDelay' }),
    chainClient.readContract({ ...governor(d), functionName: 'votingPeriod' }),
    chainClient.readContract({ ...governor(d), functionName: 'proposalThreshold' }),
  ]);
  const timelock = await chainClient.readContract({ ...onChain(d).contract('Timelock'), functionName: 'getMinDelay' });
  return { votingDelay, votingPeriod, threshold, timelock };
}

test('delegate, propose a lower BTC max LTV, both vote, queue, execute: new loans get it, the open loan keeps its terms', async ({ page, browser, connect, deployment, wallet, shot }) => {
  test.setTimeout(180_000);
  const s = await settings(deployment);
  const before = await chainClient.readContract({ ...pool(deployment), functionName: 'coinParams', args: [BTC] });
  expect(before.maxLtvBps).toBe(5000);

  await openApp(page, '/#/governance');
  await expect(page.getByTestId('gov-threshold')).toContainText('HASH');
  await connect();
  await expect(page.getByTestId('gov-delegate')).toHaveText('Nobody yet');
  await page.getByRole('button', { name: 'Delegate to myself' }).click();
  await expect(page.getByTestId('gov-delegate')).toHaveText('Yourself');
  expect(await chainClient.readContract({ ...token(deployment), functionName: 'delegates', args: [users.alice.address] })).toBe(users.alice.address);
  const aliceVotes = await chainClient.readContract({ ...token(deployment), functionName: 'getVotes', args: [users.alice.address] });
  expect(aliceVotes).toBeGreaterThanOrEqual(s.threshold);

  const bob = await secondWallet(browser, 2, '/#/governance');
  try {
    await bob.page.getByRole('button', { name: 'Delegate to myself' }).click();
    await expect(bob.page.getByTestId('gov-delegate')).toHaveText('Yourself');

    // The governor counts a proposer's votes one second back: let a second pass.
    await moveHours(page, 1);

    // Propose through the form: BTC max LTV 50% → 45%.
    await page.getByLabel('What to change').selectOption('maxLtv');
    await page.getByLabel('Coin').selectOption({ label: 'BTC' });
    await page.getByLabel('New max LTV (%)').fill('45');
    await expect(page.getByTestId('gov-preview')).toContainText('BTC loans: max LTV 50% → 45%, for loans opened from the day it executes; open loans keep their terms');
    await page.getByTestId('gov-propose').click();
    const card = page.locator('[data-testid^="proposal-"][aria-labelledby]').first();
    await expect(card.getByRole('heading', { name: 'Lower BTC max LTV to 45%' })).toBeVisible();
    await expect(card.getByText('BTC loans: max LTV 50% → 45%', { exact: false })).toBeVisible();
    const id = BigInt((await card.getAttribute('data-testid'))!.replace('proposal-', ''));
    expect(await chainClient.readContract({ ...governor(deployment), functionName: 'state', args: [id] })).toBe(0); // Pending

    // Past the voting delay: voting opens.
    await moveHours(page, hoursOver(s.votingDelay));
    await expect(card.getByTestId(`proposal-${id}-state`)).toHaveText('Active');
    await card.getByRole('radio', { name: /^For/ }).check();
    await card.getByLabel(/Reason/).fill('Safer margins for lenders');
    await card.getByTestId(`proposal-${id}-vote`).click();
    await expect(card.getByTestId(`proposal-${id}-vote`)).toHaveText('Already voted');
    expect(await chainClient.readContract({ ...governor(deployment), functionName: 'hasVoted', args: [id, users.alice.address] })).toBe(true);

    await bob.page.reload();
    const bobCard = bob.page.getByTestId(`proposal-${id}`);
    await expect(bobCard.getByTestId(`proposal-${id}-state`)).toHaveText('Active');
    await bobCard.getByRole('radio', { name: /^For/ }).check();
    await bobCard.getByTestId(`proposal-${id}-vote`).click();
    await expect(bobCard.getByTestId(`proposal-${id}-vote`)).toHaveText('Already voted');
    const [against, forVotes] = await chainClient.readContract({ ...governor(deployment), functionName: 'proposalVotes', args: [id] });
    expect(against).toBe(0n);
    expect(forVotes).toBeGreaterThan(aliceVotes);
    await expect(card.getByTestId(`proposal-${id}-votes-quorum`)).toContainText(/reached/);
  } finally {
    await bob.close();
  }

  // Past the voting period: it passed; queue it.
  await moveHours(page, hoursOver(s.votingPeriod));
  await expect(page.getByTestId(`proposal-${await firstId(page)}-state`)).toHaveText('Succeeded');
  const id = await firstId(page);
  await page.getByTestId(`proposal-${id}-queue`).click();
  await expect(page.getByTestId(`proposal-${id}-state`)).toHaveText('Queued');
  expect(await chainClient.readContract({ ...governor(deployment), functionName: 'state', args: [id] })).toBe(5);
  await expect(page.getByTestId(`proposal-${id}-execute`)).toBeDisabled();
  await expect(page.getByTestId(`proposal-${id}-eta`)).toContainText('The timelock delay is not over: it can be executed in');

  // The queued change shows on the Loans page, and in the calendar.
  await page.goto('/#/loans');
  await expect(page.getByTestId('change-notice-loans')).toContainText('BTC loans: max LTV 50% → 45%');
  await shot('governance-loans-notice');
  await page.goto('/#/portfolio');
  await expect(page.getByTestId(`calendar-change-${id}`)).toContainText('Change can take effect: Lower BTC max LTV to 45%');
  await page.getByTestId(`calendar-change-${id}`).scrollIntoViewIfNeeded();
  await shot('governance-calendar');
  await page.goto('/#/governance');
  await shot('governance');

  // Past the timelock delay: execute.
  await moveHours(page, hoursOver(s.timelock));
  await expect(page.getByTestId(`proposal-${id}-eta`)).toContainText('anyone can execute it now');
  await page.getByTestId(`proposal-${id}-execute`).click();
  await expect(page.getByTestId(`proposal-${id}-state`)).toHaveText('Executed');
  const after = await chainClient.readContract({ ...pool(deployment), functionName: 'coinParams', args: [BTC] });
  expect(after.maxLtvBps).toBe(4500);
  expect(after.liquidationThresholdBps).toBe(before.liquidationThresholdBps);
  expect(after.haircutBps).toBe(before.haircutBps);

  // Loans: a new BTC loan is offered at 45%; bob's open loan 1 keeps 50%.
  await page.goto('/#/loans');
  await expect(page.getByTestId('change-notice-loans')).toHaveCount(0);
  await expect(page.getByText(/max LTV 45%/).first()).toBeVisible();
  const terms = await chainClient.readContract({ ...pool(deployment), functionName: 'loanTerms', args: [1n, BTC] });
  expect(terms.maxLtvBps).toBe(5000);
  await wallet.switchAccount(1); // bob
  await expect(page.getByTestId('loan-1-terms')).toContainText('max LTV 50%');
  expect(sent(wallet)).toBeGreaterThan(0);
});

async function firstId(page: Page): Promise<bigint> {
  const card = page.locator('[data-testid^="proposal-"][aria-labelledby]').first();
  return BigInt((await card.getAttribute('data-testid'))!.replace('proposal-', ''));
}

/** A proposal made straight on chain by alice (delegated first), for the refusal checks. */
async function proposeOnChain(d: D, maxLtvBps: number, description: string) {
  const params = await chainClient.readContract({ ...pool(d), functionName: 'coinParams', args: [BTC] });
  return proposeOnChainWith(d, { ...params, maxLtvBps }, description);
}

test('refused in words, nothing sent: a bad delegate, out of bounds, a second vote, execute before the ETA, a proposal under the threshold', async ({ page, connect, deployment, wallet }) => {
  test.setTimeout(120_000);
  const s = await settings(deployment);
  const { id, args } = await proposeOnChain(deployment, 4000, '# Lower BTC max LTV to 40%');
  await testClient.increaseTime({ seconds: Number(s.votingDelay) + 1 });
  await testClient.mine({ blocks: 1 });

  await openApp(page, '/#/governance');
  await connect();
  const card = page.getByTestId(`proposal-${id}`);
  await expect(card.getByTestId(`proposal-${id}-state`)).toHaveText('Active');
  const aliceNonce = await nonce(users.alice.address);
  const emptyNonce = await nonce(users.empty.address);

  // Delegating to something that is not an address, or to the zero address.
  const delegatee = page.getByLabel('Or delegate to an address');
  await delegatee.fill('bob.eth');
  await delegatee.press('Tab');
  await expect(page.getByRole('alert').filter({ hasText: 'That is not an address: an address is 0x followed by 40 hexadecimal characters.' })).toBeVisible();
  await expect(page.getByTestId('gov-delegate-submit')).toBeDisabled();
  await delegatee.fill('0x0000000000000000000000000000000000000000');
  await expect(page.getByRole('alert').filter({ hasText: 'Votes delegated to the zero address are lost: choose a real address.' })).toBeVisible();
  await expect(page.getByTestId('gov-delegate-submit')).toBeDisabled();

  // Out of bounds: above the contract's hard bound, and above the threshold.
  await page.getByLabel('New max LTV (%)').fill('85');
  await expect(page.getByRole('alert').filter({ hasText: 'Max LTV must stay below the BTC liquidation threshold (70%); propose a higher threshold first.' })).toBeVisible();
  await expect(page.getByTestId('gov-propose')).toHaveText('Check the value');
  await expect(page.getByTestId('gov-propose')).toBeDisabled();
  await page.getByLabel('What to change').selectOption('marketFee');
  await page.getByLabel('New marketplace fee (%)').fill('7');
  await expect(page.getByRole('alert').filter({ hasText: "The marketplace fee can be at most 5%: the contract's hard bound." })).toBeVisible();
  await expect(page.getByTestId('gov-propose')).toBeDisabled();
  // The rate model: a base rate above the contract's hard bound (MAX_BASE_RATE, 20%) and a kink below MIN_KINK (50%).
  await page.getByLabel('What to change').selectOption('rateModel');
  await expect(page.getByLabel('New base rate (%)')).not.toHaveValue('');
  await page.getByLabel('New base rate (%)').fill('25');
  await expect(page.getByRole('alert').filter({ hasText: "The base rate can be at most 20%: the contract's hard bound." })).toBeVisible();
  await page.getByLabel('New kink (%)').fill('40');
  await expect(page.getByRole('alert').filter({ hasText: "The kink must be at least 50%: the contract's hard bound." })).toBeVisible();
  await expect(page.getByTestId('gov-preview')).toHaveCount(0);
  await expect(page.getByTestId('gov-propose')).toHaveText('Check the form');
  await expect(page.getByTestId('gov-propose')).toBeDisabled();

  // A second vote: alice voted already (on chain); the page says so and offers no vote.
  await actAs(1, { ...governor(deployment), functionName: 'castVote', args: [id, 1] });
  await page.reload();
  await expect(card.getByTestId(`proposal-${id}-vote-refusal`)).toHaveText('You have already voted on this proposal. A vote cannot be changed or cast twice.');
  await expect(card.getByTestId(`proposal-${id}-vote`)).toBeDisabled();
  const aliceAfterVote = await nonce(users.alice.address);

  // Execute before the ETA: bob votes too, the vote ends, it is queued (on chain); the page refuses to execute.
  await actAs(2, { ...governor(deployment), functionName: 'castVote', args: [id, 1] });
  await testClient.increaseTime({ seconds: Number(s.votingPeriod) + 1 });
  await testClient.mine({ blocks: 1 });
  await actAs(1, { ...governor(deployment), functionName: 'queue', args: [args[0], args[1], args[2], keccak256(toBytes(args[3]))] });
  await page.reload();
  await expect(card.getByTestId(`proposal-${id}-state`)).toHaveText('Queued');
  await expect(card.getByTestId(`proposal-${id}-eta`)).toContainText('The timelock delay is not over: it can be executed in');
  await expect(card.getByTestId(`proposal-${id}-execute`)).toHaveText('Timelock running');
  await expect(card.getByTestId(`proposal-${id}-execute`)).toBeDisabled();
  const aliceAfterQueue = await nonce(users.alice.address);

  // Under the threshold: dev account 5 holds no HASH.
  await wallet.switchAccount(2);
  await expect(page.getByTestId('account-button')).toContainText(users.empty.address.slice(-4));
  await page.getByLabel('What to change').selectOption('maxLtv');
  await page.getByLabel('New max LTV (%)').fill('45');
  await expect(page.getByTestId('gov-propose-refusal')).toContainText('Making a proposal takes');
  await expect(page.getByTestId('gov-propose-refusal')).toContainText('you have 0 HASH');
  await expect(page.getByTestId('gov-propose')).toHaveText('Not enough voting power');
  await expect(page.getByTestId('gov-propose')).toBeDisabled();

  // Nothing was sent from the page: no wallet transaction, nonces moved only by the on-chain set-up.
  expect(sent(wallet)).toBe(0);
  expect(aliceAfterVote).toBe(aliceNonce + 1);
  expect(aliceAfterQueue).toBe(aliceAfterVote + 1);
  expect(await nonce(users.empty.address)).toBe(emptyNonce);
  expect(await chainClient.readContract({ ...governor(deployment), functionName: 'state', args: [id] })).toBe(5);
});

test('loan rules and auction parameters: bounds refused in words, before → after preview, proposed and decoded', async ({ page, connect, deployment, wallet }) => {
  test.setTimeout(120_000);
  const auctions = onChain(deployment).contract('LoanAuctions');
  const [duration, , , penalty] = await chainClient.readContract({ ...auctions, functionName: 'params' });
  const maxPenalty = await chainClient.readContract({ ...auctions, functionName: 'MAX_PENALTY_BPS' });
  const minDue = await chainClient.readContract({ ...pool(deployment), functionName: 'minDueHealthBps' });
  await actAs(1, { ...token(deployment), functionName: 'delegate', args: [users.alice.address] });
  await testClient.increaseTime({ seconds: 2 });
  await testClient.mine({ blocks: 1 });

  await openApp(page, '/#/governance');
  await connect();
  const aliceNonce = await nonce(users.alice.address);

  // Loan rules: the form starts at today's values and refuses what the contract would.
  await page.getByLabel('What to change').selectOption('loanRules');
  await expect(page.getByLabel('New minimum health at the due date')).toHaveValue((Number(minDue) / 10_000).toFixed(2));
  await page.getByLabel('New minimum health at the due date').fill('2.5');
  await expect(page.getByRole('alert').filter({ hasText: "The minimum health at the due date can be at most 2: the contract's hard bound." })).toBeVisible();
  await page.getByLabel('New write-off delay (hours)').fill('0.5');
  await expect(page.getByRole('alert').filter({ hasText: "The write-off delay must be at least 1 hour: the contract's hard bound." })).toBeVisible();
  await expect(page.getByTestId('gov-propose')).toBeDisabled();
  await page.getByLabel('New minimum health at the due date').fill('1.1');
  await page.getByLabel('New write-off delay (hours)').fill('48');
  await expect(page.getByTestId('gov-preview')).toContainText('minimum health at the due date 1.05 → 1.1, write-off delay');
  await page.getByTestId('gov-new').screenshot({ path: 'e2e/screenshots/gov-loan-rules-form-desktop.png' });

  // Auctions: a penalty over the cap is refused; a valid change previews before → after and is proposed.
  await page.getByLabel('What to change').selectOption('auctions');
  await page.getByLabel('New redeem penalty (% of the debt)').fill(String(Number(maxPenalty) / 100 + 1));
  await expect(page.getByRole('alert').filter({ hasText: `The redeem penalty can be at most ${Number(maxPenalty) / 100}%: the contract's hard bound.` })).toBeVisible();
  await expect(page.getByTestId('gov-propose')).toBeDisabled();
  expect(await nonce(users.alice.address)).toBe(aliceNonce);
  expect(sent(wallet)).toBe(0);
  await page.getByLabel('New auction length (minutes)').fill(String((duration / 60) * 2));
  await page.getByLabel('New redeem penalty (% of the debt)').fill('3');
  const expected = `auction length 1h 0m → 2h 0m, redeem penalty ${Number(penalty) / 100}% of the debt → 3% of the debt`;
  await expect(page.getByTestId('gov-preview')).toContainText(`Liquidation auctions: ${expected}`);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByTestId('gov-new').screenshot({ path: 'e2e/screenshots/gov-auction-form-phone.png' });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByTestId('gov-propose').click();
  const card = page.locator('[data-testid^="proposal-"][aria-labelledby]').first();
  await expect(card.getByRole('heading', { name: 'Change the liquidation auction parameters' })).toBeVisible();
  await expect(card.getByText(expected, { exact: false })).toBeVisible();
  const id = BigInt((await card.getAttribute('data-testid'))!.replace('proposal-', ''));
  expect(await chainClient.readContract({ ...governor(deployment), functionName: 'proposalProposer', args: [id] })).toBe(users.alice.address);
  await card.screenshot({ path: 'e2e/screenshots/gov-auction-proposal-desktop.png' });
  await page.setViewportSize({ width: 390, height: 844 });
  await card.screenshot({ path: 'e2e/screenshots/gov-auction-proposal-phone.png' });
});

test('a lower BTC liquidation threshold, passed and executed, shows on the Loans page with the date it reaches open loans', async ({ page, deployment }) => {
  test.setTimeout(120_000);
  const s = await settings(deployment);
  const before = await chainClient.readContract({ ...pool(deployment), functionName: 'coinParams', args: [BTC] });
  const lower = before.liquidationThresholdBps - 500;
  // Propose, vote (alice and bob), queue and execute on chain: the page journey is the first test's.
  const { id, args } = await proposeOnChainWith(deployment, { ...before, liquidationThresholdBps: lower }, '# Lower the BTC liquidation threshold');
  await testClient.increaseTime({ seconds: Number(s.votingDelay) + 1 });
  await testClient.mine({ blocks: 1 });
  await actAs(1, { ...governor(deployment), functionName: 'castVote', args: [id, 1] });
  await actAs(2, { ...governor(deployment), functionName: 'castVote', args: [id, 1] });
  await testClient.increaseTime({ seconds: Number(s.votingPeriod) + 1 });
  await testClient.mine({ blocks: 1 });
  const descriptionHash = keccak256(toBytes(args[3]));
  await actAs(1, { ...governor(deployment), functionName: 'queue', args: [args[0], args[1], args[2], descriptionHash] });
  await testClient.increaseTime({ seconds: Number(s.timelock) + 1 });
  await testClient.mine({ blocks: 1 });
  await actAs(1, { ...governor(deployment), functionName: 'execute', args: [args[0], args[1], args[2], descriptionHash] });
  const [bps, effectiveAt] = await chainClient.readContract({ ...pool(deployment), functionName: 'pendingLiquidationThreshold', args: [BTC] });
  expect(bps).toBe(lower);
  expect((await chainClient.readContract({ ...pool(deployment), functionName: 'coinParams', args: [BTC] })).liquidationThresholdBps).toBe(before.liquidationThresholdBps);

  await openApp(page, '/#/loans');
  const notice = page.getByTestId('change-notice-loans');
  await expect(notice).toContainText(`BTC liquidation threshold ${before.liquidationThresholdBps / 100}% → ${lower / 100}% for open loans from ${formatDateTime(Number(effectiveAt))}`);
  await expect(notice.locator('time')).toHaveAttribute('datetime', new Date(Number(effectiveAt) * 1000).toISOString());
  await expect(notice).toContainText(/\(in 6d 2\dh\)|\(in 7d 0h\)/);
});

/** Alice and bob delegate to themselves; alice proposes BTC's loan parameters `params` on chain. */
async function proposeOnChainWith(d: D, params: { maxLtvBps: number; liquidationThresholdBps: number; haircutBps: number; graceDays: number; borrowEnabled: boolean }, description: string) {
  await actAs(1, { ...token(d), functionName: 'delegate', args: [users.alice.address] });
  await actAs(2, { ...token(d), functionName: 'delegate', args: [users.bob.address] });
  await testClient.increaseTime({ seconds: 2 });
  await testClient.mine({ blocks: 1 });
  const { encodeFunctionData } = await import('viem');
  const calldata = encodeFunctionData({ abi: abiOf('LoanPool'), functionName: 'setCoinParams', args: [BTC, params] });
  const args = [[d.contracts.LoanPool], [0n], [calldata], description] as const;
  await actAs(1, { ...governor(d), functionName: 'propose', args });
  const id = await chainClient.readContract({ ...governor(d), functionName: 'hashProposal', args: [args[0], args[1], args[2], keccak256(toBytes(description))] });
  return { id, args };
}

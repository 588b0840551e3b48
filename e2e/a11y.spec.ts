// Accessibility: axe (WCAG 2.2 AA and best practice) on every route at desktop and phone width, with and
// without a wallet, and RainbowKit's modals; then what axe cannot see, walked with the keyboard: the skip
// link, in-page links that must not change the route, controls reached with Shift+Tab never hidden under
// the sticky header, and where focus starts in the Buy dialog on a phone.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { E2E } from './support/env.ts';
import { parseUnits } from 'viem';
import { onChain } from './support/contracts.ts';
import { actAs, chainClient, expect, nftsOf, openApp, test, users } from './support/fixtures.ts';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

function routes(nftId: bigint) {
  return [
    { name: 'products', hash: '#/' },
    { name: 'market', hash: '#/market' },
    { name: 'loans', hash: '#/loans' },
    { name: 'auctions', hash: '#/loans/auctions' },
    { name: 'earn', hash: '#/earn' },
    { name: 'pools', hash: '#/pools' },
    { name: 'portfolio', hash: '#/portfolio' },
    { name: 'activity', hash: '#/activity' },
    { name: 'governance', hash: '#/governance' },
    { name: 'approvals', hash: '#/approvals' },
    { name: 'nft', hash: `#/nft/${nftId}` },
  ];
}

/** Goes to a route in the same page (the wallet stays connected) and waits until its data is shown. */
async function visit(page: Page, hash: string) {
  await page.goto(`/${hash}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('status', { name: /^Loading/ })).toHaveCount(0);
  await expect(page.getByText('Page not found')).toHaveCount(0);
}

/**
 * Waits until every finite animation in the document has finished. RainbowKit's windows fade and slide in
 * (a bottom sheet on a phone); axe reads colours as painted, so a title caught mid-fade at part opacity is
 * reported as low contrast although the settled window has none.
 */
async function settled(page: Page) {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
}

/** axe's violations as short lines (rule, impact, the nodes), so a failure says what to fix. */
async function violations(page: Page, configure: (b: AxeBuilder) => AxeBuilder = (b) => b): Promise<string[]> {
  const result = await configure(new AxeBuilder({ page }).withTags(TAGS)).analyze();
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const size of [DESKTOP, PHONE]) {
  test(`axe finds no violation on any route at ${size.width} px, without and with a wallet`, async ({ page, connect, deployment }) => {
    test.setTimeout(240_000);
    await page.setViewportSize(size);
    const [nftId] = await nftsOf(deployment, users.alice.address);
    const all = routes(nftId);
    const found: string[] = [];
    await openApp(page);
    for (const r of all) {
      await visit(page, r.hash);
      for (const v of await violations(page)) found.push(`disconnected ${r.name}: ${v}`);
    }

    await connect();
    // RainbowKit's modals, once connected: the account window and the network window.
    await page.getByTestId('account-button').click();
    await expect(page.getByTestId('rk-disconnect-button')).toBeVisible();
    await settled(page);
    for (const v of await violations(page)) found.push(`account modal: ${v}`);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('rk-disconnect-button')).toBeHidden();
    await page.getByTestId('chain-button').click();
    const chains = page.getByRole('dialog', { name: 'Switch Networks' });
    await expect(chains).toBeVisible();
    await settled(page);
    for (const v of await violations(page)) found.push(`network modal: ${v}`);
    await page.keyboard.press('Escape');
    await expect(chains).toBeHidden();

    for (const r of all) {
      await visit(page, r.hash);
      for (const v of await violations(page)) found.push(`connected ${r.name}: ${v}`);
    }
    expect(found).toEqual([]);
  });
}

test('axe finds no violation in the connect window', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('connect-button').click();
  await expect(page.getByRole('dialog', { name: 'Connect a Wallet' })).toBeVisible();
  await settled(page);
  expect(await violations(page)).toEqual([]);
});

test('the skip link and the "Local chain" link move focus without changing the route', async ({ page }) => {
  await openApp(page, '/#/market');
  await expect(page.getByRole('heading', { level: 1, name: 'Marketplace' })).toBeVisible();
  // The page itself has loaded (not only its heading): its content holds the controls Tab goes on to.
  await expect(page.getByRole('tablist', { name: 'Marketplace views' })).toBeVisible();

  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.screenshot({ path: join(E2E.screenshots, 'a11y-skip-link.png'), clip: { x: 0, y: 0, width: 1280, height: 300 } });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
  await page.screenshot({ path: join(E2E.screenshots, 'a11y-skip-target.png') });
  expect(new URL(page.url()).hash).toBe('#/market');
  await expect(page.getByRole('heading', { level: 1, name: 'Marketplace' })).toBeVisible();
  await expect(page.getByText('Page not found')).toHaveCount(0);
  // The next Tab goes on from the main content, past the header.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.querySelector('main')?.contains(document.activeElement))).toBe(true);

  await page.getByRole('link', { name: 'Local chain' }).press('Enter');
  const panel = page.getByRole('region', { name: 'Developer panel · local chain' });
  await expect(panel).toBeFocused();
  await expect(panel).toBeInViewport();
  expect(new URL(page.url()).hash).toBe('#/market');
  await expect(page.getByRole('heading', { level: 1, name: 'Marketplace' })).toBeVisible();

  // A hash that names an element rather than a route, typed or followed from elsewhere, keeps the route.
  await page.evaluate(() => {
    window.location.hash = '#main';
  });
  await expect(page.getByRole('main')).toBeFocused();
  await expect.poll(() => new URL(page.url()).hash).toBe('#/market');
  await expect(page.getByRole('heading', { level: 1, name: 'Marketplace' })).toBeVisible();
  // Real unknown routes still say so.
  await page.goto('/#/nowhere');
  await expect(page.getByText('Page not found')).toBeVisible();
});

/**
 * Shift+Tabs from the end of the page back up to the header, and returns every focused control whose box
 * starts above the sticky header's bottom edge (hidden under it, at least in part).
 */
async function hiddenWhenTabbingBack(page: Page): Promise<{ stops: number; hidden: string[] }> {
  // A click on the footer's text puts the keyboard's starting point at the end of the page, as for a user.
  await page.getByRole('contentinfo').click();
  const hidden: string[] = [];
  let stops = 0;
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press('Shift+Tab');
    const at = await page.evaluate(() => {
      const el = document.activeElement;
      const header = document.querySelector('header');
      if (!el || el === document.body || !header) return { done: true, name: '', top: 0, headerBottom: 0 };
      if (header.contains(el)) return { done: true, name: '', top: 0, headerBottom: 0 };
      const r = el.getBoundingClientRect();
      const name = `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}"`;
      return { done: false, name, top: r.top, headerBottom: header.getBoundingClientRect().bottom };
    });
    if (at.done) break;
    stops++;
    if (at.top < at.headerBottom - 0.5) hidden.push(`${at.name} at ${Math.round(at.top)} px, header ends at ${Math.round(at.headerBottom)} px`);
  }
  return { stops, hidden };
}

for (const size of [DESKTOP, PHONE]) {
  test(`tabbing backwards on long pages never leaves a focused control under the header at ${size.width} px`, async ({ page, connect }) => {
    test.setTimeout(180_000);
    await page.setViewportSize(size);
    await openApp(page);
    await connect();
    for (const hash of ['#/market', '#/', '#/pools', '#/earn']) {
      await visit(page, hash);
      const { stops, hidden } = await hiddenWhenTabbingBack(page);
      expect(stops, `${hash}: focus stops walked`).toBeGreaterThan(5);
      expect(hidden, hash).toEqual([]);
    }
  });
}

test('on a phone the Buy dialog starts on its title, then Close, then the quantity; axe finds nothing in it', async ({ page, connect, deployment }) => {
  await page.setViewportSize(PHONE);
  await openApp(page);
  await connect();
  await page.getByRole('button', { name: 'Buy', exact: true }).first().press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading', { level: 2 })).toBeFocused();
  await page.screenshot({ path: join(E2E.screenshots, 'a11y-buy-dialog-phone.png') });
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByLabel(/^Units/)).toBeFocused();
  await expect(dialog.getByRole('group', { name: 'Estimate' })).toBeVisible();
  expect(await violations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // The borrow form's preview (only shown once an NFT is picked) at both widths.
  const [tokenId] = await nftsOf(deployment, users.alice.address);
  await visit(page, '#/loans');
  await page.getByLabel(`Pledge #${tokenId}`).check();
  await expect(page.getByRole('group', { name: 'Loan preview' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Risks' })).toBeVisible();
  expect(await violations(page)).toEqual([]);
  await page.setViewportSize(DESKTOP);
  expect(await violations(page)).toEqual([]);
});

test('axe finds nothing in the loan upkeep dialog (every tab, with input) nor on the Auctions page with a live auction, at desktop and phone width', async ({ page, connect, deployment }) => {
  test.setTimeout(240_000);
  const c = onChain(deployment);
  const pool = c.contract('LoanPool');
  const [first, second] = await nftsOf(deployment, users.alice.address);
  await actAs(1, { ...c.contract('HashNFT'), functionName: 'approve', args: [deployment.contracts.LoanPool, first] });
  await actAs(1, { ...pool, functionName: 'borrow', args: [[first], parseUnits('110', 6), 30n * 86400n] });
  const [loanId] = (await chainClient.readContract({ ...pool, functionName: 'loansOf', args: [users.alice.address] })).slice(-1);
  await openApp(page, '/#/loans');
  await connect();
  const found: string[] = [];
  const inputs: Record<string, (d: import('@playwright/test').Locator) => Promise<void>> = {
    'Add collateral': (d) => d.getByLabel(`#${second}`).check(),
    'Withdraw collateral': (d) => d.getByLabel(`#${first}`).check(),
    'Borrow more': (d) => d.getByLabel('Borrow more (USDT)').fill('100000'),
    'Repay part': (d) => d.getByLabel('Repay amount (USDT)').fill('10'),
    Extend: (d) => d.getByLabel('New due date, in days from now').fill('400'),
    Refinance: (d) => d.getByLabel('New loan amount (USDT)').fill('100'),
  };
  for (const size of [DESKTOP, PHONE]) {
    await page.setViewportSize(size);
    await page.getByTestId(`loan-${loanId}-manage`).click();
    const dialog = page.getByRole('dialog', { name: `Manage loan ${loanId}` });
    await expect(dialog).toBeVisible();
    for (const [tab, fill] of Object.entries(inputs)) {
      await dialog.getByRole('tab', { name: tab }).click();
      await expect(dialog.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
      for (const v of await violations(page)) found.push(`${size.width} px ${tab}, empty: ${v}`);
      await fill(dialog);
      // the before → after preview (refinance shows its terms side by side, or stacked on a phone)
      if (tab === 'Refinance') await expect(dialog.getByTestId(size === PHONE ? 'refi-terms-stacked' : 'refi-terms')).toBeVisible();
      else await expect(dialog.getByRole('group', { name: 'Health before and after' })).toBeVisible();
      for (const v of await violations(page)) found.push(`${size.width} px ${tab}, filled: ${v}`);
      if (tab === 'Refinance') await page.screenshot({ path: join(E2E.screenshots, `a11y-refinance-${size.width}.png`) });
    }
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  }

  // A live auction: BTC falls (two rounds confirm the jump), carol starts it outside the app.
  for (let i = 0; i < 2; i++) await actAs(0, { ...c.contract('BTC_USD'), functionName: 'setPrice', args: [parseUnits('50000', 8)] });
  const bid = (await chainClient.readContract({ ...pool, functionName: 'debtOf', args: [loanId] })) + parseUnits('1', 6);
  await actAs(3, { ...c.contract('USDT'), functionName: 'approve', args: [deployment.contracts.LoanAuctions, bid] });
  await actAs(3, { ...c.contract('LoanAuctions'), functionName: 'startAuction', args: [loanId, bid] });
  for (const size of [DESKTOP, PHONE]) {
    await page.setViewportSize(size);
    await visit(page, '#/loans/auctions');
    const card = page.getByTestId(`auction-${loanId}`);
    await expect(card.getByTestId(`auction-${loanId}-redeem-amount`)).toBeVisible();
    for (const v of await violations(page)) found.push(`${size.width} px auctions: ${v}`);
    // A bid below the minimum: the refusal in words is part of what axe checks.
    await card.getByLabel('Your bid (USDT)').fill('1');
    await expect(card.getByRole('alert')).toBeVisible();
    for (const v of await violations(page)) found.push(`${size.width} px auctions, low bid: ${v}`);
    await page.screenshot({ path: join(E2E.screenshots, `a11y-auctions-live-${size.width}.png`), fullPage: true });
  }
  expect(found).toEqual([]);
});

test('on a phone the navigation shows there is more to the right, and every item is reachable and visible with Tab', async ({ page }) => {
  await page.setViewportSize(PHONE);
  await openApp(page);
  const nav = page.getByRole('navigation', { name: 'Main' }).filter({ visible: true });
  await expect(page.getByTestId('nav-more-after')).toBeVisible();
  await expect(page.getByTestId('nav-more-before')).toHaveCount(0);
  // Tab from the top: skip link, home, Connect Wallet, then the navigation's items in order, each in full sight.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('connect-button')).toBeFocused();
  for (const name of ['Products', 'Marketplace', 'Loans', 'Earn', 'Pools', 'Portfolio', 'Activity', 'Governance', 'Approvals']) {
    await page.keyboard.press('Tab');
    const link = nav.getByRole('link', { name });
    await expect(link).toBeFocused();
    await expect(link).toBeInViewport({ ratio: 1 });
  }
  // At the far end the fade is on the left: items lie that way.
  await expect(page.getByTestId('nav-more-before')).toBeVisible();
  await expect(page.getByTestId('nav-more-after')).toHaveCount(0);
  // The current page's item is scrolled into sight, also when a desktop window is narrowed to a phone's.
  await page.goto('/#/');
  await page.goto('/#/approvals');
  await expect(nav.getByRole('link', { name: 'Approvals' })).toBeInViewport({ ratio: 1 });
  await page.setViewportSize(DESKTOP);
  await page.goto('/#/portfolio');
  await page.setViewportSize(PHONE);
  await expect(nav.getByRole('link', { name: 'Portfolio' })).toBeInViewport({ ratio: 1 });
});

test('screenshots of every route at desktop and phone width', async ({ page, connect, deployment, shot }) => {
  test.setTimeout(180_000);
  const [nftId] = await nftsOf(deployment, users.alice.address);
  await openApp(page);
  await connect();
  for (const r of routes(nftId)) {
    await visit(page, r.hash);
    await shot(`route-${r.name}`);
  }
});

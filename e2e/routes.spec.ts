// Routes from the route table (src/routes.ts), in a real browser: deep links open their page with its
// document title and the navigation item marked; the navigation's links and the browser's back and forward
// buttons move between pages, each with its title; an unknown path says so.
import type { Page } from '@playwright/test';
import { expect, nftsOf, openApp, test, users } from './support/fixtures.ts';

const PHONE = { width: 390, height: 844 };

/** The main navigation that is on screen (the desktop row at 1280 px, the phone row below lg). */
const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

/** The page a route shows: its level-1 heading, its document title, and which navigation item is current. */
async function expectPage(page: Page, heading: string | RegExp, title: string, current: string | null) {
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  await expect(page).toHaveTitle(title);
  const marked = nav(page).locator('[aria-current=page]');
  if (current === null) await expect(marked).toHaveCount(0);
  else await expect(marked).toHaveText(current);
}

test('deep links open their page with its title: an NFT, the loans, an alias, and a path that is not a page', async ({ page, deployment }) => {
  const [nftId] = await nftsOf(deployment, users.alice.address);
  await openApp(page, `/#/nft/${nftId}`);
  await expectPage(page, `Hashmint #${nftId}`, `NFT #${nftId} · Hashmint`, 'Portfolio');
  expect(new URL(page.url()).hash).toBe(`#/nft/${nftId}`);

  await openApp(page, '/#/loans');
  await expectPage(page, 'Loans', 'Loans · Hashmint', 'Loans');

  await openApp(page, '/#/products');
  await expectPage(page, 'Buy hash power', 'Products · Hashmint', 'Products');

  await page.goto('/#/nft/not-a-number');
  await expect(page.getByText('Page not found')).toBeVisible();
  await expect(page.getByText('Nothing lives at /nft/not-a-number.')).toBeVisible();
  await expect(page).toHaveTitle('Page not found · Hashmint');
  await expect(nav(page).locator('[aria-current=page]')).toHaveCount(0);
});

test('the navigation links, then back and forward, show each page with its title', async ({ page }) => {
  await openApp(page, '/#/market');
  await expectPage(page, 'Marketplace', 'Marketplace · Hashmint', 'Marketplace');

  await nav(page).getByRole('link', { name: 'Loans' }).click();
  await expectPage(page, 'Loans', 'Loans · Hashmint', 'Loans');
  expect(new URL(page.url()).hash).toBe('#/loans');
  await nav(page).getByRole('link', { name: 'Approvals' }).click();
  await expectPage(page, 'Approvals', 'Approvals · Hashmint', 'Approvals');

  await page.goBack();
  await expectPage(page, 'Loans', 'Loans · Hashmint', 'Loans');
  expect(new URL(page.url()).hash).toBe('#/loans');
  await page.goBack();
  await expectPage(page, 'Marketplace', 'Marketplace · Hashmint', 'Marketplace');
  await page.goForward();
  await expectPage(page, 'Loans', 'Loans · Hashmint', 'Loans');

  // The home link goes to the products.
  await page.getByRole('link', { name: 'Hashmint home' }).click();
  await expectPage(page, 'Buy hash power', 'Products · Hashmint', 'Products');
  expect(new URL(page.url()).hash).toBe('#/');
});

test('on a phone the navigation row does the same, and back returns from an NFT to the portfolio', async ({ page, connect, deployment }) => {
  await page.setViewportSize(PHONE);
  const [nftId] = await nftsOf(deployment, users.alice.address);
  await openApp(page, '/#/earn');
  await expectPage(page, 'Earn', 'Earn · Hashmint', 'Earn');
  await connect();

  await nav(page).getByRole('link', { name: 'Portfolio' }).click();
  await expectPage(page, 'Portfolio', 'Portfolio · Hashmint', 'Portfolio');
  const holding = page.getByTestId(`holding-${nftId}`);
  await holding.getByRole('link', { name: new RegExp(`^#${nftId} `) }).click();
  await expectPage(page, `Hashmint #${nftId}`, `NFT #${nftId} · Hashmint`, 'Portfolio');

  await page.goBack();
  await expectPage(page, 'Portfolio', 'Portfolio · Hashmint', 'Portfolio');
  await expect(page.getByTestId(`holding-${nftId}`)).toBeVisible();
  await page.goBack();
  await expectPage(page, 'Earn', 'Earn · Hashmint', 'Earn');
});

test("before any module script runs, the HTML paints the route's own shell alone: its heading, one main, no duplicate id", async ({ page }) => {
  // The app's code never arrives: what shows is the prerendered HTML and its two inline scripts.
  await page.route('**/assets/*.js', (r) => r.abort());
  for (const [hash, heading, current] of [['#/market', 'Marketplace', 'Marketplace'], ['#/loans', 'Loans', 'Loans'], ['', 'Buy hash power', 'Products']] as const) {
    await page.goto('about:blank'); // a hash change alone would not load the document again
    await page.goto(`/${hash}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await expect(nav(page).locator('[aria-current=page]')).toHaveText(current);
    await expect(page.locator('#root > .hm-shell')).toHaveCount(1);
    await expect(page.locator('main#main')).toHaveCount(1);
    const ids = await page.locator('[id]').evaluateAll((els) => els.map((e) => e.id));
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  }
});

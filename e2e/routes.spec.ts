// Routes from the route table (src/routes.ts), in a real browser: deep links open their page with its
// document title and the navigation item marked; the navigation's links and the browser's back and forward
// buttons move between pages, each with its title; an unknown path says so.
import type { Page } from '@playwright/test';
import { encodeFunctionData } from 'viem';
import { onChain } from './support/contracts.ts';
import { chainClient, expect, nftsOf, openApp, test, users } from './support/fixtures.ts';
import { rpcUrl } from './support/env.ts';

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

/** From now on, records whether the page-loading fallback (a route whose code is not in yet) is ever shown. */
async function watchFallback(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __fallbackSeen: boolean };
    w.__fallbackSeen = false;
    new MutationObserver(() => {
      if (document.querySelector('main [role=status][aria-label="Loading page"]')) w.__fallbackSeen = true;
    }).observe(document.body, { childList: true, subtree: true });
  });
}
const fallbackSeen = (page: Page) => page.evaluate(() => (window as unknown as { __fallbackSeen: boolean }).__fallbackSeen);

test("a navigation link loads its page's code when the pointer reaches it, so the click shows the page without the loading fallback", async ({ page }) => {
  await openApp(page, '/#/market');
  await expectPage(page, 'Marketplace', 'Marketplace · Hashmint', 'Marketplace');

  // Control: a page whose code nobody asked for yet shows the fallback while it loads.
  await watchFallback(page);
  await page.evaluate(() => {
    window.location.hash = '#/governance';
  });
  await expectPage(page, 'Governance', 'Governance · Hashmint', 'Governance');
  expect(await fallbackSeen(page)).toBe(true);

  // The pointer rests on "Loans" (its code loads), then the click: the page shows with no fallback.
  const loans = nav(page).getByRole('link', { name: 'Loans' });
  await loans.hover();
  await expect.poll(() => page.evaluate(() => performance.getEntriesByType('resource').some((e) => /LoansPage/.test(e.name)))).toBe(true);
  await page.waitForLoadState('load');
  await page.waitForTimeout(500); // the rest of its module graph, as a user's pause on the link
  await watchFallback(page);
  await loans.click();
  await expectPage(page, 'Loans', 'Loans · Hashmint', 'Loans');
  expect(await fallbackSeen(page)).toBe(false);

  // Focus does the same for a keyboard user.
  const earn = nav(page).getByRole('link', { name: 'Earn' });
  await earn.focus();
  await expect.poll(() => page.evaluate(() => performance.getEntriesByType('resource').some((e) => /EarnPage/.test(e.name)))).toBe(true);
  await page.waitForTimeout(500);
  await watchFallback(page);
  await earn.press('Enter');
  await expectPage(page, 'Earn', 'Earn · Hashmint', 'Earn');
  expect(await fallbackSeen(page)).toBe(false);
});

test("a page whose code does not arrive says so with a way back, and the rest of the app keeps working", async ({ page }) => {
  await openApp(page, '/#/market');
  await expectPage(page, 'Marketplace', 'Marketplace · Hashmint', 'Marketplace');
  // The Governance page's chunk fails, as when a deploy replaced it after this tab opened.
  await page.route(/GovernancePage-[^/]*\.js$/, (r) => r.fulfill({ status: 404, body: 'gone' }));
  await page.evaluate(() => {
    window.location.hash = '#/governance';
  });
  await expect(page.getByRole('heading', { level: 1, name: 'This page could not be loaded' })).toBeVisible();
  await expect(page.getByTestId('page-error').getByRole('alert')).toContainText('Reloading fetches the current version');
  await expect(nav(page).locator('[aria-current=page]')).toHaveText('Governance');

  // The header and the other pages still work.
  await nav(page).getByRole('link', { name: 'Loans' }).click();
  await expectPage(page, 'Loans', 'Loans · Hashmint', 'Loans');
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'This page could not be loaded' })).toBeVisible();

  // Once the code is there again, Reload shows the page.
  await page.unroute(/GovernancePage-[^/]*\.js$/);
  await page.getByRole('button', { name: 'Reload' }).click();
  await expectPage(page, 'Governance', 'Governance · Hashmint', 'Governance');
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

test("the app's code is asked for only after the HTML's first frame, and the page then shows the chain's products", async ({ page, deployment }) => {
  // When the first frame came (this script's callback runs first in that frame), and when each script and
  // stylesheet request left. Served this fast, scripts in the HTML arrived before the first frame and
  // Chromium ran the whole module graph before it painted the shell.
  await page.addInitScript(() => {
    const w = window as unknown as { __firstFrame?: number; __preloadBatches?: string[][] };
    requestAnimationFrame(() => (w.__firstFrame = performance.now()));
    // How many modulepreload links each task added: a mutation observer's callback runs at the end of the
    // task that made the changes (at its microtask checkpoint), so one callback never spans two tasks.
    w.__preloadBatches = [];
    new MutationObserver((records) => {
      // The loader marks its own links; Vite's preload helper adds the links of code fetched later (at idle,
      // on hover), which are not counted here.
      const added = records.flatMap((r) => [...r.addedNodes]);
      const links = added.filter((n): n is HTMLLinkElement => n instanceof HTMLLinkElement && n.rel === 'modulepreload' && n.hasAttribute('data-loader'));
      // The entry's module script, marked: the loader adds it after its last link.
      const entry = added.some((n) => n instanceof HTMLScriptElement && n.type === 'module') ? ['<entry>'] : [];
      if (links.length || entry.length) w.__preloadBatches!.push([...links.map((l) => new URL(l.href).pathname.split('/').pop()!), ...entry]);
    }).observe(document, { childList: true, subtree: true });
  });
  const html = await (await page.request.get('/')).text();
  expect(html).not.toMatch(/<script[^>]*type="module"/);
  expect(html).not.toMatch(/rel="modulepreload"/);
  expect(html).not.toMatch(/<link[^>]*stylesheet/);
  await page.goto('/');
  const names = (await chainClient.readContract({ ...onChain(deployment).contract('ProductSale'), functionName: 'products' })).map((p) => p.name);
  await expect(page.getByTestId('product-0')).toContainText(names[0]);
  const { firstFrame, requests } = await page.evaluate(() => ({
    firstFrame: (window as unknown as { __firstFrame?: number }).__firstFrame,
    requests: performance
      .getEntriesByType('resource')
      .filter((r) => /\.(js|css)$/.test(new URL(r.name).pathname))
      .map((r) => ({ name: new URL(r.name).pathname, start: r.startTime })),
  }));
  expect(firstFrame).toBeDefined();
  expect(requests.some((r) => /\/assets\/index-[\w-]+\.js$/.test(r.name))).toBe(true);
  expect(requests.some((r) => /\/assets\/ProductsPage-[\w-]+\.js$/.test(r.name))).toBe(true);
  // no stylesheet is fetched: the built one is inline
  expect(requests.filter((r) => r.name.endsWith('.css'))).toEqual([]);
  for (const r of requests) expect(r.start, r.name).toBeGreaterThan(firstFrame!);
  // The loader's links come two per task: each append costs the main thread 1–3 ms, and all of them in one
  // task was one long task (vite.config.ts, PRELOADS_PER_TASK).
  // The loader's list for this page: the entry's imports and the Products route's chunks (its inline script
  // holds every route's list, `m`, and the entry's, `l`).
  const lists = /var m=(\{.*?\}),l=(\[.*?\])/.exec(html);
  expect(lists).not.toBeNull();
  const name = (f: string) => f.split('/').pop()!;
  const listed = new Set([...(JSON.parse(lists![2]) as string[]), ...(JSON.parse(lists![1]) as Record<string, string[]>).products].map(name));
  const recorded = await page.evaluate(() => (window as unknown as { __preloadBatches: string[][] }).__preloadBatches);
  const batches = recorded.map((b) => b.filter((f) => listed.has(f)).length).filter((n) => n > 0);
  // A start is ten files, not forty: Rolldown's runtime, the entry's preload helper, each of the three boot
  // stages as one file with a facade of a few bytes, and the landing page's chunk with one file of its
  // modules (vite.config.ts, startChunksPlugin). Over HTTP/1.1 each file more waits for one of six connections.
  expect((JSON.parse(lists![2]) as string[]).length).toBeLessThanOrEqual(8);
  expect((JSON.parse(lists![1]) as Record<string, string[]>).products.length).toBeLessThanOrEqual(2);
  expect(listed.size).toBeGreaterThan(4);
  expect(batches.reduce((a, b) => a + b, 0)).toBe(listed.size);
  expect(Math.max(...batches)).toBeLessThanOrEqual(2);
  // The entry comes in the task of the loader's last links: by the time it (and its boot stages, and the
  // landing page's load) ask for a chunk, its link is there, so Vite's preload helper adds none at once.
  const entryTask = recorded.findIndex((b) => b.includes('<entry>'));
  const lastLinks = recorded.reduce((last, b, i) => (b.some((f) => listed.has(f)) ? i : last), -1);
  expect(entryTask).toBe(lastLinks);
});

test("a reload takes the app's code from the browser's cache without asking the server: the built files are immutable, the HTML is not", async ({ page, deployment }) => {
  const names = (await chainClient.readContract({ ...onChain(deployment).contract('ProductSale'), functionName: 'products' })).map((p) => p.name);
  const html = await page.request.get('/');
  expect(html.headers()['cache-control']).toBe('no-cache');
  await page.goto('/');
  await expect(page.getByTestId('product-0')).toContainText(names[0]);
  const scripts = () =>
    page.evaluate(() =>
      (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((r) => /\/assets\/[^/]+\.js$/.test(new URL(r.name).pathname))
        .map((r) => ({ path: new URL(r.name).pathname, transferSize: r.transferSize })),
    );
  const first = await scripts();
  expect(first.length).toBeGreaterThan(5);
  const asset = await page.request.get(first[0].path);
  expect(asset.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  await page.reload();
  await expect(page.getByTestId('product-0')).toContainText(names[0]);
  // Only the files the first visit had fetched can come from the cache: code fetched when idle (the buy
  // dialog, say) may not have been asked for before the reload on a busy machine, and then crosses the
  // network once, as it should.
  const seen = new Set(first.map((r) => r.path));
  const again = (await scripts()).filter((r) => seen.has(r.path));
  // The entry and the page's own chunk among them.
  expect(again.length).toBeGreaterThan(5);
  expect(again.some((r) => /\/assets\/index-[\w-]+\.js$/.test(r.path))).toBe(true);
  expect(again.some((r) => /\/assets\/ProductsPage-[\w-]+\.js$/.test(r.path))).toBe(true);
  // Nothing crossed the network: a revalidation (304) would count its headers.
  expect(again.filter((r) => r.transferSize > 0)).toEqual([]);
});

/** Every JSON-RPC call the page sent to the chain's node, in order, flattened out of batches. */
function rpcCalls(page: Page) {
  const calls: { method: string; params?: { to?: string; data?: string }[] }[] = [];
  page.on('request', (r) => {
    if (r.method() !== 'POST' || !r.url().startsWith(rpcUrl)) return;
    const body: unknown = JSON.parse(r.postData() ?? 'null');
    for (const c of Array.isArray(body) ? body : [body]) calls.push(c as (typeof calls)[number]);
  });
  return calls;
}

test("a cold visit of Products: its first reads leave with the HTML, each once, and the page shows the chain's products", async ({ page, deployment }) => {
  const sale = onChain(deployment).contract('ProductSale');
  const productsCall = encodeFunctionData({ abi: sale.abi, functionName: 'products' });
  const calls = rpcCalls(page);
  await page.goto('/');
  const names = (await chainClient.readContract({ ...sale, functionName: 'products' })).map((p) => p.name);
  await expect(page.getByTestId('product-0')).toContainText(names[0]);
  await expect(page.getByTestId(`product-${names.length - 1}`)).toContainText(names[names.length - 1]);
  // The protocol snapshot (a deployless call: code, no address) and the catalog went out once each, with
  // the HTML's early batch; the app's own requests for them were answered from it, not sent again.
  const deployless = calls.filter((c) => c.method === 'eth_call' && !c.params?.[0]?.to);
  expect(deployless).toHaveLength(1);
  const catalog = calls.filter((c) => c.method === 'eth_call' && c.params?.[0]?.data?.includes(productsCall.slice(2)));
  expect(catalog).toHaveLength(1);
  expect(catalog[0].params?.[0]?.to?.toLowerCase()).toBe(sale.address.toLowerCase());
});

test('when the early batch fails, the app asks the node itself and shows the same products', async ({ page, deployment }) => {
  const sale = onChain(deployment).contract('ProductSale');
  let failed = 0;
  // The first POST to the node is the HTML's early batch (it leaves before any module has loaded).
  await page.route(`${rpcUrl}/**`, (r) => (r.request().method() === 'POST' && failed++ === 0 ? r.fulfill({ status: 503, body: 'down' }) : r.continue()));
  const calls = rpcCalls(page);
  await page.goto('/');
  const names = (await chainClient.readContract({ ...sale, functionName: 'products' })).map((p) => p.name);
  await expect(page.getByTestId('product-0')).toContainText(names[0]);
  expect(failed).toBeGreaterThan(1);
  // sent twice: once early (refused), once by the app
  expect(calls.filter((c) => c.method === 'eth_call' && !c.params?.[0]?.to)).toHaveLength(2);
});

// Headless Chromium measurements with playwright-core: page load (FCP, time to content), RPC requests
// needed to render a page (through the counting proxy) and purchase latency with the project's test wallet.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { installTestWallet, type TestWallet } from '../../e2e/wallet/testWallet.ts';
import { testWalletOption } from '../../e2e/wallet/rainbowkit.ts';
import type { CountingProxy, RpcCount } from './proxy.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Waits in the page (every animation frame) for `selector` and returns performance.now() then. */
async function timeToSelector(page: Page, selector: string, timeout = 60_000): Promise<number> {
  const handle = await page.waitForFunction(
    (sel) => {
      const el = document.querySelector(sel);
      if (!el) return false;
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 ? performance.now() : false;
    },
    selector,
    { polling: 'raf', timeout },
  );
  return (await handle.jsonValue()) as number;
}

async function fcp(page: Page): Promise<number> {
  const h = await page.waitForFunction(() => {
    const e = performance.getEntriesByName('first-contentful-paint')[0];
    return e ? e.startTime : false;
  });
  return (await h.jsonValue()) as number;
}

export interface LoadTiming {
  fcp: number;
  ready: number;
}

/** One cold load (fresh context, empty cache) of `url`: FCP and time until `readySelector` is visible. */
export async function loadOnce(browser: Browser, url: string, readySelector: string): Promise<LoadTiming> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(url);
  const ready = await timeToSelector(page, readySelector);
  const f = await fcp(page);
  await ctx.close();
  return { fcp: f, ready };
}

export interface PageRpc extends RpcCount {
  /** ms from navigation start until the first `readySelector` was visible */
  ready: number;
}

/**
 * RPC traffic to render a page: counted from navigation until `readySelector` is visible and then
 * no request for `quietMs` (at most `maxSettleMs` after it was visible).
 */
export async function rpcForPage(
  page: Page,
  proxy: CountingProxy,
  url: string,
  readySelector: string,
  opts: { quietMs?: number; maxSettleMs?: number; reload?: boolean; readyTimeout?: number } = {},
): Promise<PageRpc> {
  const quiet = opts.quietMs ?? 1000;
  const max = opts.maxSettleMs ?? 6000;
  proxy.reset();
  if (opts.reload) await page.reload();
  else await page.goto(url);
  const ready = await timeToSelector(page, readySelector, opts.readyTimeout ?? 120_000);
  const start = performance.now();
  while (performance.now() - start < max) {
    await new Promise((r) => setTimeout(r, 100));
    const last = proxy.lastAt();
    if (performance.now() - Math.max(last, start) >= quiet) break;
  }
  return { ...proxy.snapshot(), ready };
}

/** A context with the test wallet holding `key`, connected through RainbowKit on `url`. */
export async function connectedPage(
  browser: Browser,
  url: string,
  key: `0x${string}`,
  rpcUrl: string,
): Promise<{ ctx: BrowserContext; page: Page; wallet: TestWallet }> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  const wallet = await installTestWallet(page, { privateKeys: [key], chains: [{ chainId: 31337, rpcUrl }] });
  await page.goto(url);
  await page.getByTestId('connect-button').click();
  await testWalletOption(page).click();
  await page.getByTestId('account-button').waitFor({ timeout: 30_000 });
  return { ctx, page, wallet };
}

/**
 * Purchase latency: from the click on "Sign permit and buy" to the dialog saying the purchase is
 * confirmed. The wallet answers prompts at once (no human in the loop), automine is on.
 */
export async function purchaseLatency(page: Page, wallet: TestWallet, runs: number): Promise<number[]> {
  wallet.setPromptDelay(0);
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    await page.getByTestId('product-0').getByRole('button', { name: 'Buy' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByLabel(/Units/).fill('1');
    const button = dialog.getByRole('button', { name: 'Sign permit and buy' });
    await button.waitFor();
    await page.waitForFunction(() => {
      const b = [...document.querySelectorAll('dialog[open] button')].find((x) => x.textContent?.includes('Sign permit and buy'));
      return b instanceof HTMLButtonElement && !b.disabled;
    });
    const t0 = performance.now();
    await button.click();
    await dialog.getByText(/You bought 1 unit/).waitFor({ timeout: 30_000 });
    out.push(performance.now() - t0);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  }
  return out;
}

// `npm run bench`: builds Hashmint and the baseline app, starts its own anvil behind a counting RPC proxy,
// deploys and seeds (plus thousands of listings), measures, prints one table and writes
// bench/results/results.json and bench/RESULTS.md (a run with --only writes bench/results/results-<sections>.*
// instead). Timings are medians; comparisons are ratios taken in the same run. Flags: --runs=N (timings,
// default 5), --lh-runs=N (default 3: the budget is a median of 3),
// --lh-routes=products,market (Lighthouse on these routes of the table only; BENCH_LH_KEEP=<dir> keeps each
// whole report), --no-forge (read the repo's .gas-snapshot instead of running the
// gas tests), --skip-lighthouse, --only=a,b (run only these
// sections: js, load, tx, lighthouse, rpc, live, gas; e.g. --only=live for the live-update figures on the
// demo chain in about two minutes), --idle-seconds=N (how long the idle page is watched, default 60).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bin, buildContracts, fail, portFree, ROOT, startAnvil } from '../scripts/lib/anvil.ts';
import { clients, devAccount, devPrivateKey } from '../scripts/lib/chain.ts';
import { deployProtocol } from '../scripts/lib/protocol.ts';
import { seed, SEED_DAYS } from '../scripts/lib/seed.ts';
import { marketplaceAbi } from '../src/abi/abis.ts';
import { deployments } from '../src/abi/deployments.ts';
import { connectedPage, launch, loadOnce, median, purchaseLatency, rpcForPage, type PageRpc } from './lib/browser.ts';
import { GAS_ROWS, gasSnapshot } from './lib/gas.ts';
import { lighthouse, type LhScores } from './lib/lighthouse.ts';
import { startProxy } from './lib/proxy.ts';
import { setUpSeeder } from './lib/seeder.ts';
import { idleRpc, saleToPage } from './lib/live.ts';
import { initialJs } from './lib/size.ts';
import { ROUTES, type RouteName } from '../src/routes.ts';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const RUNS = Number(arg('runs') ?? 5);
const LH_RUNS = Number(arg('lh-runs') ?? 3);
const ONLY = arg('only')?.split(',');
const want = (section: 'js' | 'load' | 'tx' | 'lighthouse' | 'rpc' | 'live' | 'gas') => !ONLY || ONLY.includes(section);
const IDLE_SECONDS = Number(arg('idle-seconds') ?? 60);
// BENCH_PORT_BASE moves all four (for a second bench on the same machine); 9606 by default.
const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 9606);
const PORTS = { anvil: PORT_BASE, proxy: PORT_BASE + 1, app: PORT_BASE + 5, baseline: PORT_BASE + 6 };
const OUT = join(ROOT, 'bench', 'results');
const BUILD = join(ROOT, 'node_modules', '.cache', 'hashmint-bench');
const log = (s: string) => process.stdout.write(`· ${s}\n`);

interface Row {
  section: string;
  metric: string;
  hashmint: string;
  baseline?: string;
  ratio?: string;
  budget?: string;
  met?: boolean;
}
const rows: Row[] = [];
const raw: Record<string, unknown> = {};
const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const ms = (n: number) => `${Math.round(n)} ms`;

const children: ChildProcess[] = [];
const cleanup = () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
};
process.on('exit', cleanup);
process.on('SIGINT', () => process.exit(130));

async function serve(dir: string, port: number) {
  const p = spawn(bin('vite'), ['preview', '--outDir', dir, '--port', String(port), '--strictPort', '--host', '127.0.0.1'], { cwd: ROOT, stdio: 'ignore' });
  children.push(p);
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`)).ok) return `http://127.0.0.1:${port}/`;
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  fail(`vite preview did not start on ${port}`);
}

function viteBuild(outDir: string, env: Record<string, string>, config?: string) {
  const args = ['build', '--outDir', outDir, '--emptyOutDir', '--manifest'];
  if (config) args.push('--config', config);
  const r = spawnSync(bin('vite'), args, { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' });
  if (r.status !== 0) fail(`vite build failed:\n${r.stdout}\n${r.stderr}`);
}

async function main() {
  const started = performance.now();
  const loadAtStart = loadavg().map((l) => l.toFixed(1)).join(' ');
  for (const p of Object.values(PORTS)) if (!(await portFree(p))) fail(`port ${p} is busy (another bench running?)`);
  mkdirSync(OUT, { recursive: true });
  if (!existsSync(join(ROOT, 'out', 'ProductSale.sol', 'ProductSale.json'))) buildContracts();

  log('anvil + counting proxy');
  const anvil = await startAnvil({ port: PORTS.anvil, timestamp: Math.floor(Date.now() / 1000) - SEED_DAYS * 86400 });
  children.push(anvil.proc);
  const proxy = await startProxy(anvil.rpcUrl, PORTS.proxy);
  const ctx = await clients(anvil.rpcUrl, devAccount(0));
  const deployment = await deployProtocol(ctx, { local: true, rpcUrl: proxy.url, write: false });
  const committed = (deployments as Record<number, { contracts: Record<string, string> }>)[31337]?.contracts;
  for (const [name, address] of Object.entries(deployment.contracts)) {
    if (committed?.[name]?.toLowerCase() !== address.toLowerCase()) fail(`src/abi/deployments.ts is stale (${name}): run \`npm run dev\` once.`);
  }
  await seed(ctx, deployment);

  log('production builds (Hashmint and baseline)');
  const appDir = join(BUILD, 'app');
  const baseDir = join(BUILD, 'baseline');
  viteBuild(appDir, { VITE_RPC_URL_31337: proxy.url });
  const baseline = want('js') || want('load') || want('lighthouse');
  if (baseline) viteBuild(baseDir, { VITE_RPC_URL_31337: proxy.url }, join(ROOT, 'bench', 'baseline', 'vite.config.ts'));

  // 1. Initial JavaScript
  if (want('js')) {
    const appJs = initialJs(appDir, /src\/pages\/ProductsPage\.tsx$/);
    const appEntry = initialJs(appDir);
    const baseJs = initialJs(baseDir);
    raw.initialJs = { hashmintFirstRoute: appJs, hashmintEntryOnly: appEntry, baseline: baseJs };
    const jsRatio = appJs.gzip / baseJs.gzip;
    rows.push({ section: '1. Initial JS', metric: 'gzip, entry + static imports + first route (Products)', hashmint: kb(appJs.gzip), baseline: kb(baseJs.gzip), ratio: jsRatio.toFixed(2), budget: '≤ 0.80 × baseline', met: jsRatio <= 0.8 });
    rows.push({ section: '1. Initial JS', metric: 'gzip, entry + static imports only', hashmint: kb(appEntry.gzip), baseline: kb(baseJs.gzip), ratio: (appEntry.gzip / baseJs.gzip).toFixed(2) });
  }

  const appUrl = await serve(appDir, PORTS.app);
  const baseUrl = baseline ? await serve(baseDir, PORTS.baseline) : '';
  const browser = await launch();

  // 2. Page load, alternating runs
  if (want('load')) {
    log(`page load × ${RUNS}`);
    const loadAvg = loadavg()[0].toFixed(1);
    const loads = { app: [] as { fcp: number; ready: number }[], base: [] as { fcp: number; ready: number }[] };
    await loadOnce(browser, appUrl, '[data-testid="product-0"]'); // warm the preview servers and the OS cache
    await loadOnce(browser, baseUrl, '[data-testid="products"] li');
    for (let i = 0; i < RUNS; i++) {
      loads.app.push(await loadOnce(browser, appUrl, '[data-testid="product-0"]'));
      loads.base.push(await loadOnce(browser, baseUrl, '[data-testid="products"] li'));
  }
  raw.pageLoad = loads;
  const fcpA = median(loads.app.map((x) => x.fcp));
  const fcpB = median(loads.base.map((x) => x.fcp));
  const readyA = median(loads.app.map((x) => x.ready));
  const readyB = median(loads.base.map((x) => x.ready));
  rows.push({ section: '2. Page load', metric: `first contentful paint (median; load ${loadAvg})`, hashmint: ms(fcpA), baseline: ms(fcpB), ratio: (fcpA / fcpB).toFixed(2), budget: '≤ 0.60 × baseline', met: fcpA / fcpB <= 0.6 });
  rows.push({ section: '2. Page load', metric: `products visible (median; load ${loadAvg})`, hashmint: ms(readyA), baseline: ms(readyB), ratio: (readyA / readyB).toFixed(2), budget: '≤ 1.00 × baseline', met: readyA / readyB <= 1 });
  }

  // 4. Transaction latency (before the big seed, on the demo chain)
  if (want('tx')) {
    log(`purchase latency × ${RUNS}`);
    const { ctx: bctx, page, wallet } = await connectedPage(browser, appUrl, devPrivateKey(1), anvil.rpcUrl);
    const times = await purchaseLatency(page, wallet, RUNS);
    await bctx.close();
    raw.purchaseLatency = times;
    const m = median(times);
    rows.push({ section: '4. Tx latency', metric: 'click "Sign permit and buy" → shown confirmed (median)', hashmint: ms(m), budget: '< 1500 ms', met: m < 1500 });
  }

  // 6. Lighthouse: performance and accessibility on the landing pages (Products, Marketplace), phone and
  // desktop; accessibility on every other route of the table (phone: the narrower layout). Each figure is
  // the median of --lh-runs runs, with the 1-minute load average the runs started at (the machine may be
  // shared: Lighthouse's simulated CPU throttling multiplies whatever load is already there).
  if (want('lighthouse') && !process.argv.includes('--skip-lighthouse')) {
    const lh: Record<string, LhScores[]> = {};
    const loads = (runs: LhScores[]) => `load ${runs.map((r) => r.load.toFixed(1)).join('/')}`;
    const lhRoutes = arg('lh-routes')?.split(',');
    for (const name of Object.keys(ROUTES) as RouteName[]) {
      if (lhRoutes && !lhRoutes.includes(name)) continue;
      const def = ROUTES[name];
      const path = `#${def.path.replace(':id', '1')}`;
      const label = typeof def.title === 'string' ? def.title : `${def.title({ id: 1n })} (${def.path})`;
      const landing = name === 'products' || name === 'market';
      for (const ff of landing ? (['mobile', 'desktop'] as const) : (['mobile'] as const)) {
        log(`lighthouse ${label} ${ff} × ${LH_RUNS}`);
        const runs: LhScores[] = [];
        for (let i = 0; i < LH_RUNS; i++) runs.push(await lighthouse(appUrl + path, ff, landing ? 'performance,accessibility' : 'accessibility'));
        lh[`${label} ${ff}`] = runs;
        const a11y = median(runs.map((r) => r.accessibility));
        if (landing) {
          const perf = median(runs.map((r) => r.performance));
          rows.push({ section: '6. Lighthouse', metric: `${label} (${ff}) performance (runs: ${runs.map((r) => r.performance).join(', ')}; ${loads(runs)})`, hashmint: String(perf), budget: '≥ 95', met: perf >= 95 });
        }
        rows.push({ section: '6. Lighthouse', metric: `${label} (${ff}) accessibility (${loads(runs)})`, hashmint: String(a11y), budget: '≥ 95', met: a11y >= 95 });
      }
    }
    // The baseline app (RainbowKit's quick start and one read) under the same Lighthouse settings: what the
    // stack itself scores on this machine, the reference for Hashmint's landing pages above.
    for (const ff of ['mobile', 'desktop'] as const) {
      log(`lighthouse baseline app ${ff} × ${LH_RUNS}`);
      const runs: LhScores[] = [];
      for (let i = 0; i < LH_RUNS; i++) runs.push(await lighthouse(baseUrl, ff, 'performance,accessibility'));
      lh[`baseline ${ff}`] = runs;
      const perf = median(runs.map((r) => r.performance));
      rows.push({ section: '6. Lighthouse', metric: `Baseline app (${ff}) performance, for reference (runs: ${runs.map((r) => r.performance).join(', ')}; ${loads(runs)})`, hashmint: '', baseline: String(perf) });
    }
    raw.lighthouse = lh;
  }

  // 3. RPC requests at scale
  const seeder = want('rpc') ? await setUpSeeder(ctx, deployment) : undefined;
  const listingSel = '[data-testid^="listing-"][aria-labelledby]';
  const marketRpc = async (label: string, budget: number, timeBudget?: number) => {
    const results: PageRpc[] = [];
    for (let i = 0; i < Math.max(3, Math.ceil(RUNS / 2)); i++) {
      const bctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await bctx.newPage();
      try {
        results.push(await rpcForPage(page, proxy, `${appUrl}#/market`, listingSel, { readyTimeout: 60_000 }));
      } catch (e) {
        // The page never showed a listing: say so in the table (a missed budget), don't lose the run.
        const shown = await page.getByRole('main').innerText().catch(() => '');
        const why = /Could not read[^\n]*/.exec(shown)?.[0] ?? (e instanceof Error ? e.message.split('\n')[0] : String(e));
        const count = proxy.snapshot();
        raw[`market${label}`] = { failed: why, rpc: count };
        rows.push({ section: '3. RPC at scale', metric: `Marketplace, ${label} active listings: HTTP requests (JSON-RPC calls)`, hashmint: `no listing shown in 60 s (${count.http} HTTP / ${count.calls} calls so far): "${why}"`, budget: `≤ ${budget}`, met: false });
        rows.push({ section: '3. RPC at scale', metric: `Marketplace, ${label} listings: first listing visible (median)`, hashmint: 'never', budget: timeBudget ? `< ${timeBudget} ms` : undefined, met: timeBudget ? false : undefined });
        await bctx.close();
        return;
      }
      await bctx.close();
    }
    raw[`market${label}`] = results;
    const http = median(results.map((r) => r.http));
    const calls = median(results.map((r) => r.calls));
    rows.push({ section: '3. RPC at scale', metric: `Marketplace, ${label} active listings: HTTP requests (JSON-RPC calls)`, hashmint: `${http} (${calls})`, budget: `≤ ${budget}`, met: http <= budget });
    const ready = median(results.map((r) => r.ready));
    rows.push({ section: '3. RPC at scale', metric: `Marketplace, ${label} listings: first listing visible (median)`, hashmint: ms(ready), budget: timeBudget ? `< ${timeBudget} ms` : undefined, met: timeBudget ? ready < timeBudget : undefined });
  };
  if (seeder) {
    log('seeding 1,000 listings');
    await seeder.list(1000);
    await marketRpc('1,000', 6);
    log('seeding 9,000 more listings');
    await seeder.list(9000);
    await marketRpc('10,000', 10, 1500);
    log('seeding 10,000 offers');
    await seeder.offer(10_000);
    await marketRpc('10,000 (and 10,000 offers)', 10, 1500);
  }

  // 7. Live updates: on the 10,000-listing market after section 3, else on the demo chain
  if (want('live')) {
    const listings = await ctx.publicClient.readContract({ address: deployment.contracts.Marketplace, abi: marketplaceAbi, functionName: 'listingCount' });
    const market = `Marketplace (${Number(listings).toLocaleString('en-US')} listings)`;
    log(`idle ${market} for ${IDLE_SECONDS} s`);
    const idle = await idleRpc(browser, proxy, `${appUrl}#/market`, IDLE_SECONDS);
    log(`sale by another client → page × ${RUNS}`);
    const sale = await saleToPage(browser, anvil.rpcUrl, deployment, ctx, `${appUrl}#/market`, RUNS);
    raw.live = { idle, sale };
    const methods = Object.entries(idle.methods).map(([m, n]) => `${n} ${m}`).join(', ');
    rows.push({ section: '7. Live updates', metric: `${market}, open and idle: JSON-RPC HTTP requests per minute (${methods || 'none'} in ${IDLE_SECONDS} s)`, hashmint: idle.perMinute.toFixed(1) });
    const m = median(sale);
    rows.push({ section: '7. Live updates', metric: `${market}: sale by another client (viem, as \`cast\`) → gone from the open page (median)`, hashmint: ms(m), budget: '< 3000 ms', met: m < 3000 });
  }

  if (seeder) {
    log('seeding 200 NFTs for one wallet');
    const holder = devAccount(5).address;
    await seeder.give(200, holder);
    const { ctx: bctx, page } = await connectedPage(browser, `${appUrl}#/portfolio`, devPrivateKey(5), anvil.rpcUrl);
    const results: PageRpc[] = [];
    for (let i = 0; i < 3; i++) results.push(await rpcForPage(page, proxy, '', '[data-testid^="holding-"][aria-labelledby]', { reload: true }));
    await bctx.close();
    raw.portfolio200 = results;
    const http = median(results.map((r) => r.http));
    const calls = median(results.map((r) => r.calls));
    rows.push({ section: '3. RPC at scale', metric: 'Portfolio, 200 NFTs: HTTP requests (JSON-RPC calls)', hashmint: `${http} (${calls})`, budget: '≤ 5', met: http <= 5 });
    const first = median(results.map((r) => r.ready));
    rows.push({ section: '3. RPC at scale', metric: `Portfolio, 200 NFTs: first NFT visible (median; load ${loadavg()[0].toFixed(1)})`, hashmint: ms(first), budget: '< 1000 ms', met: first < 1000 });
  }
  await browser.close();

  // 5. Gas
  if (want('gas')) {
    log('gas (forge snapshot of mocks/test/Gas*.t.sol)');
    const { gas, source } = gasSnapshot(join(OUT, 'gas-snapshot'), !process.argv.includes('--no-forge'));
    raw.gas = { source, gas };
    for (const [label, test] of GAS_ROWS) {
      rows.push({ section: '5. Gas', metric: label, hashmint: gas[test] !== undefined ? gas[test].toLocaleString('en-US') : 'n/a' });
    }
    const c1 = gas['GasTest:test_gas_claimAfter1Day()'];
    const c365 = gas['GasTest:test_gas_claimAfter365Days()'];
    if (c1 && c365) rows.push({ section: '5. Gas', metric: 'claim after 365 days ÷ after 1 day', hashmint: (c365 / c1).toFixed(3), budget: '≤ 1.10', met: c365 / c1 <= 1.1 });
  }

  const seconds = Math.round((performance.now() - started) / 1000);
  const date = new Date().toISOString().slice(0, 10);
  const machine = `${cpus().length} cores, ${process.platform} ${process.arch}, Node ${process.version}, Chromium headless`;
  const md = table(date, `${machine}, load average ${loadAtStart} at the start and ${loadavg().map((l) => l.toFixed(1)).join(' ')} at the end`, seconds);
  // A run of some sections (--only) leaves the full results where they are.
  const name = ONLY ? `results-${ONLY.join('-')}` : 'results';
  writeFileSync(join(OUT, `${name}.json`), JSON.stringify({ date, machine, runs: RUNS, rows, raw }, null, 2) + '\n');
  if (ONLY) writeFileSync(join(OUT, `${name}.md`), md);
  else writeFileSync(join(ROOT, 'bench', 'RESULTS.md'), md);
  process.stdout.write('\n' + md);
  await proxy.close();
  cleanup();
  process.exit(0);
}

function table(date: string, machine: string, seconds: number): string {
  const met = (r: Row) => (r.met === undefined ? '' : r.met ? '✅ met' : '❌ missed');
  const lines = [
    `# Hashmint benchmark`,
    ``,
    `${date} · machine: ${machine} · timings are medians of ${RUNS} runs, ratios from the same run · \`npm run bench\` took ${seconds} s`,
    ``,
    `| Section | Metric | Hashmint | Baseline | Ratio | Budget | Status |`,
    `| --- | --- | --- | --- | --- | --- | --- |`,
    ...rows.map((r) => `| ${r.section} | ${r.metric} | ${r.hashmint} | ${r.baseline ?? ''} | ${r.ratio ?? ''} | ${r.budget ?? ''} | ${met(r)} |`),
    ``,
  ];
  const missed = rows.filter((r) => r.met === false);
  lines.push(missed.length ? `Budgets missed: ${missed.map((r) => `${r.section} ${r.metric}`).join('; ')}.` : 'Every budget is met.', '');
  return lines.join('\n');
}

main().catch((e: unknown) => {
  cleanup();
  fail(e instanceof Error ? (e.stack ?? e.message) : String(e));
});

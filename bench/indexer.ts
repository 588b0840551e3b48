// `npm run bench:indexer [-- --listings=100000]`: the indexer on the bench's chain, on the embedded
// database (PGlite) and on PostgreSQL side by side: time to index from zero (events per second), peak
// memory (RSS high-water mark), the Marketplace's listing query through the API (every sort, with and
// without a coin filter: p50/p95 of 20 runs each), and the lag behind the head during a burst of 1,000
// transactions (mined 100 to a block, as a busy chain carries them); then the Marketplace in headless Chromium through the indexer (the app built with
// VITE_INDEXER_URL, served by vite preview): first listing visible, HTTP requests until then (RPC and
// indexer), the JS heap after load (after a forced GC), and each load's requests with their start and
// end (the waterfall, to see which one the first listing waited for). Run it at 10,000 and at 100,000 listings to
// compare the heap (no client-side replay: it should not grow). Prints the load average at start and end
// (the machine is shared). Prints a Markdown table and writes bench/results/indexer.md.
// Flags: --listings=N (default 10,000), --burst=N (1,000; 0 skips it), --per-block=N (100), --no-browser,
// --no-postgres; env BENCH_PORT_BASE.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseUnits } from 'viem';
import { startIndexer, type Indexer } from '../indexer/process.ts';
import { startPostgres } from '../indexer/postgres.ts';
import { bin, buildContracts, ROOT, startAnvil } from '../scripts/lib/anvil.ts';
import { clients, devAccount, send } from '../scripts/lib/chain.ts';
import { deployProtocol } from '../scripts/lib/protocol.ts';
import { seed } from '../scripts/lib/seed.ts';
import { faucetTokenAbi, liquidityVaultAbi } from '../src/abi/abis.ts';
import { launch, median } from './lib/browser.ts';
import { setUpSeeder } from './lib/seeder.ts';

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const LISTINGS = arg('listings', 10_000);
const BURST = arg('burst', 1_000);
const PER_BLOCK = Math.max(1, arg('per-block', 100));
const slot = Number(process.env.E2E_SLOT ?? 0);
// BENCH_PORT_BASE=N puts anvil, Postgres, the indexer's API and the app on N … N+3 (else 8750 + slot, …).
const portBase = Number(process.env.BENCH_PORT_BASE ?? 0);
const anvilPort = portBase ? portBase : 8750 + slot;
const pgPort = portBase ? portBase + 1 : 8760 + slot;
const apiPort = portBase ? portBase + 2 : 8770 + slot;
const appPort = portBase ? portBase + 3 : 8780 + slot;
const BROWSER = !process.argv.includes('--no-browser');
const POSTGRES = !process.argv.includes('--no-postgres');
const load = () => loadavg().map((x) => x.toFixed(2)).join(' / ');

/**
 * The Marketplace in headless Chromium through the indexer at `indexerUrl`: the app built for this chain
 * (`dir` holds its deployment) with VITE_INDEXER_URL. Per cold load: ms to the first listing card, HTTP
 * requests to the chain and the indexer until then, and the JS heap after a forced GC once it settled.
 */
async function browserFigures(dir: string, rpcUrl: string, indexerUrl: string, runs = 5) {
  const out = join(tmpdir(), `hashmint-bench-indexer-app-${slot}`);
  const env = { ...process.env, HASHMINT_DEPLOYMENTS_DIR: dir, VITE_DEFAULT_CHAIN_ID: '31337', VITE_RPC_URL_31337: rpcUrl, VITE_INDEXER_URL: indexerUrl };
  const b = spawnSync(bin('vite'), ['build', '--outDir', out, '--emptyOutDir'], { cwd: ROOT, env, encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`vite build failed:\n${b.stdout}\n${b.stderr}`);
  const server = spawn(bin('vite'), ['preview', '--outDir', out, '--port', String(appPort), '--strictPort', '--host', '127.0.0.1'], { cwd: ROOT, env, stdio: 'ignore' });
  const appUrl = `http://127.0.0.1:${appPort}/`;
  try {
    for (let i = 0; !(await fetch(appUrl).then((r) => r.ok, () => false)); i++) {
      if (i > 150) throw new Error('vite preview did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    const browser = await launch();
    const ready: number[] = [];
    const indexedReady: number[] = [];
    const http: number[] = [];
    const heap: number[] = [];
    const waterfalls: string[] = [];
    for (let i = 0; i < runs; i++) {
      const bctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await bctx.newPage();
      let requests = 0;
      let counting = true;
      const t0 = Date.now();
      const seen: { what: string; start: number; end?: number }[] = [];
      const entry = new Map<object, (typeof seen)[number]>();
      page.on('request', (r) => {
        const u = r.url();
        if (!counting || !(u.startsWith(rpcUrl) || u.startsWith(indexerUrl))) return;
        requests++;
        const body = r.postData() ?? '';
        const methods = [...body.matchAll(/"method":"(\w+)"/g)].map((m) => m[1]);
        const what = u.startsWith(indexerUrl) ? u.slice(indexerUrl.length).split('?')[0] : `rpc ${methods.length} × [${[...new Set(methods)].join(', ')}]`;
        const e = { what, start: Date.now() - t0 };
        seen.push(e);
        entry.set(r, e);
      });
      page.on('requestfinished', (r) => {
        const e = entry.get(r);
        if (e) e.end = Date.now() - t0;
      });
      await page.goto(`${appUrl}#/market`);
      const h = await page.waitForFunction(
        () => {
          const el = document.querySelector('[data-testid^="listing-"][aria-labelledby]');
          return el && el.getBoundingClientRect().height > 0 ? performance.now() : false;
        },
        undefined,
        { polling: 'raf', timeout: 60_000 },
      );
      ready.push((await h.jsonValue()) as number);
      // The page shows the chain's newest listings while it checks the indexer; then the indexer's page.
      // That one must come, or this build is not reading the indexer at all (as when the CSP refused it).
      const ix = await page
        .waitForFunction(
          () => {
            const src = document.querySelector('[data-testid="market-source"]');
            const card = document.querySelector('[data-testid^="listing-"][aria-labelledby]');
            return src?.getAttribute('data-source') === 'indexer' && card && card.getBoundingClientRect().height > 0 ? performance.now() : false;
          },
          undefined,
          { polling: 'raf', timeout: 30_000 },
        )
        .catch(() => {
          throw new Error(`the Marketplace never showed the indexer's listings (requests: ${seen.map((e) => e.what).join('; ')})`);
        });
      indexedReady.push((await ix.jsonValue()) as number);
      counting = false;
      http.push(requests);
      waterfalls.push(`load ${i + 1}, first listing at ${Math.round(ready[i])} ms, the indexer's at ${Math.round(indexedReady[i])} ms: ${seen.map((e) => `${e.what} ${e.start}–${e.end ?? '…'} ms`).join('; ')}`);
      await new Promise((r) => setTimeout(r, 3_000));
      const cdp = await bctx.newCDPSession(page);
      await cdp.send('HeapProfiler.collectGarbage');
      const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      heap.push(usage.usedSize / 1024 / 1024);
      await bctx.close();
    }
    await browser.close();
    return { ready, indexedReady, http, heap, waterfalls };
  } finally {
    server.kill('SIGTERM');
    rmSync(out, { recursive: true, force: true });
  }
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const rssPeakMb = (pid: number | undefined) => {
  if (!pid) return NaN;
  const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/);
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
};

async function main() {
  const loadAtStart = load();
  process.stdout.write(`Load average (1 / 5 / 15 min) at start: ${loadAtStart}\n`);
  buildContracts();
  // Past states pruned to the newest 32 (see AnvilOptions.pruneHistory): at 100,000 listings anvil's
  // default history was OOM-killed at 23 GB.
  const anvil = await startAnvil({ port: anvilPort, timestamp: Math.floor(Date.now() / 1000) - 8 * 86400, pruneHistory: 32 });
  const stopAll: (() => unknown)[] = [() => anvil.proc.kill()];
  process.on('exit', () => stopAll.forEach((f) => f()));
  const ctx = await clients(anvil.rpcUrl, devAccount(0));
  const d = await deployProtocol(ctx, { local: true, rpcUrl: anvil.rpcUrl, write: false });
  await seed(ctx, d);
  const t = Date.now();
  await (await setUpSeeder(ctx, d)).list(LISTINGS);
  const seededIn = Math.round((Date.now() - t) / 1000);
  process.stdout.write(`Seeded ${LISTINGS.toLocaleString('en-US')} bench listings in ${seededIn} s (2,000 per transaction through bench/contracts/BenchSeeder.sol).\n`);
  // Ponder treats the last 30 blocks of chain 31337 as not final and indexes them one block at a time with
  // reorg bookkeeping (its live mode). The seeder packs 2,000 listings into a block, so without this the
  // newest 60,000 listings would sit in that window, which no real chain's history does (there 30 blocks
  // hold a few transactions): 30 empty blocks make the whole seeded history final, as it would be. The
  // live mode is what the burst below measures.
  // Plain fetches: under load one evm_mine on that state outlasted viem's 10 s request timeout.
  for (let i = 0; i < 30; i++) await fetch(anvil.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: i, method: 'evm_mine', params: [] }) });
  const dir = mkdtempSync(join(tmpdir(), 'hashmint-bench-indexer-'));
  writeFileSync(join(dir, '31337.json'), JSON.stringify(d));
  const head = Number(await ctx.publicClient.getBlockNumber());
  // Events the indexer reads: every log of the protocol's contracts.
  let events = 0;
  // One block at a time: a seeder block holds 1,000 listings' logs (≈4.5 MB of JSON).
  for (let b = 0; b <= head; b++) {
    const logs = (await ctx.publicClient.request({ method: 'eth_getLogs', params: [{ address: Object.values(d.contracts), fromBlock: `0x${b.toString(16)}`, toBlock: `0x${b.toString(16)}` }] } as never)) as unknown[];
    events += logs.length;
  }
  const pg = POSTGRES ? startPostgres(pgPort) : undefined;
  let pgStopped = false;
  const stopPg = () => {
    if (pg && !pgStopped) {
      pgStopped = true;
      pg.stop();
    }
  };
  stopAll.push(stopPg);

  const results: Record<string, Record<string, string>> = {};
  let burstDone = false;
  let browserRun: Awaited<ReturnType<typeof browserFigures>> | undefined;
  for (const db of POSTGRES ? (['PGlite', 'PostgreSQL'] as const) : (['PGlite'] as const)) {
    const r: Record<string, string> = {};
    const start = Date.now();
    const ix: Indexer = startIndexer({ port: apiPort, rpcUrl: anvil.rpcUrl, deploymentsDir: dir, pgliteDir: join(dir, 'pglite'), databaseUrl: db === 'PostgreSQL' ? pg?.url : undefined, schema: `bench_${Date.now()}` });
    stopAll.push(() => ix.proc.kill('SIGKILL'));
    await ix.waitForBlock(head, 3_600_000);
    const secs = (Date.now() - start) / 1000;
    r['index from zero (s)'] = secs.toFixed(1);
    r['events per second'] = Math.round(events / secs).toLocaleString('en-US');
    process.stdout.write(`${db}: indexed ${events.toLocaleString('en-US')} events from zero in ${secs.toFixed(1)} s (load average ${load()})\n`);
    if (db === 'PostgreSQL' && pg) {
      // Right after a backfill PostgreSQL's autovacuum works through the new tables (600,000 rows at
      // 100,000 listings) beside the API: queries timed then measured that (p50 160 ms in run 5; 52 ms
      // once it was done). The figures below are the settled database's; how long it took is printed.
      const w0 = Date.now();
      while (Date.now() - w0 < 300_000 && pg.query("select count(*) from pg_stat_activity where backend_type = 'autovacuum worker'") !== '0') {
        await new Promise((res) => setTimeout(res, 1_000));
      }
      r['autovacuum after the backfill (s)'] = ((Date.now() - w0) / 1000).toFixed(0);
    }
    // Listing queries: the Marketplace's first page for every sort under every filter it offers (all
    // coins, one coin, a term range, a price-per-unit-day cap): p50/p95 over all, and the worst p95.
    const now = Number((await ctx.publicClient.getBlock()).timestamp);
    const times: number[] = [];
    let worst = { p95: 0, what: '' };
    let total = 0;
    let capped = false;
    const filters = { all: 'coin=all', coin: 'coin=0', term: 'termMin=7&termMax=90', 'unit-day cap': 'maxUnitDay=2000' };
    for (const sort of ['newest', 'price-asc', 'price-desc', 'unit-day', 'ending']) {
      for (const [name, filter] of Object.entries(filters)) {
        const these: number[] = [];
        for (let i = 0; i < 20; i++) {
          const q0 = performance.now();
          const res = (await (await fetch(`${ix.url}/market/listings?now=${now}&sort=${sort}&${filter}&limit=24`)).json()) as { total: number; capped: boolean };
          these.push(performance.now() - q0);
          total = Math.max(total, res.total);
          capped ||= res.capped;
        }
        times.push(...these);
        if (pct(these, 95) > worst.p95) worst = { p95: pct(these, 95), what: `${sort}, ${name}` };
      }
    }
    // the API counts exactly up to 1,000 and says "1,000+" past it
    r['live listings in the API'] = `${total.toLocaleString('en-US')}${capped ? '+' : ''}`;
    r['listing query p50 / p95 (ms), 5 sorts × 4 filters × 20'] = `${pct(times, 50).toFixed(0)} / ${pct(times, 95).toFixed(0)}`;
    r['slowest sort+filter p95 (ms)'] = `${worst.p95.toFixed(0)} (${worst.what})`;
    process.stdout.write(`${db}: listing queries p50 / p95 ${r['listing query p50 / p95 (ms), 5 sorts × 4 filters × 20']} ms, slowest ${r['slowest sort+filter p95 (ms)']} (load average ${load()})\n`);
    // A burst of transactions (vault deposits, one block each) while it runs: the largest lag seen, and how
    // long after the last one it had indexed the head. Sent once, on the first database's run only; the
    // second database indexes those blocks too.
    if (!burstDone && BURST > 0) {
      const who = devAccount(1);
      await send(ctx, { address: d.contracts.USDT, abi: faucetTokenAbi, functionName: 'approve', args: [d.contracts.LiquidityVault, parseUnits('1000000', 6)] }, who);
      let maxLag = 0;
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          const [h, i] = await Promise.all([ctx.publicClient.getBlockNumber(), ix.indexedBlock()]);
          if (i !== undefined) maxLag = Math.max(maxLag, Number(h) - i);
          await new Promise((res) => setTimeout(res, 100));
        }
      })();
      // Vault deposits, PER_BLOCK to a block: automine off, each block's transactions sent, then mined.
      const rpc = (method: string, params: unknown[] = []) => ctx.publicClient.request({ method, params } as never);
      const nonce0 = await ctx.publicClient.getTransactionCount({ address: who.address, blockTag: 'pending' });
      const b0 = Date.now();
      let last: `0x${string}` = '0x';
      let blocks = 0;
      await rpc('evm_setAutomine', [false]);
      try {
        for (let i = 0; i < BURST; i += PER_BLOCK) {
          for (let j = i; j < Math.min(BURST, i + PER_BLOCK); j++) {
            last = await ctx.walletClient.writeContract({ address: d.contracts.LiquidityVault, abi: liquidityVaultAbi, functionName: 'deposit', args: [1n, who.address], account: who, gas: 200_000n, nonce: nonce0 + j });
          }
          // Plain fetch: one evm_mine on a 100,000-listing state takes ≈ 3 s, near viem's request timeout under load.
          await fetch(anvil.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'evm_mine', params: [] }) });
          blocks++;
        }
      } finally {
        await rpc('evm_setAutomine', [true]);
      }
      const receipt = await ctx.publicClient.waitForTransactionReceipt({ hash: last, timeout: 900_000 });
      if (receipt.status !== 'success') throw new Error("the burst's last deposit reverted");
      const sentIn = (Date.now() - b0) / 1000;
      const t1 = Date.now();
      await ix.waitForBlock(Number(await ctx.publicClient.getBlockNumber()), 600_000);
      sampling = false;
      await sampler;
      r[`burst of ${BURST} txs (${blocks} blocks): max lag (blocks)`] = String(maxLag);
      r['burst: caught up after the last block (s)'] = ((Date.now() - t1) / 1000).toFixed(1);
      r['burst: sent and mined in (s)'] = sentIn.toFixed(1);
      burstDone = true;
    }
    r['peak RSS (MB)'] = String(rssPeakMb(ix.proc.pid));
    results[db] = r;
    // Each database's figures as soon as they are in (a long run stopped later keeps them).
    process.stdout.write(`${db}: ${JSON.stringify(r)} (load average ${load()})\n`);
    // The browser, once, on the embedded database's indexer (the API reads are the same on both).
    if (BROWSER && !browserRun) {
      process.stdout.write(`Marketplace in Chromium through the indexer (${db})…\n`);
      browserRun = await browserFigures(dir, anvil.rpcUrl, ix.url);
      process.stdout.write(`Chromium: ${JSON.stringify({ ...browserRun, waterfalls: undefined })} (load average ${load()})\n`);
      for (const w of browserRun.waterfalls) process.stdout.write(`  ${w}\n`);
    }
    await ix.stop();
  }
  stopPg(); // once: the exit handler calls it again (a second pg_ctl stop failed the run after its table)
  rmSync(dir, { recursive: true, force: true });

  const metrics = [...new Set(Object.values(results).flatMap((r) => Object.keys(r)))];
  const lines = [
    `Indexer bench: ${LISTINGS.toLocaleString('en-US')} bench listings on top of the demo seed, ${events.toLocaleString('en-US')} events in ${head} blocks (${new Date().toISOString().slice(0, 10)})`,
    '',
    '| metric | PGlite (embedded) | PostgreSQL |',
    '| --- | --- | --- |',
    ...metrics.map((m) => `| ${m} | ${results.PGlite?.[m] ?? ''} | ${results.PostgreSQL?.[m] ?? ''} |`),
    '',
    `Seeding ${LISTINGS.toLocaleString('en-US')} listings took ${seededIn} s. Load average (1 / 5 / 15 min): ${loadAtStart} at start, ${load()} at the end (2 shared cores).`,
  ];
  if (browserRun) {
    const f = (xs: number[], digits = 0) => xs.map((x) => x.toFixed(digits)).join(', ');
    lines.push(
      '',
      `Marketplace in headless Chromium through the indexer, ${LISTINGS.toLocaleString('en-US')} listings, ${browserRun.ready.length} cold loads:`,
      '',
      '| metric | median | runs |',
      '| --- | --- | --- |',
      `| first listing visible (ms, from navigation) | ${median(browserRun.ready).toFixed(0)} | ${f(browserRun.ready)} |`,
      `| the indexer's listings visible, source shown (ms) | ${median(browserRun.indexedReady).toFixed(0)} | ${f(browserRun.indexedReady)} |`,
      `| HTTP requests until then (chain + indexer) | ${median(browserRun.http)} | ${f(browserRun.http)} |`,
      `| JS heap after load and a forced GC (MB) | ${median(browserRun.heap).toFixed(1)} | ${f(browserRun.heap, 1)} |`,
    );
  }
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench', 'results', 'indexer.md'), lines.join('\n') + '\n');
  process.stdout.write(lines.join('\n') + '\n');
  process.exit(0);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});

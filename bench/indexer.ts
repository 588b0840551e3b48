// `npm run bench:indexer [-- --listings=100000]`: the indexer on the bench's chain, on the embedded
// database (PGlite) and on PostgreSQL side by side: time to index from zero (events per second), peak
// memory (RSS high-water mark), the Marketplace's listing query through the API (every sort, with and
// without a coin filter: p50/p95 of 20 runs each), and the lag behind the head during a burst of 1,000
// transactions. Prints a Markdown table and writes bench/results/indexer.md.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseUnits } from 'viem';
import { startIndexer, type Indexer } from '../indexer/process.ts';
import { startPostgres } from '../indexer/postgres.ts';
import { buildContracts, ROOT, startAnvil } from '../scripts/lib/anvil.ts';
import { clients, devAccount, send } from '../scripts/lib/chain.ts';
import { deployProtocol } from '../scripts/lib/protocol.ts';
import { seed } from '../scripts/lib/seed.ts';
import { faucetTokenAbi, liquidityVaultAbi } from '../src/abi/abis.ts';
import { setUpSeeder } from './lib/seeder.ts';

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const LISTINGS = arg('listings', 10_000);
const BURST = arg('burst', 1_000);
const slot = Number(process.env.E2E_SLOT ?? 0);
const anvilPort = 8750 + slot;
const pgPort = 8760 + slot;
const apiPort = 8770 + slot;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const rssPeakMb = (pid: number | undefined) => {
  if (!pid) return NaN;
  const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/);
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
};

async function main() {
  buildContracts();
  const anvil = await startAnvil({ port: anvilPort, timestamp: Math.floor(Date.now() / 1000) - 8 * 86400 });
  const stopAll: (() => unknown)[] = [() => anvil.proc.kill()];
  process.on('exit', () => stopAll.forEach((f) => f()));
  const ctx = await clients(anvil.rpcUrl, devAccount(0));
  const d = await deployProtocol(ctx, { local: true, rpcUrl: anvil.rpcUrl, write: false });
  await seed(ctx, d);
  const t = Date.now();
  await (await setUpSeeder(ctx, d)).list(LISTINGS);
  process.stdout.write(`Seeded ${LISTINGS.toLocaleString('en-US')} bench listings in ${Math.round((Date.now() - t) / 1000)} s.\n`);
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
  const pg = startPostgres(pgPort);
  stopAll.push(() => pg.stop());

  const results: Record<string, Record<string, string>> = {};
  let burstDone = false;
  for (const db of ['PGlite', 'PostgreSQL'] as const) {
    const r: Record<string, string> = {};
    const start = Date.now();
    const ix: Indexer = startIndexer({ port: apiPort, rpcUrl: anvil.rpcUrl, deploymentsDir: dir, pgliteDir: join(dir, 'pglite'), databaseUrl: db === 'PostgreSQL' ? pg.url : undefined, schema: `bench_${Date.now()}` });
    stopAll.push(() => ix.proc.kill('SIGKILL'));
    await ix.waitForBlock(head, 3_600_000);
    const secs = (Date.now() - start) / 1000;
    r['index from zero (s)'] = secs.toFixed(1);
    r['events per second'] = Math.round(events / secs).toLocaleString('en-US');
    // Listing queries: the Marketplace's first page for every sort, all coins and one coin.
    const now = Number((await ctx.publicClient.getBlock()).timestamp);
    const times: number[] = [];
    let total = 0;
    for (const sort of ['newest', 'price-asc', 'price-desc', 'unit-day', 'ending']) {
      for (const coin of ['all', '0']) {
        for (let i = 0; i < 20; i++) {
          const q0 = performance.now();
          const res = (await (await fetch(`${ix.url}/market/listings?now=${now}&sort=${sort}&coin=${coin}&limit=24`)).json()) as { total: number };
          times.push(performance.now() - q0);
          total = Math.max(total, res.total);
        }
      }
    }
    r['live listings in the API'] = total.toLocaleString('en-US');
    r['listing query p50 / p95 (ms)'] = `${pct(times, 50).toFixed(0)} / ${pct(times, 95).toFixed(0)}`;
    // A burst of transactions (vault deposits, one block each) while it runs: the largest lag seen, and how
    // long after the last one it had indexed the head. Sent once, on the first database's run only; the
    // second database indexes those blocks too.
    if (!burstDone) {
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
      const b0 = Date.now();
      let last: `0x${string}` = '0x';
      for (let i = 0; i < BURST; i++) {
        last = await ctx.walletClient.writeContract({ address: d.contracts.LiquidityVault, abi: liquidityVaultAbi, functionName: 'deposit', args: [1n, who.address], account: who, gas: 200_000n });
      }
      await ctx.publicClient.waitForTransactionReceipt({ hash: last });
      const sentIn = (Date.now() - b0) / 1000;
      const t1 = Date.now();
      await ix.waitForBlock(Number(await ctx.publicClient.getBlockNumber()), 600_000);
      sampling = false;
      await sampler;
      r[`burst of ${BURST} txs: max lag (blocks)`] = String(maxLag);
      r['burst: caught up after the last tx (s)'] = ((Date.now() - t1) / 1000).toFixed(1);
      r['burst: sent in (s)'] = sentIn.toFixed(1);
      burstDone = true;
    }
    r['peak RSS (MB)'] = String(rssPeakMb(ix.proc.pid));
    results[db] = r;
    await ix.stop();
  }
  pg.stop();
  rmSync(dir, { recursive: true, force: true });

  const metrics = [...new Set(Object.values(results).flatMap((r) => Object.keys(r)))];
  const lines = [
    `Indexer bench: ${LISTINGS.toLocaleString('en-US')} bench listings on top of the demo seed, ${events.toLocaleString('en-US')} events in ${head} blocks (${new Date().toISOString().slice(0, 10)})`,
    '',
    '| metric | PGlite (embedded) | PostgreSQL |',
    '| --- | --- | --- |',
    ...metrics.map((m) => `| ${m} | ${results.PGlite?.[m] ?? ''} | ${results.PostgreSQL?.[m] ?? ''} |`),
  ];
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench', 'results', 'indexer.md'), lines.join('\n') + '\n');
  process.stdout.write(lines.join('\n') + '\n');
  process.exit(0);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});

// `npm run dev`: anvil on 127.0.0.1:8545 (chain 31337), compile, deploy, seed, generate the typed
// contract map, and serve the app. Ctrl-C stops everything it started.
// Options (environment): PORT / ANVIL_PORT change ports. FORK_URL=<rpc> runs anvil as a fork of that chain
// (FORK_BLOCK_NUMBER pins the block): the fork keeps the upstream chain id, the protocol is deployed and
// seeded on top, and its deployment goes to a temporary folder that only this dev server reads
// (HASHMINT_DEPLOYMENTS_DIR), so deployments/ and src/abi/deployments.ts are left as committed. On a fork,
// FEED_BTC / FEED_ETC / FEED_FIL point the oracle at the upstream chain's Chainlink feeds instead of mocks.
// The indexer (indexer/, Ponder on an embedded database in a temporary folder) starts after seeding on
// INDEXER_PORT (default 42069); the app gets its URL (VITE_INDEXER_URL) once it has indexed the head.
// The loan keeper (scripts/lib/keeper.ts, `npm run keeper` on other chains) runs in this process after seeding.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatUnits, isAddress, type Address } from 'viem';
import { startIndexer, type Indexer } from '../indexer/process.ts';
import { bin, buildContracts, fail, portFree, requireTool, ROOT, startAnvil } from './lib/anvil.ts';
import { clients, devAccount } from './lib/chain.ts';
import { startKeeper, type Keeper } from './lib/keeper.ts';
import { deployProtocol, LOCAL_KEEPER_INDEX } from './lib/protocol.ts';
import { seed, SEED_DAYS } from './lib/seed.ts';

const anvilPort = Number(process.env.ANVIL_PORT ?? 8545);
const appPort = Number(process.env.PORT ?? 5173);
const indexerPort = Number(process.env.INDEXER_PORT ?? 42069);
const forkUrl = process.env.FORK_URL || undefined;
const forkBlock = process.env.FORK_BLOCK_NUMBER ? Number(process.env.FORK_BLOCK_NUMBER) : undefined;
/** The fork's host only: RPC URLs often carry an API key in the path or query. */
const forkHost = forkUrl ? (URL.canParse(forkUrl) ? new URL(forkUrl).host : 'FORK_URL') : undefined;
const children: ChildProcess[] = [];
const feedEnv = (name: string): Address | undefined => {
  const v = process.env[name];
  if (!v) return undefined;
  if (!isAddress(v)) fail(`${name} is not an address.`);
  return v;
};
let scratch: string | undefined;
let indexer: Indexer | undefined;
let keeper: Keeper | undefined;
let stopping = false;

async function stopAll(code = 0) {
  stopping = true;
  await keeper?.stop();
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  // The indexer closes its database and its port before the folder holding them goes.
  await indexer?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

async function main() {
  requireTool('vite');
  // Both ports before compiling: compiling rewrites src/abi/abis.ts, which a dev server already running
  // (the usual owner of a busy port) would hot-reload for nothing.
  if (!(await portFree(anvilPort))) fail(`Port ${anvilPort} (anvil) is busy: stop the other anvil or dev server, or run with ANVIL_PORT=<free port>.`);
  if (!(await portFree(appPort))) fail(`Port ${appPort} (the app) is busy: stop the other server or run with PORT=<free port>.`);
  if (!(await portFree(indexerPort))) fail(`Port ${indexerPort} (the indexer) is busy: stop the other indexer or dev server, or run with INDEXER_PORT=<free port>.`);
  const step = (s: string) => process.stdout.write(`• ${s}\n`);

  step('Compiling contracts (forge + solc-js)…');
  buildContracts();

  step(forkUrl ? `Starting anvil on 127.0.0.1:${anvilPort} as a fork of ${forkHost}…` : `Starting anvil on 127.0.0.1:${anvilPort}…`);
  // Start the chain SEED_DAYS in the past: seeding moves it forward that far, so chain time ends near now.
  const timestamp = forkUrl ? undefined : Math.floor(Date.now() / 1000) - SEED_DAYS * 86400;
  if (forkBlock !== undefined && !Number.isSafeInteger(forkBlock)) fail(`FORK_BLOCK_NUMBER must be a block number, not "${process.env.FORK_BLOCK_NUMBER}".`);
  const anvil = await startAnvil({ port: anvilPort, timestamp, forkUrl, forkBlockNumber: forkBlock });
  children.push(anvil.proc);
  anvil.proc.on('exit', (code) => {
    if (code !== null && code !== 0) fail(`anvil stopped unexpectedly (exit ${code}).`);
  });

  step('Deploying the protocol…');
  const ctx = await clients(anvil.rpcUrl, devAccount(0));
  // A fork's addresses depend on the upstream state (the deployer's nonce there), and its chain id is the
  // upstream's: never write them over the committed deployments (31337's are checked by the e2e setup).
  const deployment = await deployProtocol(ctx, {
    local: true,
    // The committed file keeps the default URL whatever ANVIL_PORT says; this run's app gets the real
    // one through VITE_RPC_URL_<id> below.
    rpcUrl: forkUrl ? anvil.rpcUrl : 'http://127.0.0.1:8545',
    name: forkUrl ? `Fork of chain ${ctx.chainId}` : undefined,
    write: !forkUrl,
    // A fork can price against the upstream chain's Chainlink feeds: FEED_BTC / FEED_ETC / FEED_FIL=<address>.
    feeds: forkUrl ? { BTC: feedEnv('FEED_BTC'), ETC: feedEnv('FEED_ETC'), FIL: feedEnv('FEED_FIL') } : undefined,
  });

  const env: NodeJS.ProcessEnv = { ...process.env, [`VITE_RPC_URL_${ctx.chainId}`]: anvil.rpcUrl };
  // This run's scratch folder: the indexer's database (a fresh chain needs a fresh one), and a fork's deployment.
  scratch = mkdtempSync(join(tmpdir(), forkUrl ? 'hashmint-fork-' : 'hashmint-dev-'));
  if (forkUrl) {
    // The app is served for the fork's chain alone, from a deployments folder outside the repo.
    const file = join(scratch, `${ctx.chainId}.json`);
    writeFileSync(file, JSON.stringify(deployment, null, 2) + '\n');
    Object.assign(env, { HASHMINT_DEPLOYMENTS_DIR: scratch, VITE_DEFAULT_CHAIN_ID: String(ctx.chainId) });
    step(`Deployment of the fork: ${file} (removed on exit; deployments/ is unchanged)`);
  }

  // The indexer starts now (it needs only the addresses) and gets through its start-up while the seed runs.
  step(`Starting the indexer on 127.0.0.1:${indexerPort}…`);
  indexer = startIndexer({
    port: indexerPort,
    rpcUrl: anvil.rpcUrl,
    chainId: ctx.chainId,
    deploymentsDir: forkUrl ? scratch : undefined,
    pgliteDir: join(scratch, 'pglite'),
    stdio: 'inherit',
  });
  indexer.proc.on('exit', (code) => {
    if (!stopping && code !== 0) process.stderr.write(`\n! The indexer stopped (exit ${code}); the app reads the chain alone.\n`);
  });
  step('Seeding demo data (products, purchases, a week of mining output)…');
  const seeded = await seed(ctx, deployment);
  step(`Seeded ${seeded.products} products, ${seeded.purchases} purchases, ${seeded.listings} listings, ${seeded.deposits} term deposits, ${seeded.pools} pools and ${seeded.loans} loan.`);
  step(`Handed every admin power to the timelock:\n    ${seeded.handedOver.join('\n    ')}`);
  // The keeper marks under-water loans down the block their price falls (LoanPool.impair, open to anyone).
  keeper = startKeeper(ctx, deployment, devAccount(LOCAL_KEEPER_INDEX));
  step(`Keeper started: dev account #${LOCAL_KEEPER_INDEX} marks under-water loans down each block.`);
  const head = Number(await ctx.publicClient.getBlockNumber());
  step(`Waiting for the indexer to index block ${head}…`);
  await indexer.waitForBlock(head, 180_000);
  env.VITE_INDEXER_URL = indexer.url;
  const vite = spawn(bin('vite'), ['--port', String(appPort), '--strictPort', '--host', '127.0.0.1'], {
    cwd: ROOT,
    stdio: 'inherit',
    env,
  });
  children.push(vite);
  vite.on('exit', (code) => void stopAll(code ?? 0));
  // Say "running" only once the server answers, so the printed URL works when it is printed.
  const appUrl = `http://127.0.0.1:${appPort}/`;
  for (let i = 0; ; i++) {
    if (await fetch(appUrl).then((r) => r.ok, () => false)) break;
    if (i === 300) throw new Error(`The app server did not answer on ${appUrl} within 30 s.`);
    await new Promise((r) => setTimeout(r, 100));
  }

  const lines = [
    '',
    `  Hashmint is running at ${appUrl}`,
    `  Chain: ${deployment.name} (id ${ctx.chainId}) at ${anvil.rpcUrl}`,
    `  Indexer: ${indexer.url}/graphql (GraphQL), ${indexer.url}/sql (SQL over HTTP), ${indexer.url}/status`,
    '  Dev accounts (anvil test keys, funded with 10,000 ETH; 1-4 also with 10,000 USDT):',
  ];
  for (let i = 0; i < 5; i++) {
    const a = devAccount(i);
    const key = Buffer.from(a.getHdKey().privateKey!).toString('hex');
    const eth = formatUnits(await ctx.publicClient.getBalance({ address: a.address }), 18);
    lines.push(`   #${i} ${a.address}  key 0x${key}  ${Number(eth).toFixed(0)} ETH${i === 0 ? '  (deployer; local dev roles: operator, faucet minter, feed poster)' : ''}`);
  }
  lines.push(`  Import one of these keys into your wallet and add the network ${anvil.rpcUrl}, chain id ${ctx.chainId}.`);
  if (forkUrl) {
    lines.push(
      `  This is a fork of ${forkHost} at block ${deployment.startBlock}: it keeps that chain's id, so a wallet must use`,
      '  this RPC for it, and anything signed here is valid on the real chain too. Sign only with the dev keys above.',
    );
  }
  lines.push('  Press Ctrl-C to stop everything.', '');
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((e: unknown) => {
  const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
  process.stderr.write(`\n✖ ${msg}\n`);
  void stopAll(1);
});

// `npm run dev`: anvil on 127.0.0.1:8545 (chain 31337), compile, deploy, seed, generate the typed
// contract map, and serve the app. Ctrl-C stops everything it started.
// Options (environment): FORK_URL=<rpc> runs anvil as a fork of that chain; PORT / ANVIL_PORT change ports.
import { spawn, type ChildProcess } from 'node:child_process';
import { formatUnits } from 'viem';
import { bin, buildContracts, fail, portFree, requireTool, ROOT, startAnvil } from './lib/anvil.ts';
import { clients, devAccount } from './lib/chain.ts';
import { deployProtocol } from './lib/protocol.ts';
import { seed, SEED_DAYS } from './lib/seed.ts';

const anvilPort = Number(process.env.ANVIL_PORT ?? 8545);
const appPort = Number(process.env.PORT ?? 5173);
const forkUrl = process.env.FORK_URL;
const children: ChildProcess[] = [];

function stopAll(code = 0) {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  process.exit(code);
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

async function main() {
  requireTool('vite');
  if (!(await portFree(appPort))) fail(`Port ${appPort} is busy: stop the other server or run with PORT=<free port>.`);
  const step = (s: string) => process.stdout.write(`• ${s}\n`);

  step('Compiling contracts (forge + solc-js)…');
  buildContracts();

  step(forkUrl ? `Starting anvil as a fork of ${forkUrl}…` : `Starting anvil on 127.0.0.1:${anvilPort}…`);
  // Start the chain SEED_DAYS in the past: seeding moves it forward that far, so chain time ends near now.
  const timestamp = forkUrl ? undefined : Math.floor(Date.now() / 1000) - SEED_DAYS * 86400;
  const anvil = await startAnvil({ port: anvilPort, timestamp, forkUrl });
  children.push(anvil.proc);
  anvil.proc.on('exit', (code) => {
    if (code !== null && code !== 0) fail(`anvil stopped unexpectedly (exit ${code}).`);
  });

  step('Deploying the protocol…');
  const ctx = await clients(anvil.rpcUrl, devAccount(0));
  const deployment = await deployProtocol(ctx, { local: true, rpcUrl: anvil.rpcUrl, name: forkUrl ? `Fork of ${ctx.chainId}` : undefined });
  step('Seeding demo data (products, purchases, a week of mining output)…');
  const seeded = await seed(ctx, deployment);
  step(`Seeded ${seeded.products} products, ${seeded.purchases} purchases, ${seeded.listings} listings, ${seeded.deposits} term deposits, ${seeded.pools} pools and ${seeded.loans} loan.`);

  const vite = spawn(bin('vite'), ['--port', String(appPort), '--strictPort', '--host', '127.0.0.1'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, VITE_RPC_URL_31337: anvil.rpcUrl },
  });
  children.push(vite);
  vite.on('exit', (code) => stopAll(code ?? 0));

  const lines = [
    '',
    `  Hashmint is running at http://127.0.0.1:${appPort}/`,
    `  Chain: ${deployment.name} (id ${ctx.chainId}) at ${anvil.rpcUrl}`,
    '  Dev accounts (anvil test keys, funded with 10,000 ETH; 1-4 also with 10,000 USDT):',
  ];
  for (let i = 0; i < 5; i++) {
    const a = devAccount(i);
    const key = Buffer.from(a.getHdKey().privateKey!).toString('hex');
    const eth = formatUnits(await ctx.publicClient.getBalance({ address: a.address }), 18);
    lines.push(`   #${i} ${a.address}  key 0x${key}  ${Number(eth).toFixed(0)} ETH${i === 0 ? '  (owner, operator)' : ''}`);
  }
  lines.push('  Import one of these keys into your wallet and add the network http://127.0.0.1:8545, chain id 31337.', '  Press Ctrl-C to stop everything.', '');
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((e: unknown) => {
  const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
  process.stderr.write(`\n✖ ${msg}\n`);
  stopAll(1);
});

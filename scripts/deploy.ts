// `npm run deploy`: deploys the protocol to any EVM chain and writes deployments/<chainId>.json, then
// regenerates src/abi/deployments.ts so the next `npm run build` serves that chain.
//   RPC_URL=https://…  [DEPLOYER_KEY=0x…]  [APP_RPC_URL=…] [CHAIN_NAME=…] OPERATOR=0x… GUARDIAN=0x…
//   FEED_BTC=0x… FEED_ETC=0x… FEED_FIL=0x… [TIMELOCK_DELAY=<seconds, >= 172800>] [TREASURY=0x…] npm run deploy
// Without DEPLOYER_KEY the key is asked for on the terminal (not echoed) and never written anywhere.
// FEED_<coin> are the chain's Chainlink AggregatorV3 <coin> / USD feeds (required unless LOCAL=1, which deploys
// mock feeds). At the end every admin power is handed to the timelock, and the script checks and says so.
import { createInterface } from 'node:readline';
import { isAddress, type Address, type Hex } from 'viem';
import { buildContracts, fail } from './lib/anvil.ts';
import { clients } from './lib/chain.ts';
import { deployProtocol, handOver } from './lib/protocol.ts';

async function askHidden(question: string): Promise<string> {
  if (!process.stdin.isTTY) fail('Set DEPLOYER_KEY, or run in a terminal to type the key.');
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const out = rl as unknown as { _writeToOutput: (s: string) => void };
  out._writeToOutput = (s: string) => {
    if (s.startsWith(question)) process.stdout.write(s);
  };
  const answer = await new Promise<string>((resolve) => rl.question(question, resolve));
  rl.close();
  process.stdout.write('\n');
  return answer.trim();
}

const optionalAddress = (name: string): Address | undefined => {
  const v = process.env[name];
  if (v === undefined || v === '') return undefined;
  if (!isAddress(v)) fail(`${name} is not an address.`);
  return v;
};

async function main() {
  const rpcUrl = process.env.RPC_URL;
  if (!rpcUrl) fail('Set RPC_URL to the chain to deploy to.');
  const key = (process.env.DEPLOYER_KEY ?? (await askHidden('Deployer private key: '))) as Hex;
  if (!/^0x[0-9a-fA-F]{64}$/.test(key)) fail('The deployer key must be 0x followed by 64 hexadecimal characters.');
  buildContracts();
  const ctx = await clients(rpcUrl, key);
  const local = process.env.LOCAL === '1';
  process.stdout.write(`Deploying to chain ${ctx.chainId} from ${ctx.walletClient.account.address}…\n`);
  const d = await deployProtocol(ctx, {
    local,
    rpcUrl: process.env.APP_RPC_URL ?? rpcUrl,
    name: process.env.CHAIN_NAME,
    operator: optionalAddress('OPERATOR'),
    treasury: optionalAddress('TREASURY'),
    guardian: optionalAddress('GUARDIAN'),
    timelockDelay: process.env.TIMELOCK_DELAY ? Number(process.env.TIMELOCK_DELAY) : undefined,
    feeds: { BTC: optionalAddress('FEED_BTC'), ETC: optionalAddress('FEED_ETC'), FIL: optionalAddress('FEED_FIL') },
  });
  process.stdout.write(`Wrote deployments/${d.chainId}.json:\n${JSON.stringify(d.contracts, null, 2)}\n`);
  const checked = await handOver(ctx, d);
  process.stdout.write(`Handed over to the timelock:\n  ${checked.join('\n  ')}\n`);
}

main().catch((e: unknown) => fail(e instanceof Error ? e.message.split('\n')[0] : String(e)));

// Local-chain tools shared by the developer panel (browser) and the seed script (Node):
// move anvil's clock forward and post each finished day's mining output as the operator.
// Only used on chains whose deployment is marked `local`; anvil signs for its unlocked dev accounts,
// so no key is ever needed here.
import { createTestClient, createWalletClient, http, type Address, type Chain, type PublicClient } from 'viem';
import { rewardsAbi } from '../abi/abis';
import { DAY_SECONDS } from './format';

/** Typical output per hashrate unit per day, in reward-token base units x Rewards.PRECISION (1e6). */
export const BASE_OUTPUT: Record<string, bigint> = {
  BTC: 52_600_000n, // 52.6 sat per TH/s per day
  ETC: 83n * 10n ** 18n, // 0.000083 ETC per MH/s per day
  FIL: 3n * 10n ** 21n, // 0.003 FIL per TiB per day
};

/** A day's output: the base, varied by up to ±6% so the charts show real movement. Deterministic per day. */
export function outputForDay(symbol: string, day: number): bigint {
  const base = BASE_OUTPUT[symbol] ?? 0n;
  const permille = 1000n + BigInt(Math.round(60 * Math.sin(day * 0.9)));
  return (base * permille) / 1000n;
}

export interface DevChainArgs {
  publicClient: PublicClient;
  chain: Chain;
  rpcUrl: string;
  rewards: Address;
  operator: Address;
}

/** Posts output for every finished day that has none yet, for every coin. Returns the days posted per coin. */
export async function postPendingOutput({ publicClient, chain, rpcUrl, rewards, operator }: DevChainArgs) {
  const wallet = createWalletClient({ chain, transport: http(rpcUrl), account: operator });
  const [coins, today] = await Promise.all([
    publicClient.readContract({ address: rewards, abi: rewardsAbi, functionName: 'coins' }),
    publicClient.readContract({ address: rewards, abi: rewardsAbi, functionName: 'currentDay' }),
  ]);
  const posted: number[] = [];
  for (let i = 0; i < coins.length; i++) {
    const from = coins[i].postedDays;
    const outputs: bigint[] = [];
    for (let d = from; d < Number(today); d++) outputs.push(outputForDay(coins[i].symbol, d));
    posted.push(outputs.length);
    if (outputs.length === 0) continue;
    const hash = await wallet.writeContract({
      address: rewards,
      abi: rewardsAbi,
      functionName: 'postOutput',
      args: [i, outputs],
    });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== 'success') throw new Error(`posting output for ${coins[i].symbol} failed`);
  }
  return posted;
}

/** Moves the chain `seconds` forward, mines a block, then posts the output of the days that passed (if any). */
export async function advanceSeconds(args: DevChainArgs, seconds: number) {
  const test = createTestClient({ chain: args.chain, mode: 'anvil', transport: http(args.rpcUrl) });
  await test.increaseTime({ seconds: Math.round(seconds) });
  await test.mine({ blocks: 1 });
  return postPendingOutput(args);
}

/** Moves the chain `days` days forward, mines a block, then posts the output of the days that passed. */
export function advanceDays(args: DevChainArgs, days: number) {
  return advanceSeconds(args, days * DAY_SECONDS);
}

/** Mines `blocks` empty blocks, one second apart (for a governor that counts blocks). */
export async function mineBlocks(args: Pick<DevChainArgs, 'chain' | 'rpcUrl'>, blocks: number) {
  const test = createTestClient({ chain: args.chain, mode: 'anvil', transport: http(args.rpcUrl) });
  await test.mine({ blocks, interval: 1 });
}

/** Gives an address test ether for gas on the local chain. */
export async function fundEther(args: Pick<DevChainArgs, 'chain' | 'rpcUrl' | 'publicClient'>, to: Address, wei: bigint) {
  const test = createTestClient({ chain: args.chain, mode: 'anvil', transport: http(args.rpcUrl) });
  const current = await args.publicClient.getBalance({ address: to });
  await test.setBalance({ address: to, value: current + wei });
}

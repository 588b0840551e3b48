// The keeper: marks under-water loans down as soon as their price falls, so that lenders who leave and
// lenders who stay see the same share price. `LoanPool.impair` is open to anyone and the Earn page has a
// button for it; without a keeper, a lender who withdraws between a price fall and the first `impair`
// leaves at the old count and the lenders who stay carry the gap (mocks/test/LoanMarkDown.t.sol measures
// it). With a keeper watching each block, that window is the block the price lands in.
//
// Each new block (and every `idleMs` without one, since collateral also runs down with time) it asks
// `LoanLens.pendingMarkDowns()` which loans the vault counts above what their collateral is worth, then
// simulates and sends `impair` for each. A failure is said once in words and retried on the next pass;
// nothing it does can move value to the keeper (impair pays nobody).
import type { Account } from 'viem';
import { loanLensAbi, loanPoolAbi } from '../../src/abi/abis.ts';
import { describeError } from '../../src/lib/errors.ts';
import { formatUsdt } from '../../src/lib/format.ts';
import type { Ctx } from './chain.ts';
import type { Deployment } from './protocol.ts';

export interface KeeperOptions {
  /** How often to look for a new block (default 1 s). */
  pollMs?: number;
  /** Look again after this long even without a new block (default 60 s). */
  idleMs?: number;
  /** Where its lines go (default stdout). */
  log?: (line: string) => void;
  /** The account that sends `impair` (default the context's wallet account). */
  account?: Account;
}

export interface Keeper {
  /** Loans this keeper marked down (a first impairment or a lower count), in order. */
  readonly marked: bigint[];
  /** Stops after the pass under way, if any. */
  stop(): Promise<void>;
}

export function startKeeper(ctx: Ctx, d: Deployment, opts: KeeperOptions = {}): Keeper {
  const { pollMs = 1_000, idleMs = 60_000 } = opts;
  const log = opts.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const account = opts.account ?? ctx.walletClient.account;
  const lens = { address: d.contracts.LoanLens, abi: loanLensAbi } as const;
  const pool = { address: d.contracts.LoanPool, abi: loanPoolAbi } as const;
  const marked: bigint[] = [];
  const said = new Set<string>(); // failures already reported, so a stuck loan is not repeated every block
  const sayOnce = (line: string) => {
    if (said.has(line)) return;
    said.add(line);
    log(line);
  };
  let lastBlock = -1n;
  let lastPass = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const markDown = async (id: bigint, now: bigint, after: bigint) => {
    try {
      const { request } = await ctx.publicClient.simulateContract({ ...pool, functionName: 'impair', args: [id], account });
      const hash = await ctx.walletClient.writeContract({ ...request, account });
      const receipt = await ctx.publicClient.waitForTransactionReceipt({ hash });
      if (receipt.status !== 'success') return sayOnce(`keeper: loan ${id} was not marked down: the transaction ${hash} reverted.`);
      marked.push(id);
      log(`keeper: loan ${id} marked down from ${formatUsdt(now)} to ${formatUsdt(after)} (block ${receipt.blockNumber}).`);
    } catch (e) {
      sayOnce(`keeper: loan ${id} was not marked down: ${describeError(e).message}`);
    }
  };

  const pass = async () => {
    const block = await ctx.publicClient.getBlockNumber();
    if (block === lastBlock && Date.now() - lastPass < idleMs) return;
    lastBlock = block;
    lastPass = Date.now();
    const p = await ctx.publicClient.readContract({ ...lens, functionName: 'pendingMarkDowns' });
    for (let i = 0; i < p.loanIds.length && !stopped; i++) await markDown(p.loanIds[i]!, p.valueNow[i]!, p.valueAfter[i]!);
    if (p.blockedByStalePrice > 0n) sayOnce(`keeper: ${p.blockedByStalePrice} loan(s) look liquidatable on a stale price; nobody can mark them down until the price is updated.`);
  };

  const loop = () => {
    if (stopped) return;
    running = pass()
      .catch((e: unknown) => sayOnce(`keeper: cannot read the chain: ${describeError(e).message}`))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, pollMs);
      });
  };
  loop();

  return {
    marked,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

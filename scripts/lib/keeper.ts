// The keeper: marks under-water loans down as soon as their price falls, so that lenders who leave and
// lenders who stay see the same share price. `LoanPool.impair` is open to anyone and the Earn page has a
// button for it; without a keeper, a lender who withdraws between a price fall and the first `impair`
// leaves at the old count and the lenders who stay carry the gap (mocks/test/LoanMarkDown.t.sol measures
// it). With a keeper watching each block, that window is the block the price lands in.
//
// Each new block (and every minute without one, since collateral also runs down with time) it asks
// `LoanLens.pendingMarkDowns()` which loans the vault counts above what their collateral is worth, and
// `pendingUpsides()` which impaired loans' recorded upside (what their NFTs cover above the count, priced
// into new deposits) is off by more than 0.1% of the debt, then simulates and sends `impair` for each. A
// failure is said once in words and retried on the next pass; nothing it does can move value to the keeper
// (impair pays nobody).
import type { Account } from 'viem';
import { loanLensAbi, loanPoolAbi } from '../../src/abi/abis.ts';
import { describeError } from '../../src/lib/errors.ts';
import { formatUsdt } from '../../src/lib/format.ts';
import { send, type Ctx } from './chain.ts';
import type { Deployment } from './protocol.ts';

/** How often it looks for a new block, and how long it waits at most between passes without one. */
const POLL_MS = 1_000;
const IDLE_MS = 60_000;

export interface Keeper {
  /** Stops after the pass under way, if any. */
  stop(): Promise<void>;
}

/** Starts the keeper; `impair` goes out from `account` (default the context's wallet account). */
export function startKeeper(ctx: Ctx, d: Deployment, account: Account = ctx.walletClient.account): Keeper {
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const lens = { address: d.contracts.LoanLens, abi: loanLensAbi } as const;
  const pool = { address: d.contracts.LoanPool, abi: loanPoolAbi } as const;
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

  const pass = async () => {
    const block = await ctx.publicClient.getBlockNumber();
    if (block === lastBlock && Date.now() - lastPass < IDLE_MS) return;
    lastBlock = block;
    lastPass = Date.now();
    const [p, u] = await Promise.all([
      ctx.publicClient.readContract({ ...lens, functionName: 'pendingMarkDowns' }),
      ctx.publicClient.readContract({ ...lens, functionName: 'pendingUpsides' }),
    ]);
    const work = [
      ...p.loanIds.map((id, i) => ({ id, done: `marked down from ${formatUsdt(p.valueNow[i]!)} to ${formatUsdt(p.valueAfter[i]!)}`, failed: 'was not marked down' })),
      ...u.loanIds.map((id, i) => ({ id, done: `upside set from ${formatUsdt(u.upsideNow[i]!)} to ${formatUsdt(u.upsideAfter[i]!)}`, failed: 'upside was not updated' })),
    ];
    for (const w of work) {
      if (stopped) break;
      try {
        // The scripts' one write path: simulated first, gas estimated, the receipt awaited, a revert thrown.
        const receipt = await send(ctx, { ...pool, functionName: 'impair', args: [w.id] }, account);
        log(`keeper: loan ${w.id} ${w.done} (block ${receipt.blockNumber}).`);
      } catch (e) {
        sayOnce(`keeper: loan ${w.id} ${w.failed}: ${describeError(e).message}`);
      }
    }
    if (p.blockedByStalePrice > 0n) sayOnce(`keeper: ${p.blockedByStalePrice} loan(s) look liquidatable on a stale price; nobody can mark them down until the price is updated.`);
  };

  const loop = () => {
    if (stopped) return;
    running = pass()
      .catch((e: unknown) => sayOnce(`keeper: cannot read the chain: ${describeError(e).message}`))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, POLL_MS);
      });
  };
  loop();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

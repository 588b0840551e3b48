// Helpers every handler shares: the activity row, and USD at the time of an event from the price feeds.
import { eq } from 'ponder';
import type { Context } from 'ponder:registry';
import { activity, govEvent, price, protocolEvent, token } from 'ponder:schema';
import type { Address, Hex } from 'viem';

export type Db = Context['db'];

/** What every event carries that a row needs: where and when it happened. */
export interface EventAt {
  id: string;
  block: { number: bigint; timestamp: bigint };
  transaction: { hash: Hex };
  log: { logIndex: number };
}

export const DAY = 86_400n;
export const dayOf = (timestamp: bigint) => Number(timestamp / DAY);
export const lower = (a: Address) => a.toLowerCase() as Address;

/** USD (6 decimals) of `amount` base units of `tokenAddress`, at its feed's latest answer (the one in force now). */
export async function usdOf(db: Db, tokenAddress: Address, amount: bigint): Promise<bigint | null> {
  const t = await db.find(token, { address: lower(tokenAddress) });
  if (!t) return null;
  if (!t.feed) return t.symbol === 'USDT' ? amount : null; // USDT: one dollar; HASH: no price
  const p = await db.find(price, { feed: t.feed });
  if (!p) return null;
  // amount / 10^decimals × answer / 1e8 × 1e6
  return (amount * p.answer) / 10n ** BigInt(t.decimals + 2);
}

/** The token row of a reward coin, by its Rewards coin id. */
export async function coinToken(db: Db, coin: number) {
  const rows = await db.sql.select().from(token).where(eq(token.coin, coin)).limit(1);
  return rows[0];
}

export interface ActivityInput {
  account: Address;
  kind: string;
  asset: Address;
  amount: bigint;
  tokenId?: bigint;
  ref?: bigint;
  counterparty?: Address;
  /** several rows of one event (buyer and seller): a suffix keeps their ids apart */
  part?: string;
}

/** One row of a wallet's history, valued in USD at the event. */
export async function record(db: Db, event: EventAt, a: ActivityInput) {
  const t = await db.find(token, { address: lower(a.asset) });
  await db
    .insert(activity)
    .values({
      id: a.part ? `${event.id}-${a.part}` : event.id,
      account: lower(a.account),
      kind: a.kind,
      tokenId: a.tokenId ?? null,
      ref: a.ref ?? null,
      asset: t?.symbol ?? 'USDT',
      decimals: t?.decimals ?? 6,
      amount: a.amount,
      usd: await usdOf(db, a.asset, a.amount),
      counterparty: a.counterparty ? lower(a.counterparty) : null,
      timestamp: event.block.timestamp,
      blockNumber: event.block.number,
      txHash: event.transaction.hash,
      logIndex: event.log.logIndex,
    })
    .onConflictDoNothing();
}

const argsJson = (args: object) => JSON.stringify(args, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));

/** A governance-side change (a pause, a parameter event, ownership, roles): its arguments as JSON, bigints as strings. */
export async function govChange(db: Db, event: EventAt & { args: object }, contract: string, name: string) {
  await db
    .insert(govEvent)
    .values({ id: event.id, contract, name, args: argsJson(event.args), timestamp: event.block.timestamp, blockNumber: event.block.number, txHash: event.transaction.hash })
    .onConflictDoNothing();
}

/** A protocol bookkeeping event with no table of its own (protocol_event), arguments as JSON. */
export async function protocolLog(db: Db, event: EventAt & { args: object }, contract: string, name: string) {
  await db
    .insert(protocolEvent)
    .values({ id: event.id, contract, name, args: argsJson(event.args), timestamp: event.block.timestamp, blockNumber: event.block.number, txHash: event.transaction.hash })
    .onConflictDoNothing();
}

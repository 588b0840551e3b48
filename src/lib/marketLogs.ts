// Reading the marketplace's event logs cheaply: the block range is split into pieces public RPCs accept,
// only the events the replay uses are requested (a topic filter), and the logs are decoded by a small
// decoder built from the ABI (every one of these events has only 32-byte static fields, so decoding is
// slicing words) instead of viem's general decoder, which took ~3 s for the 30,000 logs of 10,000 listings.
import { decodeEventLog, getAddress, toEventSelector, type Abi, type AbiEvent, type Address, type Hex } from 'viem';
import type { MarketLog } from './marketState';

/** A log as eth_getLogs returns it (quantities in hex). */
export interface RpcLog {
  address: Address;
  topics: Hex[];
  data: Hex;
  blockNumber: Hex | null;
  logIndex: Hex | null;
  transactionHash: Hex | null;
}

/** Events of the marketplace and the NFT contract that `replayMarket` reads. */
export const MARKET_EVENTS = ['Listed', 'PriceUpdated', 'Cancelled', 'AllCancelled', 'Sold', 'FeeUpdated', 'Transfer', 'Approval', 'ApprovalForAll', 'PositionMinted'] as const;

const STATIC = /^(address|bool|u?int\d*|bytes32)$/;

interface EventShape {
  name: string;
  indexed: { name: string; type: string }[];
  data: { name: string; type: string }[];
  fast: boolean;
  abi: AbiEvent;
}

// Checksummed once per distinct address (a market has far fewer sellers than logs).
const checksummed = new Map<string, Address>();
function address(hex: string): Address {
  let a = checksummed.get(hex);
  if (a === undefined) checksummed.set(hex, (a = getAddress(`0x${hex}`)));
  return a;
}

function word(type: string, hex: string): unknown {
  if (type === 'address') return address(hex.slice(24));
  if (type === 'bool') return hex.endsWith('1');
  if (type === 'bytes32') return `0x${hex}` as Hex;
  const signed = type.startsWith('int');
  const bits = Number(type.slice(signed ? 3 : 4)) || 256;
  let v = BigInt(`0x${hex}`);
  if (signed && v >= 1n << BigInt(bits - 1)) v -= 1n << BigInt(bits);
  // As viem does: integers of up to 48 bits come out as numbers, wider ones as bigints.
  return bits <= 48 ? Number(v) : v;
}

/** Topic-0 selectors of the named events, for an eth_getLogs topic filter. */
export function eventSelectors(abi: Abi, names: readonly string[]): Hex[] {
  const events = abi.filter((x): x is AbiEvent => x.type === 'event' && names.includes(x.name));
  return [...new Set(events.map((e) => toEventSelector(e)))];
}

/**
 * A decoder for the events of `abi` named in `names`. Events with only static fields are sliced word by
 * word; any other event falls back to viem's decoder. Logs of other events
 * or that do not fit their event give undefined.
 */
export function makeLogDecoder(abi: Abi, names: readonly string[] = MARKET_EVENTS) {
  const bySelector = new Map<string, EventShape>();
  for (const item of abi) {
    if (item.type !== 'event' || !names.includes(item.name) || item.anonymous) continue;
    const indexed = item.inputs.filter((i) => i.indexed).map((i) => ({ name: i.name ?? '', type: i.type }));
    const data = item.inputs.filter((i) => !i.indexed).map((i) => ({ name: i.name ?? '', type: i.type }));
    const fast = item.inputs.every((i) => STATIC.test(i.type) && i.name);
    bySelector.set(toEventSelector(item).toLowerCase(), { name: item.name, indexed, data, fast, abi: item });
  }
  return (log: RpcLog): MarketLog | undefined => {
    const shape = log.topics[0] ? bySelector.get(log.topics[0].toLowerCase()) : undefined;
    if (!shape || log.blockNumber === null || log.logIndex === null || log.transactionHash === null) return undefined;
    let args: Record<string, unknown>;
    if (shape.fast) {
      // ERC-20 and ERC-721 Transfer/Approval share a selector: the number of topics tells them apart.
      if (log.topics.length !== shape.indexed.length + 1 || log.data.length !== 2 + 64 * shape.data.length) return undefined;
      args = {};
      shape.indexed.forEach((p, i) => (args[p.name] = word(p.type, log.topics[i + 1].slice(2))));
      shape.data.forEach((p, i) => (args[p.name] = word(p.type, log.data.slice(2 + 64 * i, 66 + 64 * i))));
    } else {
      try {
        args = decodeEventLog({ abi: [shape.abi], data: log.data, topics: log.topics as [Hex, ...Hex[]] }).args as Record<string, unknown>;
      } catch {
        return undefined;
      }
    }
    return {
      address: address(log.address.slice(2).toLowerCase()),
      eventName: shape.name,
      args,
      blockNumber: BigInt(log.blockNumber),
      logIndex: Number(log.logIndex),
      transactionHash: log.transactionHash,
    };
  };
}

/** [from, to] block ranges (inclusive) of at most `size` blocks covering from..to. */
export function blockRanges(from: bigint, to: bigint, size: bigint): [bigint, bigint][] {
  if (size <= 0n) throw new Error('block range size must be positive');
  const out: [bigint, bigint][] = [];
  for (let start = from; start <= to; start += size) {
    const end = start + size - 1n;
    out.push([start, end < to ? end : to]);
  }
  return out;
}

/** Errors by which RPC nodes refuse an eth_getLogs range as too long or its answer as too large. */
const TOO_MUCH = /block range|range (is )?too (large|wide|big)|too many (results|logs|blocks)|limit exceeded|exceed(s|ed)? .*(limit|max)|query returned more than|response size|10,?000 results/i;

export function isRangeTooLarge(error: unknown): boolean {
  const texts: string[] = [];
  for (let e: unknown = error, depth = 0; e && depth < 6; depth++) {
    const x = e as { message?: unknown; details?: unknown; shortMessage?: unknown; cause?: unknown };
    for (const t of [x.message, x.details, x.shortMessage]) if (typeof t === 'string') texts.push(t);
    e = x.cause;
  }
  return texts.some((t) => TOO_MUCH.test(t));
}

/** Refusals of "too large" that one `readRanges` call accepts before it stops (see there). */
export const MAX_RANGE_REFUSALS = 32;

/** A log read that the node kept refusing as too large, past the bound: stopped instead of looping. */
export class RangeReadStoppedError extends Error {
  constructor(refusals: number, cause: unknown) {
    super(`The node refused ${refusals} log reads as too large; the read stopped.`, { cause });
    this.name = 'RangeReadStoppedError';
  }
}

/**
 * Reads every range with `read`, `perBatch` ranges at a time (they go out as one JSON-RPC batch), one
 * batch after the other, delivering the pieces in block order. A range the node refuses as too long or
 * too large (which can also be the whole batch's answer passing the client's size limit) is split in
 * two and its halves are read one after the other, each alone, never together in a batch, down to
 * single blocks; after a refusal, later ranges are read in pieces of the size that passed. More than
 * `maxRefusals` refusals in one call end it with RangeReadStoppedError, so a node that refuses
 * everything costs a bounded amount of traffic. Any other error is thrown at once.
 */
export async function readRanges<T>(
  ranges: [bigint, bigint][],
  read: (from: bigint, to: bigint) => Promise<T[]>,
  perBatch: number,
  onPiece?: (items: T[]) => Promise<void> | void,
  { maxRefusals = MAX_RANGE_REFUSALS }: { maxRefusals?: number } = {},
): Promise<void> {
  let refusals = 0;
  /** Blocks per read after a refusal: half the length that was refused last. */
  let size: bigint | undefined;
  /** Whether `error` is a refusal to split on; stops the whole read past the bound. */
  const splitOn = (error: unknown, from: bigint, to: bigint) => {
    if (from === to || !isRangeTooLarge(error)) return false;
    if (++refusals > maxRefusals) throw new RangeReadStoppedError(refusals - 1, error);
    const half = (to - from + 1n) / 2n;
    size = size === undefined || half < size ? half : size;
    return true;
  };
  const readAlone = async (from: bigint, to: bigint): Promise<void> => {
    let items: T[];
    try {
      items = await read(from, to);
    } catch (e) {
      if (!splitOn(e, from, to)) throw e;
      const mid = from + (to - from) / 2n;
      await readAlone(from, mid);
      await readAlone(mid + 1n, to);
      return;
    }
    await onPiece?.(items);
  };

  const queue = [...ranges];
  while (queue.length > 0) {
    const batch: [bigint, bigint][] = [];
    while (batch.length < perBatch && queue.length > 0) {
      const [from, to] = queue.shift()!;
      // After a refusal, read in pieces of the size that passed instead of being refused again.
      if (size !== undefined && to - from + 1n > size) {
        batch.push([from, from + size - 1n]);
        queue.unshift([from + size, to]);
      } else {
        batch.push([from, to]);
      }
    }
    const results = await Promise.allSettled(batch.map(([from, to]) => read(from, to)));
    for (let i = 0; i < batch.length; i++) {
      const r = results[i];
      if (r.status === 'fulfilled') {
        await onPiece?.(r.value);
        continue;
      }
      const [from, to] = batch[i];
      if (!splitOn(r.reason, from, to)) throw r.reason;
      const mid = from + (to - from) / 2n;
      await readAlone(from, mid);
      await readAlone(mid + 1n, to);
    }
  }
}

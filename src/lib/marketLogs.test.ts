// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { DAY_SECONDS } from './format';
import { BaseError, encodeAbiParameters, HttpRequestError, LimitExceededRpcError, ResponseBodyTooLargeError, type Abi, encodeEventTopics, erc20Abi, getAddress, numberToHex, parseEventLogs, toEventSelector, type AbiEvent, type Address, type Hex } from 'viem';
import { hashNftAbi, marketplaceAbi } from '../abi/abis';
import { prng } from '../test/prng';
import { blockRanges, eventSelectors, isRangeTooLarge, makeLogDecoder, MARKET_EVENTS, RangeReadStoppedError, readRanges, type RpcLog } from './marketLogs';
import { applyLogs, marketView, newReplay, replayMarket, type MarketLog } from './marketState';

const MARKET: Address = '0x610178dA211FEF7D417bC0e6FeD39F05609AD788';
const NFT: Address = '0x2279B7A0a67DB372996a5FaB50D91eAA73d2eBe6';
const abi: Abi = [...marketplaceAbi, ...hashNftAbi];
const events = abi.filter((x): x is AbiEvent => x.type === 'event');
const byName = (name: string): AbiEvent => events.find((e) => e.name === name)!;

/** An eth_getLogs entry for `event` with `args`, as a node returns it (lowercase address, hex quantities). */
function rpcLog(address: Address, name: string, args: Record<string, unknown>, block: number, index: number): RpcLog {
  const event = byName(name);
  const topics = encodeEventTopics({ abi: [event], eventName: name, args } as never) as Hex[];
  const data = encodeAbiParameters(
    event.inputs.filter((i) => !i.indexed),
    event.inputs.filter((i) => !i.indexed).map((i) => args[i.name!]),
  );
  return {
    address: address.toLowerCase() as Address,
    topics,
    data,
    blockNumber: numberToHex(block),
    logIndex: numberToHex(index),
    transactionHash: `0x${block.toString(16).padStart(32, '0')}${index.toString(16).padStart(32, '0')}`,
  };
}

/** Random arguments fitting each input's type. */
function randomArgs(r: ReturnType<typeof prng>, event: AbiEvent): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const input of event.inputs) {
    if (input.type === 'address') args[input.name!] = getAddress(`0x${[...Array(40)].map(() => r.int(0, 15).toString(16)).join('')}`);
    else if (input.type === 'bool') args[input.name!] = r.int(0, 1) === 1;
    else {
      const bits = Number(input.type.replace('uint', '')) || 256;
      args[input.name!] = r.bigint(bits);
    }
  }
  return args;
}

/** viem's general decoder, as the page used before: the reference the fast decoder must agree with. */
function viemDecode(logs: RpcLog[]): MarketLog[] {
  const formatted = logs.map((l) => ({ ...l, blockNumber: BigInt(l.blockNumber!), logIndex: Number(l.logIndex), blockHash: null, transactionIndex: null, removed: false }));
  return parseEventLogs({ abi, logs: formatted as never, strict: false }).map((l) => ({
    address: getAddress(l.address),
    eventName: l.eventName,
    args: (l.args ?? {}) as Record<string, unknown>,
    blockNumber: l.blockNumber!,
    logIndex: l.logIndex!,
    transactionHash: l.transactionHash!,
  }));
}

/** A random but consistent market history: mints, listings, price changes, cancels, sales, transfers. */
function randomMarketLogs(seed: number): RpcLog[] {
  const r = prng(seed);
  const sellers: Address[] = ['0x70997970C51812dc3A010C7d01b50e0d17dc79C8', '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC', '0x90F79bf6EB2c4f870365E785982E1f101E93b906'];
  const logs: RpcLog[] = [];
  let block = 1;
  let listingId = 0n;
  const owners = new Map<bigint, Address>();
  logs.push(rpcLog(MARKET, 'FeeUpdated', { oldBps: 0, newBps: 250 }, block++, 0));
  for (let step = 0; step < 400; step++) {
    const kind = r.int(0, 7);
    const seller = r.pick(sellers);
    const tokenId = BigInt(r.int(1, 60));
    if (kind <= 2 || owners.size === 0) {
      if (!owners.has(tokenId)) {
        logs.push(rpcLog(NFT, 'Transfer', { from: '0x0000000000000000000000000000000000000000', to: seller, tokenId }, block, 0));
        logs.push(rpcLog(NFT, 'PositionMinted', { tokenId, to: seller, productId: 2, coin: 1, hashrate: 100n, start: 1000n, end: 1000n + BigInt(r.int(1, 400)) * BigInt(DAY_SECONDS) }, block, 1));
        owners.set(tokenId, seller);
      }
      const owner = owners.get(tokenId)!;
      logs.push(rpcLog(NFT, 'Approval', { owner, approved: MARKET, tokenId }, block, 2));
      logs.push(rpcLog(MARKET, 'Listed', { listingId: ++listingId, seller: owner, tokenId, price: r.bigint(40, 1), expiresAt: BigInt(r.int(1, 5000)), productId: 2, coin: 1, hashrate: 100n }, block, 3));
    } else if (kind === 3 && listingId > 0n) {
      logs.push(rpcLog(MARKET, 'PriceUpdated', { listingId: BigInt(r.int(1, Number(listingId))), oldPrice: 1n, newPrice: r.bigint(40, 1) }, block, 0));
    } else if (kind === 4 && listingId > 0n) {
      logs.push(rpcLog(MARKET, 'Cancelled', { listingId: BigInt(r.int(1, Number(listingId))), seller }, block, 0));
    } else if (kind === 5) {
      logs.push(rpcLog(MARKET, 'AllCancelled', { seller, newCounter: BigInt(r.int(1, 9)) }, block, 0));
    } else if (kind === 6 && listingId > 0n) {
      const id = BigInt(r.int(1, Number(listingId)));
      logs.push(rpcLog(MARKET, 'Sold', { listingId: id, seller, buyer: r.pick(sellers), tokenId, price: r.bigint(40, 1), fee: 5n, productId: 2 }, block, 0));
    } else {
      const [id, owner] = [...owners][r.int(0, owners.size - 1)];
      const to = r.pick(sellers);
      logs.push(rpcLog(NFT, 'Transfer', { from: owner, to, tokenId: id }, block, 0));
      logs.push(rpcLog(NFT, 'ApprovalForAll', { owner: to, operator: MARKET, approved: r.int(0, 1) === 1 }, block, 1));
      owners.set(id, to);
    }
    block++;
  }
  return logs;
}

describe('makeLogDecoder', () => {
  const decode = makeLogDecoder(abi);

  it('decodes every market event exactly as viem does, for random arguments of every width', () => {
    const r = prng(20261127);
    for (let round = 0; round < 200; round++) {
      for (const name of MARKET_EVENTS) {
        const event = byName(name);
        const address = ['Listed', 'PriceUpdated', 'Cancelled', 'AllCancelled', 'Sold', 'FeeUpdated'].includes(name) ? MARKET : NFT;
        const log = rpcLog(address, name, randomArgs(r, event), r.int(0, 1e7), r.int(0, 500));
        const ours = decode(log);
        expect(ours, name).toEqual(viemDecode([log])[0]);
      }
    }
  });

  it('checksums addresses, as the rest of the app shows them', () => {
    const seller = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
    const log = rpcLog(MARKET, 'Cancelled', { listingId: 7n, seller }, 1, 0);
    expect(decode(log)?.args.seller).toBe(seller);
    expect(decode(log)?.address).toBe(MARKET);
  });

  it('skips what the replay must not see: ERC-20 Transfers (same selector, 3 topics), other events, pending logs, malformed data', () => {
    const erc20Transfer = encodeEventTopics({ abi: erc20Abi, eventName: 'Transfer', args: { from: MARKET, to: NFT } }) as Hex[];
    expect(decode({ address: NFT, topics: erc20Transfer, data: encodeAbiParameters([{ type: 'uint256' }], [5n]), blockNumber: '0x1', logIndex: '0x0', transactionHash: `0x${'1'.repeat(64)}` })).toBeUndefined();
    const owner = rpcLog(MARKET, 'Cancelled', { listingId: 1n, seller: NFT }, 1, 0);
    expect(decode({ ...owner, topics: [toEventSelector('OwnershipTransferred(address,address)'), owner.topics[2], owner.topics[2]] })).toBeUndefined();
    expect(decode({ ...owner, blockNumber: null })).toBeUndefined();
    const listed = rpcLog(MARKET, 'Listed', { listingId: 1n, seller: NFT, tokenId: 2n, price: 3n, expiresAt: 4n, productId: 5, coin: 1, hashrate: 6n }, 1, 0);
    expect(decode({ ...listed, data: listed.data.slice(0, -64) as Hex })).toBeUndefined();
    expect(decode({ ...listed, topics: [] })).toBeUndefined();
  });

  it('the topic filter asks for exactly the events the replay reads', () => {
    const selectors = eventSelectors(abi, MARKET_EVENTS);
    expect(selectors).toHaveLength(MARKET_EVENTS.length);
    expect(selectors).toContain(toEventSelector(byName('Listed')));
    expect(selectors).toContain(toEventSelector(byName('PositionMinted')));
    for (const skipped of ['OwnershipTransferred', 'TreasuryUpdated', 'MinterSet']) expect(selectors).not.toContain(toEventSelector(byName(skipped)));
  });

  it('replaying fast-decoded logs gives the same market as replaying viem-decoded ones', () => {
    const logs = randomMarketLogs(7);
    const fast = logs.map(makeLogDecoder(abi)).filter((l): l is MarketLog => l !== undefined);
    expect(fast).toHaveLength(logs.length);
    const reference = replayMarket(viemDecode(logs), MARKET, NFT);
    const ours = replayMarket(fast, MARKET, NFT);
    expect(ours).toEqual(reference);
    expect(ours.listings.length).toBeGreaterThan(50);
    expect(ours.listings.some((l) => l.ownerChanged)).toBe(true);
    expect(ours.sales.length).toBeGreaterThan(5);
  });
});

describe('applyLogs (the market kept up to date block by block)', () => {
  const decoded = randomMarketLogs(11).map(makeLogDecoder(abi)).filter((l): l is MarketLog => l !== undefined);
  const last = decoded.at(-1)!.blockNumber;
  const inBlocks = (from: bigint, to: bigint) => decoded.filter((l) => l.blockNumber >= from && l.blockNumber <= to);

  it('applying new blocks to the replay gives the same market as replaying everything at once', () => {
    const whole = replayMarket(decoded, MARKET, NFT);
    const r = newReplay(MARKET, NFT, 0n);
    let from = 0n;
    const views = [];
    while (from <= last) {
      const to = from + BigInt(1 + Number(from % 7n)); // uneven steps, as blocks arrive
      expect(applyLogs(r, inBlocks(from, to), from, to)).toBe(true);
      views.push(marketView(r));
      from = to + 1n;
    }
    const final = views.at(-1)!;
    expect(final.listings).toEqual(whole.listings);
    expect(final.sales).toEqual(whole.sales);
    expect(final.feeBps).toBe(whole.feeBps);
    // A view taken earlier is not changed by what came later.
    expect(views[0].listings.length).toBeLessThan(final.listings.length);
  });

  it('skips blocks it already has, and refuses a range that would leave a gap', () => {
    const r = newReplay(MARKET, NFT, 0n);
    const mid = last / 2n;
    applyLogs(r, inBlocks(0n, mid), 0n, mid);
    const before = marketView(r);
    // Overlapping read (the watcher and a refetch both read the same blocks): nothing is applied twice.
    expect(applyLogs(r, inBlocks(mid - 5n, mid), mid - 5n, mid)).toBe(true);
    expect(marketView(r).sales).toEqual(before.sales);
    // A range starting past the next block is refused and changes nothing.
    expect(applyLogs(r, inBlocks(mid + 3n, last), mid + 3n, last)).toBe(false);
    expect(r.toBlock).toBe(mid);
    applyLogs(r, inBlocks(mid + 1n, last), mid + 1n, last);
    expect(marketView(r).listings).toEqual(replayMarket(decoded, MARKET, NFT).listings);
    expect(r.toBlock).toBe(last);
  });
});

describe('blockRanges', () => {
  it('covers from..to exactly, in pieces of at most `size` blocks', () => {
    expect(blockRanges(0n, 25_000n, 10_000n)).toEqual([
      [0n, 9_999n],
      [10_000n, 19_999n],
      [20_000n, 25_000n],
    ]);
    expect(blockRanges(5n, 5n, 10_000n)).toEqual([[5n, 5n]]);
    expect(blockRanges(0n, 9_999n, 10_000n)).toEqual([[0n, 9_999n]]);
    expect(blockRanges(10n, 9n, 10_000n)).toEqual([]);
    expect(() => blockRanges(0n, 1n, 0n)).toThrow();
  });

  it('leaves no gap and no overlap for any start, head and size', () => {
    const r = prng(3);
    for (let i = 0; i < 300; i++) {
      const from = BigInt(r.int(0, 1e6));
      const to = from + BigInt(r.int(0, 1e5));
      const size = BigInt(r.int(1, 20_000));
      const ranges = blockRanges(from, to, size);
      expect(ranges[0][0]).toBe(from);
      expect(ranges.at(-1)![1]).toBe(to);
      for (const [a, b] of ranges) expect(b - a + 1n <= size && b >= a).toBe(true);
      for (let k = 1; k < ranges.length; k++) expect(ranges[k][0]).toBe(ranges[k - 1][1] + 1n);
    }
  });
});

describe('readRanges', () => {
  /** A node that refuses ranges longer than `maxBlocks` the way public RPCs do, and records every call. */
  function node(maxBlocks: bigint, refusal: () => Error) {
    const calls: [bigint, bigint][] = [];
    const read = async (from: bigint, to: bigint) => {
      calls.push([from, to]);
      if (to - from + 1n > maxBlocks) throw refusal();
      const out: bigint[] = [];
      for (let b = from; b <= to; b++) out.push(b);
      return out;
    };
    return { calls, read };
  }

  it('reads every block once, in order, splitting a range the node refuses as too long', async () => {
    const n = node(300n, () => new LimitExceededRpcError(new BaseError('block range is too wide (max 300)')));
    const got: bigint[] = [];
    await readRanges(blockRanges(0n, 2_499n, 1_000n), n.read, 2, (piece) => void got.push(...piece));
    expect(got).toEqual([...Array(2_500)].map((_, i) => BigInt(i)));
    // 1,000-block ranges are refused, halves of 500 too, quarters of 250 are read.
    expect(n.calls.filter(([a, b]) => b - a + 1n <= 300n).length).toBe(10);
  });

  it('splits on the answers of common nodes, and on nothing else', async () => {
    expect(isRangeTooLarge(new Error('query returned more than 10000 results'))).toBe(true);
    expect(isRangeTooLarge(new LimitExceededRpcError(new Error('Log response size exceeded. You can make eth_getLogs requests with up to a 2K block range')))).toBe(true);
    expect(isRangeTooLarge(new BaseError('RPC Request failed.', { cause: new Error('exceed maximum block range: 5000') }))).toBe(true);
    expect(isRangeTooLarge(new HttpRequestError({ url: 'http://127.0.0.1:8545', details: 'fetch failed' }))).toBe(false);
    expect(isRangeTooLarge(new Error('execution reverted'))).toBe(false);

    const down = node(10n, () => new HttpRequestError({ url: 'http://127.0.0.1:8545', details: 'fetch failed' }));
    await expect(readRanges([[0n, 99n]], down.read, 8)).rejects.toThrow();
    expect(down.calls).toEqual([[0n, 99n]]); // a node that is down is not asked 100 times
  });

  it('gives up at a single block the node still refuses', async () => {
    const n = node(0n, () => new Error('query returned more than 10000 results'));
    await expect(readRanges([[0n, 7n]], n.read, 8)).rejects.toThrow('more than 10000');
  });

  it('a batch whose whole answer is too large is read again range by range, halves one after the other, and ends', async () => {
    // Like viem's maxResponseBodySize over one JSON-RPC batch: every call that went out together fails when
    // the blocks asked for together pass the limit (the old read sent the halves together again, forever).
    const LIMIT = 600n;
    const calls: [bigint, bigint][] = [];
    let inFlight: [bigint, bigint][] = [];
    const read = async (from: bigint, to: bigint) => {
      calls.push([from, to]);
      inFlight.push([from, to]);
      await Promise.resolve(); // the calls made in the same tick are one batch
      const together = inFlight.reduce((sum, [a, b]) => sum + (b - a + 1n), 0n);
      await Promise.resolve();
      inFlight = [];
      if (together > LIMIT) throw new ResponseBodyTooLargeError({ size: Number(together), maxSize: Number(LIMIT) });
      return [...Array(Number(to - from + 1n))].map((_, i) => from + BigInt(i));
    };
    const got: bigint[] = [];
    await readRanges(blockRanges(0n, 3_999n, 500n), read, 8, (piece) => void got.push(...piece));
    expect(got).toEqual([...Array(4_000)].map((_, i) => BigInt(i)));
    // One refused batch of 8 ranges, then every read goes out alone: no block is asked for more than twice.
    expect(calls.length).toBeLessThanOrEqual(8 + 16);
  });

  it('stops after a bounded number of refusals instead of reading on', async () => {
    const n = node(1n, () => new Error('query returned more than 10000 results'));
    const err = await readRanges([[0n, 1_000_000n]], n.read, 8, undefined, { maxRefusals: 10 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RangeReadStoppedError);
    expect((err as Error).message).toBe('The node refused 10 log reads as too large; the read stopped.');
    expect(n.calls.length).toBe(11);
  });
});

// Early reads: the landing page's first chain reads leave with the HTML instead of after the app's code.
// At build time (src/earlyReadsScript.ts) the reads a cold visit of a route makes are written as
// JSON-RPC requests into an inline script in index.html, which sends them as one batch before any module
// has loaded and leaves the pending answer on `window.__hmEarly`. The default chain's transport (src/wagmi.ts)
// is wrapped here: when the app makes one of those requests, it is answered from that batch instead of
// the network, once, and only in the first seconds after the page opened. A Multicall3 `aggregate3` whose
// every call is among the early plain calls is answered from their results. Anything else, a failed or
// late early read, or a different chain, goes to the network as before: the early batch can only save a
// round trip, never change an answer.
import { decodeFunctionData, encodeFunctionResult, multicall3Abi, type Address, type Hex, type Transport } from 'viem';

export interface EarlyRequest {
  method: string;
  params?: readonly unknown[];
}

interface RpcAnswer {
  id: number;
  result?: unknown;
  error?: unknown;
}

export interface EarlyBatch {
  url: string;
  requests: readonly EarlyRequest[];
  response: Promise<readonly RpcAnswer[]>;
}

declare global {
  interface Window {
    __hmEarly?: EarlyBatch;
  }
}

/** How long after the page opened an early answer may still be used (a cold load asks within ~1–2 s). */
export const EARLY_MAX_AGE_MS = 10_000;

const keyOf = (method: string, params: unknown) => `${method}:${JSON.stringify(params ?? [])}`;

interface CallParams {
  to?: string;
  data?: string;
}

function callOf(r: { method: string; params?: unknown }): CallParams | undefined {
  if (r.method !== 'eth_call' || !Array.isArray(r.params)) return undefined;
  const [call, block] = r.params as [CallParams | undefined, unknown];
  if (!call || (block !== undefined && block !== 'latest')) return undefined;
  return call;
}

/** The early answers of one page load, each handed out at most once. */
export class EarlyReads {
  private readonly used = new Set<number>();
  private readonly byKey = new Map<string, number>();

  constructor(
    private readonly batch: EarlyBatch,
    private readonly now: () => number,
  ) {
    batch.requests.forEach((r, i) => this.byKey.set(keyOf(r.method, r.params), i));
  }

  private answer(ids: readonly number[]): Promise<unknown[] | undefined> {
    for (const i of ids) this.used.add(i);
    return this.batch.response.then(
      (answers: unknown) => {
        // A node or proxy that refuses batches answers 200 with one error object: not ours to read.
        if (!Array.isArray(answers)) return undefined;
        const out: unknown[] = [];
        for (const i of ids) {
          const a = (answers as readonly (RpcAnswer | null)[]).find((x) => x?.id === i);
          if (!a || a.error !== undefined || a.result === undefined) return undefined;
          out.push(a.result);
        }
        return out;
      },
      () => undefined,
    );
  }

  /** The early answer to this request, if it was sent early and not used yet; else undefined (ask the node). */
  take(url: string, method: string, params: unknown): Promise<unknown> | undefined {
    if (url !== this.batch.url || this.now() > EARLY_MAX_AGE_MS) return undefined;
    const exact = this.byKey.get(keyOf(method, params));
    if (exact !== undefined && !this.used.has(exact)) return this.answer([exact]).then((r) => r?.[0]);
    return this.takeAggregate({ method, params });
  }

  private takeAggregate(r: { method: string; params?: unknown }): Promise<unknown> | undefined {
    const call = callOf(r);
    if (!call?.to || !call.data?.startsWith('0x82ad56cb')) return undefined;
    let calls: readonly { target: Address; callData: Hex }[];
    try {
      const decoded = decodeFunctionData({ abi: multicall3Abi, data: call.data as Hex });
      if (decoded.functionName !== 'aggregate3') return undefined;
      calls = decoded.args[0];
    } catch {
      return undefined;
    }
    const ids: number[] = [];
    for (const c of calls) {
      const i = this.batch.requests.findIndex((e, j) => {
        const ec = callOf(e);
        return !this.used.has(j) && !ids.includes(j) && ec?.to?.toLowerCase() === c.target.toLowerCase() && ec.data === c.callData;
      });
      if (i < 0) return undefined;
      ids.push(i);
    }
    if (ids.length === 0) return undefined;
    return this.answer(ids).then((results) =>
      results
        ? encodeFunctionResult({ abi: multicall3Abi, functionName: 'aggregate3', result: results.map((returnData) => ({ success: true, returnData: returnData as Hex })) })
        : undefined,
    );
  }
}

let early: EarlyReads | undefined;
function pageEarlyReads(): EarlyReads | undefined {
  if (typeof window === 'undefined' || !window.__hmEarly) return undefined;
  early ??= new EarlyReads(window.__hmEarly, () => performance.now());
  return early;
}

/** `transport` (to `url`), answering the page's early reads from the batch the HTML sent. */
export function withEarlyReads(transport: Transport, url: string): Transport {
  return (options) => {
    const inner = transport(options);
    const request = (async (args, opts) => {
      const hit = pageEarlyReads()?.take(url, args.method, args.params);
      if (hit) {
        const result = await hit.catch(() => undefined);
        if (result !== undefined) return result;
      }
      return inner.request(args, opts);
    }) as typeof inner.request;
    return { ...inner, request };
  };
}

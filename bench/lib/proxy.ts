// A tiny counting JSON-RPC proxy in front of anvil: counts HTTP requests (a JSON-RPC batch is one) and
// JSON-RPC calls (each entry of a batch), by method, so the bench can say how many round trips a page needs.
import { createServer, type Server } from 'node:http';
import { decodeFunctionData, multicall3Abi, toFunctionSelector, type Abi, type Hex } from 'viem';
import * as abis from '../../src/abi/abis.ts';

/** Function names by selector, over every ABI of the app, to label the calls of a request. */
const NAMES = new Map<string, string>();
for (const abi of Object.values(abis) as Abi[]) {
  for (const item of abi) if (item.type === 'function') NAMES.set(toFunctionSelector(item), item.name);
}

/** `eth_call` as the function(s) it calls: a Multicall3 aggregate3 as `multicall(f, g, …)`. */
function callLabel(data: string): string {
  const name = NAMES.get(data.slice(0, 10)) ?? data.slice(0, 10);
  if (!data.startsWith('0x82ad56cb')) return name;
  try {
    const { args } = decodeFunctionData({ abi: multicall3Abi, data: data as Hex });
    const inner = (args[0] as readonly { callData: Hex }[]).map((c) => NAMES.get(c.callData.slice(0, 10)) ?? c.callData.slice(0, 10));
    return `multicall(${inner.join(', ')})`;
  } catch {
    return 'multicall(?)';
  }
}

export interface RpcCount {
  http: number;
  calls: number;
  methods: Record<string, number>;
  /** each HTTP request in order: ms since the reset, and its calls (an eth_call as the function it calls) */
  requests: { at: number; calls: string[] }[];
}

export interface CountingProxy {
  url: string;
  reset(): void;
  snapshot(): RpcCount;
  /** Time (performance.now()) of the last request seen. */
  lastAt(): number;
  close(): Promise<void>;
}

export function startProxy(target: string, port: number): Promise<CountingProxy> {
  let count: RpcCount = { http: 0, calls: 0, methods: {}, requests: [] };
  let last = 0;
  let since = performance.now();
  const server: Server = createServer((req, res) => {
    const cors = {
      'access-control-allow-origin': '*',
      'access-control-allow-headers': '*',
      'access-control-allow-methods': 'POST, GET, OPTIONS',
    };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors).end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      last = performance.now();
      count.http++;
      try {
        const parsed: unknown = JSON.parse(body);
        const list = Array.isArray(parsed) ? parsed : [parsed];
        const calls: string[] = [];
        for (const m of list as { method?: string; params?: { to?: string; data?: string; input?: string }[] }[]) {
          count.calls++;
          const name = m.method ?? '?';
          count.methods[name] = (count.methods[name] ?? 0) + 1;
          const tx = m.params?.[0];
          calls.push(name === 'eth_call' && tx ? callLabel(tx.data ?? tx.input ?? '') : name);
        }
        count.requests.push({ at: Math.round(last - since), calls });
      } catch {
        // not JSON: forwarded as is
      }
      try {
        const upstream = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        const text = await upstream.text();
        res.writeHead(upstream.status, { ...cors, 'content-type': 'application/json' }).end(text);
      } catch (e) {
        res.writeHead(502, cors).end(String(e));
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${port}`,
        reset: () => {
          count = { http: 0, calls: 0, methods: {}, requests: [] };
          since = performance.now();
        },
        snapshot: () => ({ http: count.http, calls: count.calls, methods: { ...count.methods }, requests: [...count.requests] }),
        lastAt: () => last,
        close: () => new Promise((r) => server.close(() => r())),
      }),
    );
  });
}

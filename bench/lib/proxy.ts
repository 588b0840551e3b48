// A tiny counting JSON-RPC proxy in front of anvil: counts HTTP requests (a JSON-RPC batch is one) and
// JSON-RPC calls (each entry of a batch), by method, so the bench can say how many round trips a page needs.
import { createServer, type Server } from 'node:http';

export interface RpcCount {
  http: number;
  calls: number;
  methods: Record<string, number>;
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
  let count: RpcCount = { http: 0, calls: 0, methods: {} };
  let last = 0;
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
        for (const m of list as { method?: string }[]) {
          count.calls++;
          const name = m.method ?? '?';
          count.methods[name] = (count.methods[name] ?? 0) + 1;
        }
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
          count = { http: 0, calls: 0, methods: {} };
        },
        snapshot: () => ({ http: count.http, calls: count.calls, methods: { ...count.methods } }),
        lastAt: () => last,
        close: () => new Promise((r) => server.close(() => r())),
      }),
    );
  });
}

// A tiny controllable HTTP proxy in front of an RPC node, to play "the node went away" in browser tests.
// `setDown(true)` makes it destroy every new request's connection (as a dead node would); `setDown(false)`
// forwards again. It counts what it forwarded, so a test can tell what reached the node.
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RpcProxy {
  url: string;
  setDown(down: boolean): void;
  /** JSON-RPC methods forwarded to the node so far (batched calls count each method). */
  methods(): string[];
  close(): Promise<void>;
}

export async function startRpcProxy(target: string): Promise<RpcProxy> {
  const to = new URL(target);
  let down = false;
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    if (down) {
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      try {
        const parsed: unknown = JSON.parse(body.toString('utf8') || 'null');
        for (const call of Array.isArray(parsed) ? parsed : [parsed]) {
          if (call && typeof call === 'object' && 'method' in call) seen.push(String((call as { method: unknown }).method));
        }
      } catch {
        // not JSON (preflight, probes): forward as is
      }
      const upstream = httpRequest(
        { host: to.hostname, port: to.port, path: to.pathname, method: req.method, headers: { ...req.headers, host: to.host } },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      upstream.end(body);
    });
  });
  // No keep-alive between requests: a connection opened while up must not outlive setDown(true).
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setDown(value) {
      down = value;
      if (value) server.closeAllConnections();
    },
    methods: () => [...seen],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

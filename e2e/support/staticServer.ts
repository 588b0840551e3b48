// A tiny static file server that mounts a built site under a sub-path (e.g. /hashmint/app/), like any
// static host would (GitHub Pages, S3, nginx). No rewrites, no SPA fallback, nothing app-specific: if the
// build works here, it needs no server of its own. Everything outside the sub-path is a 404.
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticSite {
  /** The site's address, ending in the sub-path and a slash. */
  url: string;
  /** Every request the server answered, with its status, oldest first. */
  log: { path: string; status: number }[];
  close: () => Promise<void>;
}

/** Serves `dir` at http://127.0.0.1:<port><subPath>/ (subPath like '/hashmint/app'; port 0 picks a free one). */
export async function serveStatic(dir: string, port: number, subPath: string): Promise<StaticSite> {
  const prefix = subPath.replace(/\/+$/, '') + '/';
  const root = normalize(dir) + sep;
  const log: StaticSite['log'] = [];
  const server: Server = createServer((req, res) => {
    const done = (status: number, body: string | Buffer, type = 'text/plain; charset=utf-8', headers: Record<string, string> = {}) => {
      log.push({ path: req.url ?? '', status });
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
      res.end(body);
    };
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === prefix.slice(0, -1)) return done(301, '', undefined, { location: prefix });
    if (!path.startsWith(prefix)) return done(404, 'not found');
    const file = normalize(join(root, path.slice(prefix.length) || 'index.html'));
    if (!file.startsWith(root)) return done(403, 'forbidden');
    void (async () => {
      try {
        const target = (await stat(file)).isDirectory() ? join(file, 'index.html') : file;
        done(200, await readFile(target), TYPES[extname(target)] ?? 'application/octet-stream');
      } catch {
        done(404, 'not found');
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}${prefix}`,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

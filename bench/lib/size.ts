// Initial JavaScript from a Vite manifest: the entry chunks (Hashmint's boot stages are build inputs too,
// vite.config.ts) and their static imports, plus (for Hashmint) the first route's lazy page chunk and its
// static imports, gzip-compressed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface Chunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  src?: string;
}

export interface JsSize {
  files: string[];
  raw: number;
  gzip: number;
}

function closure(manifest: Record<string, Chunk>, keys: string[], seen = new Set<string>()): Set<string> {
  for (const k of keys) {
    if (seen.has(k) || !manifest[k]) continue;
    seen.add(k);
    closure(manifest, manifest[k].imports ?? [], seen);
  }
  return seen;
}

/** `routeMatch`: a manifest key (source path) of the first route's lazy page, counted with the entry. */
export function initialJs(outDir: string, routeMatch?: RegExp): JsSize {
  const manifest = JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8')) as Record<string, Chunk>;
  const entries = Object.keys(manifest).filter((k) => manifest[k].isEntry);
  const keys = [...entries];
  if (routeMatch) {
    const route = Object.keys(manifest).find((k) => routeMatch.test(k));
    if (!route) throw new Error(`no chunk for ${routeMatch} in ${outDir}`);
    keys.push(route);
  }
  const files = [...closure(manifest, keys)].map((k) => manifest[k].file).filter((f) => f.endsWith('.js'));
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const buf = readFileSync(join(outDir, f));
    raw += buf.length;
    gzip += gzipSync(buf, { level: 9 }).length;
  }
  return { files, raw, gzip };
}

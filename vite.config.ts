import { createServer, defineConfig, loadEnv, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { deployments as committedDeployments } from './src/abi/deployments.ts';
import { readDeployments } from './scripts/gen-abi.ts';

/**
 * Optional: HASHMINT_DEPLOYMENTS_DIR=<dir of <chainId>.json> builds the app for the chains in that folder
 * instead of src/abi/deployments.ts (the CSP follows), without touching committed files. e2e/chains.spec.ts
 * uses it to prove that adding a chain is configuration. Unset (the normal case), nothing changes.
 */
const deploymentsDir = process.env.HASHMINT_DEPLOYMENTS_DIR ? resolve(process.env.HASHMINT_DEPLOYMENTS_DIR) : undefined;
const deployments = deploymentsDir ? readDeployments(deploymentsDir) : committedDeployments;

function deploymentsDirPlugin(): Plugin {
  const generated = fileURLToPath(new URL('./src/abi/deployments.ts', import.meta.url));
  const id = '\0hashmint-deployments';
  return {
    name: 'hashmint-deployments-dir',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!deploymentsDir || !/\/abi\/deployments(\.ts)?$/.test(source)) return null;
      const r = await this.resolve(source, importer, { skipSelf: true });
      return r?.id === generated ? id : null;
    },
    load(loaded) {
      if (loaded !== id) return null;
      if (Object.keys(deployments).length === 0) throw new Error(`HASHMINT_DEPLOYMENTS_DIR ${deploymentsDir} has no <chainId>.json`);
      return `export const deployments = ${JSON.stringify(deployments)};\n`;
    },
  };
}

/** Where the built app may connect: itself, each chain's RPC (deployment or VITE_RPC_URL_<id>), WalletConnect only when enabled. */
export function connectSources(env: Record<string, string | undefined>): string[] {
  const urls = new Set<string>();
  for (const d of Object.values(deployments) as { chainId: number; rpcUrl: string }[]) {
    urls.add(env[`VITE_RPC_URL_${d.chainId}`] ?? d.rpcUrl);
  }
  for (const [k, v] of Object.entries(env)) if (/^VITE_RPC_URL_\d+$/.test(k) && v) urls.add(v);
  // The indexer's API (src/lib/indexer.ts): without it here a production build could not reach it and
  // would always fall back to the chain.
  if (env.VITE_INDEXER_URL) urls.add(env.VITE_INDEXER_URL);
  const origins = new Set<string>();
  for (const u of urls) {
    try {
      origins.add(new URL(u).origin);
    } catch {
      throw new Error(`CSP: ${u} is not a URL (check VITE_RPC_URL_*, VITE_INDEXER_URL and src/abi/deployments.ts)`);
    }
  }
  if (env.VITE_WALLETCONNECT_PROJECT_ID) {
    for (const host of ['walletconnect.com', 'walletconnect.org', 'reown.com']) origins.add(`https://*.${host}`).add(`wss://*.${host}`);
  }
  return [...origins].sort();
}

/**
 * The Content-Security-Policy of the built site, as a <meta http-equiv>. Scripts only from the site itself
 * and the inline scripts of index.html by their hash (the prerender's shell picker; no other inline script, no eval), no plugins, no <base> rewriting, no form posts, images only from the site
 * or data: URIs (the NFT art is on-chain SVG), network only to the RPCs and the indexer. Styles allow 'unsafe-inline'
 * because RainbowKit injects <style> and style attributes. `frame-ancestors` (click-jacking) cannot be set
 * from a meta tag: the host must send it as a header (`Content-Security-Policy: frame-ancestors 'none'`).
 */
export function contentSecurityPolicy(env: Record<string, string | undefined>, inlineScripts: readonly string[] = []): string {
  const walletConnect = Boolean(env.VITE_WALLETCONNECT_PROJECT_ID);
  const hashes = inlineScripts.map((code) => `'sha256-${createHash('sha256').update(code).digest('base64')}'`);
  return [
    "default-src 'self'",
    ["script-src 'self'", ...hashes].join(' '),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src ${["'self'", ...connectSources(env)].join(' ')}`,
    walletConnect ? "frame-src https://verify.walletconnect.com https://verify.walletconnect.org" : "frame-src 'none'",
    "worker-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

const CSP_MARK = '<!-- content-security-policy -->';

/**
 * Replaces the marker in index.html (right after <meta charset>, before any script) with the policy. It runs
 * last, on the finished page, so the policy carries the hash of each inline script there.
 */
function cspPlugin(): Plugin {
  let env: Record<string, string | undefined> = {};
  let build = false;
  return {
    name: 'hashmint-csp',
    configResolved(config) {
      // The dev server injects inline scripts (React refresh): the policy is for the built site only.
      build = config.command === 'build';
      if (build) env = { ...loadEnv(config.mode, config.root, 'VITE_'), ...pickVite(process.env) };
    },
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        if (!html.includes(CSP_MARK)) throw new Error(`index.html lost its ${CSP_MARK} marker`);
        const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
        const csp = contentSecurityPolicy(env, inline);
        const meta = build ? `<meta http-equiv="Content-Security-Policy" content="${csp.replaceAll('"', '&quot;')}" />` : '';
        return html.replace(CSP_MARK, meta);
      },
    },
  };
}

const SHELL_MARK = '<!-- prerendered-shell -->';

/**
 * The first paint in the HTML: at build time, renders src/shell.tsx (every route's shell: header,
 * navigation, page header, placeholders) into #root through a short-lived SSR server with this build's
 * mode and deployments, with the rules and the inline script that show the shell of the address's route
 * (see src/shell.tsx). The page paints before the app's code has loaded. The dev server serves an empty #root.
 */
function prerenderPlugin(): Plugin {
  let build = false;
  let mode = 'production';
  let root = process.cwd();
  return {
    name: 'hashmint-prerender',
    configResolved(config) {
      build = config.command === 'build';
      mode = config.mode;
      root = config.root;
    },
    transformIndexHtml: {
      order: 'pre',
      async handler(html) {
        if (!html.includes(SHELL_MARK)) throw new Error(`index.html lost its ${SHELL_MARK} marker`);
        if (!build) return html.replace(SHELL_MARK, '');
        const ssr = await createServer({
          configFile: false,
          root,
          mode,
          logLevel: 'error',
          appType: 'custom',
          plugins: [deploymentsDirPlugin()],
          server: { middlewareMode: true, hmr: false, ws: false },
          optimizeDeps: { noDiscovery: true, include: [] },
        });
        try {
          const shell = (await ssr.ssrLoadModule('/src/shell.tsx')) as { renderShells: () => string; shellCss: () => string; shellScript: () => string };
          // After the shell picker (it reads <html data-shell>): the landing route's first chain reads.
          const early = (await ssr.ssrLoadModule('/src/earlyReadsScript.ts')) as { earlyReadsScript: () => Promise<string> };
          return html
            .replace(SHELL_MARK, shell.renderShells())
            .replace('</head>', `<style>${shell.shellCss()}</style><script>${shell.shellScript()}</script><script>${await early.earlyReadsScript()}</script></head>`);
        } finally {
          await ssr.close();
        }
      },
    },
  };
}

/**
 * `from` and everything `next` leads to from it, however deep, into `into`; a node `keep` refuses is left
 * out and not gone through. Walks chunks by their imports (routePreloadPlugin) and modules by theirs
 * (startChunksPlugin).
 */
function reachable(from: string, next: (id: string) => readonly string[], keep: (id: string) => boolean = () => true, into = new Set<string>()): Set<string> {
  if (into.has(from) || !keep(from)) return into;
  into.add(from);
  for (const id of next(from)) reachable(id, next, keep, into);
  return into;
}

/**
 * The app's code starts loading once the HTML has painted. Vite's `<script type="module">` for the entry
 * and its `<link rel="modulepreload">`s are taken out of the HTML and added by one inline script (after the
 * shell picker, which has set <html data-shell>) from the first task after the first frame, together with
 * modulepreloads for the entry's boot stages (src/main.tsx), the landing route's page chunk and every chunk
 * they import statically (without them a chunk is only asked for once its importer has run). The entry's
 * script comes last, with the last links: by the time it asks for a stage or the landing page, every link
 * is there, and Vite's preload helper, which adds the missing ones all in one task, adds none.
 *
 * Why after the paint: served fast, the module scripts arrived before the first frame, so Chromium ran
 * the entry's whole module graph (about 120 ms of one task at 1x CPU) before it painted the shell that was
 * already in the HTML (figures in the README's "First paint"). A hidden tab (opened in the background: no
 * frames) loads at once; a frame that never comes, after 1 s.
 */
/**
 * How many modulepreload links the loader adds per task. Each append costs Chromium's main thread about
 * 1–3 ms (7–12 ms at Lighthouse's 4x CPU), so the ~40 links of a route, added at once, made one task of
 * 100+ ms at 4x, all of it blocking time. Two per task, each task posted through a MessageChannel (timers
 * nest into 4 ms clamps), keeps every one short; the last link leaves a few ms later than before.
 */
const PRELOADS_PER_TASK = 2;

function routePreloadPlugin(): Plugin {
  return {
    name: 'hashmint-route-preload',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.bundle) return html;
        const chunks = Object.values(ctx.bundle).filter((c) => c.type === 'chunk');
        const byFile = new Map(chunks.map((c) => [c.fileName, c]));
        // A chunk and every chunk it imports statically, however deep: a chunk found only when its importer
        // runs costs one more round trip before the page can render (three levels deep before this).
        const closure = (file: string, into?: Set<string>) => reachable(file, (f) => byFile.get(f)?.imports ?? [], undefined, into);
        const entry = ctx.chunk;
        if (!entry) throw new Error('route preload: no entry chunk');
        // The entry's boot stages (src/main.tsx's dynamic imports) are part of every start: their chunks
        // are listed with the entry's own static imports, in the order the stages run.
        const entryFiles = closure(entry.fileName);
        const stageFiles = new Set<string>();
        for (const stage of entry.dynamicImports) closure(stage, stageFiles);
        const bootFiles = [...stageFiles].filter((f) => !entryFiles.has(f));
        for (const f of bootFiles) entryFiles.add(f);
        const pages: Record<string, string[]> = {};
        for (const c of chunks) {
          const page = c.facadeModuleId && /\/src\/pages\/([A-Za-z]+)Page\.tsx$/.exec(c.facadeModuleId)?.[1];
          if (!page || !c.isDynamicEntry) continue;
          pages[page] = [...closure(c.fileName)].filter((f) => !entryFiles.has(f)).map((f) => `./${f}`);
        }
        if (Object.keys(ROUTE_PAGES).length === 0 || Object.values(ROUTE_PAGES).some((page) => !pages[page])) {
          throw new Error(`route preload: src/routes.ts's pages ${JSON.stringify(ROUTE_PAGES)} do not match the page chunks ${Object.keys(pages).join(', ')}`);
        }
        const routes = Object.fromEntries(Object.entries(ROUTE_PAGES).map(([route, page]) => [route, pages[page] ?? []]));
        // Vite's own tags for the entry: its module script and the modulepreloads of its static imports.
        const entryTag = /\s*<script type="module" crossorigin src="([^"]+)"><\/script>/;
        const preloadTag = /\s*<link rel="modulepreload" crossorigin href="([^"]+)">/g;
        const entrySrc = entryTag.exec(html)?.[1];
        if (!entrySrc) throw new Error('route preload: the entry <script type="module"> is not in index.html');
        const entryPreloads = [...[...html.matchAll(preloadTag)].map((m) => m[1]), ...bootFiles.map((f) => `./${f}`)];
        const code =
          `(function(){var m=${JSON.stringify(routes)},l=${JSON.stringify(entryPreloads)}.concat(m[document.documentElement.getAttribute('data-shell')]||[]),d=0;` +
          `function go(){if(d)return;d=1;` +
          `var i=0,c=new MessageChannel();c.port1.onmessage=add;add();function add(){for(var n=i+${PRELOADS_PER_TASK};i<l.length&&i<n;i++){var e=document.createElement('link');e.rel='modulepreload';e.crossOrigin='';e.href=l[i];e.setAttribute('data-loader','');document.head.appendChild(e)}` +
          `if(i<l.length)c.port2.postMessage(0);else{var s=document.createElement('script');s.type='module';s.crossOrigin='';s.src=${JSON.stringify(entrySrc)};document.head.appendChild(s)}}}` +
          `if(document.visibilityState!=='visible'||!window.requestAnimationFrame)go();else{requestAnimationFrame(function(){setTimeout(go,0)});setTimeout(go,1000)}})()`;
        // At the end of the body: the document is parsed when the first frame is asked for.
        return html.replace(entryTag, '').replace(preloadTag, '').replace('</body>', `<script>${code}</script></body>`);
      },
    },
  };
}

/**
 * The files of a start. Left to Rolldown's default chunking, the boot stages' code was 33 files and the
 * Products page's another 8, cut by which pages share each module; every start fetched all of them, and
 * over HTTP/1.1 (six connections to a host) on a busy 2-core machine the last one arrived about 300 ms
 * after the first was asked for. Now a start is about ten files (README "Benchmarks": products show
 * about 100 ms sooner):
 *   - each boot stage (BOOT_STAGES, in the order src/main.tsx imports them) is a build input, and its code
 *     one file: the modules its static imports reach, less those an earlier stage holds. Rolldown's
 *     `$initial` tag (reached from an input through imports the build kept) leaves out the modules a
 *     barrel (viem's, wagmi's) re-exports but no stage uses: those stay with the pages that use them;
 *   - the landing page's own modules (hooks, lib, components of the route at '/'), less the stages', are
 *     one file beside the page's chunk. Other pages import what they share from it (the contract map
 *     is most of it, and nearly every page needs that).
 * Each input also gets a facade of a few bytes that re-exports its stage's file. A page's chunk imports
 * the stage files it shares code with; those are loaded before any page.
 */
const BOOT_STAGES: readonly { name: string; module: string }[] = [
  { name: 'reactDom', module: 'react-dom/client' },
  { name: 'wagmi', module: './src/wagmi.ts' },
  { name: 'boot', module: './src/boot.tsx' },
];

function startChunksPlugin(): Plugin {
  /** Module id -> the boot stage whose file holds it (-1: the entry's own imports). */
  const stageOf = new Map<string, number>();
  const landing = new Set<string>();
  let root = process.cwd();
  const at = (path: string) => (path.startsWith('.') ? resolve(root, path) : path);
  const mainId = () => resolve(root, 'src/main.tsx');
  const landingPage = () => resolve(root, `src/pages/${ROUTE_PAGES[LANDING_ROUTE]}Page.tsx`);
  return {
    name: 'hashmint-start-chunks',
    apply: 'build',
    config(config) {
      root = resolve(config.root ?? process.cwd());
      const input = { index: resolve(root, 'index.html'), ...Object.fromEntries(BOOT_STAGES.map((s) => [s.name, at(s.module)])) };
      const groups = [
        // The entry's own imports (Vite's preload helper) in a file of their own: a group takes in its
        // modules' imports, so a stage would otherwise take the helper, and the entry would load and run
        // that stage before its first line.
        { name: 'entry-deps', priority: BOOT_STAGES.length + 1, test: (id: string) => stageOf.get(id) === -1 && id !== mainId() && !/\.css($|\?)/.test(id) },
        ...BOOT_STAGES.map((s, i) => ({ name: `stage-${s.name}`, priority: BOOT_STAGES.length - i, tags: ['$initial' as const], test: (id: string) => stageOf.get(id) === i })),
        { name: 'landing', priority: 0, test: (id: string) => landing.has(id) && !stageOf.has(id) && id !== landingPage() },
      ];
      return { build: { rolldownOptions: { input, output: { codeSplitting: { groups } } } } };
    },
    async buildEnd(error) {
      if (error) return;
      stageOf.clear();
      landing.clear();
      const main = this.getModuleInfo(mainId());
      if (!main) throw new Error('start chunks: src/main.tsx is not in the build');
      const stages = await Promise.all(BOOT_STAGES.map(async (s) => (await this.resolve(at(s.module), main.id))?.id));
      if (stages.join() !== main.dynamicallyImportedIds.join()) {
        throw new Error(`start chunks: src/main.tsx imports ${JSON.stringify(main.dynamicallyImportedIds)}, but BOOT_STAGES in vite.config.ts lists ${JSON.stringify(stages)}`);
      }
      const imports = (id: string) => this.getModuleInfo(id)?.importedIds ?? [];
      // The entry's own imports first (-1), then each stage's, less what an earlier one holds.
      [main.id, ...stages].forEach((from, i) => {
        for (const id of reachable(from!, imports, (m) => !stageOf.has(m))) stageOf.set(id, i - 1);
      });
      if (!this.getModuleInfo(landingPage())) throw new Error(`start chunks: the landing page ${landingPage()} is not in the build`);
      // The app's own modules only: a package's barrel reaches far more than the page uses.
      reachable(landingPage(), imports, (id) => id.startsWith(resolve(root, 'src') + '/'), landing);
    },
  };
}

/**
 * Route name → page module name (src/pages/<Name>Page.tsx), read from the route table's `page: () =>
 * import('./pages/…Page')` lines (the table cannot be imported here: its pages are React modules). A page
 * entry written another way stops the build (routePreloadPlugin checks every page has its chunk).
 */
const ROUTES_SOURCE = readFileSync(fileURLToPath(new URL('./src/routes.ts', import.meta.url)), 'utf8');
const ROUTE_PAGES: Record<string, string> = Object.fromEntries(
  [...ROUTES_SOURCE.matchAll(/^ {2}(\w+): route\([\s\S]*?import\('\.\/pages\/(\w+)Page'\)/gm)].map((m) => [m[1], m[2]]),
);
/** The route at '/', where a visit without a path lands (its page's modules are one file: startChunksPlugin). */
const LANDING_ROUTE = /^ {2}(\w+): route\(\{\s*path: '\/',/m.exec(ROUTES_SOURCE)?.[1] ?? '';
if (!ROUTE_PAGES[LANDING_ROUTE]) throw new Error("vite.config.ts: no route in src/routes.ts has path '/' written as `name: route({ path: '/', …`");

/**
 * The built stylesheet inline in index.html (8 KiB gzip): the prerendered shell paints with the HTML itself,
 * without waiting one more round trip for a render-blocking CSS file. The CSP allows inline styles already
 * (style-src 'unsafe-inline', for RainbowKit). The link to the file is dropped: no chunk lists the entry's
 * stylesheet among its dependencies (the build checks this), so nothing would ask for it again. Kept linked
 * with media="not all" before, it was still fetched and parsed a second time (a 30 ms task at 4x CPU on
 * every cold load); linked with `disabled`, it held Chromium's first paint back until after the scripts
 * in some Lighthouse runs.
 */
function inlineCssPlugin(): Plugin {
  return {
    name: 'hashmint-inline-css',
    apply: 'build',
    enforce: 'post',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.bundle) return html;
        return html.replace(/<link rel="stylesheet"(?: crossorigin)? href="\.?\/?([^"]+\.css)">/g, (tag, file: string) => {
          const asset = ctx.bundle?.[file];
          if (!asset || asset.type !== 'asset' || !ctx.chunk?.viteMetadata?.importedCss.has(file)) return tag;
          const listed = Object.values(ctx.bundle ?? {}).find((c) => c.type === 'chunk' && c.code.includes(file.replace(/^.*\//, '')));
          if (listed) throw new Error(`inline CSS: ${listed.fileName} refers to ${file}, so its link cannot be dropped`);
          return `<style>${String(asset.source)}</style>`;
        });
      },
    },
  };
}

function pickVite(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).filter(([k]) => k.startsWith('VITE_')));
}

/**
 * `vite preview` (the bench's and the e2e's server) answers like a production host: the build's files
 * under assets/ are named by their content hash, so they are cached for a year and never revalidated
 * (`immutable`). Vite's default, `no-cache`, made every reload ask again for each of the ~70 chunks. The
 * HTML keeps `no-cache`: it names the current chunks. README "Deploy" asks hosts for the same headers.
 */
function immutableAssetsPlugin(): Plugin {
  return {
    name: 'hashmint-immutable-assets',
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        // Set before Vite's static handler, which keeps a header already set on the response.
        if (new URL(req.url ?? '/', 'http://x').pathname.startsWith('/assets/')) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        next();
      });
    },
  };
}

// `base: './'` makes the built site work from any static host and under any sub-path.
export default defineConfig({
  base: './',
  plugins: [deploymentsDirPlugin(), react(), tailwindcss(), prerenderPlugin(), inlineCssPlugin(), startChunksPlugin(), routePreloadPlugin(), cspPlugin(), immutableAssetsPlugin()],
  build: { target: 'es2022', sourcemap: false },

  server: { host: '127.0.0.1' },
});

import { createServer, defineConfig, loadEnv, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  const origins = new Set<string>();
  for (const u of urls) {
    try {
      origins.add(new URL(u).origin);
    } catch {
      throw new Error(`CSP: ${u} is not a URL (check VITE_RPC_URL_* and src/abi/deployments.ts)`);
    }
  }
  if (env.VITE_WALLETCONNECT_PROJECT_ID) {
    for (const host of ['walletconnect.com', 'walletconnect.org', 'reown.com']) origins.add(`https://*.${host}`).add(`wss://*.${host}`);
  }
  return [...origins].sort();
}

/**
 * The Content-Security-Policy of the built site, as a <meta http-equiv>. Scripts only from the site itself
 * (no inline script, no eval), no plugins, no <base> rewriting, no form posts, images only from the site
 * or data: URIs (the NFT art is on-chain SVG), network only to the RPCs. Styles allow 'unsafe-inline'
 * because RainbowKit injects <style> and style attributes. `frame-ancestors` (click-jacking) cannot be set
 * from a meta tag: the host must send it as a header (`Content-Security-Policy: frame-ancestors 'none'`).
 */
export function contentSecurityPolicy(env: Record<string, string | undefined>): string {
  const walletConnect = Boolean(env.VITE_WALLETCONNECT_PROJECT_ID);
  return [
    "default-src 'self'",
    "script-src 'self'",
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

/** Replaces the marker in index.html (right after <meta charset>, before any script) with the policy. */
function cspPlugin(): Plugin {
  let csp = '';
  let build = false;
  return {
    name: 'hashmint-csp',
    configResolved(config) {
      // The dev server injects inline scripts (React refresh): the policy is for the built site only.
      build = config.command === 'build';
      if (build) csp = contentSecurityPolicy({ ...loadEnv(config.mode, config.root, 'VITE_'), ...pickVite(process.env) });
    },
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        if (!html.includes(CSP_MARK)) throw new Error(`index.html lost its ${CSP_MARK} marker`);
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
 * mode and deployments, so the page paints before any script runs. The dev server serves an empty #root.
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
          const shell = (await ssr.ssrLoadModule('/src/shell.tsx')) as { renderShells: () => string };
          return html.replace(SHELL_MARK, shell.renderShells());
        } finally {
          await ssr.close();
        }
      },
    },
  };
}

function pickVite(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).filter(([k]) => k.startsWith('VITE_')));
}

// `base: './'` makes the built site work from any static host and under any sub-path.
export default defineConfig({
  base: './',
  plugins: [deploymentsDirPlugin(), react(), tailwindcss(), cspPlugin(), prerenderPlugin()],
  build: { target: 'es2022', sourcemap: false },
  server: { host: '127.0.0.1' },
});

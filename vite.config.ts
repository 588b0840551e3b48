import { defineConfig, loadEnv, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { deployments } from './src/abi/deployments';

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

function pickVite(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).filter(([k]) => k.startsWith('VITE_')));
}

// `base: './'` makes the built site work from any static host and under any sub-path.
export default defineConfig({
  base: './',
  plugins: [react(), tailwindcss(), cspPlugin()],
  build: { target: 'es2022', sourcemap: false },
  server: { host: '127.0.0.1' },
});

// Build time only (vite.config.ts, prerenderPlugin, through Vite's SSR loader so the build's env and
// deployments apply): the inline script that sends a cold visit's first chain reads with the HTML (see
// src/lib/earlyReads.ts). The requests are captured from viem itself, made exactly as the hooks make them,
// so they match the app's byte for byte; a Vitest test and e2e/routes.spec.ts check that they do.
import { createClient, custom, encodeFunctionData, type Client } from 'viem';
import { getBlockNumber, readContract } from 'viem/actions';
import { protocolLensAbi, protocolLensBytecode } from './abi/abis';
import { chains, defaultDeployment, rpcUrlFor } from './lib/chains';
import { contractOf } from './lib/contracts';
import type { EarlyRequest } from './lib/earlyReads';
import { blockTimestampCall } from './hooks/useChainTime';
import { HISTORY_DAYS } from './hooks/useProtocol';
import type { RouteName } from './routes';

/** Records the JSON-RPC requests viem makes for `run` (answering none, and never retrying). */
async function capture(run: (client: Client) => Promise<unknown>): Promise<EarlyRequest[]> {
  const out: EarlyRequest[] = [];
  const chain = chains.find((c) => c.id === defaultDeployment.chainId);
  const request = async ({ method, params }: { method: string; params?: unknown }) => {
    out.push({ method, params: params as readonly unknown[] | undefined });
    throw new Error('captured');
  };
  const client = createClient({ chain, transport: custom({ request }, { retryCount: 0 }) });
  await run(client).catch(() => undefined);
  return out;
}

/** The reads a cold visit (no wallet yet) of Products makes first: the chain watcher's head, useProtocol, and in one aggregate3 useProducts and useChainTime. */
export async function earlyRequests(): Promise<Partial<Record<RouteName, EarlyRequest[]>>> {
  const d = defaultDeployment;
  const protocol = await capture((client) =>
    readContract(client, {
      abi: protocolLensAbi,
      code: protocolLensBytecode,
      functionName: 'snapshot',
      args: [d.contracts.Rewards, d.contracts.USDT, BigInt(HISTORY_DAYS)],
    }),
  );
  const head = await capture((client) => getBlockNumber(client));
  // Plain calls: the app sends these inside one Multicall3 aggregate3, which is answered from them (any order).
  const plain = (to: string, data: string): EarlyRequest => ({ method: 'eth_call', params: [{ to, data }, 'latest'] });
  const sale = contractOf(d, 'ProductSale');
  return {
    // The head first: the chain watcher takes it as its start (src/hooks/useChainWatcher.ts), so it must be
    // no later than the block the reads after it see.
    products: [
      ...head,
      ...protocol,
      plain(sale.address, encodeFunctionData({ abi: sale.abi, functionName: 'products' })),
      plain(d.contracts.Multicall3, encodeFunctionData(blockTimestampCall(d))),
    ],
  };
}

/** The inline script for index.html (after the shell picker has set <html data-shell>): one POST, the answer left on window.__hmEarly. */
export async function earlyReadsScript(): Promise<string> {
  const url = rpcUrlFor(defaultDeployment);
  const byRoute = await earlyRequests();
  const routes = Object.fromEntries(Object.entries(byRoute).map(([r, reqs]) => [r, reqs.map((q) => ({ method: q.method, params: q.params ?? [] }))]));
  return `(function(){var q=${JSON.stringify(routes)}[document.documentElement.getAttribute('data-shell')];if(!q||!window.fetch)return;var u=${JSON.stringify(url)};window.__hmEarly={url:u,requests:q,response:fetch(u,{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify(q.map(function(r,i){return{jsonrpc:'2.0',id:i,method:r.method,params:r.params}}))}).then(function(r){if(!r.ok)throw r.status;return r.json()}).catch(function(){return[]})}})()`;
}

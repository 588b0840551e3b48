// The one wagmi config. Wallets: anything that announces itself by EIP-6963 or injects window.ethereum;
// WalletConnect only when VITE_WALLETCONNECT_PROJECT_ID is set, so nothing leaves the machine otherwise.
import { connectorsForWallets } from '@rainbow-me/rainbowkit';
import { injectedWallet, walletConnectWallet } from '@rainbow-me/rainbowkit/wallets';
import { createConfig, http, type Transport } from 'wagmi';
import type { Chain } from 'viem';
import { chains } from './lib/contracts';

const projectId = (import.meta.env.VITE_WALLETCONNECT_PROJECT_ID as string | undefined) ?? '';

const connectors = connectorsForWallets(
  [{ groupName: 'Wallets', wallets: projectId ? [injectedWallet, walletConnectWallet] : [injectedWallet] }],
  { appName: 'Hashmint', projectId: projectId || 'unused-without-walletconnect' },
);

export const config = createConfig({
  chains: chains as [Chain, ...Chain[]],
  connectors,
  multiInjectedProviderDiscovery: true,
  // Concurrent reads go out as one JSON-RPC batch; multicall batches contract reads on top. The market is
  // rebuilt from one eth_getLogs, which passes viem's default 10 MiB response cap at a few thousand
  // listings (10,000 listings are ~25 MB): allow up to 128 MiB and 30 s for it.
  // Contract reads wait 16 ms for company and then join the JSON-RPC batch, which waits a little longer
  // (24 ms) so a plain request made in the same render (eth_getLogs) leaves in the same HTTP request.
  // viem's default multicall chunk (1 KiB of calldata) would split a page's reads (positions and rewards
  // of 200 NFTs are ~6.5 KB each) into chunks that can miss the JSON-RPC batch and cost a round trip each.
  transports: Object.fromEntries(
    chains.map((c) => [
      c.id,
      http(c.rpcUrls.default.http[0], { batch: { wait: 24 }, retryCount: 2, maxResponseBodySize: 128 * 1024 * 1024, timeout: 30_000 }),
    ]),
  ) as Record<number, Transport>,
  batch: { multicall: { wait: 16, batchSize: 128 * 1024 } },
  pollingInterval: 2_000,
});

declare module 'wagmi' {
  interface Register {
    config: typeof config;
  }
}

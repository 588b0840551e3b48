// The one wagmi config. Wallets: anything that announces itself by EIP-6963 or injects window.ethereum;
// WalletConnect only when VITE_WALLETCONNECT_PROJECT_ID is set, so nothing leaves the machine otherwise.
// RainbowKit's UI is loaded on demand (src/lib/walletUi.ts), so this file must not import its main entry:
// that module is not tree-shakable and would put all of RainbowKit back into the first load.
import { injectedWallet } from '@rainbow-me/rainbowkit/wallets';
import { createConfig, http, type CreateConnectorFn, type Transport } from 'wagmi';
import type { Chain } from 'viem';
import { chains } from './lib/chains';
import { withEarlyReads } from './lib/earlyReads';

const projectId = (import.meta.env.VITE_WALLETCONNECT_PROJECT_ID as string | undefined) ?? '';

/**
 * The browser-wallet connector as RainbowKit's `connectorsForWallets` builds it for a one-wallet list:
 * the wallet's details under `rkDetails` are what its modal lists ("Browser Wallet"). EIP-6963 wallets
 * are discovered by wagmi and listed by RainbowKit on their own.
 */
function browserWalletConnector(): CreateConnectorFn {
  const { createConnector, ...details } = injectedWallet();
  return createConnector({
    rkDetails: { ...details, groupIndex: 1, groupName: 'Wallets', index: 0, isRainbowKitConnector: true },
  } as Parameters<typeof createConnector>[0]);
}

// With WalletConnect configured, RainbowKit's own list builder (it pairs the QR and modal connectors)
// is loaded before the app starts; without it (the default), nothing of RainbowKit loads up front.
const connectors: CreateConnectorFn[] = projectId
  ? await import('@rainbow-me/rainbowkit').then(async ({ connectorsForWallets }) => {
      const { walletConnectWallet } = await import('@rainbow-me/rainbowkit/wallets');
      return connectorsForWallets([{ groupName: 'Wallets', wallets: [injectedWallet, walletConnectWallet] }], { appName: 'Hashmint', projectId });
    })
  : [browserWalletConnector()];

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
  // A cold visit's first reads may already be on their way from the HTML (src/lib/earlyReads.ts).
  transports: Object.fromEntries(
    chains.map((c) => [
      c.id,
      withEarlyReads(
        http(c.rpcUrls.default.http[0], { batch: { wait: 24 }, retryCount: 2, maxResponseBodySize: 128 * 1024 * 1024, timeout: 30_000 }),
        c.rpcUrls.default.http[0],
      ),
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

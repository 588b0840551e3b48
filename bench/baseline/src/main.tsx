// Baseline for `npm run bench`: RainbowKit's quick-start setup (getDefaultConfig, its default wallets),
// one connect button and one contract read (the product list), on the same package versions as Hashmint.
import '@rainbow-me/rainbowkit/styles.css';
import { ConnectButton, getDefaultConfig, RainbowKitProvider } from '@rainbow-me/rainbowkit';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { defineChain, type Address } from 'viem';
import { useReadContract, WagmiProvider } from 'wagmi';
import { productSaleAbi } from '../../../src/abi/abis';
import { deployments } from '../../../src/abi/deployments';

const d = deployments['31337'];
const env = import.meta.env as Record<string, string | undefined>;
const chain = defineChain({
  id: d.chainId,
  name: d.name,
  nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
  rpcUrls: { default: { http: [env.VITE_RPC_URL_31337 ?? d.rpcUrl] } },
  contracts: { multicall3: { address: d.contracts.Multicall3 as Address } },
});

const config = getDefaultConfig({ appName: 'Baseline', projectId: 'bench-baseline', chains: [chain] });
const queryClient = new QueryClient();

function Products() {
  const { data, isPending, error } = useReadContract({
    address: d.contracts.ProductSale as Address,
    abi: productSaleAbi,
    functionName: 'products',
  });
  if (isPending) return <p>Loading products…</p>;
  if (error) return <p role="alert">Could not read the products.</p>;
  return (
    <ul data-testid="products">
      {data.map((p) => (
        <li key={p.name}>{p.name}</li>
      ))}
    </ul>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <WagmiProvider config={config}>
      <QueryClientProvider client={queryClient}>
        <RainbowKitProvider>
          <main>
            <h1>Baseline</h1>
            <ConnectButton />
            <Products />
          </main>
        </RainbowKitProvider>
      </QueryClientProvider>
    </WagmiProvider>
  </StrictMode>,
);

import './index.css';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { WagmiProvider } from 'wagmi';
import { App, landingPageLoaded } from './App';
import { WalletUiHost } from './components/wallet/WalletUiHost';
import { ToastProvider } from './hooks/useToasts';
import { keepShellFocus } from './lib/shellFocus';
import { config } from './wagmi';

const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 10_000, refetchOnWindowFocus: true, retry: 2 } },
});

// The landing page's code is already on its way (App.tsx); rendering after it arrives lets the first commit
// hold the page itself, so its reads start then. Until that commit the prerendered shell stays painted.
await landingPageLoaded;

// The first render is a transition, so React renders it in slices and yields to the browser between
// them instead of blocking the main thread for the whole tree at once.
const container = document.getElementById('root')!;
keepShellFocus(container);
const root = createRoot(container);
startTransition(() => root.render(
  <StrictMode>
    <WagmiProvider config={config}>
      <QueryClientProvider client={queryClient}>
        <ToastProvider>
          <App />
        </ToastProvider>
        <WalletUiHost />
      </QueryClientProvider>
    </WagmiProvider>
  </StrictMode>,
));

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { startTransition, StrictMode } from 'react';
import type { createRoot as CreateRoot } from 'react-dom/client';
import { WagmiProvider } from 'wagmi';
import { App, landingPageLoaded } from './App';
import { WalletUiHost } from './components/wallet/WalletUiHost';
import { ToastProvider } from './hooks/useToasts';
import { keepShellFocus } from './lib/shellFocus';
import type { config as Config } from './wagmi';

const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 10_000, refetchOnWindowFocus: true, retry: 2 } },
});

/**
 * The app's last boot stage (src/main.tsx loads React DOM and the wagmi config first, each in its own task):
 * renders once the landing page's code is here (App.tsx requests it as this module loads), so the first
 * commit holds the page itself and its reads start then. Until that commit the prerendered shell stays painted.
 */
export async function boot(createRoot: typeof CreateRoot, config: typeof Config): Promise<void> {
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
}

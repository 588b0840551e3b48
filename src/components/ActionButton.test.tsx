// ActionButton inside the real providers (wagmi, React Query, and RainbowKit loaded on demand as in the app),
// with wagmi's mock connector as the wallet.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { defineChain, type Chain } from 'viem';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createConfig, http, useAccount, WagmiProvider, type CreateConnectorFn, type Transport } from 'wagmi';
import { connect, disconnect } from 'wagmi/actions';
import { mock } from 'wagmi/connectors';
import { chains } from '../lib/contracts';
import { walletUi } from '../lib/walletUi';
import { WalletUiHost } from './wallet/WalletUiHost';
import { ActionButton } from './ActionButton';

const ACCOUNT = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const NOWHERE = 'http://127.0.0.1:1'; // nothing listens: the button must not need the chain

const local: Chain = (() => {
  const chain = chains.find((c) => c.id === 31337);
  if (!chain) throw new Error('src/abi/deployments.ts has no chain 31337');
  return chain;
})();
// A chain the wallet knows but Hashmint is not deployed on.
const elsewhere = defineChain({
  id: 999_001,
  name: 'Elsewhere',
  nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
  rpcUrls: { default: { http: [NOWHERE] } },
});

function makeConfig() {
  // Typed like the app's config in src/wagmi.ts, which WagmiProvider expects through wagmi's Register.
  const connectors: CreateConnectorFn[] = [mock({ accounts: [ACCOUNT] })];
  return createConfig({
    chains: [local, elsewhere] as [Chain, ...Chain[]],
    connectors,
    transports: { [local.id]: http(NOWHERE, { retryCount: 0 }), [elsewhere.id]: http(NOWHERE, { retryCount: 0 }) } as Record<number, Transport>,
    storage: null,
    multiInjectedProviderDiscovery: false,
  });
}
type TestConfig = ReturnType<typeof makeConfig>;

let config: TestConfig | undefined;
afterEach(async () => {
  if (config) await disconnect(config).catch(() => undefined);
  config = undefined;
  walletUi.reset();
});

function Providers({ config, queryClient, children }: { config: TestConfig; queryClient: QueryClient; children: ReactNode }) {
  return (
    <WagmiProvider config={config} reconnectOnMount={false}>
      <QueryClientProvider client={queryClient}>
        {children}
        <WalletUiHost />
      </QueryClientProvider>
    </WagmiProvider>
  );
}

type Extra = { loading?: boolean; inputError?: string; approval?: string; busy?: string; emptyInput?: string };

/** A form as the pages write it: `connected` comes from the wallet. */
function Form({ extra, onAction, onApprove }: { extra: Extra; onAction: () => void; onApprove: () => void }) {
  const { isConnected } = useAccount();
  return (
    <ActionButton
      state={{ connected: isConnected, loading: false, action: 'Buy for 180 USDT', ...extra }}
      onAction={onAction}
      onApprove={onApprove}
      testId="action"
    />
  );
}

function setup(extra: Extra = {}) {
  config = makeConfig();
  const onAction = vi.fn();
  const onApprove = vi.fn();
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <Providers config={config} queryClient={queryClient}>
      <Form extra={extra} onAction={onAction} onApprove={onApprove} />
    </Providers>,
  );
  const button = () => screen.getByTestId('action') as HTMLButtonElement;
  return { config, onAction, onApprove, button };
}

async function connectWallet(cfg: TestConfig, chainId = local.id) {
  await act(async () => {
    await connect(cfg, { connector: cfg.connectors[0], chainId });
  });
}

describe('ActionButton', () => {
  it('asks to connect when no wallet is connected, and loads and opens the RainbowKit modal', async () => {
    const { button, onAction, onApprove } = setup({ approval: 'Approve 180 USDT' });
    expect(button().textContent).toBe('Connect wallet');
    expect(button().disabled).toBe(false);
    fireEvent.click(button());
    // RainbowKit's chunk is imported on this click (as in the app); on a busy 2-core CI machine that takes
    // longer than findBy's default second (it failed there once at 1 s), so wait for it as long as a user would.
    const dialog = await screen.findByRole('dialog', {}, { timeout: 15_000 });
    expect(dialog.textContent).toMatch(/connect a wallet/i);
    expect(onAction).not.toHaveBeenCalled();
    expect(onApprove).not.toHaveBeenCalled();
  });

  it('is disabled and says why when the input is invalid', async () => {
    const { config, button, onAction } = setup({ inputError: 'Buy whole units only.' });
    await connectWallet(config);
    await waitFor(() => expect(button().textContent).toBe('Buy whole units only'));
    expect(button().disabled).toBe(true);
    fireEvent.click(button());
    expect(onAction).not.toHaveBeenCalled();
  });

  it('asks for approval first and calls onApprove', async () => {
    const { config, button, onAction, onApprove } = setup({ approval: 'Approve 180 USDT' });
    await connectWallet(config);
    await waitFor(() => expect(button().textContent).toBe('Approve 180 USDT'));
    expect(button().disabled).toBe(false);
    fireEvent.click(button());
    expect(onApprove).toHaveBeenCalledTimes(1);
    expect(onAction).not.toHaveBeenCalled();
  });

  it('calls onAction when everything is ready', async () => {
    const { config, button, onAction, onApprove } = setup();
    await connectWallet(config);
    await waitFor(() => expect(button().textContent).toBe('Buy for 180 USDT'));
    expect(button().disabled).toBe(false);
    fireEvent.click(button());
    expect(onAction).toHaveBeenCalledTimes(1);
    expect(onApprove).not.toHaveBeenCalled();
  });

  it('is busy and disabled while a step is in flight', async () => {
    const { config, button, onAction } = setup({ busy: 'Confirm in wallet…' });
    await connectWallet(config);
    await waitFor(() => expect(button().textContent).toBe('Confirm in wallet…'));
    expect(button().disabled).toBe(true);
    expect(button().getAttribute('aria-busy')).toBe('true');
    fireEvent.click(button());
    expect(onAction).not.toHaveBeenCalled();
  });

  it('on a chain without Hashmint, offers to switch and switches the wallet', async () => {
    const { config, button, onAction } = setup();
    await connectWallet(config, elsewhere.id);
    await waitFor(() => expect(button().textContent).toBe('Switch to Hashmint Local'));
    fireEvent.click(button());
    await waitFor(() => expect(button().textContent).toBe('Buy for 180 USDT'));
    expect(config.state.chainId).toBe(31337);
    expect(onAction).not.toHaveBeenCalled();
  });
});

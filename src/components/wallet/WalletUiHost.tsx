import { lazy, Suspense, useSyncExternalStore } from 'react';
import { walletUi } from '../../lib/walletUi';

const RainbowKitHost = lazy(() => import('./RainbowKitHost'));

/** Mounts RainbowKit once something asks for it; renders nothing before. */
export function WalletUiHost() {
  const { requested } = useSyncExternalStore(walletUi.subscribe, walletUi.get, walletUi.get);
  if (!requested) return null;
  return (
    <Suspense fallback={null}>
      <RainbowKitHost />
    </Suspense>
  );
}

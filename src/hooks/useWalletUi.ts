import { useCallback, useSyncExternalStore } from 'react';
import { walletUi, type WalletModal } from '../lib/walletUi';

/** Opens RainbowKit's connect, account or chain modal (loading RainbowKit on first use). */
export function useWalletUi() {
  const s = useSyncExternalStore(walletUi.subscribe, walletUi.get, walletUi.get);
  const open = useCallback((modal: WalletModal) => walletUi.open(modal), []);
  return { open, preload: walletUi.preload, loading: s.pending !== undefined, ready: s.ready };
}

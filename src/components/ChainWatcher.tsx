import { useChainWatcher } from '../hooks/useChainWatcher';

/**
 * Mounted once, first in the app (App.tsx), so its first head request goes out ahead of the page's first
 * reads: keeps every open page up to date with the chain. Renders nothing.
 */
export function ChainWatcher() {
  useChainWatcher();
  return null;
}

import { useChainWatcher } from '../hooks/useChainWatcher';

/** Mounted once in the app shell: keeps every open page up to date with the chain. Renders nothing. */
export default function ChainWatcher() {
  useChainWatcher();
  return null;
}

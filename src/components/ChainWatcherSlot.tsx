import { lazy, Suspense } from 'react';

// The watcher maps events with every contract's ABI, which the first load does not carry: it loads
// beside the first page's chunk (which needs those ABIs too) instead.
const ChainWatcher = lazy(() => import('./ChainWatcher'));

export function ChainWatcherSlot() {
  return (
    <Suspense fallback={null}>
      <ChainWatcher />
    </Suspense>
  );
}

import { lazy, Suspense } from 'react';
import { SESSION, usePendingTransactions } from '../hooks/usePendingTransactions';

const PendingWatcher = lazy(() => import('./PendingWatcher'));

/**
 * Loads the watcher (and with it the transaction path and every contract's errors, to explain a failure)
 * only when an earlier page session left transactions pending: most page loads have none.
 */
export function PendingWatcherSlot() {
  const fromEarlier = usePendingTransactions().some((tx) => tx.session !== SESSION);
  if (!fromEarlier) return null;
  return (
    <Suspense fallback={null}>
      <PendingWatcher />
    </Suspense>
  );
}

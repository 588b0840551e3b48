import { lazy, Suspense } from 'react';

// The developer panel is its own chunk: it is fetched only on local chains.
const DevPanel = lazy(() => import('./DevPanel'));

export function DevPanelSlot() {
  return (
    <Suspense fallback={null}>
      <DevPanel />
    </Suspense>
  );
}

import { lazy, Suspense, useEffect, useState } from 'react';
import { whenIdle } from '../lib/idle';

// The developer panel is its own chunk: it is fetched only on local chains, and only once the page has
// loaded and the browser is idle, so it never competes with the page's own code and reads.
const DevPanel = lazy(() => import('./DevPanel'));

export function DevPanelSlot() {
  const [ready, setReady] = useState(false);
  useEffect(() => whenIdle(() => setReady(true)), []);
  return ready ? (
    <Suspense fallback={null}>
      <DevPanel />
    </Suspense>
  ) : null;
}

import { lazy, Suspense, useEffect, useState } from 'react';

// The developer panel is its own chunk: it is fetched only on local chains, and only once the page has
// loaded and the browser is idle, so it never competes with the page's own code and reads.
const DevPanel = lazy(() => import('./DevPanel'));

export function DevPanelSlot() {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let idle: number | undefined;
    const start = () => {
      idle = window.requestIdleCallback ? window.requestIdleCallback(() => setReady(true), { timeout: 2000 }) : window.setTimeout(() => setReady(true), 200);
    };
    if (document.readyState === 'complete') start();
    else window.addEventListener('load', start, { once: true });
    return () => {
      window.removeEventListener('load', start);
      if (idle !== undefined) (window.cancelIdleCallback ?? window.clearTimeout)(idle);
    };
  }, []);
  return ready ? (
    <Suspense fallback={null}>
      <DevPanel />
    </Suspense>
  ) : null;
}

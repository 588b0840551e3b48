// Work that can wait until the browser has nothing else to do: after the page's load event, in an idle
// period (or after `timeout` ms at the latest). Used for code the first screen does not need (the dev panel,
// dialogs fetched before their first click), so it never competes with the page's own code and reads.
import { useEffect } from 'react';

/** Runs `fn` once the page has loaded and the browser is idle; returns a function that cancels it. */
export function whenIdle(fn: () => void, timeout = 2000): () => void {
  let idle: number | undefined;
  let cancelled = false;
  const start = () => {
    if (cancelled) return;
    idle = window.requestIdleCallback ? window.requestIdleCallback(() => fn(), { timeout }) : window.setTimeout(fn, 200);
  };
  if (document.readyState === 'complete') start();
  else window.addEventListener('load', start, { once: true });
  return () => {
    cancelled = true;
    window.removeEventListener('load', start);
    if (idle !== undefined) (window.cancelIdleCallback ?? window.clearTimeout)(idle);
  };
}

/** Fetches code (`load`: dynamic imports) once `ready` (the page's first data is shown) and the browser is idle. */
export function usePreloadWhenIdle(ready: boolean, load: () => Promise<unknown>): void {
  useEffect(() => (ready ? whenIdle(() => void load().catch(() => undefined)) : undefined), [ready, load]);
}

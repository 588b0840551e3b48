// The entry, in stages. Evaluating the whole app's code at once (React DOM, viem and wagmi, the app) was
// one task of 200–430 ms at Lighthouse's 4× CPU, the largest part of a phone's blocking time. Each stage
// below is a dynamic import, evaluated in a task of its own, with a yield to the browser after it. The
// stages' files are preloaded from the HTML's loader with the entry's (vite.config.ts, routePreloadPlugin).
import './index.css';

/** Resolves in a later task: input and rendering can run between two stages. */
const nextTask = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });

const { createRoot } = await import('react-dom/client');
await nextTask();
const { config } = await import('./wagmi');
await nextTask();
const { boot } = await import('./boot');
await boot(createRoot, config);

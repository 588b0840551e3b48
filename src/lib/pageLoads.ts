// Each route's page module, loaded once and shared by the page switch (App.tsx) and the navigation. The
// promise carries its status the way React's `use` reads it, so a page whose code has arrived renders
// at once. A page that suspends instead makes React commit the fallback and then hold the page back for
// its fallback throttle (about 300 ms), and the page's reads start only when it is committed. So the
// landing page is awaited before the first render (main.tsx), and a navigation link starts its page's
// load when the pointer or focus reaches it, which a click usually follows by more than the load takes.
import type { ComponentType } from 'react';
import { ROUTES, type RouteName } from '../routes';

type AnyPage = ComponentType<Record<string, unknown>>;
interface PageModule {
  default: AnyPage;
}
/** A page module's load, with the fields React's `use` reads to return a settled promise without suspending. */
type PageLoad = Promise<PageModule> & { status?: 'pending' | 'fulfilled' | 'rejected'; value?: PageModule; reason?: unknown };

const loads = new Map<RouteName, PageLoad>();

/** The route's page module, requested on the first call only. A failed load stays failed until the page is reloaded. */
export function loadPage(name: RouteName): Promise<PageModule> {
  const known = loads.get(name);
  if (known) return known;
  const load = (ROUTES[name].page as () => Promise<PageModule>)() as PageLoad;
  load.status = 'pending';
  load.then(
    (m) => {
      load.status = 'fulfilled';
      load.value = m;
    },
    (e: unknown) => {
      load.status = 'rejected';
      load.reason = e;
    },
  );
  loads.set(name, load);
  return load;
}

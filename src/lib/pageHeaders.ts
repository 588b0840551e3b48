// The title and introduction of each page whose header needs no chain data, from the route table
// (src/routes.ts). The app shows it while the page's code loads, and the page shows the same, so the header
// is on screen from the first render and does not move or change when the page arrives.
import { ROUTES, type RouteName, type RouteWithIntro } from '../routes';

export interface PageIntro {
  title: string;
  intro: string;
}

/** A route's header, if the table gives it an intro. */
export function pageIntro(name: RouteName): PageIntro | undefined {
  const def: { title: unknown; heading?: string; intro?: string } = ROUTES[name];
  if (def.intro === undefined) return undefined;
  return { title: def.heading ?? (typeof def.title === 'string' ? def.title : ''), intro: def.intro };
}

/**
 * The header of every route that has an intro: `PAGE_INTROS.market` is typed for exactly those, so a page
 * that shows an intro its route lacks does not compile.
 */
export const PAGE_INTROS = Object.fromEntries(
  (Object.keys(ROUTES) as RouteName[]).flatMap((name) => {
    const intro = pageIntro(name);
    return intro ? [[name, intro]] : [];
  }),
) as Record<RouteWithIntro, PageIntro>;

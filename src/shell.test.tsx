import { describe, expect, it } from 'vitest';
import { pageIntro } from './lib/pageHeaders';
import { NAV_ITEMS } from './lib/router';
import { ROUTES, type RouteName } from './routes';
import { renderShells, shellRoutes } from './shell';

describe('prerendered shells', () => {
  const doc = new DOMParser().parseFromString(`<div id="root">${renderShells()}</div>`, 'text/html');
  const shells = [...doc.querySelectorAll<HTMLElement>('.hm-shell')];

  it('has one shell per route without params, keyed by its path, Products the default', () => {
    expect(shells.map((s) => s.id).sort()).toEqual(shellRoutes().map((n) => ROUTES[n].path).sort());
    expect(shellRoutes()).not.toContain('nft');
    expect(shells.filter((s) => s.hasAttribute('data-default')).map((s) => s.id)).toEqual([ROUTES.products.path]);
  });

  it('draws each route with its nav item current and its page header from the route table', () => {
    for (const name of shellRoutes()) {
      const shell = shells.find((s) => s.id === ROUTES[name].path)!;
      const nav = shell.querySelector('nav[aria-label="Main"]')!;
      expect([...nav.querySelectorAll('a')].map((a) => a.textContent)).toEqual(NAV_ITEMS.map((n) => n.label));
      expect(nav.querySelector('[aria-current=page]')?.textContent).toBe((ROUTES[name] as { nav?: { label: string } }).nav?.label);
      const intro = pageIntro(name as RouteName);
      if (intro) {
        expect(shell.querySelector('h1')?.textContent).toBe(intro.title);
        expect(shell.textContent).toContain(intro.intro);
      }
      // No test ids: tests wait for the app's own controls, never click the static ones.
      expect(shell.querySelector('[data-testid]')).toBeNull();
    }
  });
});

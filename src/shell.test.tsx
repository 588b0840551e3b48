import { describe, expect, it } from 'vitest';
import { pageIntro } from './lib/pageHeaders';
import { NAV_ITEMS } from './lib/router';
import { ROUTES, type RouteName } from './routes';
import { renderShells, shellCss, shellPruneScript, shellRoutes, shellScript } from './shell';

describe('prerendered shells', () => {
  const doc = new DOMParser().parseFromString(`<div id="root">${renderShells()}</div>`, 'text/html');
  const shells = [...doc.querySelectorAll<HTMLElement>('.hm-shell')];

  it('has one shell per route of the table, a path without params as its id, Products the default', () => {
    expect(shells.map((s) => s.dataset.route).sort()).toEqual((Object.keys(ROUTES) as RouteName[]).sort());
    for (const s of shells) {
      const path = ROUTES[s.dataset.route as RouteName].path;
      expect(s.id).toBe(path.includes(':') ? '' : path);
    }
    expect(shells.filter((s) => s.hasAttribute('data-default')).map((s) => s.dataset.route)).toEqual(['products']);
  });

  it("the inline script picks the route's shell from the hash as the router does", () => {
    const pick = (hash: string) => {
      const html = document.documentElement;
      html.removeAttribute('data-shell');
      window.history.replaceState(null, '', hash || window.location.pathname);
      new Function(shellScript())();
      return html.getAttribute('data-shell');
    };
    expect(pick('')).toBe('products');
    expect(pick('#/')).toBe('products');
    expect(pick('#/products')).toBe('products');
    expect(pick('#/market')).toBe('market');
    expect(pick('#/nft/12')).toBe('nft');
    expect(pick('#main')).toBe('products');
    expect(pick('#/nowhere')).toBe('products');
    for (const name of shellRoutes()) expect(shellCss()).toContain(`html[data-shell="${name}"] .hm-shell[data-route="${name}"]`);
  });

  it('draws each route with its nav item current and its page header from the route table', () => {
    for (const name of shellRoutes()) {
      const shell = shells.find((s) => s.dataset.route === name)!;
      const nav = shell.querySelector('nav[aria-label="Main"]')!;
      expect([...nav.querySelectorAll('a')].map((a) => a.textContent)).toEqual(NAV_ITEMS.map((n) => n.label));
      // A page outside the navigation marks its parent's item (the NFT page Portfolio, Auctions Loans).
      const current = ((ROUTES[name] as { navParent?: string }).navParent ?? name) as keyof typeof ROUTES;
      expect(nav.querySelector('[aria-current=page]')?.textContent).toBe((ROUTES[current] as { nav?: { label: string } }).nav?.label);
      const intro = pageIntro(name);
      if (intro) {
        expect(shell.querySelector('h1')?.textContent).toBe(intro.title);
        expect(shell.textContent).toContain(intro.intro);
      }
      // No test ids: tests wait for the app's own controls, never click the static ones.
      expect(shell.querySelector('[data-testid]')).toBeNull();
    }
  });

  it('keeps only the picked shell once the script has run: one main, no duplicate id', () => {
    const ids = (root: ParentNode) => [...root.querySelectorAll('[id]')].map((e) => e.id);
    const all = ids(doc.querySelector('#root')!);
    expect(new Set(all).size).toBeLessThan(all.length); // before: every shell repeats the header's and main's ids
    for (const name of ['market', 'nft', 'products'] as const) {
      document.body.innerHTML = `<div id="root">${renderShells()}</div>`;
      document.documentElement.setAttribute('data-shell', name);
      new Function(shellPruneScript())();
      const left = [...document.querySelectorAll<HTMLElement>('#root > .hm-shell')];
      expect(left.map((s) => s.dataset.route)).toEqual([name]);
      const after = ids(document.querySelector('#root')!);
      expect(new Set(after).size).toBe(after.length);
      expect(document.querySelectorAll('main#main')).toHaveLength(1);
    }
    document.documentElement.removeAttribute('data-shell');
    document.body.innerHTML = '';
  });
});

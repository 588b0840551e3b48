import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { loadPage } from '../lib/pageLoads';
import { href, InPageLink, NAV_ITEMS, navSection, type Route } from '../lib/router';

/** The main navigation (desktop and phone) from the route table, with the item that is current on `route`. */
function NavLinks({ route, className }: { route: Route; className: string }) {
  const current = navSection(route);
  return NAV_ITEMS.map((n) => {
    // The page's code starts loading on intent, so the click finds it and the page shows without a fallback.
    const preload = () => void loadPage(n.name);
    return (
      <a key={n.name} href={n.to} aria-current={n.name === current ? 'page' : undefined} className={className} onPointerEnter={preload} onFocus={preload} onTouchStart={preload}>
        {n.label}
      </a>
    );
  });
}

/** `wallet` is the wallet buttons: ConnectControl in the app, its static "Connect Wallet" in the prerendered shell. */
export function Header({ route, local, wallet }: { route: Route; local: boolean; wallet: ReactNode }) {
  const ref = useRef<HTMLElement>(null);
  // The header is sticky: its height (65 px on a desktop, taller on a phone where the navigation has its
  // own row) is the --header-height that index.css keeps clear above anything scrolled into view, so a
  // control reached with Shift+Tab is never hidden under it (WCAG 2.2 "focus not obscured").
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const root = document.documentElement;
    const set = () => root.style.setProperty('--header-height', `${el.offsetHeight}px`);
    set();
    const observer = new ResizeObserver(set);
    observer.observe(el);
    return () => {
      observer.disconnect();
      root.style.removeProperty('--header-height');
    };
  }, []);

  return (
    <header ref={ref} className="sticky top-0 z-40 border-b border-slate-800 bg-slate-950/90 backdrop-blur">
      <div className="mx-auto flex max-w-6xl items-center gap-3 px-4 py-3">
        <a href={href.products} className="flex items-center gap-2 font-bold text-white" aria-label="Hashmint home">
          <svg aria-hidden viewBox="0 0 32 32" className="h-8 w-8">
            <rect width="32" height="32" rx="8" fill="#10b981" />
            <path d="M9 8v16M23 8v16M9 16h14" stroke="#0b1020" strokeWidth="3.5" strokeLinecap="round" />
          </svg>
          <span className="hidden text-lg sm:inline">Hashmint</span>
        </a>
        <nav aria-label="Main" className="ml-2 hidden gap-1 lg:flex">
          <NavLinks route={route} className="rounded-lg px-3 py-2 text-sm font-medium text-slate-300 hover:bg-slate-800 hover:text-white aria-[current=page]:bg-slate-800 aria-[current=page]:text-white" />
        </nav>
        <div className="ml-auto flex items-center gap-2">
          {local && (
            <InPageLink targetId="dev-panel" className="hidden whitespace-nowrap rounded-full bg-amber-500/15 px-2.5 py-1 text-xs font-medium text-amber-300 sm:inline">
              Local chain
            </InPageLink>
          )}
          {wallet}
        </div>
      </div>
      <PhoneNav route={route} />
    </header>
  );
}

/**
 * Scrolls the sideways navigation so the whole item shows, clear of the fades. (Chrome scrolls a focused
 * item in only when it is wholly out of sight: one half under the edge, or under the fade, stays there.)
 */
function reveal(nav: HTMLElement, item: HTMLElement) {
  const pad = 40; // the fade's width; the nav is the items' offsetParent
  if (item.offsetLeft - pad < nav.scrollLeft) nav.scrollLeft = item.offsetLeft - pad;
  else if (item.offsetLeft + item.offsetWidth + pad > nav.scrollLeft + nav.clientWidth) nav.scrollLeft = item.offsetLeft + item.offsetWidth + pad - nav.clientWidth;
}

/**
 * The navigation's own row below lg, scrolled sideways when it does not fit: a fade and an arrow at an
 * edge show that more items lie that way, the current page's item is scrolled into sight, and an item
 * reached with Tab stops clear of the fades (scroll-padding).
 */
function PhoneNav({ route }: { route: Route }) {
  const ref = useRef<HTMLElement>(null);
  const [more, setMore] = useState({ before: false, after: false });
  const measure = () => {
    const el = ref.current;
    if (!el) return;
    const before = el.scrollLeft > 1;
    const after = el.scrollLeft + el.clientWidth < el.scrollWidth - 1;
    setMore((m) => (m.before === before && m.after === after ? m : { before, after }));
  };
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // Also when it first shows (a desktop window narrowed below lg): the current item into sight.
    const observer = new ResizeObserver(() => {
      const current = el.querySelector<HTMLElement>('[aria-current=page]');
      if (current) reveal(el, current);
      measure();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  useEffect(() => {
    const current = ref.current?.querySelector<HTMLElement>('[aria-current=page]');
    if (ref.current && current) reveal(ref.current, current);
  }, [route.name]);
  const fade = 'pointer-events-none absolute inset-y-px flex w-10 items-center text-lg font-bold text-white from-slate-950 via-slate-950/90 to-transparent';
  return (
    <div className="relative border-t border-slate-800 lg:hidden">
      <nav ref={ref} aria-label="Main" onScroll={measure} onFocus={(e) => reveal(e.currentTarget, e.target)} className="relative flex gap-1 overflow-x-auto px-2 py-1.5 [scrollbar-width:none]">
        <NavLinks route={route} className="shrink-0 rounded-lg px-3 py-2 text-center text-sm font-medium text-slate-300 aria-[current=page]:bg-slate-800 aria-[current=page]:text-white" />
      </nav>
      {more.before && (
        <span aria-hidden data-testid="nav-more-before" className={`${fade} left-0 justify-start bg-gradient-to-r pl-1.5`}>
          ‹
        </span>
      )}
      {more.after && (
        <span aria-hidden data-testid="nav-more-after" className={`${fade} right-0 justify-end bg-gradient-to-l pr-1.5`}>
          ›
        </span>
      )}
    </div>
  );
}

// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { keepShellFocus } from './shellFocus';

// jsdom lays nothing out, so every element would count as hidden: give shown elements a client rect.
const shown = (el: HTMLElement) => Object.assign(el, { getClientRects: () => [{}] as unknown as DOMRectList });

afterEach(() => {
  document.body.innerHTML = '';
});

describe('keepShellFocus', () => {
  it('focuses the app’s matching link when the shell that had focus is replaced', async () => {
    document.body.innerHTML = '<div id="root"><div class="hm-shell"><a href="#main">Skip to content</a><a href="#/market">Marketplace</a></div></div>';
    const root = document.getElementById('root')!;
    keepShellFocus(root);
    shown(root.querySelector<HTMLElement>('a[href="#/market"]')!).focus();
    // The app's first render replaces the shell with the same links.
    root.innerHTML = '<a href="#main">Skip to content</a><a href="#/market">Marketplace</a>';
    root.querySelectorAll('a').forEach((a) => shown(a));
    await new Promise((r) => setTimeout(r, 0));
    expect(document.activeElement?.textContent).toBe('Marketplace');
    expect(root.contains(document.activeElement)).toBe(true);
  });

  it('focuses the app’s main content when the skip link had moved focus to the shell’s', async () => {
    document.body.innerHTML = '<div id="root"><div class="hm-shell"><main id="main" tabindex="-1">Loading…</main></div></div>';
    const root = document.getElementById('root')!;
    keepShellFocus(root);
    root.querySelector<HTMLElement>('main')!.focus();
    root.innerHTML = '<main id="main" tabindex="-1">Marketplace</main>';
    await new Promise((r) => setTimeout(r, 0));
    expect(document.activeElement?.tagName).toBe('MAIN');
    expect(root.contains(document.activeElement)).toBe(true);
  });

  it('leaves focus alone when nothing in the shell had it, and when there is no shell', async () => {
    document.body.innerHTML = '<div id="root"><div class="hm-shell"><a href="#/">Products</a></div></div>';
    const root = document.getElementById('root')!;
    keepShellFocus(root);
    root.innerHTML = '<a href="#/">Products</a>';
    await new Promise((r) => setTimeout(r, 0));
    expect(document.activeElement).toBe(document.body);

    document.body.innerHTML = '<div id="root"><a href="#/">Products</a></div>';
    const plain = document.getElementById('root')!;
    keepShellFocus(plain);
    shown(plain.querySelector('a')!).focus();
    plain.innerHTML = '<a href="#/">Products</a>';
    await new Promise((r) => setTimeout(r, 0));
    expect(document.activeElement).toBe(document.body);
  });
});

// The prerendered shell (src/shell.tsx) is replaced by the app's first render. A keyboard user who tabbed
// into the shell before the scripts ran would lose their place (focus falls back to <body>): this keeps
// it, by focusing the app's element that matches the one focused in the shell (the same id, or else the
// same tag, link and text).

interface FocusKey {
  id: string;
  tag: string;
  href: string | null;
  text: string;
}

const describe = (el: Element): FocusKey => ({ id: el.id, tag: el.tagName, href: el.getAttribute('href'), text: (el.textContent ?? '').trim() });

/** The first element under `root` matching `key` that is shown (a hidden route's shell does not count). */
export function findMatch(root: ParentNode, key: FocusKey): HTMLElement | undefined {
  // An element with an id (the main content the skip link focuses) is the app's element of that id.
  for (const el of root.querySelectorAll<HTMLElement>(key.tag)) {
    if (key.id) {
      if (el.id === key.id) return el;
      continue;
    }
    if (el.getAttribute('href') === key.href && (el.textContent ?? '').trim() === key.text && el.getClientRects().length > 0) return el;
  }
  return undefined;
}

/** Call before the app renders into `root`; does nothing when `root` holds no shell (the dev server). */
export function keepShellFocus(root: HTMLElement): void {
  if (!root.querySelector('.hm-shell')) return;
  let key: FocusKey | undefined = root.contains(document.activeElement) && document.activeElement ? describe(document.activeElement) : undefined;
  const onFocusIn = (e: FocusEvent) => {
    if (e.target instanceof Element && e.target.closest('.hm-shell')) key = describe(e.target);
  };
  const onFocusOut = (e: FocusEvent) => {
    // Focus that leaves for somewhere outside the page's root (the address bar, a dialog) is not followed.
    if (e.relatedTarget instanceof Element && !root.contains(e.relatedTarget)) key = undefined;
  };
  root.addEventListener('focusin', onFocusIn);
  root.addEventListener('focusout', onFocusOut);
  const observer = new MutationObserver(() => {
    if (root.querySelector('.hm-shell')) return; // the shell is still there
    observer.disconnect();
    root.removeEventListener('focusin', onFocusIn);
    root.removeEventListener('focusout', onFocusOut);
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (key && lost) findMatch(root, key)?.focus({ preventScroll: true });
  });
  observer.observe(root, { childList: true });
}

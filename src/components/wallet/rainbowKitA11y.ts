// Two accessibility faults of RainbowKit 2.2's modals, mended from outside (its markup is not ours):
//  - the Account window's role="dialog" points aria-labelledby at "rk_account_modal_title", an id that
//    does not exist (its title is rendered with id "rk_profile_title"), so the dialog has no name: point
//    it at the dialog's own heading instead;
//  - the wallet and chain icons are role="img" boxes without a name, next to the wallet's or chain's name
//    as text: they are decoration, so hide them from assistive technology.
// Only RainbowKit's nodes are touched (its theme root carries data-rk). If a RainbowKit update changes
// this markup the patch does nothing, and e2e/a11y.spec.ts (axe on the modals) says so.

/** Mends the RainbowKit modals under `root`; idempotent. */
export function mendRainbowKit(root: ParentNode): void {
  for (const dialog of root.querySelectorAll<HTMLElement>('[data-rk][role="dialog"][aria-labelledby]')) {
    const ids = (dialog.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean);
    if (ids.some((id) => dialog.ownerDocument.getElementById(id))) continue;
    const heading = dialog.querySelector<HTMLElement>('h1[id], h2[id]');
    if (heading) dialog.setAttribute('aria-labelledby', heading.id);
  }
  for (const img of root.querySelectorAll<HTMLElement>('[data-rk] [role="img"]:not([aria-hidden])')) {
    const named = (img.getAttribute('aria-label') ?? '').trim() !== '' || img.hasAttribute('aria-labelledby');
    if (!named) img.setAttribute('aria-hidden', 'true');
  }
}

/** Keeps mending RainbowKit's modals while they are mounted (they are portalled into <body>). */
export function watchRainbowKit(doc: Document): () => void {
  mendRainbowKit(doc.body);
  const observer = new MutationObserver(() => {
    if (doc.querySelector('[data-rk][role="dialog"]')) mendRainbowKit(doc.body);
  });
  observer.observe(doc.body, { childList: true, subtree: true });
  return () => observer.disconnect();
}

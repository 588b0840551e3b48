// RainbowKit (its modals, wallet list, QR code, locales: ~70 KiB gzip) is not in the first load. The
// header's own connect/account/chain buttons and every "Connect wallet" button open it through this
// store: the first request mounts <WalletUiHost>, which loads RainbowKit, registers its modal openers
// here, and then opens the modal that was asked for. Hovering or focusing a wallet button preloads it.

export type WalletModal = 'connect' | 'account' | 'chain';
export type Openers = Partial<Record<WalletModal, (() => void) | undefined>>;

interface State {
  /** RainbowKit has been requested (the host mounts it). */
  requested: boolean;
  /** RainbowKit is mounted and its openers are registered. */
  ready: boolean;
  /** A modal asked for before RainbowKit was ready, opened as soon as it is. */
  pending?: WalletModal;
}

let state: State = { requested: false, ready: false };
let openers: Openers = {};
const listeners = new Set<() => void>();

function set(next: Partial<State>) {
  state = { ...state, ...next };
  for (const l of listeners) l();
}

export const walletUi = {
  subscribe(l: () => void) {
    listeners.add(l);
    return () => listeners.delete(l);
  },
  get: () => state,
  /** Start loading RainbowKit without opening anything (hover, focus). */
  preload() {
    if (!state.requested) set({ requested: true });
  },
  /** Open a RainbowKit modal, loading RainbowKit first if needed. */
  open(modal: WalletModal) {
    const fn = state.ready ? openers[modal] : undefined;
    if (fn) {
      fn();
      return;
    }
    set({ requested: true, pending: modal });
  },
  /** Called by the loaded host whenever RainbowKit's openers change (they depend on the connection). */
  register(next: Openers) {
    openers = next;
    const pending = state.pending;
    if (!state.ready || pending) set({ ready: true, pending: undefined });
    // The modal asked for may no longer apply (a "connect" that finished meanwhile): then nothing opens.
    if (pending) next[pending]?.();
  },
  /** For tests: back to nothing loaded. */
  reset() {
    openers = {};
    set({ requested: false, ready: false, pending: undefined });
  },
};

// Browser side of the Hashmint test wallet (see testWallet.ts).
//
// Plain JS, no bundler: testWallet.ts reads this file and installs it with
// `page.addInitScript`, wrapped as `((HASHMINT_WALLET_CONFIG) => { <this file> })(<JSON>)`,
// so it runs in every document (and frame) before the page's own scripts and
// leaves no globals behind except the control handle below.
//
// It is a thin EIP-1193 provider: every `request()` is forwarded to Node through
// the exposed function `config.bindingName`, which answers `{ result }` or
// `{ error: { code, message, data? } }`. Events are pushed from Node through
// `window[config.globalKey].emit(event, payload)`. The provider is only
// announced via EIP-6963; `window.ethereum` is left untouched.
/* global HASHMINT_WALLET_CONFIG */
(function installHashmintTestWallet(config) {
  'use strict';
  if (window[config.globalKey]) return; // already installed in this document

  /** Error with EIP-1193 `code` (and optional `data`) so viem/wagmi can classify it. */
  class ProviderRpcError extends Error {
    constructor(code, message, data) {
      super(message);
      this.name = 'ProviderRpcError';
      this.code = code;
      if (data !== undefined) this.data = data;
    }
  }

  const listeners = new Map(); // event name -> Set<listener>

  function on(event, listener) {
    if (!listeners.has(event)) listeners.set(event, new Set());
    listeners.get(event).add(listener);
    return provider;
  }

  function removeListener(event, listener) {
    const set = listeners.get(event);
    if (set) set.delete(listener);
    return provider;
  }

  function emit(event, payload) {
    const set = listeners.get(event);
    if (!set) return false;
    for (const listener of Array.from(set)) {
      try {
        listener(payload);
      } catch (err) {
        // A throwing dapp listener must not break the wallet.
        setTimeout(() => {
          throw err;
        });
      }
    }
    return set.size > 0;
  }

  async function request(args) {
    if (!args || typeof args !== 'object' || typeof args.method !== 'string') {
      throw new ProviderRpcError(-32600, 'Invalid request: expected { method, params? }.');
    }
    const bridge = window[config.bindingName];
    if (typeof bridge !== 'function') {
      throw new ProviderRpcError(4900, 'Hashmint test wallet: Node bridge is not available.');
    }
    const response = await bridge({ method: args.method, params: args.params });
    if (response && response.error) {
      const { code, message, data } = response.error;
      throw new ProviderRpcError(code, message, data);
    }
    return response ? response.result : undefined;
  }

  const provider = {
    request,
    on,
    addListener: on,
    once(event, listener) {
      const wrapped = (payload) => {
        removeListener(event, wrapped);
        listener(payload);
      };
      return on(event, wrapped);
    },
    removeListener,
    off: removeListener,
    removeAllListeners(event) {
      if (event === undefined) listeners.clear();
      else listeners.delete(event);
      return provider;
    },
    listenerCount(event) {
      const set = listeners.get(event);
      return set ? set.size : 0;
    },
    isHashmintTestWallet: true,
  };
  Object.freeze(provider);

  const detail = Object.freeze({ info: Object.freeze({ ...config.info }), provider });

  function announce() {
    window.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail }));
  }

  // Node -> page control channel (events). Non-enumerable to stay out of the way.
  Object.defineProperty(window, config.globalKey, {
    value: Object.freeze({ emit, provider }),
    enumerable: false,
    configurable: false,
    writable: false,
  });

  window.addEventListener('eip6963:requestProvider', announce);
  announce();
})(HASHMINT_WALLET_CONFIG);

// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { mendRainbowKit } from './rainbowKitA11y';

// The markup RainbowKit 2.2.11 renders for its Account window and its wallet list (trimmed).
const ACCOUNT = `
  <div data-rk="" role="dialog" aria-modal="true" aria-labelledby="rk_account_modal_title">
    <div role="document">
      <div role="img"><img aria-hidden="true" src="x" /></div>
      <h1 id="rk_profile_title">0xf39F…2266</h1>
      <h1 id="rk_profile_title">10000 ETH</h1>
    </div>
  </div>`;
const CONNECT = `
  <div data-rk="" role="dialog" aria-modal="true" aria-labelledby="rk_connect_title">
    <h1 id="rk_connect_title">Connect a Wallet</h1>
    <button><div role="img"><img aria-hidden="true" src="x" /></div>Hashmint Test Wallet</button>
    <div role="img" aria-label="Ethereum"></div>
  </div>`;

describe('mendRainbowKit', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  it('names the Account window after its own heading when its aria-labelledby points nowhere', () => {
    document.body.innerHTML = ACCOUNT;
    mendRainbowKit(document.body);
    expect(document.querySelector('[role=dialog]')?.getAttribute('aria-labelledby')).toBe('rk_profile_title');
  });

  it('leaves a dialog whose title exists alone, and hides only the icons without a name', () => {
    document.body.innerHTML = CONNECT;
    mendRainbowKit(document.body);
    expect(document.querySelector('[role=dialog]')?.getAttribute('aria-labelledby')).toBe('rk_connect_title');
    const [icon, named] = document.querySelectorAll('[role=img]');
    expect(icon.getAttribute('aria-hidden')).toBe('true');
    expect(named.hasAttribute('aria-hidden')).toBe(false);
  });

  it('touches nothing outside RainbowKit', () => {
    document.body.innerHTML = '<div role="dialog" aria-labelledby="missing"><h2 id="t">Ours</h2><span role="img"></span></div>';
    mendRainbowKit(document.body);
    expect(document.querySelector('[role=dialog]')?.getAttribute('aria-labelledby')).toBe('missing');
    expect(document.querySelector('[role=img]')?.hasAttribute('aria-hidden')).toBe(false);
  });
});

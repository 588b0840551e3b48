/**
 * Locators for RainbowKit 2.2's desktop "Connect a Wallet" modal, for use with the
 * Hashmint test wallet (testWallet.ts). Verified against @rainbow-me/rainbowkit 2.2.11:
 *  - header, disconnected:           Hashmint's own button (RainbowKit loads when it is clicked), role
 *                                    button, name "Connect Wallet", data-testid connect-button
 *  - modal:                          role dialog, name "Connect a Wallet" (heading level 1)
 *  - our wallet in it:               role button, name "Hashmint Test Wallet"
 *                                    (data-testid rk-wallet-option-dev.hashmint.testwallet; the name
 *                                    also contains "Recent" once it has been used; the button is
 *                                    disabled while its connection is pending)
 *  - after a rejected connect:       role button, name "RETRY" inside the dialog
 *  - header, connected:              data-testid account-button (and chain-button); RainbowKit's
 *                                    account modal has data-testid rk-disconnect-button (role button, name "Disconnect")
 */
import type { Locator, Page } from '@playwright/test';
import { WALLET_INFO } from './testWallet';

/** The RainbowKit connect modal. */
export function connectModal(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Connect a Wallet' });
}

/** The Hashmint Test Wallet option in the connect modal. */
export function testWalletOption(page: Page): Locator {
  return connectModal(page).getByRole('button', { name: WALLET_INFO.name });
}

/**
 * Click "Connect Wallet" and then "Hashmint Test Wallet". Resolves once the wallet was
 * picked; the caller asserts the outcome (app connected, or the modal showing RETRY).
 */
export async function pickTestWalletInModal(page: Page, connectButtonName: string | RegExp = 'Connect Wallet'): Promise<void> {
  await page.getByRole('button', { name: connectButtonName }).click();
  await testWalletOption(page).click();
}

/** The RETRY button RainbowKit shows after the wallet rejected the connection. */
export function retryButton(page: Page): Locator {
  return connectModal(page).getByRole('button', { name: 'RETRY' });
}

/** Disconnect through RainbowKit's account modal (the dapp side; the wallet sees wallet_revokePermissions). */
export async function disconnectViaAccountModal(page: Page): Promise<void> {
  await page.getByTestId('account-button').click();
  await page.getByTestId('rk-disconnect-button').click();
}

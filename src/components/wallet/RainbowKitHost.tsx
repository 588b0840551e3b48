// Loaded on demand (see src/lib/walletUi.ts): RainbowKit's provider and modals, and a bridge that hands
// their openers to the header and the "Connect wallet" buttons.
import '@rainbow-me/rainbowkit/styles.css';
import { darkTheme, RainbowKitProvider, useAccountModal, useChainModal, useConnectModal } from '@rainbow-me/rainbowkit';
import { useEffect } from 'react';
import { defaultChainId } from '../../lib/chains';
import { walletUi } from '../../lib/walletUi';
import { watchRainbowKit } from './rainbowKitA11y';

const theme = darkTheme({ accentColor: '#10b981', accentColorForeground: '#0b1020' });

function Bridge() {
  const { openConnectModal } = useConnectModal();
  const { openAccountModal } = useAccountModal();
  const { openChainModal } = useChainModal();
  useEffect(() => {
    walletUi.register({ connect: openConnectModal, account: openAccountModal, chain: openChainModal });
  }, [openConnectModal, openAccountModal, openChainModal]);
  useEffect(() => watchRainbowKit(document), []);
  return null;
}

export default function RainbowKitHost() {
  return (
    <RainbowKitProvider theme={theme} initialChain={defaultChainId} modalSize="compact">
      <Bridge />
    </RainbowKitProvider>
  );
}

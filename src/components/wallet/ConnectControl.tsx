// The header's wallet buttons, without RainbowKit in the first load: "Connect Wallet" when no wallet is
// connected; the chain and the account when one is. Each opens RainbowKit's matching modal (loaded on
// first use; hovering or focusing a button preloads it).
import { useAccount } from 'wagmi';
import { useAppChain } from '../../hooks/useAppChain';
import { useWalletUi } from '../../hooks/useWalletUi';
import { shortAddress } from '../../lib/format';
import { ConnectButton, pill } from './ConnectButton';

export function ConnectControl() {
  const { address, status } = useAccount();
  const { deployment, wrongNetwork } = useAppChain();
  const { open, preload, loading } = useWalletUi();
  const warm = { onPointerEnter: preload, onFocus: preload };

  if (!address) {
    const busy = loading || status === 'connecting' || status === 'reconnecting';
    return (
      <ConnectButton
        data-testid="connect-button"
        onClick={() => open('connect')}
        aria-busy={busy || undefined}
        label={status === 'reconnecting' ? 'Reconnecting…' : 'Connect Wallet'}
        {...warm}
      />
    );
  }

  return (
    <div className="flex shrink-0 items-center gap-2">
      <button
        type="button"
        data-testid="chain-button"
        className={`${pill} ${wrongNetwork ? 'bg-red-600 text-white hover:bg-red-500' : 'bg-slate-800 text-slate-100 hover:bg-slate-700'}`}
        onClick={() => open('chain')}
        aria-label={wrongNetwork ? 'Wrong network: open the network menu' : `Network: ${deployment.name}, open the network menu`}
        {...warm}
      >
        <span aria-hidden className={`h-2.5 w-2.5 rounded-full ${wrongNetwork ? 'bg-white' : 'bg-brand-400'}`} />
        <span className={wrongNetwork ? '' : 'hidden sm:inline lg:hidden 2xl:inline'}>{wrongNetwork ? 'Wrong network' : deployment.name}</span>
      </button>
      <button
        type="button"
        data-testid="account-button"
        className={`${pill} bg-slate-800 font-mono text-slate-100 hover:bg-slate-700`}
        onClick={() => open('account')}
        title={address}
        {...warm}
      >
        {/* The name holds the short address as shown ("label in name"), not the full one. */}
        <span className="sr-only">Account </span>
        {shortAddress(address)}
        <span className="sr-only">, open the account menu</span>
      </button>
    </div>
  );
}

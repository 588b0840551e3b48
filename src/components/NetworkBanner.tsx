// Shown when the wallet is on a chain where Hashmint is not deployed: say so, and offer the switch.
import { useSwitchChain } from 'wagmi';
import { useAppChain } from '../hooks/useAppChain';
import { chains } from '../lib/chains';
import { buttonClass } from './ui';

export function NetworkBanner() {
  const { wrongNetwork, walletChainId } = useAppChain();
  const { switchChain, isPending } = useSwitchChain();
  if (!wrongNetwork) return null;
  return (
    <div role="alert" className="border-b border-amber-500/30 bg-amber-500/10">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm text-amber-100">
        <p>
          Your wallet is on chain {walletChainId}, where Hashmint is not deployed. You are seeing {chains[0].name} read-only.
        </p>
        <div className="flex flex-wrap gap-2">
          {chains.map((c) => (
            <button key={c.id} type="button" className={buttonClass.secondary} disabled={isPending} onClick={() => switchChain({ chainId: c.id })}>
              {isPending ? 'Switching…' : `Switch to ${c.name}`}
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}

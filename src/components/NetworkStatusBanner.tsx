// Shown while the chain's RPC node does not answer: reads are paused and retried, nothing is sent.
import { useAppChain } from '../hooks/useAppChain';
import { useRpcHealth } from '../hooks/useRpcHealth';

export function NetworkStatusBanner() {
  const { down, retryIn } = useRpcHealth();
  const { deployment } = useAppChain();
  return (
    <div role="status" aria-live="polite">
      {down && (
        <div data-testid="rpc-down-banner" className="border-b border-rose-500/30 bg-rose-500/10">
          <p className="mx-auto max-w-6xl px-4 py-3 text-sm text-rose-100">
            <strong className="font-semibold">Can't reach the network</strong> ({deployment.name}). The numbers below may be out of
            date and nothing can be sent until it answers again. Retrying{retryIn > 0 ? ` every ${retryIn} s` : ''}…
          </p>
        </div>
      )}
    </div>
  );
}

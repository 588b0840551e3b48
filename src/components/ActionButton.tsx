// The main button of a form. Its label and state come from decideAction; connect and switch-network
// states act directly (open the wallet modal, switch the chain), the rest call the form's handlers.
import { useSwitchChain } from 'wagmi';
import { useAppChain } from '../hooks/useAppChain';
import { decideAction, type ActionInput } from '../lib/actionState';
import { defaultChainId } from '../lib/chains';
import { buttonClass } from './ui';
import { useWalletUi } from '../hooks/useWalletUi';

export function ActionButton({
  state,
  onAction,
  onApprove,
  className = '',
  testId,
}: {
  state: Omit<ActionInput, 'deployed' | 'connected' | 'wrongNetwork' | 'networkName'> & { connected: boolean };
  onAction: () => void;
  onApprove?: () => void;
  className?: string;
  testId?: string;
}) {
  const { open: openWalletModal } = useWalletUi();
  const { switchChain } = useSwitchChain();
  const { wrongNetwork, deployment } = useAppChain();
  const decided = decideAction({ ...state, deployed: Boolean(deployment), wrongNetwork, networkName: deployment?.name ?? 'Hashmint' });
  const onClick = () => {
    if (decided.kind === 'connect') openWalletModal('connect');
    else if (decided.kind === 'switch') switchChain({ chainId: defaultChainId });
    else if (decided.kind === 'approve') onApprove?.();
    else if (decided.kind === 'action') onAction();
  };
  const disabled = decided.kind === 'disabled' || decided.kind === 'busy';
  return (
    <button
      type="button"
      className={`${buttonClass.primary} w-full ${className}`}
      disabled={disabled}
      aria-busy={decided.kind === 'busy'}
      onClick={onClick}
      data-testid={testId}
    >
      {decided.kind === 'busy' && (
        <span aria-hidden className="mr-2 inline-block h-4 w-4 animate-spin rounded-full border-2 border-slate-500 border-t-slate-200" />
      )}
      {decided.label}
    </button>
  );
}

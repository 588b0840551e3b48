// The opt-in choice of an approval step: exactly what this action needs (default), or unlimited / all NFTs.
// Picking the wide option shows UnlimitedApprovalWarning, which must be accepted before anything is sent;
// after that a short note says what was accepted and where to take it back.
import type { ApprovalScopeState } from '../../hooks/useApprovalScope';
import { href } from '../../lib/router';
import { RadioCards } from '../ui';
import { UnlimitedApprovalWarning, type UnlimitedApproval } from './UnlimitedApprovalWarning';

export function ApprovalScopePicker({
  name,
  state,
  approval,
  exact,
}: {
  /** Radio group name, unique on the page. */
  name: string;
  state: ApprovalScopeState;
  /** What the wide option would grant, to whom. */
  approval: UnlimitedApproval;
  /** The default option, e.g. ["Exactly 180 USDT", "Approve only what this purchase needs."]. */
  exact: [title: string, sub: string];
}) {
  const wide: [string, string] =
    approval.kind === 'erc20'
      ? [`Unlimited ${approval.symbol}`, `No approval next time: ${approval.spenderName} may spend all your ${approval.symbol} until you revoke it.`]
      : [`All my ${approval.collection} NFTs`, `${approval.spenderName} may move every ${approval.collection} NFT you hold until you revoke it.`];
  const options = [
    ['exact', ...exact],
    ['unlimited', ...wide],
  ] as const;
  return (
    <div className="space-y-2">
      <RadioCards legend="Approval" name={name} value={state.scope} onChange={state.choose} options={options} />
      {state.pending && (
        <UnlimitedApprovalWarning approval={approval} onContinue={state.acknowledge} onExact={() => state.choose('exact')} onCancel={() => state.choose('exact')} />
      )}
      {state.unlimited && (
        <p role="status" className="text-xs text-amber-200">
          {approval.kind === 'erc20' ? `Unlimited ${approval.symbol} approval accepted for ${approval.spenderName}.` : `Approval for all your ${approval.collection} NFTs accepted for ${approval.spenderName}.`}{' '}
          Take it back any time on the{' '}
          <a href={href.approvals} className="underline">
            Approvals page
          </a>
          .
        </p>
      )}
    </div>
  );
}

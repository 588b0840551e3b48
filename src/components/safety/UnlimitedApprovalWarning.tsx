// Shown before any unlimited ERC-20 approval or setApprovalForAll. Hashmint asks for exact amounts and
// single-token approvals by default; this appears when the user opts into more (ApprovalScopePicker): it
// says what the approval allows, to which contract, and how to revoke it, the user must tick that they
// understand before the Continue button enables, and the exact choice is always one click away.
import { useId, useState } from 'react';
import type { Address } from 'viem';
import { shortAddress } from '../../lib/format';
import { href } from '../../lib/router';
import { buttonClass } from '../ui';

export type UnlimitedApproval =
  | { kind: 'erc20'; symbol: string; spenderName: string; spenderAddress?: Address; exactAmountText?: string }
  | { kind: 'operator'; collection: string; spenderName: string; spenderAddress?: Address; exactText?: string };

export function UnlimitedApprovalWarning({
  approval,
  onContinue,
  onExact,
  onCancel,
}: {
  approval: UnlimitedApproval;
  onContinue: () => void;
  /** Offered for ERC-20 approvals: approve only what this action needs instead. */
  onExact?: () => void;
  onCancel: () => void;
}) {
  const [understood, setUnderstood] = useState(false);
  const id = useId();
  const what =
    approval.kind === 'erc20'
      ? `spend every ${approval.symbol} you hold, now and in the future`
      : `move every ${approval.collection} NFT you hold, now and in the future`;
  return (
    <div role="alertdialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-body`} className="rounded-2xl border border-rose-500/40 bg-rose-500/10 p-4">
      <h3 id={`${id}-title`} className="font-semibold text-rose-200">
        {approval.kind === 'erc20' ? `Unlimited ${approval.symbol} approval` : `Approval for all your ${approval.collection} NFTs`}
      </h3>
      <p id={`${id}-body`} className="mt-1 text-sm text-rose-100/90">
        This lets {approval.spenderName}
        {approval.spenderAddress && (
          <>
            {' '}(contract <span title={approval.spenderAddress} className="font-mono">{shortAddress(approval.spenderAddress)}</span>)
          </>
        )}{' '}
        {what}, without asking you again. If that contract were ever compromised, it could empty your wallet of them. You can take it back
        at any time on the{' '}
        <a href={href.approvals} className="underline">
          Approvals page
        </a>
        , one click per approval.
      </p>
      <label className="mt-3 flex items-start gap-2 text-sm text-slate-200">
        <input type="checkbox" className="mt-1 h-4 w-4 accent-rose-400" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} />
        I understand that {approval.spenderName} can {what}.
      </label>
      <div className="mt-3 flex flex-wrap gap-2">
        {approval.kind === 'erc20' && onExact && (
          <button type="button" className={buttonClass.primary} onClick={onExact}>
            Approve the exact amount{approval.exactAmountText ? ` (${approval.exactAmountText})` : ''}
          </button>
        )}
        {approval.kind === 'operator' && onExact && approval.exactText && (
          <button type="button" className={buttonClass.primary} onClick={onExact}>
            {approval.exactText}
          </button>
        )}
        <button type="button" className={buttonClass.secondary} disabled={!understood} onClick={onContinue}>
          {approval.kind === 'erc20' ? 'Continue with unlimited' : 'Continue with approval for all'}
        </button>
        <button type="button" className={buttonClass.ghost} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

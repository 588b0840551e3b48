// One approval in the Approvals view: what may be taken, by whom, and a Revoke button that stays busy
// while its transaction is in flight.
import { useState, type ReactNode } from 'react';
import type { TxResult } from '../../hooks/useTransactor';
import { buttonClass } from '../ui';

export function RevokeRow({
  title,
  detail,
  badge,
  actionLabel,
  disabled,
  onRevoke,
  testId,
}: {
  title: ReactNode;
  detail: ReactNode;
  badge?: ReactNode;
  /** Accessible name of the button, e.g. "Revoke USDT allowance for Marketplace". */
  actionLabel: string;
  disabled?: boolean;
  onRevoke: () => Promise<TxResult>;
  testId: string;
}) {
  const [busy, setBusy] = useState(false);
  return (
    <li data-testid={testId} className="flex flex-wrap items-center gap-3 border-t border-slate-800 py-3 first:border-t-0">
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-center gap-2 font-medium text-slate-100">
          {title}
          {badge}
        </p>
        <p className="tabular text-sm text-slate-400">{detail}</p>
      </div>
      <button
        type="button"
        aria-label={actionLabel}
        className={`${buttonClass.secondary} min-w-28`}
        disabled={disabled || busy}
        onClick={async () => {
          setBusy(true);
          try {
            await onRevoke();
          } finally {
            setBusy(false);
          }
        }}
      >
        {busy ? 'Revoking…' : 'Revoke'}
      </button>
    </li>
  );
}

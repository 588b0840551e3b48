import { useState } from 'react';
import { useToastList, useToasts, type Toast } from '../hooks/useToasts';
import { shortAddress } from '../lib/format';

const tone: Record<Toast['kind'], string> = {
  pending: 'border-sky-500/40',
  success: 'border-emerald-500/50',
  error: 'border-rose-500/50',
  info: 'border-slate-600',
};
const icon: Record<Toast['kind'], string> = { pending: '…', success: '✓', error: '!', info: 'i' };

function CopyDetails({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="mt-1 text-xs text-slate-400 underline hover:text-white"
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(() => setCopied(true));
      }}
    >
      {copied ? 'Copied' : 'Copy details'}
    </button>
  );
}

export function Toasts() {
  const toasts = useToastList();
  const { dismiss } = useToasts();
  return (
    <div aria-live="polite" className="pointer-events-none fixed inset-x-2 bottom-2 z-50 flex flex-col items-end gap-2 sm:inset-x-auto sm:right-4 sm:bottom-4 sm:w-96">
      {toasts.map((t) => (
        <div
          key={t.id}
          role={t.kind === 'error' ? 'alert' : 'status'}
          data-testid={`toast-${t.kind}`}
          className={`pointer-events-auto w-full rounded-xl border bg-slate-900/95 p-3 shadow-xl backdrop-blur ${tone[t.kind]}`}
        >
          <div className="flex items-start gap-3">
            <span aria-hidden className={`mt-0.5 grid h-6 w-6 shrink-0 place-items-center rounded-full text-sm font-bold ${t.kind === 'pending' ? 'animate-pulse bg-sky-500/20 text-sky-300' : t.kind === 'success' ? 'bg-emerald-500/20 text-emerald-300' : t.kind === 'error' ? 'bg-rose-500/20 text-rose-300' : 'bg-slate-700 text-slate-200'}`}>
              {icon[t.kind]}
            </span>
            <div className="min-w-0 flex-1">
              <p className="font-semibold text-slate-100">{t.title}</p>
              {t.message && <p className="text-sm text-slate-300">{t.message}</p>}
              {t.hash && (
                <p className="tabular mt-1 text-xs text-slate-400">
                  Transaction <span title={t.hash} data-testid="toast-hash">{shortAddress(t.hash)}</span>
                </p>
              )}
              {t.details && <CopyDetails text={t.details} />}
            </div>
            <button type="button" aria-label="Dismiss notification" className="rounded px-1 text-slate-400 hover:text-white" onClick={() => dismiss(t.id)}>
              ×
            </button>
          </div>
        </div>
      ))}
    </div>
  );
}

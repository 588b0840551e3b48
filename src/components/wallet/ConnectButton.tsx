// The header's "Connect Wallet" button as markup only: ConnectControl gives it its state and handlers, and
// the prerendered first paint (src/shell.tsx) shows it as is, so the button does not move or change when
// the app takes over.
import type { ButtonHTMLAttributes } from 'react';

export const pill =
  'inline-flex min-h-10 shrink-0 items-center gap-2 whitespace-nowrap rounded-xl px-3 py-2 text-sm font-semibold transition focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-400 disabled:opacity-70';

export function ConnectButton({ label = 'Connect Wallet', ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & { label?: string }) {
  return (
    <button type="button" className={`${pill} bg-brand-500 text-slate-950 hover:bg-brand-400`} {...rest}>
      {label}
    </button>
  );
}

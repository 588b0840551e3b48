// A modal dialog on the native <dialog> element: focus is trapped, Escape closes, the page behind is inert.
// Focus starts on the title (read out first; Tab then reaches Close and the first field), never on the
// scroll container that Chrome would pick when the content overflows (on a phone), and never on a field,
// whose on-screen keyboard would cover the dialog on a phone.
import { useEffect, useRef, type ReactNode } from 'react';

export function Dialog({ open, onClose, title, children, labelledBy }: { open: boolean; onClose: () => void; title: string; children: ReactNode; labelledBy: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      d.showModal();
      titleRef.current?.focus();
    }
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={labelledBy}
      onClose={onClose}
      onClick={(e) => e.target === ref.current && onClose()}
      className="m-auto w-[min(34rem,calc(100vw-1rem))] rounded-2xl border border-slate-700 bg-slate-900 p-0 text-slate-100 shadow-2xl backdrop:bg-slate-950/80"
    >
      {open && (
        <div className="max-h-[calc(100dvh-2rem)] overflow-y-auto p-5">
          <div className="mb-4 flex items-start justify-between gap-3">
            <h2 ref={titleRef} id={labelledBy} tabIndex={-1} className="text-xl font-bold text-white">
              {title}
            </h2>
            <button type="button" onClick={onClose} aria-label="Close" className="rounded-lg px-2 text-2xl leading-none text-slate-400 hover:bg-slate-800 hover:text-white">
              ×
            </button>
          </div>
          {children}
        </div>
      )}
    </dialog>
  );
}

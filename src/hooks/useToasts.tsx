// Toast notifications: one store, shown by <Toasts/>. The transactor reports every step through it.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

export type ToastKind = 'pending' | 'success' | 'error' | 'info';

export interface Toast {
  id: number;
  kind: ToastKind;
  title: string;
  message?: string;
  hash?: `0x${string}`;
  details?: string;
}

interface ToastApi {
  toasts: Toast[];
  push: (t: Omit<Toast, 'id'>) => number;
  update: (id: number, t: Partial<Omit<Toast, 'id'>>) => void;
  dismiss: (id: number) => void;
}

const Ctx = createContext<ToastApi | null>(null);
let nextId = 1;

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const dismiss = useCallback((id: number) => setToasts((ts) => ts.filter((t) => t.id !== id)), []);
  const autoDismiss = useCallback(
    (id: number, kind: ToastKind) => {
      if (kind === 'success' || kind === 'info') setTimeout(() => dismiss(id), 8000);
    },
    [dismiss],
  );
  const push = useCallback(
    (t: Omit<Toast, 'id'>) => {
      const id = nextId++;
      setToasts((ts) => [...ts.slice(-4), { ...t, id }]);
      autoDismiss(id, t.kind);
      return id;
    },
    [autoDismiss],
  );
  const update = useCallback(
    (id: number, patch: Partial<Omit<Toast, 'id'>>) => {
      setToasts((ts) => ts.map((t) => (t.id === id ? { ...t, ...patch } : t)));
      if (patch.kind) autoDismiss(id, patch.kind);
    },
    [autoDismiss],
  );
  const api = useMemo(() => ({ toasts, push, update, dismiss }), [toasts, push, update, dismiss]);
  return <Ctx.Provider value={api}>{children}</Ctx.Provider>;
}

export function useToasts(): ToastApi {
  const api = useContext(Ctx);
  if (!api) throw new Error('useToasts needs <ToastProvider>');
  return api;
}

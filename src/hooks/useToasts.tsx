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

/** What a component needs to report: stable for the app's life, so reporting never re-renders the reporter. */
export interface ToastActions {
  push: (t: Omit<Toast, 'id'>) => number;
  update: (id: number, t: Partial<Omit<Toast, 'id'>>) => void;
  dismiss: (id: number) => void;
}

// Two contexts: the actions (never change) and the list (changes on every toast). Every component that
// sends a transaction reads the actions only, so a toast re-renders <Toasts/> and nothing else.
const ActionsCtx = createContext<ToastActions | null>(null);
const ListCtx = createContext<readonly Toast[] | null>(null);
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
  const actions = useMemo(() => ({ push, update, dismiss }), [push, update, dismiss]);
  return (
    <ActionsCtx.Provider value={actions}>
      <ListCtx.Provider value={toasts}>{children}</ListCtx.Provider>
    </ActionsCtx.Provider>
  );
}

/** push, update and dismiss: stable, for components that report (the transactor, the dev panel). */
export function useToasts(): ToastActions {
  const actions = useContext(ActionsCtx);
  if (!actions) throw new Error('useToasts needs <ToastProvider>');
  return actions;
}

/** The toasts on screen, for <Toasts/> only: a component using it re-renders on every toast. */
export function useToastList(): readonly Toast[] {
  const list = useContext(ListCtx);
  if (!list) throw new Error('useToastList needs <ToastProvider>');
  return list;
}

// The toast store's split: a component that only reports (as useTransactor does) keeps the same actions
// and is not rendered again when a toast comes or goes; the list's reader is.
import { act, render, screen } from '@testing-library/react';
import { useEffect } from 'react';
import { describe, expect, it } from 'vitest';
import { ToastProvider, useToastList, useToasts, type ToastActions } from './useToasts';

describe('ToastProvider', () => {
  it('re-renders the list reader on a toast, not a component that only pushes', () => {
    const renders = { reporter: 0, list: 0 };
    const seen: ToastActions[] = [];
    function Reporter() {
      const actions = useToasts();
      renders.reporter++;
      useEffect(() => {
        seen.push(actions);
      });
      return null;
    }
    function List() {
      const toasts = useToastList();
      renders.list++;
      return <ul>{toasts.map((t) => <li key={t.id}>{t.title}</li>)}</ul>;
    }
    render(
      <ToastProvider>
        <Reporter />
        <List />
      </ToastProvider>,
    );
    expect(renders).toEqual({ reporter: 1, list: 1 });

    let id = 0;
    act(() => {
      id = seen[0]!.push({ kind: 'pending', title: 'Buying…' });
    });
    act(() => seen[0]!.update(id, { kind: 'error', title: 'Buy failed' }));
    expect(screen.getByText('Buy failed')).toBeTruthy();
    act(() => seen[0]!.dismiss(id));

    expect(screen.queryByText('Buy failed')).toBeNull();
    expect(renders.reporter).toBe(1);
    expect(renders.list).toBe(4);
    expect(seen).toHaveLength(1);
  });
});

// What a page shows when it cannot be shown: its code failed to load (a dropped connection, or a new
// deploy replaced the chunk an open tab asks for) or it stopped with an error while rendering. Without
// this the error unmounts the whole app and leaves a blank screen; with it the header, the wallet and the
// other pages keep working, and the page says what happened and how to get it back. App keys it by the
// route's address, so moving to another page starts clean.
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { buttonClass, Card } from './ui';

interface State {
  error?: Error;
}

/** Whether an error is a failed dynamic import (the message differs between browsers). */
export function isChunkLoadError(error: Error): boolean {
  return /dynamically imported module|Importing a module script failed/i.test(error.message);
}

export class PageErrorBoundary extends Component<{ children: ReactNode }, State> {
  state: State = {};

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('The page stopped with an error:', error, info.componentStack);
  }

  render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    const chunk = isChunkLoadError(error);
    return (
      <Card className="mx-auto max-w-xl" data-testid="page-error">
        <h1 className="text-xl font-semibold text-white">{chunk ? 'This page could not be loaded' : 'This page stopped with an error'}</h1>
        <p className="mt-2 text-sm text-slate-300" role="alert">
          {chunk
            ? "Its code did not arrive: the connection dropped, or Hashmint was updated since this tab opened. Reloading fetches the current version."
            : 'Reloading usually brings it back. Nothing was sent from your wallet.'}
        </p>
        <p className="mt-2 break-words text-xs text-slate-400">{error.message}</p>
        <button type="button" className={`${buttonClass.primary} mt-4`} onClick={() => window.location.reload()}>
          Reload
        </button>
      </Card>
    );
  }
}

// The page boundary: a page that throws while rendering shows what happened in words, with a way back,
// instead of unmounting the app; a failed chunk is told apart from any other error.
import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isChunkLoadError, PageErrorBoundary } from './PageErrorBoundary';

function Broken({ error }: { error: Error }): never {
  throw error;
}

afterEach(() => vi.restoreAllMocks());

describe('PageErrorBoundary', () => {
  it('shows a page that renders as it is', () => {
    render(
      <PageErrorBoundary>
        <p>fine</p>
      </PageErrorBoundary>,
    );
    expect(screen.getByText('fine')).toBeTruthy();
    expect(screen.queryByTestId('page-error')).toBeNull();
  });

  it('says a page stopped with an error, keeps its message, and offers a reload', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(
      <div>
        <nav>header</nav>
        <PageErrorBoundary>
          <Broken error={new Error('positions is undefined')} />
        </PageErrorBoundary>
      </div>,
    );
    expect(screen.getByRole('heading', { name: 'This page stopped with an error' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('Nothing was sent from your wallet');
    expect(screen.getByText('positions is undefined')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Reload' })).toBeTruthy();
    expect(screen.getByText('header')).toBeTruthy(); // the rest of the app stays
  });

  it('says a page whose code did not arrive could not be loaded', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(
      <PageErrorBoundary>
        <Broken error={new TypeError('Failed to fetch dynamically imported module: http://x/assets/GovernancePage-1.js')} />
      </PageErrorBoundary>,
    );
    expect(screen.getByRole('heading', { name: 'This page could not be loaded' })).toBeTruthy();
  });

  it("tells failed dynamic imports apart in Chromium's, Firefox's and Safari's words", () => {
    expect(isChunkLoadError(new TypeError('Failed to fetch dynamically imported module: https://a/b.js'))).toBe(true);
    expect(isChunkLoadError(new TypeError('error loading dynamically imported module: https://a/b.js'))).toBe(true);
    expect(isChunkLoadError(new TypeError('Importing a module script failed.'))).toBe(true);
    expect(isChunkLoadError(new Error("Cannot read properties of undefined (reading 'coin')"))).toBe(false);
  });
});

import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useRoute } from './router';

/** Shows the route; on its first render, moves the address the way a click on the shell's link would. */
function Page({ moveTo }: { moveTo?: string }) {
  const route = useRoute();
  if (moveTo && window.location.hash !== moveTo) {
    // replaceState fires no hashchange: like a hashchange that fired before the router listened.
    window.history.replaceState(null, '', moveTo);
  }
  return <p data-testid="route">{route.name}</p>;
}

describe('useRoute', () => {
  afterEach(() => window.history.replaceState(null, '', '#/'));

  it('reads the address at its first render', () => {
    window.history.replaceState(null, '', '#/market');
    render(<Page />);
    expect(screen.getByTestId('route').textContent).toBe('market');
  });

  it('takes a change of address made before it listened (a click on the prerendered shell while the app renders)', async () => {
    window.history.replaceState(null, '', '#/market');
    render(<Page moveTo="#/loans" />);
    expect(await screen.findByText('loans')).toBeTruthy();
  });
});

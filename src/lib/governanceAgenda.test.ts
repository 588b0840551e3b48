import { describe, expect, it } from 'vitest';
import { governanceAgenda } from './governanceAgenda';

const decoded = [{ text: 'BTC loans: max LTV 50% → 45%', known: true, area: 'loans' as const, changes: [], contract: 'LoanPool' }];

describe('governanceAgenda', () => {
  it('lists votes ending, queued changes and thresholds in their notice period', () => {
    const items = governanceAgenda(
      {
        clock: { mode: 'timestamp', now: 1000n },
        proposals: [
          { id: 1n, title: 'Lower BTC max LTV', state: 'Active', deadline: 90_000n, eta: 0n, decoded },
          { id: 2n, title: 'Lower it again', state: 'Queued', deadline: 500n, eta: 4_600n, decoded },
          { id: 3n, title: 'Old', state: 'Executed', deadline: 500n, eta: 900n, decoded },
        ],
        pendingThresholds: [{ coin: 0, symbol: 'BTC', bps: 6500, currentBps: 7000, effectiveAt: 700_000 }],
      },
      1000,
      '#/governance',
    );
    expect(items.map((i) => [i.kind, i.at, i.title])).toEqual([
      ['vote', 90_000, 'Vote ends: Lower BTC max LTV'],
      ['change', 4_600, 'Change can take effect: Lower it again'],
      ['change', 700_000, 'BTC liquidation threshold reaches open loans'],
    ]);
    expect(items[2].detail).toBe('70% → 65% for every open BTC loan');
  });
  it('a block clock without a block time gives no date for the vote', () => {
    const items = governanceAgenda({ clock: { mode: 'blocknumber', now: 10n }, proposals: [{ id: 1n, title: 't', state: 'Active', deadline: 20n, eta: 0n, decoded }], pendingThresholds: [] }, 1000, '#');
    expect(items).toEqual([]);
  });
});

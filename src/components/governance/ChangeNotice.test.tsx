// The Loans page's notice while a lower liquidation threshold waits out its notice period: one sentence,
// "BTC liquidation threshold 75% → 70% for open loans from <date> (in <countdown>)", from pendingLiquidationThreshold.
import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { formatDateTime } from '../../lib/format';
import { ChangeNotice } from './ChangeNotice';

const NOW = 1_800_000_000;
const AT = NOW + 6 * 86_400 + 5 * 3600;

vi.mock('../../hooks/useChainTime', () => ({ useChainTime: () => NOW }));
vi.mock('../../hooks/useGovernance', () => ({
  useGovernance: () => ({
    isError: false,
    data: { proposals: [], pendingThresholds: [{ coin: 0, symbol: 'BTC', bps: 7000, currentBps: 7500, effectiveAt: AT }] },
  }),
}));

describe('ChangeNotice (loans)', () => {
  it('says the pending lower threshold, its date and the countdown', () => {
    render(<ChangeNotice area="loans" />);
    const item = screen.getByRole('listitem');
    expect(item.textContent).toBe(`BTC liquidation threshold 75% → 70% for open loans from ${formatDateTime(AT)} (in 6d 5h)`);
  });
  it('is not on the other pages', () => {
    const { container } = render(<ChangeNotice area="market" />);
    expect(container.textContent).toBe('');
  });
});

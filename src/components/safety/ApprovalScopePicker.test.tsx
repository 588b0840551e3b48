import { fireEvent, render, screen } from '@testing-library/react';
import { maxUint256 } from 'viem';
import { describe, expect, it } from 'vitest';
import { useApprovalScope } from '../../hooks/useApprovalScope';
import { ApprovalScopePicker } from './ApprovalScopePicker';
import type { UnlimitedApproval } from './UnlimitedApprovalWarning';

const SALE = '0x8A791620dd6260079BF849Dc5567aDC3F2FdC318';

/** The picker with the state a form would hold, and what the form would send. */
function Form({ approval }: { approval: UnlimitedApproval }) {
  const scope = useApprovalScope();
  return (
    <>
      <ApprovalScopePicker name="t" state={scope} approval={approval} exact={['Exactly 180 USDT', 'Only what this needs.']} />
      <span data-testid="sent">{`${scope.amount(180_000_000n)} ${scope.txOptions.unlimitedAcknowledged} ${scope.pending}`}</span>
    </>
  );
}

describe('ApprovalScopePicker', () => {
  it('defaults to the exact amount; unlimited needs the warning accepted before it is what the form sends', () => {
    render(<Form approval={{ kind: 'erc20', symbol: 'USDT', spenderName: 'ProductSale', spenderAddress: SALE, exactAmountText: '180 USDT' }} />);
    const sent = () => screen.getByTestId('sent').textContent;
    expect(screen.getByRole('radio', { name: /Exactly 180 USDT/ })).toHaveProperty('checked', true);
    expect(sent()).toBe('180000000 false false');
    expect(screen.queryByRole('alertdialog')).toBeNull();

    fireEvent.click(screen.getByRole('radio', { name: /Unlimited USDT/ }));
    const warning = screen.getByRole('alertdialog', { name: 'Unlimited USDT approval' });
    // What it allows, to which contract (name and address), and where to revoke it.
    expect(warning.textContent).toContain('This lets ProductSale (contract 0x8A79…C318) spend every USDT you hold');
    expect(screen.getByRole('link', { name: 'Approvals page' }).getAttribute('href')).toBe('#/approvals');
    expect(sent()).toBe('180000000 false true'); // still exact, and the form must wait

    // "Approve the exact amount" goes back to the default.
    fireEvent.click(screen.getByRole('button', { name: 'Approve the exact amount (180 USDT)' }));
    expect(screen.getByRole('radio', { name: /Exactly 180 USDT/ })).toHaveProperty('checked', true);
    expect(sent()).toBe('180000000 false false');

    fireEvent.click(screen.getByRole('radio', { name: /Unlimited USDT/ }));
    fireEvent.click(screen.getByRole('checkbox', { name: /I understand that ProductSale can spend every USDT/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Continue with unlimited' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(screen.getByRole('status').textContent).toContain('Unlimited USDT approval accepted for ProductSale');
    expect(sent()).toBe(`${maxUint256} true false`);

    // Choosing again starts over: a new unlimited choice needs a new acknowledgement.
    fireEvent.click(screen.getByRole('radio', { name: /Exactly 180 USDT/ }));
    fireEvent.click(screen.getByRole('radio', { name: /Unlimited USDT/ }));
    expect(sent()).toBe('180000000 false true');
  });

  it('for NFTs: "this NFT only" by default, "all my NFTs" behind the warning, cancel returns to one NFT', () => {
    render(<Form approval={{ kind: 'operator', collection: 'Hashmint', spenderName: 'the Marketplace', exactText: 'Approve NFT #4 only' }} />);
    fireEvent.click(screen.getByRole('radio', { name: /All my Hashmint NFTs/ }));
    expect(screen.getByRole('alertdialog', { name: 'Approval for all your Hashmint NFTs' }).textContent).toContain('move every Hashmint NFT you hold');
    expect(screen.getByRole('button', { name: 'Continue with approval for all' })).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByRole('button', { name: 'Approve NFT #4 only' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(screen.getByTestId('sent').textContent).toBe('180000000 false false');
    fireEvent.click(screen.getByRole('radio', { name: /All my Hashmint NFTs/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('radio', { name: /Exactly 180 USDT/ })).toHaveProperty('checked', true);
  });
});

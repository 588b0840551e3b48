import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { UnlimitedApprovalWarning } from './UnlimitedApprovalWarning';

describe('UnlimitedApprovalWarning', () => {
  it('for an ERC-20: offers the exact amount first and enables "unlimited" only after the user says they understand', () => {
    const onContinue = vi.fn();
    const onExact = vi.fn();
    const onCancel = vi.fn();
    render(
      <UnlimitedApprovalWarning
        approval={{ kind: 'erc20', symbol: 'USDT', spenderName: 'Marketplace', exactAmountText: '25 USDT' }}
        onContinue={onContinue}
        onExact={onExact}
        onCancel={onCancel}
      />,
    );
    const dialog = screen.getByRole('alertdialog', { name: 'Unlimited USDT approval' });
    expect(dialog.textContent).toContain('spend every USDT you hold');
    const cont = screen.getByRole('button', { name: 'Continue with unlimited' });
    expect(cont).toHaveProperty('disabled', true);
    fireEvent.click(cont);
    expect(onContinue).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Approve the exact amount (25 USDT)' }));
    expect(onExact).toHaveBeenCalledOnce();

    fireEvent.click(screen.getByRole('checkbox', { name: /I understand that Marketplace can spend every USDT/ }));
    expect(cont).toHaveProperty('disabled', false);
    fireEvent.click(cont);
    expect(onContinue).toHaveBeenCalledOnce();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledOnce();
  });

  it('for setApprovalForAll: names the collection and has no exact-amount choice', () => {
    const onContinue = vi.fn();
    render(<UnlimitedApprovalWarning approval={{ kind: 'operator', collection: 'HashNFT', spenderName: 'LoanPool' }} onContinue={onContinue} onCancel={() => {}} />);
    expect(screen.getByRole('alertdialog', { name: 'Approval for all your HashNFT NFTs' }).textContent).toContain('move every HashNFT NFT you hold');
    expect(screen.queryByRole('button', { name: /exact amount/ })).toBeNull();
    const cont = screen.getByRole('button', { name: 'Continue with approval for all' });
    expect(cont).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByRole('checkbox'));
    fireEvent.click(cont);
    expect(onContinue).toHaveBeenCalledOnce();
  });
});

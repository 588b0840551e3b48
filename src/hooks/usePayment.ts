// The one payment step, shared by buying hash power, buying a listing, term deposits and pool
// contributions: an approval of exactly the amount (or, opted into and acknowledged, unlimited) as its own
// step, or an EIP-2612 permit where the user chose it and the allowance does not already cover the payment;
// then the pay call. Progress goes to the caller's `useSteps`, the one step model: 'approving' while the
// approval is sent, 'signing' while the wallet signs the permit, then the caller's own paying step.
import type { Address } from 'viem';
import { usePermit, type SignedPermit } from './usePermit';
import type { Steps } from './useSteps';
import type { TokenAccount } from './useTokenAccount';
import { useTransactor, type TxOptions, type TxResult } from './useTransactor';

export type PayMethod = 'permit' | 'approve';

export function usePayment<S>(steps: Steps<S>, names: NoInfer<{ approving: S; signing: S; paying: S }>) {
  const tx = useTransactor();
  const permit = usePermit();

  /** Allows `spender` to take `amount` of `token`: exactly that, unless unlimited was chosen and acknowledged. */
  const approve = (token: Address, spender: Address, amount: bigint, opts: Pick<TxOptions, 'label' | 'unlimitedAcknowledged'>) =>
    steps.run(names.approving, () => tx.approve(token, spender, amount, opts));

  /**
   * Pays: with `method: 'permit'` and an allowance below `needed` (what the contract will take; `value`
   * unless given), signs a permit for `value` and calls `send(permit)`; otherwise calls `send()`, which then
   * relies on the allowance. Undefined when the wallet refused to sign.
   */
  const pay = (
    args: { method: PayMethod; token: TokenAccount; spender: Address; value: bigint; needed?: bigint; now: number },
    send: (permit?: SignedPermit) => Promise<TxResult>,
  ): Promise<TxResult | undefined> => {
    const withPermit = args.method === 'permit' && args.token.allowance < (args.needed ?? args.value);
    if (!withPermit) return steps.run(names.paying, () => send());
    return steps.run(names.signing, async () => {
      const p = await permit(args.token, args.spender, args.value, args.now);
      if (!p) return undefined;
      steps.setStep(names.paying);
      return send(p);
    });
  };

  return { approve, pay };
}

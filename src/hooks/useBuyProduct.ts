// Buying hash power: with an EIP-2612 permit for exactly the cost (one signature, one transaction), or
// with an approval followed by the purchase (two transactions): exactly the cost unless the user opted
// into an unlimited approval and accepted the warning (ApprovalScopePicker). The payment step is the
// shared one (usePayment); the step shown on the button is useSteps'.
import { useContracts } from './useChainRead';
import { usePayment, type PayMethod } from './usePayment';
import { useSteps } from './useSteps';
import type { TokenAccount } from './useTokenAccount';
import { useTransactor, type TxOptions, type TxResult } from './useTransactor';

export type { PayMethod };
export type BuyStep = 'idle' | 'signing' | 'approving' | 'buying';

export function useBuyProduct() {
  const tx = useTransactor();
  const { contract } = useContracts();
  const steps = useSteps<BuyStep>('idle');
  const payment = usePayment(steps, { approving: 'approving', signing: 'signing', paying: 'buying' });
  const sale = contract('ProductSale');

  const approve = (amount: bigint, opts?: Pick<TxOptions, 'unlimitedAcknowledged'>): Promise<TxResult> =>
    payment.approve(contract('USDT').address, sale.address, amount, { label: opts?.unlimitedAcknowledged ? 'Approve unlimited USDT' : 'Approve USDT', ...opts });

  const buy = (args: {
    productId: bigint;
    units: bigint;
    cost: bigint;
    label: string;
    method: PayMethod;
    token: TokenAccount;
    now: number;
  }): Promise<TxResult | undefined> => {
    const { productId, units, cost, label } = args;
    const topics = ['products', 'balances', 'portfolio', 'protocol'] as const;
    return payment.pay({ method: args.method, token: args.token, spender: sale.address, value: cost, now: args.now }, (p) =>
      p
        ? tx.send({ ...sale, functionName: 'buyWithPermit', args: [productId, units, p.deadline, p.v, p.r, p.s] }, { label, topics: [...topics] })
        : tx.send({ ...sale, functionName: 'buy', args: [productId, units] }, { label, topics: [...topics] }),
    );
  };

  return { step: steps.step, approve, buy };
}

// Buying hash power: with an EIP-2612 permit for exactly the cost (one signature, one transaction), or
// with an approval followed by the purchase (two transactions): exactly the cost unless the user opted
// into an unlimited approval and accepted the warning (ApprovalScopePicker).
import { useState } from 'react';
import { abis } from '../lib/contracts';
import { useAppChain } from './useAppChain';
import { usePermit } from './usePermit';
import type { TokenAccount } from './useTokenAccount';
import { useTransactor, type TxOptions, type TxResult } from './useTransactor';

export type PayMethod = 'permit' | 'approve';
export type BuyStep = 'idle' | 'signing' | 'approving' | 'buying';

export function useBuyProduct() {
  const tx = useTransactor();
  const { deployment } = useAppChain();
  const permit = usePermit();
  const [step, setStep] = useState<BuyStep>('idle');
  const sale = deployment.contracts.ProductSale;

  async function approve(amount: bigint, opts?: Pick<TxOptions, 'unlimitedAcknowledged'>): Promise<TxResult> {
    setStep('approving');
    try {
      return await tx.approve(deployment.contracts.USDT, sale, amount, { label: opts?.unlimitedAcknowledged ? 'Approve unlimited USDT' : 'Approve USDT', ...opts });
    } finally {
      setStep('idle');
    }
  }

  async function buy(args: {
    productId: bigint;
    units: bigint;
    cost: bigint;
    label: string;
    method: PayMethod;
    token: TokenAccount;
    now: number;
  }): Promise<TxResult | undefined> {
    const { productId, units, cost, label, method, token } = args;
    const topics = ['products', 'balances', 'portfolio', 'protocol'] as const;
    try {
      if (method === 'permit' && token.allowance < cost) {
        setStep('signing');
        const p = await permit(token, sale, cost, args.now);
        if (!p) return undefined;
        setStep('buying');
        return await tx.send(
          {
            address: sale,
            abi: abis.productSaleAbi,
            functionName: 'buyWithPermit',
            args: [productId, units, p.deadline, p.v, p.r, p.s],
          },
          { label, topics: [...topics] },
        );
      }
      setStep('buying');
      return await tx.send(
        { address: sale, abi: abis.productSaleAbi, functionName: 'buy', args: [productId, units] },
        { label, topics: [...topics] },
      );
    } finally {
      setStep('idle');
    }
  }

  return { step, approve, buy };
}

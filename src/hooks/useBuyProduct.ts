// Buying hash power: with an EIP-2612 permit for exactly the cost (one signature, one transaction), or
// with an approval of exactly the cost followed by the purchase (two transactions).
import { useState } from 'react';
import { parseSignature } from 'viem';
import { abis } from '../lib/contracts';
import { useAppChain } from './useAppChain';
import type { TokenAccount } from './useTokenAccount';
import { useTransactor, type TxResult } from './useTransactor';

export type PayMethod = 'permit' | 'approve';
export type BuyStep = 'idle' | 'signing' | 'approving' | 'buying';

const PERMIT_TYPES = {
  Permit: [
    { name: 'owner', type: 'address' },
    { name: 'spender', type: 'address' },
    { name: 'value', type: 'uint256' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
} as const;

export function useBuyProduct() {
  const tx = useTransactor();
  const { deployment } = useAppChain();
  const [step, setStep] = useState<BuyStep>('idle');
  const sale = deployment.contracts.ProductSale;

  async function approve(cost: bigint): Promise<TxResult> {
    setStep('approving');
    try {
      return await tx.send(
        { address: deployment.contracts.USDT, abi: abis.faucetTokenAbi, functionName: 'approve', args: [sale, cost] },
        { label: 'Approve USDT', topics: ['balances'] },
      );
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
        const deadline = BigInt(args.now + 30 * 60);
        const signed = await tx.sign(
          {
            domain: token.domain,
            types: PERMIT_TYPES,
            primaryType: 'Permit',
            message: { owner: tx.account!, spender: sale, value: cost, nonce: token.nonce, deadline },
          },
          'Permit',
        );
        if (!signed.ok) return undefined;
        const { r, s, v, yParity } = parseSignature(signed.signature);
        setStep('buying');
        return await tx.send(
          {
            address: sale,
            abi: abis.productSaleAbi,
            functionName: 'buyWithPermit',
            args: [productId, units, deadline, Number(v ?? BigInt(yParity + 27)), r, s],
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

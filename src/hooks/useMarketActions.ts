// Marketplace writes through the one transaction path. Listing asks approval for the one token being
// listed, or setApprovalForAll only when the user opted in and accepted the warning; buying pays with a
// permit or an approval for exactly the price (unlimited likewise only when opted into and accepted).
import { isAddressEqual } from 'viem';
import { useChainClient } from './useChainClient';
import { DAY_SECONDS, formatUsdt } from '../lib/format';
import type { MarketListing } from '../lib/marketState';
import type { Topic } from '../lib/queryKeys';
import { useContracts } from './useChainRead';
import { usePayment, type PayMethod } from './usePayment';
import type { TokenAccount } from './useTokenAccount';
import { useTransactor, type TxOptions, type TxResult } from './useTransactor';
import { useSteps } from './useSteps';

const TOPICS: Topic[] = ['market', 'nft', 'portfolio', 'balances'];
export type MarketStep = 'idle' | 'approving' | 'signing' | 'sending';

export function useMarketActions() {
  const tx = useTransactor();
  const { chainId, contract } = useContracts();
  const client = useChainClient(chainId);
  const steps = useSteps<MarketStep>('idle');
  const { step, setStep, run } = steps;
  const payment = usePayment(steps, { approving: 'approving', signing: 'signing', paying: 'sending' });
  const market = contract('Marketplace');

  /**
   * Approves the marketplace for this one token when needed (or for all the wallet's NFTs, when the user
   * chose that and accepted the warning: `approveAll`), then lists it.
   */
  const list = (tokenId: bigint, price: bigint, durationDays: number, approveAll?: Pick<TxOptions, 'unlimitedAcknowledged'>) =>
    run('approving', async (): Promise<TxResult | undefined> => {
      const nft = contract('HashNFT');
      const owner = tx.account;
      const sendList = () =>
        tx.send({ ...market, functionName: 'list', args: [tokenId, price, BigInt(durationDays * DAY_SECONDS)] }, { label: `List #${tokenId} for ${formatUsdt(price)}`, topics: TOPICS });
      // Without an account or a client the approval cannot be checked: the transaction path's guards say why.
      if (!owner || !client) return sendList();
      const [approved, forAll] = await Promise.all([
        client.readContract({ ...nft, functionName: 'getApproved', args: [tokenId] }),
        client.readContract({ ...nft, functionName: 'isApprovedForAll', args: [owner, market.address] }),
      ]);
      if (!forAll && !isAddressEqual(approved, market.address)) {
        const r = approveAll?.unlimitedAcknowledged
          ? await tx.send(
              { ...nft, functionName: 'setApprovalForAll', args: [market.address, true] },
              { label: 'Approve all your NFTs for the marketplace', topics: ['nft', 'market'], ...approveAll },
            )
          : await tx.send(
              { ...nft, functionName: 'approve', args: [market.address, tokenId] },
              { label: `Approve #${tokenId} for the marketplace`, topics: ['nft'] },
            );
        if (r.status !== 'confirmed') return r;
      }
      setStep('sending');
      return sendList();
    });

  const approvePayment = (amount: bigint, opts?: Pick<TxOptions, 'unlimitedAcknowledged'>) =>
    payment.approve(contract('USDT').address, market.address, amount, { label: opts?.unlimitedAcknowledged ? 'Approve unlimited USDT' : 'Approve USDT', ...opts });

  /** Buys at exactly the listed price (maxPrice = price: a raised price makes the purchase fail, never cost more). */
  const buy = (l: MarketListing, method: PayMethod, token: TokenAccount, now: number) => {
    const label = `Buy #${l.tokenId} for ${formatUsdt(l.price)}`;
    return payment.pay({ method, token, spender: market.address, value: l.price, now }, (p) =>
      p
        ? tx.send({ ...market, functionName: 'buyWithPermit', args: [l.id, l.price, p.deadline, p.v, p.r, p.s] }, { label, topics: TOPICS })
        : tx.send({ ...market, functionName: 'buy', args: [l.id, l.price] }, { label, topics: TOPICS }),
    );
  };

  const cancel = (id: bigint) =>
    run('sending', () => tx.send({ ...market, functionName: 'cancel', args: [id] }, { label: `Cancel listing ${id}`, topics: TOPICS }));

  const updatePrice = (id: bigint, price: bigint) =>
    run('sending', () =>
      tx.send({ ...market, functionName: 'updatePrice', args: [id, price] }, { label: `Change the price to ${formatUsdt(price)}`, topics: TOPICS }),
    );

  const cancelAll = () => run('sending', () => tx.send({ ...market, functionName: 'cancelAll', args: [] }, { label: 'Cancel all my listings', topics: TOPICS }));

  /**
   * Lists several NFTs in one call (`listMany`). Approval: all the wallet's NFTs only when chosen and
   * acknowledged behind the warning (one transaction); otherwise each token not yet approved, one by one.
   */
  const listMany = (items: { tokenId: bigint; price: bigint }[], durationDays: number, approveAll?: Pick<TxOptions, 'unlimitedAcknowledged'>) =>
    run('approving', async (): Promise<TxResult | undefined> => {
      const nft = contract('HashNFT');
      const owner = tx.account;
      if (owner && client) {
        const forAll = await client.readContract({ ...nft, functionName: 'isApprovedForAll', args: [owner, market.address] });
        if (!forAll && approveAll?.unlimitedAcknowledged) {
          const r = await tx.send({ ...nft, functionName: 'setApprovalForAll', args: [market.address, true] }, { label: 'Approve all your NFTs for the marketplace', topics: ['nft', 'market'], ...approveAll });
          if (r.status !== 'confirmed') return r;
        } else if (!forAll) {
          for (const { tokenId } of items) {
            const approved = await client.readContract({ ...nft, functionName: 'getApproved', args: [tokenId] });
            if (isAddressEqual(approved, market.address)) continue;
            const r = await tx.send({ ...nft, functionName: 'approve', args: [market.address, tokenId] }, { label: `Approve #${tokenId} for the marketplace`, topics: ['nft'] });
            if (r.status !== 'confirmed') return r;
          }
        }
      }
      setStep('sending');
      return tx.send(
        { ...market, functionName: 'listMany', args: [items.map((i) => i.tokenId), items.map((i) => i.price), BigInt(durationDays * DAY_SECONDS)] },
        { label: `List ${items.length} NFTs`, topics: TOPICS },
      );
    });

  return { step, list, listMany, approvePayment, buy, cancel, updatePrice, cancelAll };
}

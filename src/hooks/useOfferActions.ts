// Offers, acceptance, sweeps and bulk listing through the one transaction path. An offer's USDT is escrowed
// by the marketplace, so making one approves exactly the escrow first (usePayment's approval step), then
// sends. Accepting approves the one NFT (or all, only behind the warning), then accepts with the price the
// seller was shown as the minimum. Every call is simulated by the transactor before the wallet opens.
import { isAddressEqual } from 'viem';
import { useChainClient } from './useChainClient';
import { formatUnitDayPrice, formatUsdt } from '../lib/format';
import type { MarketListing } from '../lib/marketState';
import type { OfferKind } from '../lib/offers';
import type { Topic } from '../lib/queryKeys';
import { useContracts } from './useChainRead';
import { usePayment } from './usePayment';
import type { TokenAccount } from './useTokenAccount';
import { useTransactor, type TxOptions, type TxResult } from './useTransactor';
import { useSteps } from './useSteps';

const TOPICS: Topic[] = ['market', 'nft', 'portfolio', 'balances'];
export type OfferStep = 'idle' | 'approving' | 'signing' | 'sending';
const KIND_INDEX: Record<Exclude<OfferKind, 'token'>, number> = { product: 1, coin: 2 };

export function useOfferActions() {
  const tx = useTransactor();
  const { chainId, contract } = useContracts();
  const client = useChainClient(chainId);
  const steps = useSteps<OfferStep>('idle');
  const { step, setStep, run } = steps;
  const payment = usePayment(steps, { approving: 'approving', signing: 'signing', paying: 'sending' });
  const market = contract('Marketplace');

  /** Approves the marketplace for `amount` USDT when the allowance is short, then sends `send`. */
  const withAllowance = async (token: TokenAccount, amount: bigint, send: () => Promise<TxResult>) => {
    if (token.allowance < amount) {
      const r = await payment.approve(contract('USDT').address, market.address, amount, { label: `Approve ${formatUsdt(amount)}` });
      if (r.status !== 'confirmed') return r;
    }
    return run('sending', send);
  };

  const makeTokenOffer = (tokenId: bigint, amount: bigint, durationSeconds: number, token: TokenAccount) =>
    withAllowance(token, amount, () =>
      tx.send(
        { ...market, functionName: 'makeTokenOffer', args: [tokenId, amount, BigInt(durationSeconds)] },
        { label: `Offer ${formatUsdt(amount)} for #${tokenId}`, topics: TOPICS },
      ),
    );

  const makeProductOffer = (
    o: { kind: Exclude<OfferKind, 'token'>; target: bigint; pricePerUnitDay: bigint; units: bigint; minDays: number; maxDays: number; durationSeconds: number; escrow: bigint },
    token: TokenAccount,
  ) =>
    withAllowance(token, o.escrow, () =>
      tx.send(
        {
          ...market,
          functionName: 'makeProductOffer',
          args: [KIND_INDEX[o.kind], o.target, o.pricePerUnitDay, o.units, o.minDays, o.maxDays, BigInt(o.durationSeconds)],
        },
        { label: `Offer ${formatUnitDayPrice(o.pricePerUnitDay)} per unit per day for ${o.units} units`, topics: TOPICS },
      ),
    );

  /** Approves this one NFT if needed (all NFTs only when chosen and acknowledged), then accepts at no less than `minPrice`. */
  const accept = (offerId: bigint, tokenId: bigint, minPrice: bigint, approveAll?: Pick<TxOptions, 'unlimitedAcknowledged'>) =>
    run('approving', async (): Promise<TxResult | undefined> => {
      const nft = contract('HashNFT');
      const owner = tx.account;
      const send = () =>
        tx.send({ ...market, functionName: 'acceptOffer', args: [offerId, tokenId, minPrice] }, { label: `Sell #${tokenId} to offer ${offerId}`, topics: TOPICS });
      if (!owner || !client) return send();
      const [approved, forAll] = await Promise.all([
        client.readContract({ ...nft, functionName: 'getApproved', args: [tokenId] }),
        client.readContract({ ...nft, functionName: 'isApprovedForAll', args: [owner, market.address] }),
      ]);
      if (!forAll && !isAddressEqual(approved, market.address)) {
        const r = approveAll?.unlimitedAcknowledged
          ? await tx.send({ ...nft, functionName: 'setApprovalForAll', args: [market.address, true] }, { label: 'Approve all your NFTs for the marketplace', topics: ['nft', 'market'], ...approveAll })
          : await tx.send({ ...nft, functionName: 'approve', args: [market.address, tokenId] }, { label: `Approve #${tokenId} for the marketplace`, topics: ['nft'] });
        if (r.status !== 'confirmed') return r;
      }
      setStep('sending');
      return send();
    });

  const cancelOffer = (id: bigint) =>
    run('sending', () => tx.send({ ...market, functionName: 'cancelOffer', args: [id] }, { label: `Cancel offer ${id}`, topics: TOPICS }));

  /** Voids every offer of the account and returns the escrow of `refundIds` in the same transaction. */
  const cancelAllOffers = (refundIds: bigint[]) =>
    run('sending', () => tx.send({ ...market, functionName: 'cancelAllOffers', args: [refundIds] }, { label: 'Cancel all my offers', topics: TOPICS }));

  /** Buys these listings, none above the price shown, at most `maxTotal` in all (approving exactly that first). */
  const sweep = (items: MarketListing[], maxTotal: bigint, token: TokenAccount) =>
    withAllowance(token, maxTotal, () =>
      tx.send(
        { ...market, functionName: 'sweep', args: [items.map((l) => l.id), items.map((l) => l.price), maxTotal] },
        { label: `Sweep ${items.length} listings for at most ${formatUsdt(maxTotal)}`, topics: TOPICS },
      ),
    );

  return { step, makeTokenOffer, makeProductOffer, accept, cancelOffer, cancelAllOffers, sweep };
}

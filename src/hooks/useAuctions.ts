// Liquidation auctions (issue 13), readable without a wallet: every live auction (and every ended one
// waiting to be settled) with its frozen debt, bids, time left, what redeeming costs the borrower and what
// the borrower gets back at the current bid, with the pledged NFTs' appraisals; the rules (duration,
// extension, minimum step, penalty); and, for a connected wallet, the outbid bids refunded to it.
import { zeroAddress, type Address } from 'viem';
import { useChainRead } from './useChainRead';
import { blockTimestampCall } from './useChainTime';
import type { NftAppraisal } from './useLoans';

export const AuctionState = { None: 0, Live: 1, Ended: 2, Settled: 3, Redeemed: 4 } as const;

export interface AuctionView {
  loanId: bigint;
  borrower: Address;
  state: number;
  debt: bigint;
  firstBidder: Address;
  highestBidder: Address;
  highestBid: bigint;
  minNextBid: bigint;
  startedAt: number;
  endsAt: number;
  penalty: bigint;
  redeemAmount: bigint;
  surplusToBorrower: bigint;
  shortfall: bigint;
  tokenIds: bigint[];
  collateral: NftAppraisal[];
}

export interface AuctionRules {
  duration: number;
  extension: number;
  minStepBps: number;
  penaltyBps: number;
}

export interface AuctionsState {
  list: AuctionView[];
  rules: AuctionRules;
  readAt: number;
  /** outbid bids refunded to the connected wallet (newest first) */
  refunds: { loanId: bigint; amount: bigint; block: bigint }[];
}

export function useAuctions(me: Address | undefined) {
  return useChainRead({
    topic: 'loans',
    key: ['auctions', me],
    refetchInterval: 15_000,
    queryFn: async ({ client, contract, deployment }): Promise<AuctionsState> => {
      const auctions = contract('LoanAuctions');
      const [ids, params, readAt] = await client.multicall({
        allowFailure: false,
        contracts: [{ ...auctions, functionName: 'liveAuctions' }, { ...auctions, functionName: 'params' }, blockTimestampCall(deployment)],
      });
      const views = ids.length === 0 ? [] : await client.readContract({ ...auctions, functionName: 'auctionsOf', args: [ids] });
      const tokenIds = views.flatMap((v) => v.tokenIds);
      const appraisals = tokenIds.length === 0 ? [] : await client.readContract({ ...contract('LoanLens'), functionName: 'appraisals', args: [tokenIds] });
      const byToken = new Map(appraisals.map((a) => [a.tokenId, { ...a }]));
      const refunds =
        me === undefined || me === zeroAddress
          ? []
          : (await client.getContractEvents({ ...auctions, eventName: 'BidRefunded', args: { bidder: me }, fromBlock: 0n })).map((e) => ({
              loanId: e.args.loanId ?? 0n,
              amount: e.args.amount ?? 0n,
              block: e.blockNumber,
            }));
      return {
        list: views.map((v) => ({
          loanId: v.loanId,
          borrower: v.borrower,
          state: Number(v.state),
          debt: v.debt,
          firstBidder: v.firstBidder,
          highestBidder: v.highestBidder,
          highestBid: v.highestBid,
          minNextBid: v.minNextBid,
          startedAt: Number(v.startedAt),
          endsAt: Number(v.endsAt),
          penalty: v.penalty,
          redeemAmount: v.redeemAmount,
          surplusToBorrower: v.surplusToBorrower,
          shortfall: v.shortfall,
          tokenIds: [...v.tokenIds],
          collateral: v.tokenIds.flatMap((t) => byToken.get(t) ?? []),
        })),
        rules: { duration: Number(params[0]), extension: Number(params[1]), minStepBps: Number(params[2]), penaltyBps: Number(params[3]) },
        readAt: Number(readAt),
        refunds: refunds.reverse(),
      };
    },
  });
}

// Every open loan (for the liquidation list) and the wallet's own open loans, with everything the pages
// show: debt to this second, health factor, liquidation price, collateral NFTs with their appraisals and
// unclaimed rewards, the coin parameters and the current rates. Three batched round trips in all:
// ids and rates, then loan details and coin parameters, then per-NFT appraisals and rewards.
import { useQuery } from '@tanstack/react-query';
import { isAddressEqual, zeroAddress, type Address } from 'viem';
import { usePublicClient } from 'wagmi';
import { abis } from '../lib/contracts';
import { hmKey } from '../lib/queryKeys';
import { useAppChain } from './useAppChain';
import { blockTimestampCall } from './useChainTime';

export interface CoinLoanParams {
  maxLtvBps: number;
  liquidationThresholdBps: number;
  haircutBps: number;
  graceDays: number;
  borrowEnabled: boolean;
}

export interface NftAppraisal {
  tokenId: bigint;
  coin: number;
  hashrate: bigint;
  termEnd: bigint;
  remainingDays: bigint;
  /** reward-token base units x 1e6 per hashrate unit per day */
  avgDailyOutput: bigint;
  /** oracle answer, 8 decimals */
  price: bigint;
  grossValue: bigint;
  value: bigint;
  maxBorrow: bigint;
  liquidationValue: bigint;
}

export interface LoanView {
  id: bigint;
  borrower: Address;
  selfRepay: boolean;
  openedAt: number;
  due: number;
  /** from the second after this, anyone may liquidate whatever the health */
  liquidatableAfter: number;
  principal: bigint;
  debt: bigint;
  collateralValue: bigint;
  maxBorrow: bigint;
  borrowable: bigint;
  healthFactor: bigint;
  /** 8 decimals; 0 for mixed coins, max uint when no price keeps it healthy */
  liquidationPrice: bigint;
  liquidatable: boolean;
  tokenIds: bigint[];
  collateral: NftAppraisal[];
  /** unclaimed rewards per pledged NFT (in its coin), same order as tokenIds */
  unclaimed: bigint[];
}

export interface LoansState {
  open: LoanView[];
  mine: LoanView[];
  borrowRate: bigint;
  supplyRate: bigint;
  /** chain time of the read: debt grows from here at borrowRate */
  readAt: number;
  params: CoinLoanParams[];
}

const ACTIVE = 1;

export function useLoans(owner: Address | undefined) {
  const { chainId, deployment } = useAppChain();
  const client = usePublicClient({ chainId });
  return useQuery({
    queryKey: hmKey(chainId, 'loans', 'all', owner),
    enabled: Boolean(client),
    refetchInterval: 30_000,
    queryFn: async (): Promise<LoansState> => {
      const pool = { address: deployment.contracts.LoanPool, abi: abis.loanPoolAbi } as const;
      const rewards = { address: deployment.contracts.Rewards, abi: abis.rewardsAbi } as const;
      // The block's timestamp comes from the same multicall, so readAt is exactly when these figures were read.
      const [openIds, myIds, borrowRate, supplyRate, coinCount, readAt] = await client!.multicall({
        allowFailure: false,
        contracts: [
          { ...pool, functionName: 'openLoans' },
          { ...pool, functionName: 'loansOf', args: [owner ?? zeroAddress] },
          { ...pool, functionName: 'borrowRate' },
          { ...pool, functionName: 'supplyRate' },
          { ...rewards, functionName: 'coinCount' },
          blockTimestampCall(deployment),
        ],
      });
      const ids = [...new Set([...openIds, ...myIds])];
      // Both in the same round trip (the transport batches concurrent requests).
      const [details, params] = await Promise.all([
        client!.readContract({ ...pool, functionName: 'loanDetails', args: [ids] }),
        client!.multicall({
          allowFailure: false,
          contracts: Array.from({ length: Number(coinCount) }, (_, i) => ({ ...pool, functionName: 'coinParams', args: [i] }) as const),
        }),
      ]);
      const loanDetails = details.filter((d) => d.loan.status === ACTIVE);
      const tokenIds = loanDetails.flatMap((d) => d.loan.tokenIds);
      const [appraisals, [unclaimed]] =
        tokenIds.length === 0
          ? [[], [[]]]
          : await client!.multicall({
              allowFailure: false,
              contracts: [
                { ...pool, functionName: 'appraisals', args: [tokenIds] },
                { ...rewards, functionName: 'balancesOf', args: [tokenIds] },
              ],
            });
      const byToken = new Map(appraisals.map((a, i) => [a.tokenId, { a, unclaimed: unclaimed[i] }]));
      const views: LoanView[] = loanDetails.map((d) => ({
        id: d.loanId,
        borrower: d.loan.borrower,
        selfRepay: d.loan.selfRepay,
        openedAt: Number(d.loan.openedAt),
        due: Number(d.loan.due),
        liquidatableAfter: Number(d.loan.liquidatableAfter),
        principal: d.loan.principal,
        debt: d.debt,
        collateralValue: d.collateralValue,
        maxBorrow: d.maxBorrow,
        borrowable: d.borrowable,
        healthFactor: d.healthFactor,
        liquidationPrice: d.liquidationPrice,
        liquidatable: d.liquidatable,
        tokenIds: [...d.loan.tokenIds],
        collateral: d.loan.tokenIds.map((t) => ({ ...byToken.get(t)!.a })),
        unclaimed: d.loan.tokenIds.map((t) => byToken.get(t)?.unclaimed ?? 0n),
      }));
      return {
        open: views,
        mine: owner ? views.filter((v) => isAddressEqual(v.borrower, owner)) : [],
        borrowRate,
        supplyRate,
        readAt: Number(readAt),
        params: params.map((p) => ({ ...p })),
      };
    },
  });
}

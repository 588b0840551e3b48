// Every open loan (for the liquidation list) and the wallet's own open loans, with everything the pages
// show: debt to this second, health factor, liquidation price, collateral NFTs with their appraisals and
// unclaimed rewards, the coin parameters and the current rates. Three batched round trips in all:
// ids and rates, then loan details and coin parameters, then per-NFT appraisals and rewards. Pages that
// show no collateral (Portfolio, calendar) read the summaries alone, in the first two.
import { isAddressEqual, zeroAddress, type Address } from 'viem';
import { useChainRead, type ChainContext } from './useChainRead';
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
  /** The max LTV and haircut of each of its coins, fixed when the loan opened (a later change does not reach it). */
  terms: { coin: number; maxLtvBps: number; haircutBps: number }[];
  /**
   * A coin's price is stale or invalid: the pool can neither liquidate, auction, mark down nor write off the
   * loan. LoanLens then gives the health factor and collateral figures at the feed's latest answer (and
   * `liquidatable` false), with the refused round's time and the feed's staleness limit.
   */
  priceStale: boolean;
  /** when `priceStale`: the refused round's time (unix seconds) and the feed's limit (seconds); else 0 */
  priceUpdatedAt: number;
  maxPriceAge: number;
  /** Marked impaired (the vault counts it at `bookValue`, no interest); 0 if not. */
  impairedAt: number;
  /** From this second anyone may write it off if it is still liquidatable; 0 if not impaired. */
  writeOffAt: number;
  /** What the vault counts the loan at now: its debt, or the impaired book value. */
  bookValue: bigint;
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

/** A loan without its collateral's appraisals and rewards: what the Portfolio and the calendar show. */
export type LoanSummary = Omit<LoanView, 'collateral' | 'unclaimed'>;

export interface LoanSummaries extends Omit<LoansState, 'open' | 'mine'> {
  open: LoanSummary[];
  mine: LoanSummary[];
}

/** Ids, rates and the block time in one multicall, then every loan's details and the coin parameters. */
async function readLoanSummaries({ client, contract, deployment }: ChainContext, owner: Address | undefined): Promise<LoanSummaries> {
  const pool = contract('LoanPool');
  const rewards = contract('Rewards');
  // The block's timestamp comes from the same multicall, so readAt is exactly when these figures were read.
  const [openIds, myIds, borrowRate, supplyRate, coinCount, readAt, writeOffDelay] = await client.multicall({
    allowFailure: false,
    contracts: [
      { ...pool, functionName: 'openLoans' },
      { ...pool, functionName: 'loansOf', args: [owner ?? zeroAddress] },
      { ...pool, functionName: 'borrowRate' },
      { ...pool, functionName: 'supplyRate' },
      { ...rewards, functionName: 'coinCount' },
      blockTimestampCall(deployment),
      { ...pool, functionName: 'writeOffDelay' },
    ],
  });
  const ids = [...new Set([...openIds, ...myIds])];
  // Both in the same round trip (the transport batches concurrent requests).
  const coinIds = Array.from({ length: Number(coinCount) }, (_, i) => i);
  const [details, params, loanTerms, impairments] = await Promise.all([
    client.readContract({ ...contract('LoanLens'), functionName: 'loanDetails', args: [ids] }),
    client.multicall({
      allowFailure: false,
      contracts: coinIds.map((i) => ({ ...pool, functionName: 'coinParams', args: [i] }) as const),
    }),
    // Each loan keeps the max LTV and haircut of its coins from the moment it opened (zero for coins it has not).
    client.multicall({
      allowFailure: false,
      contracts: ids.flatMap((id) => coinIds.map((i) => ({ ...pool, functionName: 'loanTerms', args: [id, i] }) as const)),
    }),
    client.multicall({ allowFailure: false, contracts: ids.map((id) => ({ ...pool, functionName: 'impairment', args: [id] }) as const) }),
  ]);
  const open: LoanSummary[] = details
    .filter((d) => d.loan.status === ACTIVE)
    .map((d) => ({
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
      priceStale: d.priceStale,
      priceUpdatedAt: Number(d.priceUpdatedAt),
      maxPriceAge: Number(d.maxPriceAge),
      impairedAt: Number(impairments[ids.indexOf(d.loanId)]?.[0] ?? 0),
      writeOffAt: d.impaired ? Number(impairments[ids.indexOf(d.loanId)]?.[0] ?? 0) + writeOffDelay : 0,
      bookValue: d.bookValue,
      terms: coinIds.flatMap((coin) => {
        const t = loanTerms[ids.indexOf(d.loanId) * coinIds.length + coin];
        return t && t.maxLtvBps > 0 ? [{ coin, maxLtvBps: t.maxLtvBps, haircutBps: t.haircutBps }] : [];
      }),
    }));
  return {
    open,
    mine: owner ? open.filter((v) => isAddressEqual(v.borrower, owner)) : [],
    borrowRate,
    supplyRate,
    readAt: Number(readAt),
    params: params.map((p) => ({ ...p })),
  };
}

/** Every open loan and the owner's, with each pledged NFT's appraisal and unclaimed rewards (the Loans page). */
export function useLoans(owner: Address | undefined) {
  return useChainRead({
    topic: 'loans',
    key: ['all', owner],
    refetchInterval: 30_000,
    queryFn: async (ctx): Promise<LoansState> => {
      const { client, contract } = ctx;
      const summaries = await readLoanSummaries(ctx, owner);
      const tokenIds = summaries.open.flatMap((l) => l.tokenIds);
      // One round trip: the lens appraises a stale coin at its feed's latest answer instead of reverting.
      const [[appraisals], balances] =
        tokenIds.length === 0
          ? [[[]], [[]]] as const
          : await Promise.all([
              client.readContract({ ...contract('LoanLens'), functionName: 'appraisalsAtLatest', args: [tokenIds] }),
              client.readContract({ ...contract('Rewards'), functionName: 'balancesOf', args: [tokenIds] }),
            ]);
      const unclaimed = balances[0];
      const byToken = new Map(tokenIds.map((t, i) => [t, { a: appraisals[i] ? { ...appraisals[i] } : undefined, unclaimed: unclaimed[i] ?? 0n }]));
      const withCollateral = (l: LoanSummary): LoanView => {
        const collateral = l.tokenIds.flatMap((t) => {
          const a = byToken.get(t)?.a;
          return a ? [a] : [];
        });
        return { ...l, collateral, unclaimed: l.tokenIds.map((t) => byToken.get(t)?.unclaimed ?? 0n) };
      };
      return { ...summaries, open: summaries.open.map(withCollateral), mine: summaries.mine.map(withCollateral) };
    },
  });
}

/**
 * The same loans without the collateral appraisals and rewards, for pages that show a loan's debt, health
 * factor and due date only (Portfolio, calendar): two batched round trips instead of three.
 */
export function useLoanSummaries(owner: Address | undefined) {
  return useChainRead({
    topic: 'loans',
    key: ['summaries', owner],
    refetchInterval: 30_000,
    queryFn: (ctx) => readLoanSummaries(ctx, owner),
  });
}

/**
 * The pool's projection rule as governance set it: the least health factor (WAD) a loan may be projected to
 * have at its due date. The page's safe amounts and due dates use this figure, never a copy of the default.
 */
export function useLoanRules() {
  return useChainRead({
    topic: 'loans',
    key: ['rules'],
    staleTime: 60_000,
    queryFn: async ({ client, contract }) => {
      const bps = await client.readContract({ ...contract('LoanPool'), functionName: 'minDueHealthBps' });
      return { minDueHealth: BigInt(bps) * 10n ** 14n };
    },
  });
}

// Every open loan (for the liquidation list) and the wallet's own open loans, with everything the pages
// show: debt to this second, health factor, liquidation price, collateral NFTs with their appraisals and
// unclaimed rewards, the coin parameters and the current rates. Three batched round trips in all:
// ids and rates, then loan details and coin parameters, then per-NFT appraisals and rewards. Pages that
// show no collateral (Portfolio, calendar) read the summaries alone, in the first two.
import { isAddressEqual, zeroAddress, type Address } from 'viem';
import { appraiseAtFeedPrice } from '../lib/loanHealth';
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
   * A coin's price is stale or invalid: the pool can neither value nor liquidate the loan. The health factor
   * and collateral figures are then the page's estimate at the feed's latest answer (see `appraiseAtFeedPrice`).
   */
  priceStale: boolean;
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
      // One appraisal per NFT (one round trip): the lens refuses a stale price, which must not hide the rest.
      const [results, balances] =
        tokenIds.length === 0
          ? [[], [[]] as const]
          : await Promise.all([
              client.multicall({ allowFailure: true, contracts: tokenIds.map((id) => ({ ...contract('LoanLens'), functionName: 'appraisals', args: [[id]] }) as const) }),
              client.readContract({ ...contract('Rewards'), functionName: 'balancesOf', args: [tokenIds] }),
            ]);
      const unclaimed = balances[0];
      const fresh = new Map<bigint, NftAppraisal>();
      results.forEach((r, i) => {
        if (r.status === 'success' && r.result[0]) fresh.set(tokenIds[i], { ...r.result[0] });
      });
      const stale = tokenIds.filter((id) => !fresh.has(id));
      const estimates = stale.length ? await appraiseStale(ctx, stale, summaries.params, summaries.readAt) : new Map<bigint, NftAppraisal>();
      const byToken = new Map(tokenIds.map((t, i) => [t, { a: fresh.get(t) ?? estimates.get(t), unclaimed: unclaimed[i] ?? 0n }]));
      const withCollateral = (l: LoanSummary): LoanView => {
        const collateral = l.tokenIds.flatMap((t) => {
          const a = byToken.get(t)?.a;
          return a ? [a] : [];
        });
        const view = { ...l, collateral, unclaimed: l.tokenIds.map((t) => byToken.get(t)?.unclaimed ?? 0n) };
        if (!l.priceStale) return view;
        // The pool cannot value it: the page's estimate at the feed's latest answer, never liquidatable.
        const liq = collateral.reduce((s, a) => s + a.liquidationValue, 0n);
        return {
          ...view,
          collateralValue: collateral.reduce((s, a) => s + a.value, 0n),
          maxBorrow: collateral.reduce((s, a) => s + a.maxBorrow, 0n),
          healthFactor: l.debt === 0n ? l.healthFactor : (liq * 10n ** 18n) / l.debt,
          liquidatable: false,
        };
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

/**
 * Appraisals of NFTs whose coin price the pool refuses (stale or invalid), estimated at the feed's latest
 * answer exactly as the pool would value it if the price were fresh. Two extra round trips, only then.
 */
async function appraiseStale({ client, contract }: ChainContext, ids: bigint[], params: CoinLoanParams[], now: number): Promise<Map<bigint, NftAppraisal>> {
  const nft = contract('HashNFT');
  const positions = await client.multicall({ allowFailure: false, contracts: ids.map((id) => ({ ...nft, functionName: 'positionOf', args: [id] }) as const) });
  const coinIds = [...new Set(positions.map((p) => p[1]))];
  const [feeds, tokens, usdtDecimals] = await Promise.all([
    client.multicall({ allowFailure: false, contracts: coinIds.map((c) => ({ ...contract('OracleAdapter'), functionName: 'feedOf', args: [c] }) as const) }),
    client.multicall({ allowFailure: false, contracts: coinIds.map((c) => ({ ...contract('Rewards'), functionName: 'coinToken', args: [BigInt(c)] }) as const) }),
    client.readContract({ ...contract('USDT'), functionName: 'decimals' }),
  ]);
  const feedAbi = contract('BTC_USD').abi;
  const tokenAbi = contract('BTC').abi;
  const per = await client.multicall({
    allowFailure: true,
    contracts: coinIds.flatMap((c, i) => [
      { address: feeds[i]!.feed, abi: feedAbi, functionName: 'latestRoundData' } as const,
      { address: feeds[i]!.feed, abi: feedAbi, functionName: 'decimals' } as const,
      { address: tokens[i]![0], abi: tokenAbi, functionName: 'decimals' } as const,
      { ...contract('Rewards'), functionName: 'appraisalAverage', args: [c, BigInt(Math.min(7, Number(tokens[i]![1])))] } as const,
    ]),
  });
  const out = new Map<bigint, NftAppraisal>();
  ids.forEach((id, k) => {
    const [, coin, hashrate, start, termEnd] = positions[k]!;
    const i = coinIds.indexOf(coin);
    const [round, feedDecimals, coinDecimals, avg] = per.slice(i * 4, i * 4 + 4);
    const price = round?.status === 'success' ? (round.result as readonly bigint[])[1]! : 0n;
    const p = params[coin];
    const a = appraiseAtFeedPrice({
      hashrate,
      start,
      termEnd,
      now,
      avgDailyOutput: avg?.status === 'success' ? (avg.result as bigint) : 0n,
      price,
      coinDecimals: coinDecimals?.status === 'success' ? Number(coinDecimals.result) : 18,
      feedDecimals: feedDecimals?.status === 'success' ? Number(feedDecimals.result) : 8,
      usdtDecimals: Number(usdtDecimals),
      haircutBps: p?.haircutBps ?? 0,
      maxLtvBps: p?.maxLtvBps ?? 0,
      thresholdBps: p?.liquidationThresholdBps ?? 0,
    });
    out.set(id, { tokenId: id, coin, hashrate, termEnd, avgDailyOutput: avg?.status === 'success' ? (avg.result as bigint) : 0n, price: price > 0n ? price : 0n, ...a });
  });
  return out;
}

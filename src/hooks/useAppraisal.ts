// What a prospective loan would look like, before signing, in one batched read: each NFT's appraisal with
// its inputs, the most it can borrow, the longest it can run, the health factor now, the coin price that
// would liquidate it, and the projected health factor over the loan's life up to the due date (the
// collateral's remaining days shrink every day, so it drifts down even at a constant price).
import { keepPreviousData } from '@tanstack/react-query';
import { DAY_SECONDS } from '../lib/format';
import { samplePoints } from '../lib/loans';
import { useChainRead } from './useChainRead';
import type { NftAppraisal } from './useLoans';

export interface AppraisalPreview {
  appraisals: NftAppraisal[];
  total: { grossValue: bigint; value: bigint; maxBorrow: bigint; liquidationValue: bigint };
  maxBorrow: bigint;
  /** seconds */
  maxDuration: number;
  borrowRate: bigint;
  /** for `debt`; max uint without debt */
  healthFactor: bigint;
  /** 8 decimals; 0 for mixed coins or no debt, max uint if no price keeps it healthy */
  liquidationPrice: bigint;
  /** projected health factor at evenly spaced times up to the due date (the last point is the due date) */
  projection: { at: number; hf: bigint }[];
  due?: number;
}

/**
 * @param ids NFTs to pledge
 * @param debt the amount typed (0 when none)
 * @param durationDays chosen duration
 * @param now chain time (seconds); the read refreshes once a minute of chain time
 */
export function useAppraisal(ids: bigint[], debt: bigint, durationDays: number | undefined, now: number | undefined) {
  const minute = now === undefined ? undefined : Math.floor(now / 60) * 60;
  return useChainRead({
    topic: 'loans',
    key: ['appraisal', ids.map(String), String(debt), durationDays, minute],
    enabled: ids.length > 0 && minute !== undefined,
    placeholderData: keepPreviousData,
    queryFn: async ({ client, contract }): Promise<AppraisalPreview> => {
      if (minute === undefined) throw new Error('The chain time is not known yet.');
      const pool = contract('LoanPool');
      const lens = contract('LoanLens');
      const due = durationDays === undefined ? undefined : minute + durationDays * DAY_SECONDS;
      const points = due === undefined || debt === 0n ? [] : samplePoints(minute, due, 24);
      const [[appraisals, maxBorrow, maxDuration, borrowRate, healthFactor, liquidationPrice], projected] = await Promise.all([
        client.multicall({
          allowFailure: false,
          contracts: [
            { ...lens, functionName: 'appraisals', args: [ids] },
            { ...pool, functionName: 'maxBorrow', args: [ids] },
            { ...lens, functionName: 'maxDuration', args: [ids] },
            { ...pool, functionName: 'borrowRate' },
            { ...lens, functionName: 'previewHealthFactor', args: [ids, debt] },
            { ...lens, functionName: 'previewLiquidationPrice', args: [ids, debt] },
          ],
        }),
        client.multicall({
          allowFailure: false,
          contracts: points.map((t) => ({ ...lens, functionName: 'previewHealthFactorAt', args: [ids, debt, BigInt(t)] }) as const),
        }),
      ]);
      const list = appraisals.map((a) => ({ ...a }));
      const sum = (k: 'grossValue' | 'value' | 'maxBorrow' | 'liquidationValue') => list.reduce((s, a) => s + a[k], 0n);
      return {
        appraisals: list,
        total: { grossValue: sum('grossValue'), value: sum('value'), maxBorrow: sum('maxBorrow'), liquidationValue: sum('liquidationValue') },
        maxBorrow,
        maxDuration: Number(maxDuration),
        borrowRate,
        healthFactor,
        liquidationPrice,
        projection: points.map((at, i) => ({ at, hf: projected[i] })),
        due,
      };
    },
  });
}

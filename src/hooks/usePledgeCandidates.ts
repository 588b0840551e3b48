// The wallet's NFTs that could go into an open loan (a day or more left in their term), each with the
// pool's appraisal: what adding it would do to a loan's health. Two reads: the holdings (shared with the
// borrow form) and one `appraisals` call for all of them.
import type { Address } from 'viem';
import { DAY_SECONDS } from '../lib/format';
import { useChainRead } from './useChainRead';
import type { NftAppraisal } from './useLoans';
import { usePortfolio } from './usePortfolio';

export function usePledgeCandidates(owner: Address | undefined, now: number | undefined) {
  const portfolio = usePortfolio(owner);
  const ids = (portfolio.data ?? []).filter((h) => now !== undefined && Number(h.end) - now >= DAY_SECONDS).map((h) => h.id);
  return useChainRead({
    topic: 'loans',
    key: ['candidates', owner, ids.map(String)],
    enabled: ids.length > 0,
    queryFn: async ({ client, contract }): Promise<NftAppraisal[]> => {
      const list = await client.readContract({ ...contract('LoanLens'), functionName: 'appraisals', args: [ids] });
      return list.map((a) => ({ ...a }));
    },
  });
}

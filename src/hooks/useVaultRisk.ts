// The vault's loan risk for lenders (issue 13), from LoanLens in one round trip: bad debt written off so far,
// loans in auction with what the vault counts them at (min(frozen debt, highest bid) each), what it counts
// the impaired loans at (min(debt, appraisal) each, no interest), and the mark-downs anyone could make now
// (`pendingMarkDowns`): loans counted above what their collateral is worth, and the share price after them;
// and the impaired loans whose upside (priced into deposits) is out of date (`pendingUpsides`).
import { useChainRead } from './useChainRead';

export interface PendingMarkDowns {
  loanIds: bigint[];
  /** what the vault counts each loan at now, and after its mark-down */
  valueNow: bigint[];
  valueAfter: bigint[];
  totalAssets: bigint;
  totalAssetsAfter: bigint;
  /** USDT base units per whole share, now and after every pending mark-down */
  sharePrice: bigint;
  sharePriceAfter: bigint;
  /** loans that look liquidatable on a stale price: nobody can mark them down until it is updated */
  blockedByStalePrice: number;
}

/** Impaired loans whose recorded upside is out of date by more than 0.1% of the debt, and the entry price after. */
export interface PendingUpsides {
  loanIds: bigint[];
  upsideNow: bigint[];
  upsideAfter: bigint[];
  entrySharePrice: bigint;
  entrySharePriceAfter: bigint;
}

export interface VaultRisk {
  badDebtWrittenOff: bigint;
  loansInAuction: number;
  /** what the vault counts the loans in auction at */
  auctionBook: bigint;
  /** what the vault counts the impaired loans at */
  impairedBook: bigint;
  pending: PendingMarkDowns;
  upsides: PendingUpsides;
}

export function useVaultRisk() {
  return useChainRead({
    topic: 'vault',
    key: ['risk'],
    refetchInterval: 30_000,
    queryFn: async ({ client, contract }): Promise<VaultRisk> => {
      const lens = contract('LoanLens');
      const [[badDebtWrittenOff, loansInAuction, auctionBook, impairedBook], p, u] = await client.multicall({
        allowFailure: false,
        contracts: [
          { ...lens, functionName: 'vaultRisk' },
          { ...lens, functionName: 'pendingMarkDowns' },
          { ...lens, functionName: 'pendingUpsides' },
        ],
      });
      return {
        badDebtWrittenOff,
        loansInAuction: Number(loansInAuction),
        auctionBook,
        impairedBook,
        pending: { ...p, loanIds: [...p.loanIds], valueNow: [...p.valueNow], valueAfter: [...p.valueAfter], blockedByStalePrice: Number(p.blockedByStalePrice) },
        upsides: { ...u, loanIds: [...u.loanIds], upsideNow: [...u.upsideNow], upsideAfter: [...u.upsideAfter] },
      };
    },
  });
}

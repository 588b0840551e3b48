// The vault's loan risk for lenders (issue 13), from LoanLens.vaultRisk: bad debt written off so far, loans
// in auction with what the vault counts them at (min(frozen debt, highest bid) each), and what it counts the
// impaired loans at (min(debt, appraisal) each, no interest).
import { useChainRead } from './useChainRead';

export interface VaultRisk {
  badDebtWrittenOff: bigint;
  loansInAuction: number;
  /** what the vault counts the loans in auction at */
  auctionBook: bigint;
  /** what the vault counts the impaired loans at */
  impairedBook: bigint;
}

export function useVaultRisk() {
  return useChainRead({
    topic: 'vault',
    key: ['risk'],
    refetchInterval: 30_000,
    queryFn: async ({ client, contract }): Promise<VaultRisk> => {
      const [badDebtWrittenOff, loansInAuction, auctionBook, impairedBook] = await client.readContract({ ...contract('LoanLens'), functionName: 'vaultRisk' });
      return { badDebtWrittenOff, loansInAuction: Number(loansInAuction), auctionBook, impairedBook };
    },
  });
}

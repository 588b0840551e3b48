// The vault's loan risk for lenders (issue 13), from LoanLens.vaultRisk: bad debt written off so far,
// loans in auction and impaired loans with the value the vault counts them at.
import { useChainRead } from './useChainRead';

export interface VaultRisk {
  badDebtWrittenOff: bigint;
  loansInAuction: number;
  impairedLoans: number;
  bookOfImpaired: bigint;
}

export function useVaultRisk() {
  return useChainRead({
    topic: 'vault',
    key: ['risk'],
    refetchInterval: 30_000,
    queryFn: async ({ client, contract }): Promise<VaultRisk> => {
      const [badDebtWrittenOff, loansInAuction, impairedLoans, bookOfImpaired] = await client.readContract({ ...contract('LoanLens'), functionName: 'vaultRisk' });
      return { badDebtWrittenOff, loansInAuction: Number(loansInAuction), impairedLoans: Number(impairedLoans), bookOfImpaired };
    },
  });
}

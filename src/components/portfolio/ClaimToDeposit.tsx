// Placeholder until this section is built.
import type { Holding } from '../../hooks/usePortfolio';

export function ClaimToDeposit(_props: { holdings: Holding[] }) {
  return null;
}

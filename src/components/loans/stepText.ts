// What a loan button says while a loan action runs (approving each NFT, approving USDT, then the action).
import type { LoanStep } from '../../hooks/useLoanActions';

export function stepText(step: LoanStep): string | undefined {
  if (step.kind === 'idle') return undefined;
  if (step.kind === 'approving-nft') return `Approving #${step.tokenId} (${step.index} of ${step.count})…`;
  if (step.kind === 'approving') return 'Approving…';
  return step.what;
}

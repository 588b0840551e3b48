// How much an approval step grants: exactly what the action needs (the default), or, only when the user
// opts in and accepts the warning, an unlimited allowance / approval for all NFTs. The flag it passes to
// the transaction path (`unlimitedAcknowledged`) is what lets such an approval through useTransactor.
import { useCallback, useState } from 'react';
import { maxUint256 } from 'viem';

export type ApprovalScope = 'exact' | 'unlimited';

export function useApprovalScope() {
  const [scope, setScope] = useState<ApprovalScope>('exact');
  const [acknowledged, setAcknowledged] = useState(false);
  const choose = useCallback((s: ApprovalScope) => {
    setScope(s);
    setAcknowledged(false);
  }, []);
  const acknowledge = useCallback(() => setAcknowledged(true), []);
  const unlimited = scope === 'unlimited' && acknowledged;
  return {
    scope,
    choose,
    acknowledge,
    /** Unlimited was picked and the warning is waiting for an answer: nothing may be approved yet. */
    pending: scope === 'unlimited' && !acknowledged,
    /** Unlimited was picked and the warning accepted. */
    unlimited,
    /** The ERC-20 amount to approve: exactly `exact`, or 2^256-1 once unlimited was accepted. */
    amount: (exact: bigint) => (unlimited ? maxUint256 : exact),
    txOptions: { unlimitedAcknowledged: unlimited },
  };
}

export type ApprovalScopeState = ReturnType<typeof useApprovalScope>;

// Gas limits with headroom. A node's estimate is the exact minimum for the block it simulated in, and the
// same call can cost more one block later: LoanPool accrues interest (two storage writes) only when the
// block timestamp has moved since the last accrual, so an estimate taken in the same second as the previous
// transaction is a few thousand gas short once the transaction lands in the next second. Every write the
// app or the scripts send carries its estimate plus this margin; unused gas is not charged.

const HEADROOM_PERCENT = 25n;
const MIN_HEADROOM = 20_000n;

/** The gas limit to send for a call whose estimate is `estimate`: +25%, and at least +20,000. */
export function withGasHeadroom(estimate: bigint): bigint {
  if (estimate < 0n) throw new RangeError('A gas estimate cannot be negative.');
  const margin = (estimate * HEADROOM_PERCENT) / 100n;
  return estimate + (margin > MIN_HEADROOM ? margin : MIN_HEADROOM);
}

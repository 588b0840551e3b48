// Sentences for this area's custom errors, merged into the one error helper (src/lib/errors.ts).
// MiningPools.sol: amounts are USDT (6 decimals).
import type { Sentences } from '../errors';
import { formatAmount, formatDateTime } from '../format';

const usdt = (v: unknown) => (typeof v === 'bigint' ? `${formatAmount(v, 6, 2)} USDT` : String(v));

export const sentences: Sentences = {
  InvalidPool: (a) => `This pool cannot be created: ${String(a[0])}.`,
  UnknownPool: (a) => `Pool ${String(a[0])} does not exist.`,
  ZeroAmount: () => 'The amount must be more than zero.',
  PoolNotOpen: (a) => `Pool ${String(a[0])} no longer takes contributions: it has been bought or has failed.`,
  DeadlinePassed: (a) => `The pool's deadline passed ${formatDateTime(a[0] as bigint)}.`,
  HardCapReached: () => 'This pool has reached its hard cap: it takes no more contributions.',
  BelowMinimum: (a) => `The minimum contribution is ${usdt(a[0])} in total.`,
  AboveMaximum: (a) =>
    a[1] === 0n
      ? `Each member may put in at most ${usdt(a[0])}.`
      : `Each member may put in at most ${usdt(a[0])}; you have put in ${usdt(a[1])} already.`,
  TargetNotReached: (a) => `The pool has raised ${usdt(a[0])} of its ${usdt(a[1])} target, so it cannot buy yet.`,
  AlreadyFinalized: () => 'This pool has already bought its hash power.',
  SaleNotOpenYet: (a) => `The product's sale opens ${formatDateTime(a[0] as bigint)}; the pool can buy from then on.`,
  NotFailed: () => 'Refunds are only for pools that failed; this one has not.',
  NotFinalized: () => 'The pool has not bought its hash power yet.',
  NothingToRefund: () => 'You have nothing to refund from this pool (or you were refunded already).',
  NothingToClaim: () => 'There is nothing to claim right now.',
  UnexpectedNft: () => 'A pool only accepts the NFT it bought itself.',
};

// Sentences for this area's custom errors, merged into the one error helper (src/lib/errors.ts) through
// src/lib/sentences/index.ts. ZeroAmount and NothingToClaim are shared: see core.ts.
// MiningPools.sol: amounts are USDT (6 decimals).
import { formatDateTime, formatUsdt } from '../format';
import { big, type Sentences } from './types';

const usdt = (v: unknown) => formatUsdt(big(v));

export const sentences: Sentences = {
  InvalidPool: (a) => `This pool cannot be created: ${String(a[0])}.`,
  UnknownPool: (a) => `Pool ${String(a[0])} does not exist.`,
  PoolNotOpen: (a) => `Pool ${String(a[0])} no longer takes contributions: it has been bought or has failed.`,
  DeadlinePassed: (a) => `The pool's deadline passed ${formatDateTime(big(a[0]))}.`,
  HardCapReached: () => 'This pool has reached its hard cap: it takes no more contributions.',
  BelowMinimum: (a) => `The minimum contribution is ${usdt(a[0])} in total.`,
  AboveMaximum: (a) =>
    a[1] === 0n
      ? `Each member may put in at most ${usdt(a[0])}.`
      : `Each member may put in at most ${usdt(a[0])}; you have put in ${usdt(a[1])} already.`,
  TargetNotReached: (a) => `The pool has raised ${usdt(a[0])} of its ${usdt(a[1])} target, so it cannot buy yet.`,
  AlreadyFinalized: () => 'This pool has already bought its hash power.',
  SaleNotOpenYet: (a) => `The product's sale opens ${formatDateTime(big(a[0]))}; the pool can buy from then on.`,
  NotFailed: () => 'Refunds are only for pools that failed; this one has not.',
  NotFinalized: () => 'The pool has not bought its hash power yet.',
  NothingToRefund: () => 'You have nothing to refund from this pool (or you were refunded already).',
  UnexpectedNft: () => 'A pool only accepts the NFT it bought itself.',
};

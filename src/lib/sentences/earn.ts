// Sentences for this area's custom errors, merged into the one error helper (src/lib/errors.ts)
// through src/lib/sentences/index.ts. ZeroAmount and NothingToClaim are shared: see core.ts.
// TermDeposits, plus the Rewards errors that claim-into-deposit can meet.
import { argText as n, type Args, type Sentences } from './types';

const day = (v: unknown) =>
  new Date(Number(v) * 1000).toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }) + ' UTC';

export const sentences: Sentences = {
  InsufficientReserve: () => "The interest reserve cannot cover this deposit's interest. Deposit less or choose a shorter term.",
  InvalidTerm: (a: Args) => `The term is invalid: ${String(a[0])}.`,
  UnknownTerm: (a: Args) => `Term ${n(a[0])} does not exist.`,
  TermInactive: () => 'This term takes no new deposits at the moment. Choose another term.',
  CapacityExceeded: () => 'This term does not have room for that much any more. Lower the amount to what is left.',
  ExceedsFreeReserve: () => 'That is more than the reserve no depositor has been promised.',
  UnknownPosition: (a: Args) => `Deposit ${n(a[0])} does not exist.`,
  NotPositionOwner: (a: Args) => `Deposit ${n(a[0])} belongs to another wallet.`,
  PositionClosed: (a: Args) => `Deposit ${n(a[0])} has already been withdrawn.`,
  NotMatured: (a: Args) => `This deposit matures ${day(a[0])}. Before then you can only withdraw early, without the interest.`,
  AlreadyMatured: (a: Args) => `This deposit matured ${day(a[0])}: withdraw it normally to get the interest too.`,
  NotRewards: () => 'Only the rewards contract can open a deposit from claimed rewards.',
  InvalidDepositData: () => 'The deposit term was not given correctly.',
  AssetMismatch: () => 'That term is in another asset than the rewards you are claiming. Choose a term of the same coin.',
  UnfundedCredit: () => 'The rewards did not arrive in the deposits contract, so no deposit was opened.',
  // Rewards.claimInto
  MixedCoins: () => 'All the NFTs must mine the same coin to put their rewards into one deposit.',
};

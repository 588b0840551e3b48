// Sentences for the governance contracts' errors (OpenZeppelin 5 Governor, TimelockController, ERC20Votes),
// merged into the one error helper (src/lib/errors.ts) through src/lib/sentences/index.ts.
import { PROPOSAL_STATES } from '../governance';
import { PAUSE_ACTIONS } from '../governanceActions';
import { argText as n, big, type Args, type Sentences } from './types';

const stateName = (v: unknown) => PROPOSAL_STATES[Number(v)] ?? `state ${n(v)}`;

/** The states a bitmap of ProposalState (bit i = state i) allows, in words: "Queued or Succeeded". */
function expected(bitmap: unknown): string {
  const bits = big(typeof bitmap === 'string' ? BigInt(bitmap) : bitmap);
  const names = PROPOSAL_STATES.filter((_, i) => (bits >> BigInt(i)) & 1n);
  return names.length ? names.join(' or ') : 'another state';
}

export const sentences: Sentences = {
  // PauseGuard (the guardian's emergency brake; LoanPool, Marketplace, ProductSale and MiningPools raise it)
  ActionPaused: (a: Args) =>
    `The guardian has paused ${PAUSE_ACTIONS[Number(a[0])]?.name ?? 'this action'} for now (the emergency brake). Repaying, withdrawing, claiming and cancelling still work; only a DAO vote resumes it.`,
  NotGuardian: () => 'Only the guardian (or the DAO through a proposal) can pause.',
  UnknownAction: (a: Args) => `There is no pausable action ${n(a[0])}.`,
  // Governor
  GovernorAlreadyCastVote: () => 'This account has already voted on this proposal. A vote cannot be changed or cast twice.',
  GovernorInsufficientProposerVotes: (a: Args) =>
    `Making a proposal takes ${n(a[2])} votes (in the token's smallest units); this account has ${n(a[1])}. Delegate more HASH to it first.`,
  GovernorUnexpectedProposalState: (a: Args) => `The proposal is ${stateName(a[1])}; this needs it ${expected(a[2])}.`,
  GovernorNonexistentProposal: () => 'There is no such proposal.',
  GovernorInvalidVoteType: () => 'A vote is for, against or abstain.',
  GovernorInvalidProposalLength: () => 'The proposal’s targets, values and calls do not line up.',
  GovernorRestrictedProposer: () => 'This description names another proposer: only that account can submit it.',
  GovernorOnlyExecutor: () => 'Only the timelock can do this, through a proposal.',
  GovernorNotQueuedProposal: () => 'The proposal is not queued yet. Queue it first.',
  GovernorAlreadyQueuedProposal: () => 'The proposal is already queued.',
  GovernorInvalidQuorumFraction: () => 'The quorum must be between 0% and 100% of the supply.',
  GovernorInvalidVotingPeriod: () => 'The voting period must be longer than zero.',
  // TimelockController
  TimelockUnexpectedOperationState: () => 'The timelock is not ready for this yet: the delay is not over, or the change already ran.',
  TimelockInsufficientDelay: (a: Args) => `The timelock delay must be at least ${n(a[1])} seconds.`,
  TimelockUnexecutedPredecessor: () => 'An earlier change this one depends on has not run yet.',
  TimelockUnauthorizedCaller: () => 'Only the timelock itself can do this, through a proposal.',
  TimelockInvalidOperationLength: () => 'The change’s targets, values and calls do not line up.',
  // ERC20Votes / ERC-5805
  ERC5805FutureLookup: () => 'Votes are counted at a moment that has not happened yet. Try again after the next block.',
  ERC6372InconsistentClock: () => 'The token and the governor keep different clocks.',
  VotesExpiredSignature: () => 'The signed delegation has expired. Sign again.',
  ERC20ExceededSafeSupply: () => 'That would mint more tokens than votes can count.',
  AccessControlUnauthorizedAccount: () => 'This account does not hold the role this needs.',
};

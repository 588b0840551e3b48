// Governance writes through the one transaction path (simulated first, so a refusal is said before the
// wallet opens): delegate, propose, vote (with an optional reason), queue and execute. Queue and execute
// take the proposal's own targets, values, calldatas and description hash, as OpenZeppelin 5's Governor does.
import type { Address, Hex } from 'viem';
import { SUPPORT, type Support } from '../lib/governance';
import type { ProposalAction } from '../lib/governanceActions';
import type { Topic } from '../lib/queryKeys';
import { useContracts } from './useChainRead';
import type { ProposalView } from './useGovernance';
import { useSteps } from './useSteps';
import { useTransactor } from './useTransactor';

/** A change that executes reaches the loans, market and deposits reads too. */
const TOPICS: Topic[] = ['governance', 'balances'];
const EXECUTE_TOPICS: Topic[] = ['governance', 'loans', 'market', 'deposits', 'protocol', 'vault'];

export type GovStep = 'idle' | 'delegating' | 'proposing' | 'voting' | 'queueing' | 'executing';

const short = (id: bigint) => `#${String(id).slice(0, 6)}…`;

export function useGovernanceActions() {
  const tx = useTransactor();
  const { contract } = useContracts();
  const { step, run } = useSteps<GovStep>('idle');
  const governor = contract('Governor');
  const token = contract('HASH');

  const delegate = (to: Address, self: boolean) =>
    run('delegating', () => tx.send({ ...token, functionName: 'delegate', args: [to] }, { label: self ? 'Delegate votes to yourself' : `Delegate votes to ${to}`, topics: TOPICS }));

  const propose = (actions: readonly ProposalAction[], description: string) =>
    run('proposing', () =>
      tx.send(
        { ...governor, functionName: 'propose', args: [actions.map((a) => a.target), actions.map((a) => a.value), actions.map((a) => a.calldata), description] },
        { label: 'Submit proposal', topics: TOPICS },
      ),
    );

  const vote = (p: ProposalView, support: Support, reason: string) =>
    run('voting', () =>
      tx.send(
        reason.trim()
          ? { ...governor, functionName: 'castVoteWithReason', args: [p.id, SUPPORT[support], reason.trim()] }
          : { ...governor, functionName: 'castVote', args: [p.id, SUPPORT[support]] },
        { label: `Vote ${support} on “${p.title}”`, topics: TOPICS },
      ),
    );

  const lifecycle = (p: ProposalView) =>
    [p.actions.map((a) => a.target), p.actions.map((a) => a.value), p.actions.map((a) => a.calldata as Hex), p.descriptionHash] as const;

  const queue = (p: ProposalView) =>
    run('queueing', () => tx.send({ ...governor, functionName: 'queue', args: lifecycle(p) }, { label: `Queue proposal ${short(p.id)}`, topics: TOPICS }));

  const execute = (p: ProposalView) =>
    run('executing', () => tx.send({ ...governor, functionName: 'execute', args: lifecycle(p) }, { label: `Execute proposal ${short(p.id)}`, topics: EXECUTE_TOPICS }));

  return { step, delegate, propose, vote, queue, execute, account: tx.account };
}

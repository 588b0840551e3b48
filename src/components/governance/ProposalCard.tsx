// One proposal: title, state, proposer, what it changes in words (before → after), votes against the
// quorum, what happens next and when, and the one action that fits its state: vote (for / against /
// abstain, with an optional reason), queue, or execute once the timelock's ETA has passed. Anything that
// cannot be done is said in words and the button stays disabled: nothing reaches the wallet.
import { useId, useState } from 'react';
import type { Address } from 'viem';
import { formatAmount, formatDateTime, shortAddress } from '../../lib/format';
import { executeRefusal, nextStep, STATE_TEXT, STATE_TONE, voteRefusal, type Clock, type Support } from '../../lib/governance';
import type { ProposalView } from '../../hooks/useGovernance';
import type { GovStep } from '../../hooks/useGovernanceActions';
import { ActionButton } from '../ActionButton';
import { Badge, RadioCards, inputClass } from '../ui';
import { VoteBars } from './VoteBars';

export interface ProposalVoter {
  hasVoted: boolean;
  weight: bigint;
}

const SUPPORT_OPTIONS = [
  ['for', 'For', 'Make this change'],
  ['against', 'Against', 'Keep things as they are'],
  ['abstain', 'Abstain', 'Count toward the quorum only'],
] as const;

export function ProposalCard({
  p,
  clock,
  now,
  token,
  account,
  voter,
  step,
  onVote,
  onQueue,
  onExecute,
}: {
  p: ProposalView;
  clock: Clock;
  now: number;
  token: { symbol: string; decimals: number };
  account: Address | undefined;
  voter: ProposalVoter | undefined;
  step: GovStep;
  onVote: (support: Support, reason: string) => Promise<unknown>;
  onQueue: () => Promise<unknown>;
  onExecute: () => Promise<unknown>;
}) {
  const titleId = useId();
  const [support, setSupport] = useState<Support>('for');
  const [reason, setReason] = useState('');
  const next = nextStep(p, clock, now);
  const testId = `proposal-${p.id}`;

  return (
    <article aria-labelledby={titleId} className="rounded-2xl border border-slate-800 bg-slate-900/70 p-4 sm:p-5" data-testid={testId}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h3 id={titleId} className="min-w-0 break-words text-lg font-semibold text-white">{p.title}</h3>
        <Badge tone={STATE_TONE[p.state]}>
          <span data-testid={`${testId}-state`}>{p.state}</span>
        </Badge>
      </div>
      <p className="mt-1 text-xs text-slate-400">
        Proposed by <span title={p.proposer} className="font-mono">{shortAddress(p.proposer)}</span> · {STATE_TEXT[p.state]}
        {next && (
          <>
            {' '}
            <span className="font-medium text-slate-200" data-testid={`${testId}-next`}>{next}</span>
          </>
        )}
      </p>

      <h4 className="mt-3 text-sm font-semibold text-slate-200">What it changes</h4>
      <ul className="mt-1 space-y-1 text-sm" data-testid={`${testId}-actions`}>
        {p.decoded.map((a, i) => (
          <li key={i} className={`break-words ${a.known ? 'text-slate-200' : 'text-amber-200'}`}>
            {!a.known && <span className="sr-only">Warning: </span>}
            {a.text}
          </li>
        ))}
      </ul>

      <h4 className="mt-3 text-sm font-semibold text-slate-200">Votes</h4>
      <div className="mt-1">
        <VoteBars tally={p.tally} quorum={p.quorum} token={token} testId={`${testId}-votes`} />
      </div>

      {(p.state === 'Active' || p.state === 'Pending') && account !== undefined && (
        <VoteForm p={p} voter={voter} token={token} step={step} support={support} setSupport={setSupport} reason={reason} setReason={setReason} onVote={onVote} />
      )}
      {p.state === 'Succeeded' && (
        <div className="mt-4">
          <ActionButton
            className="sm:w-auto"
            testId={`${testId}-queue`}
            state={{ connected: account !== undefined, loading: false, busy: step === 'queueing' ? 'Queueing…' : undefined, action: 'Queue for execution' }}
            onAction={() => void onQueue()}
          />
        </div>
      )}
      {p.state === 'Queued' && <ExecuteRow p={p} now={now} account={account} step={step} onExecute={onExecute} testId={testId} />}
    </article>
  );
}

function VoteForm({
  p,
  voter,
  token,
  step,
  support,
  setSupport,
  reason,
  setReason,
  onVote,
}: {
  p: ProposalView;
  voter: ProposalVoter | undefined;
  token: { symbol: string; decimals: number };
  step: GovStep;
  support: Support;
  setSupport: (s: Support) => void;
  reason: string;
  setReason: (s: string) => void;
  onVote: (support: Support, reason: string) => Promise<unknown>;
}) {
  const refusal = voter ? voteRefusal(p.state, voter.hasVoted, voter.weight) : undefined;
  const noteId = useId();
  const label = SUPPORT_OPTIONS.find(([v]) => v === support)![1];
  return (
    <div className="mt-4 rounded-xl border border-slate-800 bg-slate-950/40 p-3">
      {voter?.hasVoted ? null : (
        <>
          <RadioCards legend="Your vote" name={`support-${p.id}`} value={support} onChange={setSupport} options={SUPPORT_OPTIONS} />
          <label htmlFor={`reason-${p.id}`} className="mt-3 block text-sm font-medium text-slate-200">
            Reason <span className="font-normal text-slate-400">(optional, stored on chain with your vote)</span>
          </label>
          <textarea id={`reason-${p.id}`} rows={2} maxLength={500} className={`${inputClass} mt-1 text-sm`} value={reason} onChange={(e) => setReason(e.target.value)} />
        </>
      )}
      {voter && !voter.hasVoted && p.state === 'Active' && (
        <p className="mt-2 text-xs text-slate-400">Your vote counts {formatAmount(voter.weight, token.decimals, 2)} {token.symbol}: your voting power when the proposal was made.</p>
      )}
      {refusal && (
        <p id={noteId} className="mt-2 text-sm text-amber-200" data-testid={`proposal-${p.id}-vote-refusal`}>
          {refusal}
        </p>
      )}
      <div className="mt-3">
        <ActionButton
          className="sm:w-auto"
          testId={`proposal-${p.id}-vote`}
          state={{
            connected: true,
            loading: voter === undefined,
            busy: step === 'voting' ? 'Voting…' : undefined,
            blocked: voter?.hasVoted ? 'Already voted' : refusal ? 'Cannot vote' : undefined,
            action: `Vote ${label.toLowerCase()}`,
          }}
          onAction={() => void onVote(support, reason)}
        />
      </div>
    </div>
  );
}

function ExecuteRow({ p, now, account, step, onExecute, testId }: { p: ProposalView; now: number; account: Address | undefined; step: GovStep; onExecute: () => Promise<unknown>; testId: string }) {
  const refusal = executeRefusal(p.state, p.eta, now);
  return (
    <div className="mt-4 flex flex-col gap-2 sm:flex-row sm:items-center">
      <ActionButton
        className="sm:w-auto"
        testId={`${testId}-execute`}
        state={{
          connected: account !== undefined,
          loading: false,
          busy: step === 'executing' ? 'Executing…' : undefined,
          blocked: refusal ? 'Timelock running' : undefined,
          action: 'Execute',
        }}
        onAction={() => void onExecute()}
      />
      <p className="text-sm text-slate-300" data-testid={`${testId}-eta`}>
        {refusal ?? 'The timelock delay is over: anyone can execute it now.'} <span className="text-slate-400">(ETA {formatDateTime(p.eta)})</span>
      </p>
    </div>
  );
}

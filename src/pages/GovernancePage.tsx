// Governance: your voting power and delegation, every proposal (state, votes against the quorum, what it
// changes in words, what happens next) with vote / queue / execute, and a new proposal from typed forms.
// Readable without a wallet. The parts live in src/components/governance/.
import { useAccount } from 'wagmi';
import { useAppChain } from '../hooks/useAppChain';
import { useChainTime } from '../hooks/useChainTime';
import { knownContracts, useGovernance, useVoter } from '../hooks/useGovernance';
import { useGovernanceActions } from '../hooks/useGovernanceActions';
import { formatAmount, formatDuration } from '../lib/format';
import { PAGE_INTROS } from '../lib/pageHeaders';
import { NewProposal } from '../components/governance/NewProposal';
import { ProposalCard } from '../components/governance/ProposalCard';
import { VotingPower } from '../components/governance/VotingPower';
import { EmptyState, ErrorNote, IntroHeader, LoadingCards, StatBox } from '../components/ui';

export default function GovernancePage() {
  const { address } = useAccount();
  const { deployment } = useAppChain();
  const gov = useGovernance();
  const g = gov.data;
  const chainNow = useChainTime();
  const voter = useVoter(address, g?.proposals, g?.clock.now);
  const actions = useGovernanceActions();
  const now = chainNow ?? g?.readAt ?? 0;
  // On a timestamp clock the governor's "now" is the chain time, which ticks on the page between reads.
  const clock = g ? (g.clock.mode === 'timestamp' ? { ...g.clock, now: BigInt(Math.max(now, Number(g.clock.now))) } : g.clock) : undefined;
  const token = g?.token;
  const amount = (v: bigint) => (token ? `${formatAmount(v, token.decimals, 2)} ${token.symbol}` : '…');

  return (
    <div>
      <IntroHeader page={PAGE_INTROS.governance} />
      {gov.isError && <ErrorNote>Could not read the DAO from the chain. It retries on its own.</ErrorNote>}

      <dl className="mb-5 grid grid-cols-2 gap-2 sm:grid-cols-4 sm:gap-4" aria-label="DAO settings">
        <StatBox label="Proposal threshold" value={g ? amount(g.threshold) : undefined} testId="gov-threshold" />
        <StatBox label="Quorum" value={g ? `${amount(g.quorumNow)}` : undefined} testId="gov-quorum" />
        <StatBox label="Voting period" value={g ? (g.clock.mode === 'timestamp' ? formatDuration(Number(g.votingPeriod)) : `${g.votingPeriod} blocks`) : undefined} />
        <StatBox label="Timelock delay" value={g ? formatDuration(Number(g.timelockDelay)) : undefined} testId="gov-delay" />
      </dl>

      <div className="space-y-8">
        <VotingPower account={address} voter={voter.data} token={token} step={actions.step} onDelegate={actions.delegate} />

        <section aria-labelledby="gov-proposals-title">
          <h2 id="gov-proposals-title" className="mb-3 text-xl font-semibold text-white">Proposals</h2>
          {!g || !clock || !token ? (
            <LoadingCards count={2} label="Loading proposals" cardClass="h-72" />
          ) : g.proposals.length === 0 ? (
            <EmptyState title="No proposals yet">Anyone with {amount(g.threshold)} of voting power can make the first one below.</EmptyState>
          ) : (
            <div className="space-y-4">
              {g.proposals.map((p) => (
                <ProposalCard
                  key={String(p.id)}
                  p={p}
                  clock={clock}
                  now={now}
                  token={token}
                  account={address}
                  voter={voter.data?.perProposal.get(String(p.id))}
                  step={actions.step}
                  onVote={(support, reason) => actions.vote(p, support, reason)}
                  onQueue={() => actions.queue(p)}
                  onExecute={() => actions.execute(p)}
                />
              ))}
            </div>
          )}
        </section>

        {g ? (
          <NewProposal
            g={g}
            contracts={knownContracts(deployment)}
            account={address}
            proposeVotes={voter.data?.proposeVotes}
            step={actions.step}
            onPropose={actions.propose}
          />
        ) : (
          <LoadingCards count={1} label="Loading the proposal form" cardClass="h-80" />
        )}
      </div>
    </div>
  );
}

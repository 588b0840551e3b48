// Governance: HashGovernor proposals (created, voted, queued, executed, cancelled), the timelock's calls
// (scheduled, executed, cancelled), the guardian's pauses, and every parameter change of the protocol's
// contracts as a gov_event row. Parameter events a product-line module already handles (FeeUpdated,
// TermAdded, TermUpdated) call govChange there: ponder allows one handler per event.
import { eq } from 'ponder';
import { ponder } from 'ponder:registry';
import { pauseState, proposal, timelockCall, vote } from 'ponder:schema';
import { addressOf } from '../deployment';
import { govChange, lower, protocolLog, record, type Db, type EventAt } from '../lib';

const hash = addressOf('HASH');

ponder.on('HashGovernor:ProposalCreated', async ({ event, context }) => {
  const a = event.args;
  await context.db.insert(proposal).values({
    id: a.proposalId,
    proposer: lower(a.proposer),
    targets: a.targets.map(lower).join(','),
    callValues: a.values.join(','),
    calldatas: a.calldatas.join(','),
    description: a.description,
    voteStart: a.voteStart,
    voteEnd: a.voteEnd,
    forVotes: 0n,
    againstVotes: 0n,
    abstainVotes: 0n,
    voters: 0,
    status: 'created',
    eta: null,
    createdAt: event.block.timestamp,
    queuedAt: null,
    executedAt: null,
    cancelledAt: null,
    txHash: event.transaction.hash,
  });
  await record(context.db, event, { account: a.proposer, kind: 'propose', asset: hash, amount: 0n, ref: a.proposalId });
});

async function castVote(db: Db, event: EventAt, a: { voter: `0x${string}`; proposalId: bigint; support: number; weight: bigint; reason: string }) {
  await db.insert(vote).values({
    id: event.id,
    proposalId: a.proposalId,
    voter: lower(a.voter),
    support: a.support,
    weight: a.weight,
    reason: a.reason,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
  });
  await db.update(proposal, { id: a.proposalId }).set((p) => ({
    againstVotes: p.againstVotes + (a.support === 0 ? a.weight : 0n),
    forVotes: p.forVotes + (a.support === 1 ? a.weight : 0n),
    abstainVotes: p.abstainVotes + (a.support === 2 ? a.weight : 0n),
    voters: p.voters + 1,
  }));
  await record(db, event, { account: a.voter, kind: 'vote', asset: hash, amount: a.weight, ref: a.proposalId });
}

ponder.on('HashGovernor:VoteCast', async ({ event, context }) => castVote(context.db, event, event.args));
ponder.on('HashGovernor:VoteCastWithParams', async ({ event, context }) => castVote(context.db, event, event.args));

ponder.on('HashGovernor:ProposalQueued', async ({ event, context }) => {
  await context.db.update(proposal, { id: event.args.proposalId }).set({ status: 'queued', eta: event.args.etaSeconds, queuedAt: event.block.timestamp });
});
ponder.on('HashGovernor:ProposalExecuted', async ({ event, context }) => {
  await context.db.update(proposal, { id: event.args.proposalId }).set({ status: 'executed', executedAt: event.block.timestamp });
});
ponder.on('HashGovernor:ProposalCanceled', async ({ event, context }) => {
  await context.db.update(proposal, { id: event.args.proposalId }).set({ status: 'cancelled', cancelledAt: event.block.timestamp });
});
ponder.on('HashGovernor:VotingDelaySet', async ({ event, context }) => govChange(context.db, event, 'HashGovernor', 'VotingDelaySet'));
ponder.on('HashGovernor:VotingPeriodSet', async ({ event, context }) => govChange(context.db, event, 'HashGovernor', 'VotingPeriodSet'));
ponder.on('HashGovernor:ProposalThresholdSet', async ({ event, context }) => govChange(context.db, event, 'HashGovernor', 'ProposalThresholdSet'));
ponder.on('HashGovernor:QuorumNumeratorUpdated', async ({ event, context }) => govChange(context.db, event, 'HashGovernor', 'QuorumNumeratorUpdated'));

ponder.on('Timelock:CallScheduled', async ({ event, context }) => {
  const a = event.args;
  await context.db.insert(timelockCall).values({
    id: `${a.id}-${a.index}`,
    opId: a.id,
    index: Number(a.index),
    target: lower(a.target),
    value: a.value,
    data: a.data,
    predecessor: a.predecessor,
    delay: a.delay,
    scheduledAt: event.block.timestamp,
    readyAt: event.block.timestamp + a.delay,
    status: 'scheduled',
    executedAt: null,
    cancelledAt: null,
  });
});
ponder.on('Timelock:CallExecuted', async ({ event, context }) => {
  const id = `${event.args.id}-${event.args.index}`;
  // A call executed without a schedule of its own is not possible on a TimelockController; guard anyway.
  const row = await context.db.find(timelockCall, { id });
  if (row) await context.db.update(timelockCall, { id }).set({ status: 'executed', executedAt: event.block.timestamp });
});
ponder.on('Timelock:Cancelled', async ({ event, context }) => {
  await context.db.sql.update(timelockCall).set({ status: 'cancelled', cancelledAt: event.block.timestamp }).where(eq(timelockCall.opId, event.args.id));
});
ponder.on('Timelock:MinDelayChange', async ({ event, context }) => govChange(context.db, event, 'Timelock', 'MinDelayChange'));

async function setPaused(db: Db, event: EventAt, action: number, by: `0x${string}`, paused: boolean) {
  await db.insert(pauseState).values({ action, paused, by: lower(by), updatedAt: event.block.timestamp }).onConflictDoUpdate({ paused, by: lower(by), updatedAt: event.block.timestamp });
}
ponder.on('PauseGuard:ActionPaused', async ({ event, context }) => {
  await setPaused(context.db, event, event.args.action, event.args.by, true);
  await govChange(context.db, event, 'PauseGuard', 'ActionPaused');
});
ponder.on('PauseGuard:ActionUnpaused', async ({ event, context }) => {
  await setPaused(context.db, event, event.args.action, event.args.by, false);
  await govChange(context.db, event, 'PauseGuard', 'ActionUnpaused');
});
ponder.on('PauseGuard:GuardianSet', async ({ event, context }) => govChange(context.db, event, 'PauseGuard', 'GuardianSet'));
ponder.on('OracleAdapter:FeedSet', async ({ event, context }) => govChange(context.db, event, 'OracleAdapter', 'FeedSet'));

// Parameter events of the product lines.
ponder.on('Marketplace:TreasuryUpdated', async ({ event, context }) => govChange(context.db, event, 'Marketplace', 'TreasuryUpdated'));
ponder.on('Marketplace:CustodianSet', async ({ event, context }) => govChange(context.db, event, 'Marketplace', 'CustodianSet'));
ponder.on('LoanPool:ParamsSet', async ({ event, context }) => govChange(context.db, event, 'LoanPool', 'ParamsSet'));
ponder.on('LoanPool:RateModelSet', async ({ event, context }) => govChange(context.db, event, 'LoanPool', 'RateModelSet'));
ponder.on('LoanPool:LiquidationThresholdScheduled', async ({ event, context }) => govChange(context.db, event, 'LoanPool', 'LiquidationThresholdScheduled'));
ponder.on('LoanPool:TreasurySet', async ({ event, context }) => govChange(context.db, event, 'LoanPool', 'TreasurySet'));
ponder.on('ProductSale:TreasurySet', async ({ event, context }) => govChange(context.db, event, 'ProductSale', 'TreasurySet'));
ponder.on('Rewards:OperatorSet', async ({ event, context }) => govChange(context.db, event, 'Rewards', 'OperatorSet'));

// Ownership (two-step), role and wiring changes of every contract: one gov_event each.
ponder.on('HashNFT:OwnershipTransferStarted', async ({ event, context }) => govChange(context.db, event, 'HashNFT', 'OwnershipTransferStarted'));
ponder.on('HashNFT:OwnershipTransferred', async ({ event, context }) => govChange(context.db, event, 'HashNFT', 'OwnershipTransferred'));
ponder.on('LiquidityVault:OwnershipTransferStarted', async ({ event, context }) => govChange(context.db, event, 'LiquidityVault', 'OwnershipTransferStarted'));
ponder.on('LiquidityVault:OwnershipTransferred', async ({ event, context }) => govChange(context.db, event, 'LiquidityVault', 'OwnershipTransferred'));
ponder.on('LoanAuctions:OwnershipTransferStarted', async ({ event, context }) => govChange(context.db, event, 'LoanAuctions', 'OwnershipTransferStarted'));
ponder.on('LoanAuctions:OwnershipTransferred', async ({ event, context }) => govChange(context.db, event, 'LoanAuctions', 'OwnershipTransferred'));
ponder.on('LoanPool:OwnershipTransferStarted', async ({ event, context }) => govChange(context.db, event, 'LoanPool', 'OwnershipTransferStarted'));
ponder.on('LoanPool:OwnershipTransferred', async ({ event, context }) => govChange(context.db, event, 'LoanPool', 'OwnershipTransferred'));
ponder.on('Marketplace:OwnershipTransferStarted', async ({ event, context }) => govChange(context.db, event, 'Marketplace', 'OwnershipTransferStarted'));
ponder.on('Marketplace:OwnershipTransferred', async ({ event, context }) => govChange(context.db, event, 'Marketplace', 'OwnershipTransferred'));
ponder.on('OracleAdapter:OwnershipTransferStarted', async ({ event, context }) => govChange(context.db, event, 'OracleAdapter', 'OwnershipTransferStarted'));
ponder.on('OracleAdapter:OwnershipTransferred', async ({ event, context }) => govChange(context.db, event, 'OracleAdapter', 'OwnershipTransferred'));
ponder.on('PauseGuard:OwnershipTransferStarted', async ({ event, context }) => govChange(context.db, event, 'PauseGuard', 'OwnershipTransferStarted'));
ponder.on('PauseGuard:OwnershipTransferred', async ({ event, context }) => govChange(context.db, event, 'PauseGuard', 'OwnershipTransferred'));
ponder.on('ProductSale:OwnershipTransferStarted', async ({ event, context }) => govChange(context.db, event, 'ProductSale', 'OwnershipTransferStarted'));
ponder.on('ProductSale:OwnershipTransferred', async ({ event, context }) => govChange(context.db, event, 'ProductSale', 'OwnershipTransferred'));
ponder.on('Rewards:OwnershipTransferStarted', async ({ event, context }) => govChange(context.db, event, 'Rewards', 'OwnershipTransferStarted'));
ponder.on('Rewards:OwnershipTransferred', async ({ event, context }) => govChange(context.db, event, 'Rewards', 'OwnershipTransferred'));
ponder.on('TermDeposits:OwnershipTransferStarted', async ({ event, context }) => govChange(context.db, event, 'TermDeposits', 'OwnershipTransferStarted'));
ponder.on('TermDeposits:OwnershipTransferred', async ({ event, context }) => govChange(context.db, event, 'TermDeposits', 'OwnershipTransferred'));
ponder.on('LoanPool:PauseGuardSet', async ({ event, context }) => govChange(context.db, event, 'LoanPool', 'PauseGuardSet'));
ponder.on('Marketplace:PauseGuardSet', async ({ event, context }) => govChange(context.db, event, 'Marketplace', 'PauseGuardSet'));
ponder.on('ProductSale:PauseGuardSet', async ({ event, context }) => govChange(context.db, event, 'ProductSale', 'PauseGuardSet'));
ponder.on('HashNFT:MinterSet', async ({ event, context }) => govChange(context.db, event, 'HashNFT', 'MinterSet'));
ponder.on('Rewards:LienSetterSet', async ({ event, context }) => govChange(context.db, event, 'Rewards', 'LienSetterSet'));
ponder.on('Rewards:RegistrarSet', async ({ event, context }) => govChange(context.db, event, 'Rewards', 'RegistrarSet'));
ponder.on('HashGovernor:TimelockChange', async ({ event, context }) => govChange(context.db, event, 'HashGovernor', 'TimelockChange'));
ponder.on('HashGovernor:EIP712DomainChanged', async ({ event, context }) => govChange(context.db, event, 'HashGovernor', 'EIP712DomainChanged'));
ponder.on('Timelock:CallSalt', async ({ event, context }) => govChange(context.db, event, 'Timelock', 'CallSalt'));
ponder.on('Timelock:RoleAdminChanged', async ({ event, context }) => govChange(context.db, event, 'Timelock', 'RoleAdminChanged'));
ponder.on('Timelock:RoleGranted', async ({ event, context }) => govChange(context.db, event, 'Timelock', 'RoleGranted'));
ponder.on('Timelock:RoleRevoked', async ({ event, context }) => govChange(context.db, event, 'Timelock', 'RoleRevoked'));
ponder.on('TermDeposits:ReserveWithdrawn', async ({ event, context }) => govChange(context.db, event, 'TermDeposits', 'ReserveWithdrawn'));

// Bookkeeping without a table of its own: liens on pledged NFTs' rewards, hashrate registered, outages,
// appraisal caps, pool harvests, reserves funded, vault-share approvals: one protocol_event each.
ponder.on('Rewards:LienSet', async ({ event, context }) => protocolLog(context.db, event, 'Rewards', 'LienSet'));
ponder.on('Rewards:LienPaid', async ({ event, context }) => protocolLog(context.db, event, 'Rewards', 'LienPaid'));
ponder.on('Rewards:HashrateRegistered', async ({ event, context }) => protocolLog(context.db, event, 'Rewards', 'HashrateRegistered'));
ponder.on('Rewards:OutageDeclared', async ({ event, context }) => protocolLog(context.db, event, 'Rewards', 'OutageDeclared'));
ponder.on('Rewards:AppraisalCapped', async ({ event, context }) => protocolLog(context.db, event, 'Rewards', 'AppraisalCapped'));
ponder.on('MiningPools:RewardsHarvested', async ({ event, context }) => protocolLog(context.db, event, 'MiningPools', 'RewardsHarvested'));
ponder.on('TermDeposits:ReserveFunded', async ({ event, context }) => protocolLog(context.db, event, 'TermDeposits', 'ReserveFunded'));
ponder.on('LiquidityVault:Approval', async ({ event, context }) => protocolLog(context.db, event, 'LiquidityVault', 'Approval'));

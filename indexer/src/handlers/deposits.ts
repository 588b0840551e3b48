// Term deposits: terms, positions opened and withdrawn.
import { ponder } from 'ponder:registry';
import { term, termDeposit } from 'ponder:schema';
import { govChange, lower, record } from '../lib';

ponder.on('TermDeposits:TermAdded', async ({ event, context }) => {
  const { termId, asset, durationDays, aprBps, capacity } = event.args;
  await context.db.insert(term).values({ id: termId, asset: lower(asset), durationDays, aprBps, capacity, active: true });
  await govChange(context.db, event, 'TermDeposits', 'TermAdded');
});

ponder.on('TermDeposits:TermUpdated', async ({ event, context }) => {
  await context.db.update(term, { id: event.args.termId }).set({ active: event.args.active, capacity: event.args.capacity });
  await govChange(context.db, event, 'TermDeposits', 'TermUpdated');
});

ponder.on('TermDeposits:Deposited', async ({ event, context }) => {
  const { positionId, owner, termId, principal, interest, maturity } = event.args;
  const t = await context.db.find(term, { id: termId });
  const asset = t?.asset ?? lower(event.log.address);
  await context.db.insert(termDeposit).values({
    id: positionId,
    owner: lower(owner),
    termId,
    asset,
    principal,
    interest,
    maturity,
    status: 'open',
    interestPaid: 0n,
    openedAt: event.block.timestamp,
    closedAt: null,
  });
  await record(context.db, event, { account: owner, kind: 'deposit', asset, amount: principal, ref: positionId });
});

ponder.on('TermDeposits:Withdrawn', async ({ event, context }) => {
  const { positionId, owner, principal, interestPaid } = event.args;
  const p = await context.db.update(termDeposit, { id: positionId }).set({ status: 'withdrawn', interestPaid, closedAt: event.block.timestamp });
  await record(context.db, event, { account: owner, kind: 'deposit-withdraw', asset: p.asset, amount: principal, ref: positionId, part: 'principal' });
  if (interestPaid > 0n) await record(context.db, event, { account: owner, kind: 'interest', asset: p.asset, amount: interestPaid, ref: positionId, part: 'interest' });
});

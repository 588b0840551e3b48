// Joint mining pools: created, contributions, finalized or cancelled, refunds, unspent money and rewards.
import { ponder } from 'ponder:registry';
import { nft, pool, poolMember } from 'ponder:schema';
import { addressOf } from '../deployment';
import { coinToken, lower, record } from '../lib';

const usdt = addressOf('USDT');

ponder.on('MiningPools:PoolCreated', async ({ event, context }) => {
  const a = event.args;
  await context.db.insert(pool).values({
    id: a.poolId,
    creator: lower(a.creator),
    productId: a.productId,
    units: a.units,
    target: a.target,
    hardCap: a.hardCap,
    deadline: a.deadline,
    raised: 0n,
    members: 0,
    status: 'open',
    tokenId: null,
    spent: null,
    createdAt: event.block.timestamp,
  });
  await record(context.db, event, { account: a.creator, kind: 'pool-create', asset: usdt, amount: a.target, ref: a.poolId });
});

ponder.on('MiningPools:Contributed', async ({ event, context }) => {
  const { poolId, member, amount, raised } = event.args;
  const id = `${poolId}-${lower(member)}`;
  // The contract counts a member once, however many times they contribute.
  const known = await context.db.find(poolMember, { id });
  await context.db.insert(poolMember).values({ id, poolId, member: lower(member), contribution: amount }).onConflictDoUpdate((m) => ({ contribution: m.contribution + amount }));
  await context.db.update(pool, { id: poolId }).set((p) => ({ raised, members: p.members + (known ? 0 : 1) }));
  await record(context.db, event, { account: member, kind: 'pool-contribute', asset: usdt, amount, ref: poolId });
});

ponder.on('MiningPools:PoolFinalized', async ({ event, context }) => {
  const { poolId, tokenId, spent } = event.args;
  await context.db.update(pool, { id: poolId }).set({ status: 'finalized', tokenId, spent });
  await context.db.update(nft, { id: tokenId }).set({ cost: spent });
});

ponder.on('MiningPools:PoolCancelled', async ({ event, context }) => {
  await context.db.update(pool, { id: event.args.poolId }).set({ status: 'cancelled' });
});

ponder.on('MiningPools:Refunded', async ({ event, context }) => {
  await record(context.db, event, { account: event.args.member, kind: 'pool-refund', asset: usdt, amount: event.args.amount, ref: event.args.poolId });
});

ponder.on('MiningPools:UnspentClaimed', async ({ event, context }) => {
  await record(context.db, event, { account: event.args.member, kind: 'pool-unspent', asset: usdt, amount: event.args.amount, ref: event.args.poolId });
});

ponder.on('MiningPools:RewardsClaimed', async ({ event, context }) => {
  const t = await coinToken(context.db, event.args.coin);
  if (!t) return;
  await record(context.db, event, { account: event.args.member, kind: 'claim', asset: t.address, amount: event.args.amount, ref: event.args.poolId });
});

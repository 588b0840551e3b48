// Loans against NFTs (LoanPool) and the liquidity vault that funds them (LiquidityVault, ERC-4626).
import { ponder } from 'ponder:registry';
import { loan, vaultFlow } from 'ponder:schema';
import { addressOf } from '../deployment';
import { coinToken, lower, record } from '../lib';

const usdt = addressOf('USDT');
/** LoanPool.LoanStatus, in its order. */
const LOAN_STATUS = ['none', 'open', 'repaid', 'liquidated', 'written-off'] as const;

ponder.on('LoanPool:LoanOpened', async ({ event, context }) => {
  const { loanId, borrower, ids, amount, due } = event.args;
  await context.db.insert(loan).values({
    id: loanId,
    borrower: lower(borrower),
    tokenIds: ids.join(','),
    borrowed: amount,
    debt: amount,
    repaid: 0n,
    due,
    status: 'open',
    selfRepay: false,
    openedAt: event.block.timestamp,
    closedAt: null,
  });
  await record(context.db, event, { account: borrower, kind: 'borrow', asset: usdt, amount, ref: loanId, tokenId: ids.length === 1 ? ids[0] : undefined });
});

ponder.on('LoanPool:BorrowedMore', async ({ event, context }) => {
  const l = await context.db.update(loan, { id: event.args.loanId }).set((r) => ({ borrowed: r.borrowed + event.args.amount, debt: event.args.debt }));
  await record(context.db, event, { account: l.borrower, kind: 'borrow', asset: usdt, amount: event.args.amount, ref: l.id });
});

ponder.on('LoanPool:Repaid', async ({ event, context }) => {
  const l = await context.db.update(loan, { id: event.args.loanId }).set((r) => ({ repaid: r.repaid + event.args.amount, debt: event.args.remainingDebt }));
  const self = lower(event.args.payer) === lower(addressOf('LoanPool'));
  await record(context.db, event, { account: l.borrower, kind: self ? 'self-repay' : 'repay', asset: usdt, amount: event.args.amount, ref: l.id });
});

ponder.on('LoanPool:Liquidated', async ({ event, context }) => {
  const l = await context.db.update(loan, { id: event.args.loanId }).set({ debt: 0n });
  await record(context.db, event, { account: l.borrower, kind: 'liquidated', asset: usdt, amount: event.args.debtPaid, ref: l.id, counterparty: event.args.liquidator, part: 'borrower' });
  await record(context.db, event, { account: event.args.liquidator, kind: 'liquidate', asset: usdt, amount: event.args.debtPaid, ref: l.id, counterparty: l.borrower, part: 'liquidator' });
});

ponder.on('LoanPool:BadDebtWrittenOff', async ({ event, context }) => {
  await context.db.update(loan, { id: event.args.loanId }).set({ status: 'written-off', debt: 0n });
});

ponder.on('LoanPool:LoanSettled', async ({ event, context }) => {
  await context.db.update(loan, { id: event.args.loanId }).set({ status: LOAN_STATUS[event.args.status] ?? 'settled', closedAt: event.block.timestamp });
});

ponder.on('LoanPool:SelfRepaySet', async ({ event, context }) => {
  await context.db.update(loan, { id: event.args.loanId }).set({ selfRepay: event.args.enabled });
});

/** Rewards of NFTs held as collateral, claimed through the pool: what reached the borrower is their reward. */
ponder.on('LoanPool:RewardsClaimed', async ({ event, context }) => {
  const l = await context.db.find(loan, { id: event.args.loanId });
  const t = await coinToken(context.db, event.args.coin);
  if (!l || !t) return;
  if (event.args.toBorrower > 0n) {
    await record(context.db, event, { account: l.borrower, kind: 'claim', asset: t.address, amount: event.args.toBorrower, ref: l.id, part: 'paid' });
  }
  if (event.args.converted > 0n) {
    await record(context.db, event, { account: l.borrower, kind: 'claim-converted', asset: t.address, amount: event.args.converted, ref: l.id, part: 'converted' });
  }
});

ponder.on('LiquidityVault:Deposit', async ({ event, context }) => {
  const { owner, assets, shares } = event.args;
  await context.db.insert(vaultFlow).values({ id: event.id, kind: 'deposit', account: lower(owner), assets, shares, timestamp: event.block.timestamp, txHash: event.transaction.hash });
  await record(context.db, event, { account: owner, kind: 'vault-deposit', asset: usdt, amount: assets });
});

ponder.on('LiquidityVault:Withdraw', async ({ event, context }) => {
  const { owner, assets, shares } = event.args;
  await context.db.insert(vaultFlow).values({ id: event.id, kind: 'withdraw', account: lower(owner), assets, shares, timestamp: event.block.timestamp, txHash: event.transaction.hash });
  await record(context.db, event, { account: owner, kind: 'vault-withdraw', asset: usdt, amount: assets });
});

ponder.on('LiquidityVault:Lent', async ({ event, context }) => {
  await context.db.insert(vaultFlow).values({ id: event.id, kind: 'lent', account: lower(event.args.to), assets: event.args.amount, shares: null, timestamp: event.block.timestamp, txHash: event.transaction.hash });
});

ponder.on('LiquidityVault:RepaymentReceived', async ({ event, context }) => {
  await context.db.insert(vaultFlow).values({ id: event.id, kind: 'repayment', account: null, assets: event.args.amount, shares: null, timestamp: event.block.timestamp, txHash: event.transaction.hash });
});

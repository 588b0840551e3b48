// Loans against NFTs (LoanPool): opened, borrowed more, repaid, collateral added and withdrawn, extended,
// refinanced, impaired, written off, liquidated through an auction (LoanAuctions: started, bid, outbid and
// refunded, redeemed, settled); and the liquidity vault that funds them (LiquidityVault, ERC-4626).
import { ponder } from 'ponder:registry';
import { auction, auctionBid, loan, loanTerms, vaultFlow } from 'ponder:schema';
import { and, eq } from 'ponder';
import { addressOf } from '../deployment';
import { coinToken, govChange, lower, protocolLog, record } from '../lib';

const usdt = addressOf('USDT');
/** LoanPool.LoanStatus, in its order. */
const LOAN_STATUS = ['none', 'open', 'repaid', 'liquidated', 'written-off', 'in-auction'] as const;
const idsOf = (ids: readonly bigint[]) => (ids.length === 1 ? ids[0] : undefined);

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
  await record(context.db, event, { account: borrower, kind: 'borrow', asset: usdt, amount, ref: loanId, tokenId: idsOf(ids) });
});

ponder.on('LoanPool:LoanTermsSet', async ({ event, context }) => {
  const { loanId, coin, maxLtvBps, haircutBps } = event.args;
  await context.db.insert(loanTerms).values({ id: `${loanId}-${coin}`, loanId, coin, maxLtvBps, haircutBps }).onConflictDoUpdate({ maxLtvBps, haircutBps });
});

ponder.on('LoanPool:CollateralAdded', async ({ event, context }) => {
  const { loanId, ids } = event.args;
  const l = await context.db.update(loan, { id: loanId }).set((r) => ({ tokenIds: [...r.tokenIds.split(',').filter(Boolean), ...ids.map(String)].join(',') }));
  await record(context.db, event, { account: l.borrower, kind: 'collateral-add', asset: usdt, amount: 0n, ref: loanId, tokenId: idsOf(ids) });
});

ponder.on('LoanPool:CollateralWithdrawn', async ({ event, context }) => {
  const { loanId, ids } = event.args;
  const out = new Set(ids.map(String));
  const l = await context.db.update(loan, { id: loanId }).set((r) => ({ tokenIds: r.tokenIds.split(',').filter((x) => x && !out.has(x)).join(',') }));
  await record(context.db, event, { account: l.borrower, kind: 'collateral-withdraw', asset: usdt, amount: 0n, ref: loanId, tokenId: idsOf(ids) });
});

ponder.on('LoanPool:LoanExtended', async ({ event, context }) => {
  const l = await context.db.update(loan, { id: event.args.loanId }).set({ due: event.args.newDue });
  await record(context.db, event, { account: l.borrower, kind: 'loan-extend', asset: usdt, amount: 0n, ref: l.id });
});

/** The old loan was repaid (its Repaid and LoanSettled come first) by the new one (its LoanOpened came first). */
ponder.on('LoanPool:Refinanced', async ({ event, context }) => {
  const { oldLoanId, newLoanId, newAmount } = event.args;
  const l = await context.db.update(loan, { id: oldLoanId }).set({ refinancedTo: newLoanId });
  await context.db.update(loan, { id: newLoanId }).set({ refinancedFrom: oldLoanId });
  await record(context.db, event, { account: l.borrower, kind: 'refinance', asset: usdt, amount: newAmount, ref: newLoanId });
});

ponder.on('LoanPool:LoanImpaired', async ({ event, context }) => {
  const { loanId, debt, bookValue } = event.args;
  const l = await context.db.update(loan, { id: loanId }).set({ impairedAt: event.block.timestamp, bookValue, debt });
  await record(context.db, event, { account: l.borrower, kind: 'loan-impaired', asset: usdt, amount: debt, ref: loanId });
});

/**
 * An impaired loan marked down as the price fell: the vault counts it at the lower book value from now on,
 * and the borrower's history gets a row with that count (the debt owed is unchanged).
 */
ponder.on('LoanPool:LoanMarkedDown', async ({ event, context }) => {
  const l = await context.db.update(loan, { id: event.args.loanId }).set({ bookValue: event.args.bookValue });
  await record(context.db, event, { account: l.borrower, kind: 'loan-marked-down', asset: usdt, amount: event.args.bookValue, ref: l.id });
});

/** An impaired loan's upside brought up to date (no history row: the borrower owes the same, nobody paid). */
ponder.on('LoanPool:LoanUpsideSet', async ({ event, context }) => {
  await context.db.update(loan, { id: event.args.loanId }).set({ upside: event.args.upside });
});

ponder.on('LoanPool:BorrowedMore', async ({ event, context }) => {
  const l = await context.db.update(loan, { id: event.args.loanId }).set((r) => ({ borrowed: r.borrowed + event.args.amount, debt: event.args.debt }));
  await record(context.db, event, { account: l.borrower, kind: 'borrow', asset: usdt, amount: event.args.amount, ref: l.id });
});

ponder.on('LoanPool:Repaid', async ({ event, context }) => {
  const before = await context.db.find(loan, { id: event.args.loanId });
  const l = await context.db.update(loan, { id: event.args.loanId }).set((r) => ({ repaid: r.repaid + event.args.amount, debt: event.args.remainingDebt }));
  // A redemption in auction: the pool's Repaid follows LoanAuctions' Redeemed, which recorded the payment.
  if (before?.status === 'in-auction') return;
  const self = lower(event.args.payer) === lower(addressOf('LoanPool'));
  await record(context.db, event, { account: l.borrower, kind: self ? 'self-repay' : 'repay', asset: usdt, amount: event.args.amount, ref: l.id });
});

/** The end of an auction that sold the NFTs (the pool's side; the winner's row is AuctionSettled's). */
ponder.on('LoanPool:Liquidated', async ({ event, context }) => {
  const before = await context.db.find(loan, { id: event.args.loanId });
  const l = await context.db.update(loan, { id: event.args.loanId }).set({ debt: 0n });
  await record(context.db, event, { account: l.borrower, kind: 'liquidated', asset: usdt, amount: event.args.debtPaid, ref: l.id, counterparty: event.args.liquidator, part: 'borrower' });
  if (before?.status !== 'in-auction') {
    await record(context.db, event, { account: event.args.liquidator, kind: 'liquidate', asset: usdt, amount: event.args.debtPaid, ref: l.id, counterparty: l.borrower, part: 'liquidator' });
  }
});

/** A write-off of an impaired loan (its LoanSettled follows), or an auction's shortfall below the frozen debt. */
ponder.on('LoanPool:BadDebtWrittenOff', async ({ event, context }) => {
  const l = await context.db.update(loan, { id: event.args.loanId }).set((r) => ({ writtenOff: (r.writtenOff ?? 0n) + event.args.debt, debt: 0n }));
  await record(context.db, event, { account: l.borrower, kind: 'loan-written-off', asset: usdt, amount: event.args.debt, ref: l.id });
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

// LoanAuctions: a defaulted loan's NFTs sold to the highest bidder, or redeemed by the borrower.
ponder.on('LoanAuctions:AuctionStarted', async ({ event, context }) => {
  const { loanId, bidder, bid, debt, endsAt } = event.args;
  const l = await context.db.update(loan, { id: loanId }).set({ status: 'in-auction', debt });
  await context.db.insert(auction).values({
    id: loanId,
    borrower: l.borrower,
    debt,
    firstBidder: lower(bidder),
    highestBidder: lower(bidder),
    highestBid: bid,
    bids: 1,
    startedAt: event.block.timestamp,
    endsAt,
    state: 'live',
  });
  await context.db.insert(auctionBid).values({ id: event.id, loanId, bidder: lower(bidder), amount: bid, endsAt, refunded: false, timestamp: event.block.timestamp, txHash: event.transaction.hash });
  await record(context.db, event, { account: bidder, kind: 'auction-start', asset: usdt, amount: bid, ref: loanId, counterparty: l.borrower, part: 'bidder' });
  await record(context.db, event, { account: l.borrower, kind: 'auction-started', asset: usdt, amount: debt, ref: loanId, counterparty: bidder, part: 'borrower' });
});

ponder.on('LoanAuctions:BidPlaced', async ({ event, context }) => {
  const { loanId, bidder, amount, endsAt } = event.args;
  await context.db.update(auction, { id: loanId }).set((a) => ({ highestBidder: lower(bidder), highestBid: amount, endsAt, bids: a.bids + 1 }));
  await context.db.insert(auctionBid).values({ id: event.id, loanId, bidder: lower(bidder), amount, endsAt, refunded: false, timestamp: event.block.timestamp, txHash: event.transaction.hash });
  await record(context.db, event, { account: bidder, kind: 'auction-bid', asset: usdt, amount, ref: loanId });
});

/** The previous highest bid returned: outbid, or the borrower redeemed. */
ponder.on('LoanAuctions:BidRefunded', async ({ event, context }) => {
  const { loanId, bidder, amount } = event.args;
  await context.db.sql
    .update(auctionBid)
    .set({ refunded: true })
    .where(and(eq(auctionBid.loanId, loanId), eq(auctionBid.bidder, lower(bidder)), eq(auctionBid.amount, amount), eq(auctionBid.refunded, false)));
  await record(context.db, event, { account: bidder, kind: 'auction-refund', asset: usdt, amount, ref: loanId });
});

ponder.on('LoanAuctions:Redeemed', async ({ event, context }) => {
  const { loanId, payer, debt, penalty, firstBidder } = event.args;
  await context.db.update(auction, { id: loanId }).set({ state: 'redeemed', penalty, closedAt: event.block.timestamp });
  await record(context.db, event, { account: payer, kind: 'auction-redeem', asset: usdt, amount: debt + penalty, ref: loanId, part: 'borrower' });
  if (penalty > 0n) await record(context.db, event, { account: firstBidder, kind: 'auction-penalty', asset: usdt, amount: penalty, ref: loanId, counterparty: payer, part: 'first-bidder' });
});

ponder.on('LoanAuctions:AuctionSettled', async ({ event, context }) => {
  const { loanId, winner, price, toVault, surplusToBorrower, shortfall } = event.args;
  const a = await context.db.update(auction, { id: loanId }).set({ state: 'settled', price, toVault, surplusToBorrower, shortfall, closedAt: event.block.timestamp });
  const l = await context.db.find(loan, { id: loanId });
  await record(context.db, event, { account: winner, kind: 'auction-won', asset: usdt, amount: price, ref: loanId, tokenId: l ? idsOf(l.tokenIds.split(',').filter(Boolean).map(BigInt)) : undefined, counterparty: a.borrower, part: 'winner' });
  if (surplusToBorrower > 0n) await record(context.db, event, { account: a.borrower, kind: 'auction-surplus', asset: usdt, amount: surplusToBorrower, ref: loanId, part: 'borrower' });
});

ponder.on('LoanAuctions:ParamsSet', async ({ event, context }) => govChange(context.db, event, 'LoanAuctions', 'ParamsSet'));

// The pool's other events: rules and wiring (governance), its conversion reserve and rescues (bookkeeping).
ponder.on('LoanPool:LoanRulesSet', async ({ event, context }) => govChange(context.db, event, 'LoanPool', 'LoanRulesSet'));
ponder.on('LoanPool:AuctionsSet', async ({ event, context }) => govChange(context.db, event, 'LoanPool', 'AuctionsSet'));
ponder.on('LoanPool:ReserveFunded', async ({ event, context }) => protocolLog(context.db, event, 'LoanPool', 'ReserveFunded'));
ponder.on('LoanPool:ReserveWithdrawn', async ({ event, context }) => govChange(context.db, event, 'LoanPool', 'ReserveWithdrawn'));
ponder.on('LoanPool:NftRescued', async ({ event, context }) => govChange(context.db, event, 'LoanPool', 'NftRescued'));
ponder.on('LoanValuation:ParamsSet', async ({ event, context }) => govChange(context.db, event, 'LoanValuation', 'ParamsSet'));
ponder.on('LoanValuation:LiquidationThresholdScheduled', async ({ event, context }) => govChange(context.db, event, 'LoanValuation', 'LiquidationThresholdScheduled'));

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

ponder.on('LiquidityVault:LoanPoolSet', async ({ event, context }) => govChange(context.db, event, 'LiquidityVault', 'LoanPoolSet'));
/** Vault shares moved between wallets (mints and burns are the Deposit and Withdraw above). */
ponder.on('LiquidityVault:Transfer', async ({ event, context }) => {
  const zero = '0x0000000000000000000000000000000000000000';
  if (event.args.from === zero || event.args.to === zero) return;
  await protocolLog(context.db, event, 'LiquidityVault', 'Transfer');
});

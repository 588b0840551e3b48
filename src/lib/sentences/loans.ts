// Sentences for this area's custom errors (LoanPool, LiquidityVault and the ERC-4626 limits it raises),
// merged into the one error helper (src/lib/errors.ts) through src/lib/sentences/index.ts.
import { DAY_SECONDS, formatDateTime, formatUsdt } from '../format';
import { argText as num, big, type Sentences } from './types';

const usdt = (v: unknown) => formatUsdt(big(v));
const days = (v: unknown) => Number(big(v)) / DAY_SECONDS;
const hf = (v: unknown) => (typeof v === 'bigint' ? (Number(v / 10n ** 14n) / 10_000).toFixed(2) : '?');

export const sentences: Sentences = {
  // LoanPool
  AboveMaxLtv: (a) => `You can borrow at most ${usdt(a[1])} against this collateral; you asked for ${usdt(a[0])}.`,
  NotBorrower: (a) => `Only the borrower of loan ${num(a[0])} can do this.`,
  LoanNotLiquidatable: (a) => `This loan is healthy (health factor ${hf(a[0])}) and not past its grace period, so it cannot be liquidated.`,
  LoanClosed: (a) => `Loan ${num(a[0])} is already closed.`,
  UnknownLoan: (a) => `Loan ${num(a[0])} does not exist.`,
  EmptyCollateral: () => 'Choose at least one NFT to pledge.',
  TooManyNfts: (a) => `A loan can hold at most ${num(a[1])} NFTs; you chose ${num(a[0])}.`,
  DurationTooShort: (a) => `A loan must run at least ${days(a[1])} day.`,
  InsufficientLiquidity: (a) => `The vault has only ${usdt(a[0])} idle right now; you asked for ${usdt(a[1])}.`,
  NotNftOwner: (a) => `You do not hold NFT #${num(a[0])}.`,
  CoinNotSupported: () => 'Borrowing against this coin is switched off.',
  LoanOverdue: (a) => `Loan ${num(a[0])} was due ${formatDateTime(big(a[1]))}; you can no longer borrow more on it.`,
  StalePrice: (a) => `The coin's price was last updated ${formatDateTime(big(a[1]))}, too long ago to lend against. Try again after the next update.`,
  InvalidPrice: () => 'The price feed returned no valid price; lending is paused until it does.',
  ConversionReserveTooLow: (a) => `The conversion reserve holds only ${usdt(a[0])}.`,
  LoanTooLong: (a) => `This collateral allows a loan of at most ${Math.floor(days(a[1]))} days.`,
  TokenInLoan: (a) => `NFT #${num(a[0])} is pledged in loan ${num(a[1])}.`,
  WriteOffNotAllowed: () => 'This loan cannot be written off: it is not past its grace period, or its collateral still covers the debt.',
  // Issue 13: projection rule, upkeep, impairment and write-off
  DueHealthTooLow: (a) => `At today's price and output the health factor at the due date would be ${hf(a[0])}, below the ${hf(a[1])} the pool requires. Borrow less, choose an earlier due date or add collateral.`,
  LoanInAuction: (a) => `Loan ${num(a[0])} is in a liquidation auction: only a bid, the borrower's redeem or the settlement can change it now.`,
  NotImpaired: (a) => `Loan ${num(a[0])} has not been marked as impaired yet, so it cannot be written off.`,
  AlreadyImpaired: (a) => `Loan ${num(a[0])} is already marked as impaired.`,
  NothingToMarkDown: (a) => `Loan ${num(a[0])} is already counted at ${usdt(a[1])}, no more than its collateral is worth now (${usdt(a[2])}), and its upside is up to date: there is nothing to mark down or update.`,
  WriteOffTooEarly: (a) => `This loan can be written off from ${formatDateTime(big(a[0]))}, when nobody has bid on it by then.`,
  LienPending: (a) => `NFT #${num(a[0])} still owes its previous borrower rewards for days not yet posted; it can be pledged once they are.`,
  TokenNotInLoan: (a) => `NFT #${num(a[0])} is not pledged in loan ${num(a[1])}.`,
  // LoanAuctions
  BidTooLow: (a) => `The bid of ${usdt(a[0])} is below the minimum of ${usdt(a[1])}.`,
  AuctionOver: (a) => `The auction ended at ${formatDateTime(big(a[0]))}: no more bids or redemption.`,
  AuctionNotOver: (a) => `The auction runs until ${formatDateTime(big(a[0]))}; it can be settled after that.`,
  NoLiveAuction: (a) => `Loan ${num(a[0])} has no auction running.`,
  AuctionExists: (a) => `Loan ${num(a[0])} is already in an auction: bid there instead.`,
  // LiquidityVault / ERC-4626
  NotLoanPool: () => 'Only the loan pool can borrow from the vault.',
  ERC4626ExceededMaxWithdraw: (a) => `You can withdraw at most ${usdt(a[2])} right now: the rest of the vault is lent out.`,
  ERC4626ExceededMaxRedeem: () => 'You cannot redeem that many shares right now: the rest of the vault is lent out.',
  ERC4626ExceededMaxDeposit: () => 'The vault does not accept that much right now.',
};

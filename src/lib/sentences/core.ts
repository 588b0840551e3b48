// Sentences for the errors of the contracts that have no area module of their own (ProductSale, Rewards,
// Marketplace, FaucetToken), the OpenZeppelin errors, and the names several contracts share (ZeroAmount,
// NothingToClaim): a name lives in exactly one map (src/lib/sentences/sentences.test.ts checks it).
import { DAY_SECONDS, formatDateTime } from '../format';
import { argText as n, big, type Sentences } from './types';

/** Sentences for the custom errors of our contracts and the OpenZeppelin ones they raise. */
export const sentences: Sentences = {
  // ProductSale
  UnknownProduct: (a) => `Product ${n(a[0])} does not exist.`,
  ZeroUnits: () => 'Buy at least one unit.',
  SaleNotStarted: (a) => `This sale has not started yet. It opens ${formatDateTime(big(a[0]))}.`,
  SaleEnded: (a) => `This sale ended ${formatDateTime(big(a[0]))}.`,
  SoldOut: () => 'This product is sold out.',
  ExceedsSupply: (a) => `Only ${n(a[1])} units are left; you asked for ${n(a[0])}.`,
  ExceedsWalletCap: (a) =>
    a[1] === 0n
      ? 'You have already bought the most this product allows per wallet.'
      : `Each wallet may buy a limited number of units: you can buy ${n(a[1])} more.`,
  InvalidProduct: (a) => `The product is invalid: ${String(a[0])}.`,
  // Rewards
  NotTokenOwner: (a) => `You do not own NFT #${n(a[0])}.`, // Rewards and Marketplace both use it
  NoTokens: () => 'Choose at least one NFT.',
  DayNotOver: () => 'Output for a day can only be posted once the day is over.',
  NotOperator: () => 'Only the reward operator can post mining output.',
  NothingToPost: () => 'There is no finished day to post output for.',
  UnknownCoin: (a) => `Coin ${n(a[0])} is not configured.`,
  // Marketplace
  ZeroPrice: () => 'The price must be more than zero.',
  DurationTooLong: (a) => `A listing can last at most ${Number(a[1]) / DAY_SECONDS} days.`,
  UnknownListing: (a) => `Listing ${n(a[0])} does not exist.`,
  InvalidListing: (a) => (Number(a[0]) === 1 ? 'This listing has already been sold.' : 'This listing was cancelled.'),
  ListingExpired: (a) => `This listing expired ${formatDateTime(big(a[0]))}.`,
  SellerNoLongerOwner: () => 'The seller no longer holds this NFT, so it cannot be bought.',
  MarketplaceNotApproved: () => 'The seller has not approved the marketplace for this NFT, so it cannot be bought.',
  NotSeller: () => 'Only the seller can change or cancel this listing.',
  PriceAboveMax: () => 'The seller raised the price after you opened this listing. Nothing was paid; check the new price.',
  BuyerIsSeller: () => 'This is your own listing.',
  FeeTooHigh: (a) => `The fee cannot exceed ${Number(a[1]) / 100}%.`,
  // FaucetToken
  FaucetDisabled: () => 'This token has no faucet on this chain.',
  FaucetCooldown: (a) => `The faucet gives once an hour. Try again after ${formatDateTime(big(a[0]))}.`,
  // Shared by several contracts (LoanPool, TermDeposits, MiningPools; Rewards and MiningPools): one sentence each
  ZeroAmount: () => 'The amount must be more than zero.',
  NothingToClaim: () => 'There is nothing to claim right now.',
  // OpenZeppelin
  ERC20InsufficientBalance: () => 'Your token balance is too low for this payment.',
  ERC20InsufficientAllowance: () => 'The approved amount is too small for this payment. Approve the exact amount first.',
  ERC2612ExpiredSignature: () => 'The signed permit has expired. Sign again.',
  ERC2612InvalidSigner: () => 'The permit was signed by a different account.',
  ERC721InvalidReceiver: () => 'That address is a contract that cannot receive NFTs. The NFT would be stuck there.',
  ERC721IncorrectOwner: () => 'You no longer own this NFT.',
  ERC721InsufficientApproval: () => 'You are not allowed to move this NFT.',
  ERC721NonexistentToken: (a) => `NFT #${n(a[0])} does not exist.`,
  ERC721InvalidSender: () => 'This NFT cannot be sent from that address.',
  OwnableUnauthorizedAccount: () => 'Only the protocol owner can do this.',
  ReentrancyGuardReentrantCall: () => 'The contract refused a nested call.',
};

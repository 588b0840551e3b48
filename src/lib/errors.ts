// The one error helper: turns anything a wallet, viem or a contract throws into words for people.
// - a rejection in the wallet is calm and changes nothing;
// - a contract's custom error is named and, where we wrote the contract, said as a sentence;
// - anything else keeps viem's short message, with the full details available to copy.
import {
  BaseError,
  ContractFunctionRevertedError,
  HttpRequestError,
  TimeoutError,
  UserRejectedRequestError,
} from 'viem';
import { formatDateTime } from './format';
import { sentences as earnSentences } from './sentences/earn';
import { sentences as loanSentences } from './sentences/loans';
import { sentences as poolSentences } from './sentences/pools';

export type ErrorKind = 'rejected' | 'revert' | 'network' | 'unknown';

export interface ErrorInfo {
  kind: ErrorKind;
  title: string;
  message: string;
  /** The whole technical message, for the "copy details" button. */
  details?: string;
  /** The custom error's name, when the contract gave one. */
  errorName?: string;
}

export type Args = readonly unknown[];
export type Sentences = Record<string, (a: Args) => string>;
const n = (v: unknown) => (typeof v === 'bigint' ? v.toLocaleString('en-US') : String(v));

/** Sentences for the custom errors of our contracts and the OpenZeppelin ones they raise. */
const CORE: Sentences = {
  // ProductSale
  UnknownProduct: (a) => `Product ${n(a[0])} does not exist.`,
  ZeroUnits: () => 'Buy at least one unit.',
  SaleNotStarted: (a) => `This sale has not started yet. It opens ${formatDateTime(a[0] as bigint)}.`,
  SaleEnded: (a) => `This sale ended ${formatDateTime(a[0] as bigint)}.`,
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
  DurationTooLong: (a) => `A listing can last at most ${Number(a[1]) / 86400} days.`,
  UnknownListing: (a) => `Listing ${n(a[0])} does not exist.`,
  InvalidListing: (a) => (Number(a[0]) === 1 ? 'This listing has already been sold.' : 'This listing was cancelled.'),
  ListingExpired: (a) => `This listing expired ${formatDateTime(a[0] as bigint)}.`,
  SellerNoLongerOwner: () => 'The seller no longer holds this NFT, so it cannot be bought.',
  MarketplaceNotApproved: () => 'The seller has not approved the marketplace for this NFT, so it cannot be bought.',
  NotSeller: () => 'Only the seller can change or cancel this listing.',
  PriceAboveMax: () => 'The seller raised the price after you opened this listing. Nothing was paid; check the new price.',
  BuyerIsSeller: () => 'This is your own listing.',
  FeeTooHigh: (a) => `The fee cannot exceed ${Number(a[1]) / 100}%.`,
  // FaucetToken
  FaucetDisabled: () => 'This token has no faucet on this chain.',
  FaucetCooldown: (a) => `The faucet gives once an hour. Try again after ${formatDateTime(a[0] as bigint)}.`,
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

/** Every contract's sentences; an area's module (src/lib/sentences/*) adds its own contract's errors. */
const SENTENCES: Sentences = { ...CORE, ...loanSentences, ...earnSentences, ...poolSentences };

function hasCode(e: unknown, code: number): boolean {
  return typeof e === 'object' && e !== null && 'code' in e && (e as { code: unknown }).code === code;
}

export function isUserRejection(error: unknown): boolean {
  if (hasCode(error, 4001)) return true;
  if (error instanceof BaseError) {
    return Boolean(error.walk((e) => e instanceof UserRejectedRequestError || hasCode(e, 4001)));
  }
  return false;
}

export function describeError(error: unknown): ErrorInfo {
  const details = error instanceof Error ? error.message : String(error);
  if (isUserRejection(error)) {
    return {
      kind: 'rejected',
      title: 'Request rejected',
      message: 'You rejected the request in your wallet. Nothing was sent and nothing changed.',
    };
  }
  if (error instanceof BaseError) {
    const revert = error.walk((e) => e instanceof ContractFunctionRevertedError);
    if (revert instanceof ContractFunctionRevertedError) {
      const name = revert.data?.errorName;
      const args = (revert.data?.args ?? []) as Args;
      if (name && name !== 'Error' && name !== 'Panic') {
        const sentence = SENTENCES[name]?.(args);
        return {
          kind: 'revert',
          title: 'The contract would refuse this',
          message: sentence ?? `${name}(${args.map(n).join(', ')})`,
          errorName: name,
          details,
        };
      }
      return {
        kind: 'revert',
        title: 'The contract would refuse this',
        message: revert.reason ?? revert.shortMessage,
        details,
      };
    }
    if (error.walk((e) => e instanceof HttpRequestError || e instanceof TimeoutError)) {
      return {
        kind: 'network',
        title: 'Network problem',
        message: 'The network node did not answer. Nothing was sent; try again in a moment.',
        details,
      };
    }
    return { kind: 'unknown', title: 'Something went wrong', message: error.shortMessage, details };
  }
  return { kind: 'unknown', title: 'Something went wrong', message: details.split('\n')[0] || 'Unknown error', details };
}

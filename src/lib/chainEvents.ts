// Which reads a block changes, from its logs. The chain watcher (src/hooks/useChainWatcher.ts) reads the
// logs of each new block range for the protocol's contracts, with a topic filter of the events listed
// here, and refreshes exactly the topics they map to. An event changes some topics for everyone (a
// listing changes the market) and some only for the accounts it names in an indexed field (a sale moves
// USDT to its seller: that wallet's balances), so a stranger's purchase does not refetch your wallet.
import { toEventSelector, type Abi, type AbiEvent, type Address, type Hex } from 'viem';
import type { ContractName, Deployment } from './chains';
import { abiOf } from './contracts';
import type { Topic } from './queryKeys';

/** What an event changes: `all` for everyone, `mine` also when it names the connected account. */
export interface EventRule {
  all: Topic[];
  mine?: Topic[];
}

type Rules = Record<string, EventRule>;

const LOANS: EventRule = { all: ['loans', 'vault'], mine: ['portfolio', 'balances'] };
const VAULT: EventRule = { all: ['vault', 'loans'], mine: ['balances'] };
const DEPOSITS: EventRule = { all: ['deposits'], mine: ['balances'] };
const POOLS: EventRule = { all: ['pools'], mine: ['balances'] };

/** Contract name (as in the deployment) -> the events the app reads (from its generated ABI), with what they change. */
const WATCHED: Partial<Record<ContractName, { events: Rules }>> = {
  Marketplace: {
    events: {
      Listed: { all: ['market'] },
      PriceUpdated: { all: ['market'] },
      Cancelled: { all: ['market'] },
      AllCancelled: { all: ['market'] },
      FeeUpdated: { all: ['market'] },
      // The NFT's Transfer in the same transaction moves it between portfolios.
      Sold: { all: ['market'], mine: ['balances'] },
      // Offers escrow USDT: making, accepting or cancelling one moves the buyer's (and seller's) balance.
      OfferMade: { all: ['market'], mine: ['balances'] },
      OfferAccepted: { all: ['market'], mine: ['balances'] },
      OfferCancelled: { all: ['market'], mine: ['balances'] },
      AllOffersCancelled: { all: ['market'] },
      SweepSkipped: { all: ['market'] },
      // The seller's reward tokens arrive inside a sale.
      SellerRewardsPaid: { all: ['nft'], mine: ['portfolio', 'balances'] },
    },
  },
  HashNFT: {
    events: {
      Transfer: { all: ['nft', 'market'], mine: ['portfolio'] },
      Approval: { all: ['nft', 'market'] },
      ApprovalForAll: { all: ['nft', 'market'] },
      // Read by the market's replay (an NFT's term end); its Transfer says the rest.
      PositionMinted: { all: [] },
    },
  },
  ProductSale: {
    events: {
      Purchased: { all: ['products'], mine: ['balances'] },
      ProductAdded: { all: ['products'] },
    },
  },
  Rewards: {
    events: {
      OutputPosted: { all: ['protocol', 'portfolio', 'nft', 'loans', 'pools'] },
      Claimed: { all: ['nft'], mine: ['portfolio', 'balances'] },
      CoinAdded: { all: ['protocol'] },
    },
  },
  LoanPool: {
    events: {
      LoanOpened: LOANS,
      BorrowedMore: LOANS,
      Repaid: LOANS,
      Liquidated: LOANS,
      BadDebtWrittenOff: LOANS,
      LoanSettled: LOANS,
      SelfRepaySet: LOANS,
      RewardsClaimed: LOANS,
      ParamsSet: { all: ['loans', 'governance'] },
      LiquidationThresholdScheduled: { all: ['loans', 'governance'] },
      RateModelSet: { all: ['loans', 'vault'] },
      CollateralAdded: LOANS,
      CollateralWithdrawn: LOANS,
      LoanExtended: LOANS,
      Refinanced: LOANS,
      LoanImpaired: LOANS,
      LoanRulesSet: { all: ['loans', 'governance'] },
    },
  },
  // Issue 13: liquidation auctions (bids refund the outbid bidder at once: their balance changes too).
  LoanAuctions: {
    events: {
      AuctionStarted: LOANS,
      BidPlaced: LOANS,
      BidRefunded: LOANS,
      Redeemed: LOANS,
      AuctionSettled: LOANS,
      ParamsSet: { all: ['loans', 'governance'] },
    },
  },
  LiquidityVault: {
    events: { Deposit: VAULT, Withdraw: VAULT, Lent: VAULT, RepaymentReceived: VAULT },
  },
  TermDeposits: {
    events: {
      Deposited: DEPOSITS,
      Withdrawn: DEPOSITS,
      ReserveFunded: { all: ['deposits'] },
      ReserveWithdrawn: { all: ['deposits'] },
      TermAdded: { all: ['deposits'] },
      TermUpdated: { all: ['deposits'] },
    },
  },
  // Governance: proposals and votes change the Governance page; an executed proposal can change any page's
  // parameters; delegation and HASH transfers change voting power.
  Governor: {
    events: {
      ProposalCreated: { all: ['governance'] },
      VoteCast: { all: ['governance'] },
      VoteCastWithParams: { all: ['governance'] },
      ProposalQueued: { all: ['governance'] },
      ProposalExecuted: { all: ['governance', 'loans', 'market', 'deposits', 'protocol', 'vault'] },
      ProposalCanceled: { all: ['governance'] },
    },
  },
  HASH: {
    events: {
      DelegateChanged: { all: ['governance'] },
      DelegateVotesChanged: { all: ['governance'] },
      Transfer: { all: [], mine: ['governance'] },
    },
  },
  MiningPools: {
    events: {
      PoolCreated: POOLS,
      Contributed: POOLS,
      PoolFinalized: { all: ['pools', 'products'] },
      PoolCancelled: POOLS,
      Refunded: POOLS,
      UnspentClaimed: POOLS,
      RewardsHarvested: POOLS,
      RewardsClaimed: POOLS,
    },
  },
};

/** Price feeds are deployed as `<COIN>_USD`: a new price changes the protocol's prices and every loan. */
const FEED = /_USD$/;
const FEED_RULES: Rules = { AnswerUpdated: { all: ['protocol', 'loans'] } };

export interface WatchPlan {
  /** contracts to ask eth_getLogs about */
  addresses: Address[];
  /** topic-0 filter: the events the app reads, nothing else */
  selectors: Hex[];
  /** `${address lowercase}:${selector}` -> what that event changes */
  rules: Map<string, EventRule>;
}

/** The contracts and events to watch on a deployment. */
export function watchPlan(d: Deployment): WatchPlan {
  const addresses: Address[] = [];
  const selectors = new Set<Hex>();
  const rules = new Map<string, EventRule>();
  for (const [name, address] of Object.entries(d.contracts) as [ContractName, Address][]) {
    const events = WATCHED[name]?.events ?? (FEED.test(name) ? FEED_RULES : undefined);
    if (!events) continue;
    addresses.push(address);
    for (const item of abiOf(name) as Abi) {
      if (item.type !== 'event' || !(item.name in events)) continue;
      const selector = toEventSelector(item as AbiEvent);
      selectors.add(selector);
      rules.set(`${address.toLowerCase()}:${selector}`, events[item.name]);
    }
  }
  return { addresses, selectors: [...selectors], rules };
}

/** A log as far as this module needs it. */
export interface LogHead {
  address: string;
  topics: readonly Hex[];
}

/** The topics that `logs` change, for a page whose wallet is `account` (if any). */
export function topicsOf(logs: readonly LogHead[], plan: WatchPlan, account?: Address): Topic[] {
  const out = new Set<Topic>();
  const me = account ? `0x${account.slice(2).toLowerCase().padStart(64, '0')}` : undefined;
  for (const log of logs) {
    const selector = log.topics[0];
    if (!selector) continue;
    const rule = plan.rules.get(`${log.address.toLowerCase()}:${selector.toLowerCase()}`);
    if (!rule) continue;
    for (const t of rule.all) out.add(t);
    if (rule.mine && me && log.topics.slice(1).some((t) => t.toLowerCase() === me)) for (const t of rule.mine) out.add(t);
  }
  // Anything that changed state can move the chain clock the pages count from (local time travel mines).
  if (out.size > 0) out.add('block');
  return [...out];
}

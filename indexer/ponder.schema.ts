// What the indexer stores. Amounts are token base units (bigint); `usd` columns are US dollars with 6
// decimals (USDT's scale), valued with the coin's price feed as it stood at the event. Times are unix
// seconds of the event's block. Every sort and filter the app offers has an index (see README: indexer).
// The browser does not import this file (it would pull in ponder): src/lib/indexerTables.ts describes
// the columns it reads.
import { index, onchainTable } from 'ponder';

/** A reward coin (Rewards.CoinAdded) and USDT: symbol, decimals and the price feed (null for USDT). */
export const token = onchainTable('token', (t) => ({
  address: t.hex().primaryKey(),
  coin: t.integer(),
  symbol: t.text().notNull(),
  unit: t.text(),
  decimals: t.integer().notNull(),
  feed: t.hex(),
}));

/** A price feed's latest answer (8 decimals). */
export const price = onchainTable('price', (t) => ({
  feed: t.hex().primaryKey(),
  answer: t.bigint().notNull(),
  updatedAt: t.bigint().notNull(),
}));

/** Every price a feed posted: what a coin was worth on a given day. */
export const priceRound = onchainTable(
  'price_round',
  (t) => ({
    id: t.text().primaryKey(),
    feed: t.hex().notNull(),
    answer: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
  }),
  (table) => ({ feedTime: index().on(table.feed, table.timestamp) }),
);

export const product = onchainTable('product', (t) => ({
  id: t.bigint().primaryKey(),
  name: t.text().notNull(),
  coin: t.integer().notNull(),
  hashratePerUnit: t.bigint().notNull(),
  pricePerUnit: t.bigint().notNull(),
  sold: t.bigint().notNull(),
}));

/** A hash-power NFT: what it is, who holds it, and what its holder paid for it (USDT, 6 decimals). */
export const nft = onchainTable(
  'nft',
  (t) => ({
    id: t.bigint().primaryKey(),
    owner: t.hex().notNull(),
    approved: t.hex(),
    productId: t.integer().notNull(),
    coin: t.integer().notNull(),
    hashrate: t.bigint().notNull(),
    start: t.bigint().notNull(),
    end: t.bigint().notNull(),
    mintedAt: t.bigint().notNull(),
    /** what the holder paid (primary sale, marketplace purchase or pool share); 0 for a gift */
    cost: t.bigint().notNull(),
    acquiredAt: t.bigint().notNull(),
    /** the latest listing of the token (Marketplace.listingOfToken) */
    listingId: t.bigint(),
    /** who holds it in the `holding` sense (not a marketplace pass-through or a pledge), and that row */
    holder: t.hex(),
    holdingId: t.text(),
    /** token offers ever made on it: only then does a move need to void any (no SQL per transfer) */
    tokenOffers: t.integer().notNull(),
    /** the transaction of its latest marketplace sale: its Transfer there is told by the sale's rows */
    saleTx: t.hex(),
    /** the event id and transaction of its latest plain transfer (the rows a Sold later in that transaction replaces) */
    moveId: t.text(),
    moveTx: t.hex(),
  }),
  (table) => ({ owner: index().on(table.owner) }),
);

/** A seller: whether the marketplace is approved for all of their NFTs, and their cancel-all counter. */
export const marketSeller = onchainTable('market_seller', (t) => ({
  owner: t.hex().primaryKey(),
  approved: t.boolean().notNull(),
  counter: t.bigint().notNull(),
}));

/** The marketplace's fee rate for new listings (one row, id 'fee'). */
export const marketFee = onchainTable('market_fee', (t) => ({
  id: t.text().primaryKey(),
  bps: t.integer().notNull(),
}));

/**
 * A listing through its whole life. `state` is what the contract stores (open, sold, cancelled); an open
 * listing is live while `ownerChanged` and `notApproved` are false and `expiresAt` is in the future, which
 * is the contract's `status` rule. The app still confirms on chain before offering it.
 */
export const listing = onchainTable(
  'listing',
  (t) => ({
    id: t.bigint().primaryKey(),
    seller: t.hex().notNull(),
    tokenId: t.bigint().notNull(),
    price: t.bigint().notNull(),
    expiresAt: t.bigint().notNull(),
    createdAt: t.bigint().notNull(),
    counter: t.bigint().notNull(),
    feeBps: t.integer().notNull(),
    productId: t.integer().notNull(),
    coin: t.integer().notNull(),
    hashrate: t.bigint().notNull(),
    termEnd: t.bigint().notNull(),
    /** price per hashrate unit, for the per-unit sort (USDT base units per unit, rounded down) */
    unitPrice: t.bigint().notNull(),
    state: t.text().notNull(),
    ownerChanged: t.boolean().notNull(),
    notApproved: t.boolean().notNull(),
    endedAt: t.bigint(),
  }),
  (table) => ({
    statePrice: index().on(table.state, table.price),
    stateUnitPrice: index().on(table.state, table.unitPrice),
    stateCreated: index().on(table.state, table.createdAt),
    // "Ending soonest" is expiresAt ascending, newest first among equal expiries: with the id in the index
    // the page is the index's first rows (a seeder batch of 2,000 listings shares one expiry, and without
    // it all of them were read and sorted: 97 ms at 100,000 on PGlite).
    stateExpires: index().on(table.state, table.expiresAt, table.id.desc()),
    stateTermEnd: index().on(table.state, table.termEnd),
    stateHashrate: index().on(table.state, table.hashrate),
    stateProductPrice: index().on(table.state, table.productId, table.price),
    stateCoinPrice: index().on(table.state, table.coin, table.price),
    seller: index().on(table.seller, table.state),
    token: index().on(table.tokenId),
  }),
);

export const sale = onchainTable(
  'sale',
  (t) => ({
    id: t.text().primaryKey(),
    listingId: t.bigint().notNull(),
    seller: t.hex().notNull(),
    buyer: t.hex().notNull(),
    tokenId: t.bigint().notNull(),
    price: t.bigint().notNull(),
    fee: t.bigint().notNull(),
    productId: t.integer().notNull(),
    coin: t.integer().notNull(),
    hashrate: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({ time: index().on(table.timestamp), productTime: index().on(table.productId, table.timestamp), tx: index().on(table.txHash) }),
);

/** One product's market on one UTC day: sales volume, and the lowest price per unit per day of term left among listings listed, repriced or sold that day. */
export const marketDay = onchainTable(
  'market_day',
  (t) => ({
    id: t.text().primaryKey(),
    day: t.integer().notNull(),
    productId: t.integer().notNull(),
    coin: t.integer().notNull(),
    volume: t.bigint().notNull(),
    sales: t.integer().notNull(),
    /** USD per hashrate unit per day of term left, lowest that day (listed, repriced or sold) */
    floor: t.doublePrecision(),
  }),
  (table) => ({ productDay: index().on(table.productId, table.day), day: index().on(table.day) }),
);

/**
 * A wallet's history: one row per thing that happened to an account, across every product line.
 * `amount` is in `asset` base units (`decimals`); `usd` is its value at the time (6 decimals).
 */
export const activity = onchainTable(
  'activity',
  (t) => ({
    id: t.text().primaryKey(),
    account: t.hex().notNull(),
    kind: t.text().notNull(),
    tokenId: t.bigint(),
    /** listing, loan, term-deposit position or pool id, by kind */
    ref: t.bigint(),
    asset: t.text().notNull(),
    decimals: t.integer().notNull(),
    amount: t.bigint().notNull(),
    usd: t.bigint(),
    counterparty: t.hex(),
    timestamp: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    txHash: t.hex().notNull(),
    logIndex: t.integer().notNull(),
  }),
  (table) => ({
    accountTime: index().on(table.account, table.timestamp),
    accountKind: index().on(table.account, table.kind, table.timestamp),
    token: index().on(table.tokenId),
    tx: index().on(table.txHash),
  }),
);

/** Rewards.OutputPosted: a coin's output per unit for a day, and the coin's price when posted. */
export const output = onchainTable('output', (t) => ({
  id: t.text().primaryKey(),
  coin: t.integer().notNull(),
  day: t.integer().notNull(),
  outputPerUnit: t.bigint().notNull(),
  activeHashrate: t.bigint().notNull(),
  funded: t.bigint().notNull(),
  usdPrice: t.bigint(),
  timestamp: t.bigint().notNull(),
}));

export const loan = onchainTable(
  'loan',
  (t) => ({
    id: t.bigint().primaryKey(),
    borrower: t.hex().notNull(),
    tokenIds: t.text().notNull(),
    borrowed: t.bigint().notNull(),
    debt: t.bigint().notNull(),
    repaid: t.bigint().notNull(),
    due: t.bigint().notNull(),
    /** open, in-auction, repaid, liquidated, written-off (LoanPool.LoanStatus) */
    status: t.text().notNull(),
    selfRepay: t.boolean().notNull(),
    openedAt: t.bigint().notNull(),
    closedAt: t.bigint(),
    /** LoanImpaired: when, and the book value the vault counts it at from then on (lowered by LoanMarkedDown) */
    impairedAt: t.bigint(),
    bookValue: t.bigint(),
    /** LoanUpsideSet: what the NFTs cover above the book value, up to the debt (priced into vault deposits) */
    upside: t.bigint(),
    /** BadDebtWrittenOff: the debt written off (a write-off, or an auction's shortfall) */
    writtenOff: t.bigint(),
    /** Refinanced: the loan that repaid this one, and the one this one repaid */
    refinancedTo: t.bigint(),
    refinancedFrom: t.bigint(),
  }),
  (table) => ({ borrower: index().on(table.borrower) }),
);

/** LoanTermsSet: the max LTV and haircut a loan keeps for one coin (LoanPool.loanTerms). */
export const loanTerms = onchainTable('loan_terms', (t) => ({
  id: t.text().primaryKey(),
  loanId: t.bigint().notNull(),
  coin: t.integer().notNull(),
  maxLtvBps: t.integer().notNull(),
  haircutBps: t.integer().notNull(),
}));

/** A LoanAuctions auction of a defaulted loan (keyed by loan id, one per loan): LoanAuctions.auctionOf. */
export const auction = onchainTable(
  'auction',
  (t) => ({
    id: t.bigint().primaryKey(),
    borrower: t.hex().notNull(),
    /** the loan's debt, frozen at the start */
    debt: t.bigint().notNull(),
    firstBidder: t.hex().notNull(),
    highestBidder: t.hex().notNull(),
    highestBid: t.bigint().notNull(),
    bids: t.integer().notNull(),
    startedAt: t.bigint().notNull(),
    endsAt: t.bigint().notNull(),
    /** live, redeemed, settled (an ended live auction awaiting settle stays live; compare endsAt) */
    state: t.text().notNull(),
    /** Redeemed: the penalty paid to the first bidder */
    penalty: t.bigint(),
    /** AuctionSettled */
    price: t.bigint(),
    toVault: t.bigint(),
    surplusToBorrower: t.bigint(),
    shortfall: t.bigint(),
    closedAt: t.bigint(),
  }),
  (table) => ({ state: index().on(table.state, table.endsAt), borrower: index().on(table.borrower) }),
);

/** Every bid of an auction, and whether it was refunded (outbid or redeemed). */
export const auctionBid = onchainTable(
  'auction_bid',
  (t) => ({
    id: t.text().primaryKey(),
    loanId: t.bigint().notNull(),
    bidder: t.hex().notNull(),
    amount: t.bigint().notNull(),
    endsAt: t.bigint().notNull(),
    refunded: t.boolean().notNull(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({ loan: index().on(table.loanId, table.amount), bidder: index().on(table.bidder) }),
);

export const term = onchainTable('term', (t) => ({
  id: t.bigint().primaryKey(),
  asset: t.hex().notNull(),
  durationDays: t.integer().notNull(),
  aprBps: t.integer().notNull(),
  capacity: t.bigint().notNull(),
  active: t.boolean().notNull(),
}));

export const termDeposit = onchainTable(
  'term_deposit',
  (t) => ({
    id: t.bigint().primaryKey(),
    owner: t.hex().notNull(),
    termId: t.bigint().notNull(),
    asset: t.hex().notNull(),
    principal: t.bigint().notNull(),
    interest: t.bigint().notNull(),
    maturity: t.bigint().notNull(),
    /** open or withdrawn */
    status: t.text().notNull(),
    interestPaid: t.bigint().notNull(),
    openedAt: t.bigint().notNull(),
    closedAt: t.bigint(),
  }),
  (table) => ({ owner: index().on(table.owner) }),
);

export const pool = onchainTable('pool', (t) => ({
  id: t.bigint().primaryKey(),
  creator: t.hex().notNull(),
  productId: t.bigint().notNull(),
  units: t.bigint().notNull(),
  target: t.bigint().notNull(),
  hardCap: t.bigint().notNull(),
  deadline: t.bigint().notNull(),
  raised: t.bigint().notNull(),
  members: t.integer().notNull(),
  /** open, finalized, cancelled */
  status: t.text().notNull(),
  tokenId: t.bigint(),
  spent: t.bigint(),
  createdAt: t.bigint().notNull(),
}));

/**
 * A member's cumulative contribution to a pool (MiningPools.memberOf): after finalization it is their
 * share of the pool NFT's rewards, contribution / raised.
 */
export const poolMember = onchainTable(
  'pool_member',
  (t) => ({
    id: t.text().primaryKey(),
    poolId: t.bigint().notNull(),
    member: t.hex().notNull(),
    contribution: t.bigint().notNull(),
  }),
  (table) => ({ member: index().on(table.member), pool: index().on(table.poolId) }),
);

/** Money in and out of the liquidity vault: deposits and withdrawals of lenders, loans out and repayments in. */
export const vaultFlow = onchainTable(
  'vault_flow',
  (t) => ({
    id: t.text().primaryKey(),
    kind: t.text().notNull(),
    account: t.hex(),
    assets: t.bigint().notNull(),
    shares: t.bigint(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({ time: index().on(table.timestamp) }),
);

/**
 * A marketplace offer (OfferMade) through its life. `state` is what the contract stores (open, filled,
 * cancelled); an open offer is void once its buyer's cancel-all counter passes `counter` (`voided`), a
 * token offer once its token has moved (`tokenMoved`), and any offer at `expiresAt`: the contract's
 * `offerStatus` rule. `price` is the whole amount (token offers) or USDT per unit per day (product, coin).
 */
export const offer = onchainTable(
  'offer',
  (t) => ({
    id: t.bigint().primaryKey(),
    buyer: t.hex().notNull(),
    /** token, product or coin */
    kind: t.text().notNull(),
    target: t.bigint().notNull(),
    price: t.bigint().notNull(),
    units: t.bigint().notNull(),
    unitsLeft: t.bigint().notNull(),
    minDays: t.integer().notNull(),
    maxDays: t.integer().notNull(),
    expiresAt: t.bigint().notNull(),
    escrow: t.bigint().notNull(),
    counter: t.bigint().notNull(),
    state: t.text().notNull(),
    voided: t.boolean().notNull(),
    tokenMoved: t.boolean().notNull(),
    fills: t.integer().notNull(),
    createdAt: t.bigint().notNull(),
    endedAt: t.bigint(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({
    buyer: index().on(table.buyer, table.createdAt),
    target: index().on(table.state, table.kind, table.target, table.price),
  }),
);

/** A buyer's offer cancel-all counter (Marketplace.offerCounterOf). */
export const offerBuyer = onchainTable('offer_buyer', (t) => ({
  buyer: t.hex().primaryKey(),
  counter: t.bigint().notNull(),
}));

/** One acceptance of an offer: an NFT sold to it (a product offer can be accepted several times). */
export const offerFill = onchainTable(
  'offer_fill',
  (t) => ({
    id: t.text().primaryKey(),
    offerId: t.bigint().notNull(),
    seller: t.hex().notNull(),
    buyer: t.hex().notNull(),
    tokenId: t.bigint().notNull(),
    price: t.bigint().notNull(),
    fee: t.bigint().notNull(),
    units: t.bigint().notNull(),
    productId: t.integer().notNull(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({ offer: index().on(table.offerId), time: index().on(table.timestamp) }),
);

/** A listing a sweep skipped, and why (Marketplace.SkipReason, 1 = sold … 8 = over the total). */
export const sweepSkip = onchainTable(
  'sweep_skip',
  (t) => ({
    id: t.text().primaryKey(),
    listingId: t.bigint().notNull(),
    buyer: t.hex().notNull(),
    reason: t.integer().notNull(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({ tx: index().on(table.txHash) }),
);

/**
 * A governance proposal (HashGovernor). `status` follows the events: created, queued, executed or
 * cancelled (pending/active/defeated/succeeded depend on the clock and the tally: the contract's `state`).
 * Actions are comma-separated targets and call values (wei), and the calldata hex strings joined by commas.
 */
export const proposal = onchainTable(
  'proposal',
  (t) => ({
    id: t.bigint().primaryKey(),
    proposer: t.hex().notNull(),
    targets: t.text().notNull(),
    callValues: t.text().notNull(),
    calldatas: t.text().notNull(),
    description: t.text().notNull(),
    voteStart: t.bigint().notNull(),
    voteEnd: t.bigint().notNull(),
    forVotes: t.bigint().notNull(),
    againstVotes: t.bigint().notNull(),
    abstainVotes: t.bigint().notNull(),
    voters: t.integer().notNull(),
    status: t.text().notNull(),
    eta: t.bigint(),
    createdAt: t.bigint().notNull(),
    queuedAt: t.bigint(),
    executedAt: t.bigint(),
    cancelledAt: t.bigint(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({ created: index().on(table.createdAt) }),
);

/** One vote on a proposal (support 0 against, 1 for, 2 abstain; weight in HASH base units). */
export const vote = onchainTable(
  'vote',
  (t) => ({
    id: t.text().primaryKey(),
    proposalId: t.bigint().notNull(),
    voter: t.hex().notNull(),
    support: t.integer().notNull(),
    weight: t.bigint().notNull(),
    reason: t.text().notNull(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({ proposal: index().on(table.proposalId), voter: index().on(table.voter) }),
);

/** One call of a timelock operation: scheduled (with its delay), then executed or cancelled. */
export const timelockCall = onchainTable(
  'timelock_call',
  (t) => ({
    id: t.text().primaryKey(),
    opId: t.hex().notNull(),
    index: t.integer().notNull(),
    target: t.hex().notNull(),
    value: t.bigint().notNull(),
    data: t.hex().notNull(),
    predecessor: t.hex().notNull(),
    delay: t.bigint().notNull(),
    scheduledAt: t.bigint().notNull(),
    readyAt: t.bigint().notNull(),
    /** scheduled, executed or cancelled */
    status: t.text().notNull(),
    executedAt: t.bigint(),
    cancelledAt: t.bigint(),
  }),
  (table) => ({ operation: index().on(table.opId) }),
);

/** The guardian's switch per action (PauseGuard.ActionPaused / ActionUnpaused): whether it is paused now. */
export const pauseState = onchainTable('pause_state', (t) => ({
  action: t.integer().primaryKey(),
  paused: t.boolean().notNull(),
  by: t.hex().notNull(),
  updatedAt: t.bigint().notNull(),
}));

/**
 * Every governance-side change as it happened: pauses and unpauses, and each parameter event of the
 * protocol's contracts (fees, treasuries, coin and loan parameters, rate model, terms, feeds, governor
 * settings, timelock delay). `args` is the event's arguments as JSON (bigints as decimal strings).
 */
export const govEvent = onchainTable(
  'gov_event',
  (t) => ({
    id: t.text().primaryKey(),
    contract: t.text().notNull(),
    name: t.text().notNull(),
    args: t.text().notNull(),
    timestamp: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({ time: index().on(table.timestamp), name: index().on(table.contract, table.name) }),
);

/**
 * The protocol's own bookkeeping events that are neither a wallet's history nor governance (liens,
 * hashrate registered, outages, appraisal caps, pool harvests, reserves, vault-share transfers), with
 * their arguments as JSON like gov_event, so every event the contracts emit has a row.
 */
export const protocolEvent = onchainTable(
  'protocol_event',
  (t) => ({
    id: t.text().primaryKey(),
    contract: t.text().notNull(),
    name: t.text().notNull(),
    args: t.text().notNull(),
    timestamp: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({ time: index().on(table.timestamp), name: index().on(table.contract, table.name) }),
);

/** Facts read once from the contracts: `genesis` (Rewards' day 0, unix seconds). */
export const meta = onchainTable('meta', (t) => ({
  key: t.text().primaryKey(),
  value: t.bigint().notNull(),
}));

/**
 * Who held an NFT when: one row per holder and stretch of time (`to` null while held). Moves through
 * the marketplace, a loan's pledge and back are not a change of holder; a sale or transfer is. Rewards
 * earned per day follow from it (an NFT earns its hashrate × each posted day's output inside its term).
 * `fromDay`/`toDay` are Rewards days (since genesis): the holder of day d is the one with fromDay ≤ d < toDay.
 */
export const holding = onchainTable(
  'holding',
  (t) => ({
    id: t.text().primaryKey(),
    account: t.hex().notNull(),
    tokenId: t.bigint().notNull(),
    from: t.bigint().notNull(),
    to: t.bigint(),
    fromDay: t.integer().notNull(),
    toDay: t.integer(),
  }),
  (table) => ({ account: index().on(table.account), token: index().on(table.tokenId, table.to) }),
);

// The kinds of activity the indexer records, as the page names them, and the filter groups.

export const KIND_TEXT: Record<string, string> = {
  purchase: 'Bought hash power',
  buy: 'Bought on the marketplace',
  sell: 'Sold on the marketplace',
  list: 'Listed',
  reprice: 'Changed the price',
  cancel: 'Cancelled a listing',
  'cancel-all': 'Cancelled all listings',
  'transfer-in': 'Received an NFT',
  'transfer-out': 'Sent an NFT',
  claim: 'Claimed rewards',
  'claim-converted': 'Rewards applied to a loan',
  borrow: 'Borrowed',
  repay: 'Repaid',
  'self-repay': 'Repaid from rewards',
  liquidated: 'Loan liquidated',
  liquidate: 'Liquidated a loan',
  'collateral-add': 'Added collateral',
  'collateral-withdraw': 'Withdrew collateral',
  'loan-extend': 'Extended a loan',
  refinance: 'Refinanced a loan',
  'loan-impaired': 'Loan impaired (in default)',
  'loan-marked-down': 'Loan marked down (the vault counts the collateral’s worth)',
  'loan-written-off': 'Debt written off',
  'auction-start': 'Started an auction (first bid)',
  'auction-started': 'Your loan went to auction',
  'auction-bid': 'Bid in an auction',
  'auction-refund': 'Bid refunded (outbid)',
  'auction-redeem': 'Redeemed your NFTs from auction',
  'auction-penalty': 'Redemption penalty received',
  'auction-won': 'Won an auction',
  'auction-surplus': 'Auction surplus received',
  'vault-deposit': 'Deposited into the vault',
  'vault-withdraw': 'Withdrew from the vault',
  deposit: 'Opened a term deposit',
  'deposit-withdraw': 'Withdrew a term deposit',
  interest: 'Interest paid',
  'pool-create': 'Created a pool',
  'pool-contribute': 'Contributed to a pool',
  'pool-refund': 'Pool refund',
  'pool-unspent': 'Pool change returned',
  offer: 'Made an offer',
  'offer-buy': 'Bought through an offer',
  'offer-sell': 'Sold to an offer',
  'offer-cancel': 'Cancelled an offer',
  'offer-refund': 'Offer escrow returned',
  'offers-cancel-all': 'Cancelled all offers',
  'sweep-skip': 'Skipped in a sweep',
  'sale-rewards': 'Rewards paid in a sale',
  propose: 'Made a proposal',
  vote: 'Voted',
};

export const GROUPS = [
  { key: 'all', label: 'Everything', kinds: [] as string[] },
  { key: 'trades', label: 'Purchases and sales', kinds: ['purchase', 'buy', 'sell', 'offer-buy', 'offer-sell', 'transfer-in', 'transfer-out'] },
  { key: 'offers', label: 'Offers', kinds: ['offer', 'offer-buy', 'offer-sell', 'offer-cancel', 'offer-refund', 'offers-cancel-all', 'sweep-skip'] },
  { key: 'rewards', label: 'Rewards', kinds: ['claim', 'sale-rewards', 'claim-converted', 'interest'] },
  { key: 'listings', label: 'Listings', kinds: ['list', 'reprice', 'cancel', 'cancel-all'] },
  {
    key: 'loans',
    label: 'Loans',
    kinds: ['borrow', 'repay', 'self-repay', 'claim-converted', 'collateral-add', 'collateral-withdraw', 'loan-extend', 'refinance', 'loan-impaired', 'loan-marked-down', 'loan-written-off', 'liquidated', 'liquidate'],
  },
  {
    key: 'auctions',
    label: 'Auctions',
    kinds: ['auction-start', 'auction-started', 'auction-bid', 'auction-refund', 'auction-redeem', 'auction-penalty', 'auction-won', 'auction-surplus', 'liquidated'],
  },
  { key: 'earn', label: 'Vault and deposits', kinds: ['vault-deposit', 'vault-withdraw', 'deposit', 'deposit-withdraw', 'interest'] },
  { key: 'pools', label: 'Pools', kinds: ['pool-create', 'pool-contribute', 'pool-refund', 'pool-unspent'] },
  { key: 'governance', label: 'Governance', kinds: ['propose', 'vote'] },
] as const;

export type GroupKey = (typeof GROUPS)[number]['key'];

/** Kinds whose `ref` is a loan id (the row names the loan). */
const LOAN_REF = new Set<string>([...GROUPS.find((g) => g.key === 'loans')!.kinds, ...GROUPS.find((g) => g.key === 'auctions')!.kinds]);
export const loanRef = (kind: string, ref: bigint | undefined) => (ref !== undefined && LOAN_REF.has(kind) ? `loan #${ref}` : undefined);

/** Rewards received from mining (what the rewards CSV lists). */
export const isReward = (kind: string) => kind === 'claim' || kind === 'sale-rewards';

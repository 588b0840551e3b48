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
  'vault-deposit': 'Deposited into the vault',
  'vault-withdraw': 'Withdrew from the vault',
  deposit: 'Opened a term deposit',
  'deposit-withdraw': 'Withdrew a term deposit',
  interest: 'Interest paid',
  'pool-create': 'Created a pool',
  'pool-contribute': 'Contributed to a pool',
  'pool-refund': 'Pool refund',
  'pool-unspent': 'Pool change returned',
};

export const GROUPS = [
  { key: 'all', label: 'Everything', kinds: [] as string[] },
  { key: 'trades', label: 'Purchases and sales', kinds: ['purchase', 'buy', 'sell', 'transfer-in', 'transfer-out'] },
  { key: 'rewards', label: 'Rewards', kinds: ['claim', 'claim-converted', 'interest'] },
  { key: 'listings', label: 'Listings', kinds: ['list', 'reprice', 'cancel', 'cancel-all'] },
  { key: 'loans', label: 'Loans', kinds: ['borrow', 'repay', 'self-repay', 'liquidated', 'liquidate'] },
  { key: 'earn', label: 'Vault and deposits', kinds: ['vault-deposit', 'vault-withdraw', 'deposit', 'deposit-withdraw', 'interest'] },
  { key: 'pools', label: 'Pools', kinds: ['pool-create', 'pool-contribute', 'pool-refund', 'pool-unspent'] },
] as const;

export type GroupKey = (typeof GROUPS)[number]['key'];

/** Rewards received from mining (what the rewards CSV lists). */
export const isReward = (kind: string) => kind === 'claim';

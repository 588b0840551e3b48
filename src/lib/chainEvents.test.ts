// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { encodeEventTopics, type Abi, type Address, type Hex } from 'viem';
import { hashNftAbi, liquidityVaultAbi, marketplaceAbi, priceFeedAbi, productSaleAbi, rewardsAbi } from '../abi/abis';
import type { Deployment } from './chains';
import { topicsOf, watchPlan } from './chainEvents';
import { eventSelectors, MARKET_EVENTS } from './marketLogs';

const A = (n: number) => `0x${n.toString(16).padStart(40, '0')}` as Address;
const deployment = {
  chainId: 31337,
  name: 'Test',
  rpcUrl: 'http://127.0.0.1:8545',
  local: true,
  startBlock: 0,
  owner: A(1),
  operator: A(1),
  treasury: A(1),
  guardian: A(2),
  timelockDelay: 3600,
  contracts: {
    USDT: A(10),
    BTC_USD: A(11),
    Rewards: A(12),
    HashNFT: A(13),
    ProductSale: A(14),
    Marketplace: A(15),
    TermDeposits: A(16),
    MiningPools: A(17),
    LiquidityVault: A(18),
    LoanPool: A(19),
    Multicall3: A(20),
    BTC: A(21),
    ETC: A(22),
    ETC_USD: A(23),
    FIL: A(24),
    FIL_USD: A(25),
    Timelock: A(26),
    HASH: A(27),
    Governor: A(28),
    PauseGuard: A(29),
    OracleAdapter: A(30),
    MarketLens: A(31),
    LoanAuctions: A(32),
    LoanLens: A(33),
    LoanValuation: A(34),
    PortfolioLens: A(35),
  },
} satisfies Deployment;
const plan = watchPlan(deployment);
const me = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as Address;
const stranger = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC' as Address;

/** A log as eth_getLogs gives it (only what the mapping reads). */
function log(address: Address, abi: Abi, eventName: string, args: Record<string, unknown>) {
  return { address: address.toLowerCase(), topics: encodeEventTopics({ abi, eventName, args } as never) as Hex[] };
}
const c = deployment.contracts;

describe('watchPlan', () => {
  it('watches the protocol contracts and price feeds, not the tokens or Multicall3', () => {
    expect(plan.addresses).toEqual(expect.arrayContaining([c.Marketplace, c.HashNFT, c.ProductSale, c.Rewards, c.LoanPool, c.LiquidityVault, c.TermDeposits, c.MiningPools, c.BTC_USD]));
    expect(plan.addresses).not.toContain(c.USDT);
    expect(plan.addresses).not.toContain(c.Multicall3);
  });

  it('asks for every event the market replay reads, so the market is kept up to date from the same logs', () => {
    for (const s of eventSelectors([...marketplaceAbi, ...hashNftAbi], MARKET_EVENTS)) expect(plan.selectors).toContain(s);
  });
});

describe('topicsOf', () => {
  it('maps a stranger listing and buying to the market and NFT reads only', () => {
    const topics = topicsOf(
      [
        log(c.Marketplace, marketplaceAbi, 'Sold', { listingId: 3n, seller: stranger, buyer: A(99) }),
        log(c.HashNFT, hashNftAbi, 'Transfer', { from: stranger, to: A(99), tokenId: 7n }),
      ],
      plan,
      me,
    );
    expect(topics.sort()).toEqual(['block', 'market', 'nft']);
  });

  it('adds the wallet reads when the event names the connected account', () => {
    const topics = topicsOf(
      [
        log(c.Marketplace, marketplaceAbi, 'Sold', { listingId: 3n, seller: me, buyer: stranger }),
        log(c.HashNFT, hashNftAbi, 'Transfer', { from: me, to: stranger, tokenId: 7n }),
      ],
      plan,
      me,
    );
    expect(topics.sort()).toEqual(['balances', 'block', 'market', 'nft', 'portfolio']);
  });

  it('a product bought by someone else changes the catalog (units left), not your wallet', () => {
    expect(topicsOf([log(c.ProductSale, productSaleAbi, 'Purchased', { productId: 1n, buyer: stranger, tokenId: 9n })], plan, me).sort()).toEqual(['block', 'products']);
    expect(topicsOf([log(c.ProductSale, productSaleAbi, 'Purchased', { productId: 1n, buyer: me, tokenId: 9n })], plan, me).sort()).toEqual(['balances', 'block', 'products']);
  });

  it('posted output and a new price reach every page that values hash power', () => {
    expect(topicsOf([log(c.Rewards, rewardsAbi, 'OutputPosted', { coin: 0, day: 3 })], plan).sort()).toEqual(['block', 'loans', 'nft', 'pools', 'portfolio', 'protocol']);
    expect(topicsOf([log(c.BTC_USD, priceFeedAbi, 'AnswerUpdated', { current: 1n, roundId: 2n })], plan).sort()).toEqual(['block', 'loans', 'protocol']);
  });

  it('ignores events the app does not read and events of other contracts with the same signature', () => {
    // The vault's share Transfer has the NFT's Transfer selector, but only the NFT's is mapped.
    expect(topicsOf([log(c.LiquidityVault, liquidityVaultAbi, 'Transfer', { from: me, to: stranger })], plan, me)).toEqual([]);
    expect(topicsOf([log(c.Marketplace, marketplaceAbi, 'OwnershipTransferred', { previousOwner: me, newOwner: stranger })], plan, me)).toEqual([]);
    expect(topicsOf([log(A(77), marketplaceAbi, 'Listed', { listingId: 1n, seller: me, tokenId: 1n })], plan, me)).toEqual([]);
    expect(topicsOf([], plan, me)).toEqual([]);
  });
});

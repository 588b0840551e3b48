// The indexer (indexer/) against a local chain with known events: its own anvil and indexer on this slot's
// ports (86x0 anvil, 86x1 the indexer, 86x2 PostgreSQL, 86x3 the indexer on it, 86x4 `ponder serve`; no
// other spec uses these: the Postgres run once took history.spec's port, found its left-over indexer
// answering there and waited on the wrong chain), the protocol deployed and seeded, then more
// transactions of every kind.
// Each table is checked against the contracts' views; a reverted chain (snapshot/revert) is rolled back;
// a restart neither loses nor duplicates rows; and the same chain indexed on PostgreSQL (its own server,
// Debian's binaries, a temporary folder) gives the same rows, also through `ponder serve`.
import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestClient, encodeFunctionData, http, keccak256, parseUnits, toBytes, type Address } from 'viem';
import { startIndexer, type Indexer } from '../indexer/process.ts';
import { postgresAvailable, startPostgres, type Postgres } from '../indexer/postgres.ts';
import { startAnvil } from '../scripts/lib/anvil.ts';
import { clients, devAccount, send, type Ctx } from '../scripts/lib/chain.ts';
import { deployProtocol, type Deployment } from '../scripts/lib/protocol.ts';
import { seed } from '../scripts/lib/seed.ts';
import * as abis from '../src/abi/abis.ts';
import { STATUS_BY_INDEX } from '../src/lib/marketState.ts';
import { OFFER_STATUS_BY_INDEX } from '../src/lib/offers.ts';

const slot = Number(process.env.E2E_SLOT ?? 0);
const anvilPort = 8600 + 10 * slot;
const indexerPort = 8601 + 10 * slot;
const pgPort = 8602 + 10 * slot;
const usd = (n: string) => parseUnits(n, 6);
const [owner, alice, bob, carol, dave] = [0, 1, 2, 3, 4].map(devAccount);

let anvil: Awaited<ReturnType<typeof startAnvil>> | undefined;
let ctx: Ctx;
let d: Deployment;
let dir: string;
let indexer: Indexer | undefined;

type Row = Record<string, string | number | boolean | null>;

/** All rows of a table through the indexer's GraphQL API (ponder names the list field `<table>s`). */
async function rows(url: string, table: string, fields: string, where = ''): Promise<Row[]> {
  const out: Row[] = [];
  let after: string | null = null;
  for (;;) {
    const args = [`limit: 1000`, where && `where: ${where}`, after && `after: "${after}"`].filter(Boolean).join(', ');
    const r = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ ${table}s(${args}) { items { ${fields} } pageInfo { hasNextPage endCursor } } }` }),
    });
    const body = (await r.json()) as { data?: Record<string, { items: Row[]; pageInfo: { hasNextPage: boolean; endCursor: string } }>; errors?: unknown };
    if (!body.data) throw new Error(`GraphQL: ${JSON.stringify(body.errors)}`);
    const page = body.data[`${table}s`];
    out.push(...page.items);
    if (!page.pageInfo.hasNextPage) return out;
    after = page.pageInfo.endCursor;
  }
}

const head = async () => Number(await ctx.publicClient.getBlockNumber());
const c = (name: string) => d.contracts[name] as Address;
const market = () => ({ address: c('Marketplace'), abi: abis.marketplaceAbi }) as const;

function start(extra: { pgliteDir?: string; databaseUrl?: string; port?: number; command?: 'start' | 'serve' } = {}) {
  return startIndexer({
    port: extra.port ?? indexerPort,
    rpcUrl: anvil!.rpcUrl,
    deploymentsDir: dir,
    pgliteDir: extra.pgliteDir ?? join(dir, 'pglite'),
    databaseUrl: extra.databaseUrl,
    command: extra.command,
  });
}

const approveUsdt = (who: typeof alice, amount: bigint) => send(ctx, { address: c('USDT'), abi: abis.faucetTokenAbi, functionName: 'approve', args: [c('Marketplace'), amount] }, who);
const approveNft = (who: typeof alice, tokenId: bigint) => send(ctx, { address: c('HashNFT'), abi: abis.hashNftAbi, functionName: 'approve', args: [c('Marketplace'), tokenId] }, who);

/**
 * Offers of every kind and a sweep: a token offer accepted (filled); a product offer accepted for part of
 * its units, then cancelled; a token offer voided by its buyer's cancel-all; a token offer left active; a
 * token offer whose token a sweep then buys (token moved); the sweep skips a listing no longer valid.
 */
async function offersAndSweep() {
  const offerCount = () => ctx.publicClient.readContract({ ...market(), functionName: 'offerCount' });
  // 1: dave offers 100 USDT for alice's #1; alice accepts.
  await approveUsdt(dave, usd('100'));
  await send(ctx, { ...market(), functionName: 'makeTokenOffer', args: [1n, usd('100'), 0n] }, dave);
  await approveNft(alice, 1n);
  await send(ctx, { ...market(), functionName: 'acceptOffer', args: [await offerCount(), 1n, 0n] }, alice);
  // 2: carol offers 10 base units per unit per day for 1,000 units of product 1 (ETC); alice sells #2 (500 units) to it; carol cancels the rest.
  await approveUsdt(carol, 10n * 1000n * 90n);
  await send(ctx, { ...market(), functionName: 'makeProductOffer', args: [1, 1n, 10n, 1000n, 1, 90, 0n] }, carol);
  const productOffer = await offerCount();
  await approveNft(alice, 2n);
  await send(ctx, { ...market(), functionName: 'acceptOffer', args: [productOffer, 2n, 0n] }, alice);
  await send(ctx, { ...market(), functionName: 'cancelOffer', args: [productOffer] }, carol);
  // 3: dave offers for alice's #3, then cancels all his offers (voided, escrow left in).
  await approveUsdt(dave, usd('50'));
  await send(ctx, { ...market(), functionName: 'makeTokenOffer', args: [3n, usd('50'), 0n] }, dave);
  await send(ctx, { ...market(), functionName: 'cancelAllOffers', args: [[]] }, dave);
  // 4: bob offers for carol's #7 (stays active).
  await approveUsdt(bob, usd('50'));
  await send(ctx, { ...market(), functionName: 'makeTokenOffer', args: [7n, usd('50'), 0n] }, bob);
  // 5: carol lists #8 again; dave offers for it; alice sweeps it and bob's #6 (pledged in his loan since it was listed: skipped).
  await approveNft(carol, 8n);
  await send(ctx, { ...market(), functionName: 'list', args: [8n, usd('40'), 30n * 86400n] }, carol);
  await approveUsdt(dave, usd('30'));
  await send(ctx, { ...market(), functionName: 'makeTokenOffer', args: [8n, usd('30'), 0n] }, dave);
  const listingOf = (tokenId: bigint) => ctx.publicClient.readContract({ ...market(), functionName: 'listingOfToken', args: [tokenId] });
  await approveUsdt(alice, usd('40'));
  await send(ctx, { ...market(), functionName: 'sweep', args: [[await listingOf(8n), await listingOf(6n)], [usd('40'), usd('1')], usd('40')] }, alice);
}

/**
 * Governance end to end: the guardian pauses listing; alice and bob delegate; alice proposes a new fee and
 * the unpause; alice votes for, bob abstains; queued, then executed through the timelock.
 */
async function governance() {
  const testClient = createTestClient({ chain: ctx.chain, mode: 'anvil', transport: http(anvil!.rpcUrl) });
  await send(ctx, { address: c('PauseGuard'), abi: abis.pauseGuardAbi, functionName: 'pause', args: [1] }, devAccount(9)); // the local guardian
  const token = { address: c('HASH'), abi: abis.hashTokenAbi } as const;
  const governor = { address: c('Governor'), abi: abis.hashGovernorAbi } as const;
  await send(ctx, { ...token, functionName: 'delegate', args: [alice.address] }, alice);
  await send(ctx, { ...token, functionName: 'delegate', args: [bob.address] }, bob);
  await testClient.increaseTime({ seconds: 2 });
  await testClient.mine({ blocks: 1 });
  const targets = [c('Marketplace'), c('PauseGuard')];
  const calldatas = [
    encodeFunctionData({ abi: abis.marketplaceAbi, functionName: 'setFeeBps', args: [250] }),
    encodeFunctionData({ abi: abis.pauseGuardAbi, functionName: 'unpause', args: [1] }),
  ];
  const description = 'Marketplace fee 2.5%, listing unpaused';
  await send(ctx, { ...governor, functionName: 'propose', args: [targets, [0n, 0n], calldatas, description] }, alice);
  const id = await ctx.publicClient.readContract({ ...governor, functionName: 'hashProposal', args: [targets, [0n, 0n], calldatas, keccak256(toBytes(description))] });
  await testClient.increaseTime({ seconds: 2 });
  await testClient.mine({ blocks: 1 });
  await send(ctx, { ...governor, functionName: 'castVote', args: [id, 1] }, alice);
  await send(ctx, { ...governor, functionName: 'castVoteWithReason', args: [id, 2, 'no view'] }, bob);
  const period = await ctx.publicClient.readContract({ ...governor, functionName: 'votingPeriod' });
  await testClient.increaseTime({ seconds: Number(period) + 1 });
  await testClient.mine({ blocks: 1 });
  await send(ctx, { ...governor, functionName: 'queue', args: [targets, [0n, 0n], calldatas, keccak256(toBytes(description))] }, alice);
  const delay = await ctx.publicClient.readContract({ address: c('Timelock'), abi: abis.timelockControllerAbi, functionName: 'getMinDelay' });
  await testClient.increaseTime({ seconds: Number(delay) + 1 });
  await testClient.mine({ blocks: 1 });
  await send(ctx, { ...governor, functionName: 'execute', args: [targets, [0n, 0n], calldatas, keccak256(toBytes(description))] }, alice);
}

const [erin, frank] = [5, 6].map(devAccount);
const loanPool = () => ({ address: c('LoanPool'), abi: abis.loanPoolAbi }) as const;
const house = () => ({ address: c('LoanAuctions'), abi: abis.loanAuctionsAbi }) as const;
/** Loans of the loan engine: A upkept (collateral added and withdrawn, extended, borrowed more) then refinanced into B; C impaired and written off; D auctioned and redeemed; E auctioned and settled. */
const L = { A: 0n, B: 0n, C: 0n, D: 0n, E: 0n };

/**
 * Every loan event: erin buys four 30 TH/s BTC NFTs and borrows against each. A is upkept, then
 * refinanced (into B); BTC falls to $20,000 (two rounds, so the pool uses it); frank impairs C, marks it
 * down when BTC falls on to $13,500 and, a day later, writes it off; frank starts D's auction, dave outbids him, erin redeems; frank starts E's auction,
 * dave outbids him, it ends and frank settles it (dave wins). BTC's feed is then put back to where it was.
 */
async function loansAndAuctions() {
  const testClient = createTestClient({ chain: ctx.chain, mode: 'anvil', transport: http(anvil!.rpcUrl) });
  const usdt = { address: c('USDT'), abi: abis.faucetTokenAbi } as const;
  for (const who of [erin, frank]) await send(ctx, { ...usdt, functionName: 'mint', args: [who.address, usd('5000')] });
  await send(ctx, { ...usdt, functionName: 'approve', args: [c('ProductSale'), usd('720')] }, erin);
  const ids: bigint[] = [];
  for (let i = 0; i < 4; i++) {
    await send(ctx, { address: c('ProductSale'), abi: abis.productSaleAbi, functionName: 'buy', args: [0n, 3n] }, erin);
    ids.push(await ctx.publicClient.readContract({ address: c('HashNFT'), abi: abis.hashNftAbi, functionName: 'totalSupply' }));
  }
  await send(ctx, { address: c('HashNFT'), abi: abis.hashNftAbi, functionName: 'setApprovalForAll', args: [c('LoanPool'), true] }, erin);
  for (const who of [erin, frank, dave]) await send(ctx, { ...usdt, functionName: 'approve', args: [c('LoanAuctions'), usd('5000')] }, who);
  await send(ctx, { ...usdt, functionName: 'approve', args: [c('LoanPool'), usd('5000')] }, erin);
  const lastLoan = async () => (await ctx.publicClient.readContract({ ...loanPool(), functionName: 'loansOf', args: [erin.address] })).at(-1)!;
  const borrow = async (id: bigint, pct: bigint) => {
    const max = await ctx.publicClient.readContract({ ...loanPool(), functionName: 'maxBorrow', args: [[id]] });
    await send(ctx, { ...loanPool(), functionName: 'borrow', args: [[id], (max * pct) / 100n, 30n * 86400n] }, erin);
    return lastLoan();
  };
  L.A = await borrow(ids[0]!, 30n);
  await send(ctx, { ...loanPool(), functionName: 'addCollateral', args: [L.A, [ids[1]!]] }, erin);
  await send(ctx, { ...loanPool(), functionName: 'withdrawCollateral', args: [L.A, [ids[1]!]] }, erin);
  const { due } = await ctx.publicClient.readContract({ ...loanPool(), functionName: 'loan', args: [L.A] });
  await send(ctx, { ...loanPool(), functionName: 'extend', args: [L.A, due + 86400n] }, erin);
  await send(ctx, { ...loanPool(), functionName: 'borrowMore', args: [L.A, usd('5')] }, erin);
  await send(ctx, { ...loanPool(), functionName: 'refinance', args: [L.A, usd('20'), 30n * 86400n] }, erin);
  L.B = await lastLoan();
  L.C = await borrow(ids[1]!, 85n);
  L.D = await borrow(ids[2]!, 85n);
  L.E = await borrow(ids[3]!, 85n);
  const btc = async (price: string) => {
    for (let i = 0; i < 2; i++) await send(ctx, { address: c('BTC_USD'), abi: abis.priceFeedAbi, functionName: 'setPrice', args: [parseUnits(price, 8)] });
  };
  await btc('20000');
  await send(ctx, { ...loanPool(), functionName: 'impair', args: [L.C] }, frank);
  // BTC falls further (within the feed's 20% jump bound a round): frank marks C down to its new worth.
  await btc('16500');
  await btc('13500');
  await send(ctx, { ...loanPool(), functionName: 'impair', args: [L.C] }, frank);
  await testClient.increaseTime({ seconds: 86_401 });
  await testClient.mine({ blocks: 1 });
  await btc('16500');
  await btc('20000'); // a fresh round after the day
  await send(ctx, { ...loanPool(), functionName: 'writeOff', args: [L.C] }, frank);
  for (const id of [L.D, L.E]) {
    await send(ctx, { ...house(), functionName: 'startAuction', args: [id, await ctx.publicClient.readContract({ ...house(), functionName: 'minFirstBid', args: [id] })] }, frank);
    await send(ctx, { ...house(), functionName: 'bid', args: [id, await ctx.publicClient.readContract({ ...house(), functionName: 'minNextBid', args: [id] })] }, dave);
  }
  await send(ctx, { ...house(), functionName: 'redeem', args: [L.D] }, erin);
  const [duration] = await ctx.publicClient.readContract({ ...house(), functionName: 'params' });
  await testClient.increaseTime({ seconds: Number(duration) + 1 });
  await testClient.mine({ blocks: 1 });
  await send(ctx, { ...house(), functionName: 'settle', args: [L.E] }, frank);
  await send(ctx, { address: c('BTC_USD'), abi: abis.priceFeedAbi, functionName: 'setPrice', args: [71_234_56000000n] });
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  anvil = await startAnvil({ port: anvilPort, timestamp: Math.floor(Date.now() / 1000) - 10 * 86400 });
  ctx = await clients(anvil.rpcUrl, owner);
  d = await deployProtocol(ctx, { local: true, rpcUrl: anvil.rpcUrl, write: false });
  await seed(ctx, d);
  dir = mkdtempSync(join(tmpdir(), 'hashmint-indexer-test-'));
  writeFileSync(join(dir, '31337.json'), JSON.stringify(d));

  // More events than the seed makes: a new BTC price, then claims valued at it; a repricing, a cancel, a
  // resale, a repayment, a vault withdrawal and an early term-deposit withdrawal.
  await send(ctx, { address: c('BTC_USD'), abi: abis.priceFeedAbi, functionName: 'setPrice', args: [71_234_56000000n] });
  await send(ctx, { address: c('Rewards'), abi: abis.rewardsAbi, functionName: 'claim', args: [[1n, 2n, 3n]] }, alice);
  const listingOf = (tokenId: bigint) => ctx.publicClient.readContract({ ...market(), functionName: 'listingOfToken', args: [tokenId] });
  await send(ctx, { ...market(), functionName: 'updatePrice', args: [await listingOf(4n), usd('570')] }, bob);
  await send(ctx, { ...market(), functionName: 'cancel', args: [await listingOf(8n)] }, carol);
  await send(ctx, { address: c('USDT'), abi: abis.faucetTokenAbi, functionName: 'approve', args: [c('Marketplace'), usd('570')] }, alice);
  await send(ctx, { ...market(), functionName: 'buy', args: [await listingOf(4n), usd('570')] }, alice);
  await send(ctx, { address: c('USDT'), abi: abis.faucetTokenAbi, functionName: 'approve', args: [c('LoanPool'), usd('50')] }, bob);
  await send(ctx, { address: c('LoanPool'), abi: abis.loanPoolAbi, functionName: 'repay', args: [1n, usd('50')] }, bob);
  await send(ctx, { address: c('LiquidityVault'), abi: abis.liquidityVaultAbi, functionName: 'withdraw', args: [usd('1000'), dave.address, dave.address] }, dave);
  await send(ctx, { address: c('TermDeposits'), abi: abis.termDepositsAbi, functionName: 'withdrawEarly', args: [0n] }, alice);
  await offersAndSweep();
  await governance();
  await loansAndAuctions();

  indexer = start();
  await indexer.waitForBlock(await head(), 180_000);
});

test.afterAll(async () => {
  await indexer?.stop();
  anvil?.proc.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('every listing, NFT, sale, loan, deposit, pool, price and claim equals what the contracts say', async () => {
  test.setTimeout(120_000);
  const url = indexer!.url;
  const now = (await ctx.publicClient.getBlock()).timestamp;

  // Listings: the stored fields, and the status the contract's rule gives (Marketplace.statuses).
  const count = await ctx.publicClient.readContract({ ...market(), functionName: 'listingCount' });
  const ids = Array.from({ length: Number(count) }, (_, i) => BigInt(i + 1));
  const statuses = await ctx.publicClient.readContract({ ...market(), functionName: 'statuses', args: [ids] });
  const listings = await rows(url, 'listing', 'id seller tokenId price expiresAt counter state ownerChanged notApproved');
  expect(listings.length).toBe(ids.length);
  for (const id of ids) {
    const row = listings.find((l) => l.id === String(id))!;
    const view = await ctx.publicClient.readContract({ ...market(), functionName: 'listing', args: [id] });
    expect(row, `listing ${id}`).toMatchObject({ seller: view.seller.toLowerCase(), tokenId: String(view.tokenId), price: String(view.price), expiresAt: String(view.expiresAt), counter: String(view.counter) });
    expect(row.state).toBe(['none', 'open', 'sold', 'cancelled'][view.state]);
    const indexed =
      row.state !== 'open' ? row.state : now >= BigInt(row.expiresAt as string) ? 'expired' : row.ownerChanged ? 'ownerChanged' : row.notApproved ? 'notApproved' : 'active';
    expect(indexed, `status of listing ${id}`).toBe(STATUS_BY_INDEX[statuses[Number(id) - 1]]);
  }
  expect(listings.some((l) => l.state === 'sold')).toBe(true);
  expect(listings.some((l) => l.state === 'cancelled')).toBe(true);

  // NFTs: holder and what the position is.
  const nfts = await rows(url, 'nft', 'id owner productId hashrate end cost');
  const supply = await ctx.publicClient.readContract({ address: c('HashNFT'), abi: abis.hashNftAbi, functionName: 'totalSupply' });
  expect(nfts.length).toBe(Number(supply));
  for (const n of nfts) {
    const id = BigInt(n.id as string);
    const holder = await ctx.publicClient.readContract({ address: c('HashNFT'), abi: abis.hashNftAbi, functionName: 'ownerOf', args: [id] });
    expect(n.owner, `owner of #${id}`).toBe(holder.toLowerCase());
    const [productId, , hashrate, , end] = await ctx.publicClient.readContract({ address: c('HashNFT'), abi: abis.hashNftAbi, functionName: 'positionOf', args: [id] });
    expect(n).toMatchObject({ productId: Number(productId), hashrate: String(hashrate), end: String(end) });
  }
  // NFT #4 was bought on the marketplace for 570 USDT: that is its holder's cost.
  expect(nfts.find((n) => n.id === '4')!.cost).toBe(String(usd('570')));

  // Sales: the Sold events.
  const sold = await ctx.publicClient.getContractEvents({ ...market(), eventName: 'Sold', fromBlock: 0n });
  const sales = await rows(url, 'sale', 'listingId buyer price fee txHash');
  expect(sales.map((s) => [s.listingId, s.buyer, s.price, s.fee, s.txHash]).sort()).toEqual(
    sold.map((e) => [String(e.args.listingId), e.args.buyer!.toLowerCase(), String(e.args.price), String(e.args.fee), e.transactionHash]).sort(),
  );
  // The daily volume adds up to them and the offers accepted (both are sales of an NFT).
  const accepted = await ctx.publicClient.getContractEvents({ ...market(), eventName: 'OfferAccepted', fromBlock: 0n });
  const days = await rows(url, 'marketDay', 'volume sales');
  expect(days.reduce((s, r) => s + BigInt(r.volume as string), 0n)).toBe([...sold, ...accepted].reduce((s, e) => s + e.args.price!, 0n));
  expect(days.reduce((s, r) => s + (r.sales as number), 0)).toBe(sold.length + accepted.length);

  // Loans, term deposits, pools.
  const [loan] = await rows(url, 'loan', 'id borrower tokenIds status repaid', '{ id: "1" }');
  const view = await ctx.publicClient.readContract({ address: c('LoanPool'), abi: abis.loanPoolAbi, functionName: 'loan', args: [1n] });
  expect(loan).toMatchObject({ id: '1', borrower: view.borrower.toLowerCase(), tokenIds: view.tokenIds.join(','), status: 'open', repaid: String(usd('50')) });
  const positions = await rows(url, 'termDeposit', 'id owner principal interest maturity status');
  const positionCount = await ctx.publicClient.readContract({ address: c('TermDeposits'), abi: abis.termDepositsAbi, functionName: 'positionCount' });
  expect(positions.length).toBe(Number(positionCount));
  for (const p of positions) {
    const v = await ctx.publicClient.readContract({ address: c('TermDeposits'), abi: abis.termDepositsAbi, functionName: 'position', args: [BigInt(p.id as string)] });
    expect(p).toMatchObject({ owner: v.owner.toLowerCase(), principal: String(v.principal), interest: String(v.interest), maturity: String(v.maturity), status: v.closed ? 'withdrawn' : 'open' });
  }
  const pools = await rows(url, 'pool', 'id raised status tokenId');
  const [allPools, poolStatuses] = await ctx.publicClient.readContract({ address: c('MiningPools'), abi: abis.miningPoolsAbi, functionName: 'pools' });
  expect(pools.length).toBe(allPools.length);
  for (const [i, p] of allPools.entries()) {
    const row = pools.find((r) => r.id === String(i))!;
    expect(row.raised, `pool ${i} raised`).toBe(String(p.raised));
    expect(row.status === 'finalized', `pool ${i} finalized`).toBe(poolStatuses[i] === 3);
  }

  // Vault: each lender's shares are their indexed deposits less withdrawals.
  const flows = await rows(url, 'vaultFlow', 'kind account shares');
  for (const who of [carol, dave]) {
    const shares = flows.filter((f) => f.account === who.address.toLowerCase()).reduce((s, f) => s + (f.kind === 'deposit' ? 1n : f.kind === 'withdraw' ? -1n : 0n) * BigInt((f.shares as string) ?? '0'), 0n);
    expect(shares).toBe(await ctx.publicClient.readContract({ address: c('LiquidityVault'), abi: abis.liquidityVaultAbi, functionName: 'balanceOf', args: [who.address] }));
  }

  // Prices: each feed's latest answer.
  for (const feed of ['BTC_USD', 'ETC_USD', 'FIL_USD']) {
    const [, answer] = await ctx.publicClient.readContract({ address: c(feed), abi: abis.priceFeedAbi, functionName: 'latestRoundData' });
    const [row] = await rows(url, 'price', 'answer', `{ feed: "${c(feed).toLowerCase()}" }`);
    expect(row.answer, feed).toBe(String(answer));
  }

  // Claims: alice's Claimed events (BTC, ETC and FIL NFTs), each valued at its coin's price at the time
  // (for BTC, the 71,234.56 USD posted just before).
  const claimed = await ctx.publicClient.getContractEvents({ address: c('Rewards'), abi: abis.rewardsAbi, eventName: 'Claimed', args: { owner: alice.address }, fromBlock: 0n });
  const claims = await rows(url, 'activity', 'tokenId asset amount usd', `{ account: "${alice.address.toLowerCase()}", kind: "claim" }`);
  expect(claims.length).toBe(claimed.length);
  expect(claimed.map((e) => e.args.coin).sort()).toEqual([0, 1, 2]);
  for (const e of claimed) {
    const symbol = ['BTC', 'ETC', 'FIL'][e.args.coin!];
    const [, answer] = await ctx.publicClient.readContract({ address: c(`${symbol}_USD`), abi: abis.priceFeedAbi, functionName: 'latestRoundData' });
    if (symbol === 'BTC') expect(answer).toBe(71_234_56000000n);
    const decimals = await ctx.publicClient.readContract({ address: c(symbol), abi: abis.faucetTokenAbi, functionName: 'decimals' });
    const row = claims.find((r) => r.tokenId === String(e.args.tokenId))!;
    expect(row).toMatchObject({ asset: symbol, amount: String(e.args.amount) });
    expect(row.usd, `USD of the ${symbol} claim`).toBe(String((e.args.amount! * answer) / 10n ** BigInt(decimals + 2))); // + 8 (price) − 6 (USD)
  }
  // The resale shows once for each side, and not as a plain transfer.
  const resale = await rows(url, 'activity', 'account kind amount', `{ tokenId: "4", kind_in: ["buy", "sell", "transfer-in", "transfer-out"] }`);
  expect(resale.map((r) => r.kind).sort()).toEqual(['buy', 'sell']);
});

test('every offer, offer sale, sweep skip, proposal, vote, timelock call, pause and parameter change equals what the contracts say', async () => {
  test.setTimeout(120_000);
  const url = indexer!.url;
  const now = (await ctx.publicClient.getBlock()).timestamp;

  // Offers: stored fields and the status the contract's rule gives (offerStatus).
  const count = await ctx.publicClient.readContract({ ...market(), functionName: 'offerCount' });
  expect(count).toBe(5n);
  const offers = await rows(url, 'offer', 'id buyer kind target price unitsLeft expiresAt escrow counter state voided tokenMoved');
  expect(offers.length).toBe(Number(count));
  const seen = new Set<string>();
  for (let id = 1n; id <= count; id++) {
    const row = offers.find((o) => o.id === String(id))!;
    const view = await ctx.publicClient.readContract({ ...market(), functionName: 'offer', args: [id] });
    expect(row, `offer ${id}`).toMatchObject({
      buyer: view.buyer.toLowerCase(),
      kind: ['token', 'product', 'coin'][view.kind],
      target: String(view.target),
      price: String(view.price),
      unitsLeft: String(view.unitsLeft),
      expiresAt: String(view.expiresAt),
      escrow: String(view.escrow),
      counter: String(view.counter),
      state: ['none', 'open', 'filled', 'cancelled'][view.state],
    });
    const status = await ctx.publicClient.readContract({ ...market(), functionName: 'offerStatus', args: [id] });
    const indexed =
      row.state === 'filled' ? 'filled' : row.state === 'cancelled' || row.voided ? 'cancelled' : now >= BigInt(row.expiresAt as string) ? 'expired' : row.tokenMoved ? 'tokenMoved' : 'active';
    expect(indexed, `status of offer ${id}`).toBe(OFFER_STATUS_BY_INDEX[status]);
    seen.add(indexed);
  }
  expect([...seen].sort()).toEqual(['active', 'cancelled', 'filled', 'tokenMoved']);

  // Acceptances: the OfferAccepted events; each NFT's cost is what its buyer paid.
  const accepted = await ctx.publicClient.getContractEvents({ ...market(), eventName: 'OfferAccepted', fromBlock: 0n });
  const fills = await rows(url, 'offerFill', 'offerId seller buyer tokenId price fee units txHash');
  expect(fills.map((f) => [f.offerId, f.seller, f.buyer, f.tokenId, f.price, f.fee, f.units, f.txHash]).sort()).toEqual(
    accepted.map((e) => [String(e.args.offerId), e.args.seller!.toLowerCase(), e.args.buyer!.toLowerCase(), String(e.args.tokenId), String(e.args.price), String(e.args.fee), String(e.args.units), e.transactionHash]).sort(),
  );
  const nfts = await rows(url, 'nft', 'id owner cost');
  for (const e of accepted) expect(nfts.find((n) => n.id === String(e.args.tokenId))).toMatchObject({ owner: e.args.buyer!.toLowerCase(), cost: String(e.args.price) });
  // Alice's history shows each side of her offer sales, the sweep's skip and her vote; carol's the offer, its refund.
  const aliceKinds = (await rows(url, 'activity', 'kind', `{ account: "${alice.address.toLowerCase()}" }`)).map((r) => r.kind);
  expect(aliceKinds.filter((k) => k === 'offer-sell').length).toBe(2);
  expect(aliceKinds).toEqual(expect.arrayContaining(['buy', 'sweep-skip', 'propose', 'vote']));
  const carolKinds = (await rows(url, 'activity', 'kind', `{ account: "${carol.address.toLowerCase()}" }`)).map((r) => r.kind);
  expect(carolKinds).toEqual(expect.arrayContaining(['offer', 'offer-buy', 'offer-cancel']));
  expect((await rows(url, 'activity', 'kind', `{ account: "${dave.address.toLowerCase()}" }`)).map((r) => r.kind)).toContain('offers-cancel-all');

  // Sweep skips: the SweepSkipped events.
  const skipped = await ctx.publicClient.getContractEvents({ ...market(), eventName: 'SweepSkipped', fromBlock: 0n });
  expect(skipped.length).toBe(1);
  const skips = await rows(url, 'sweepSkip', 'listingId buyer reason txHash');
  expect(skips).toEqual(skipped.map((e) => ({ listingId: String(e.args.listingId), buyer: e.args.buyer!.toLowerCase(), reason: e.args.reason, txHash: e.transactionHash })));

  // Proposals: tally, state and ETA as the governor says.
  const governor = { address: c('Governor'), abi: abis.hashGovernorAbi } as const;
  const created = await ctx.publicClient.getContractEvents({ ...governor, eventName: 'ProposalCreated', fromBlock: 0n });
  const proposals = await rows(url, 'proposal', 'id proposer status forVotes againstVotes abstainVotes voters eta description');
  expect(proposals.length).toBe(created.length);
  expect(created.length).toBeGreaterThan(0);
  for (const e of created) {
    const id = e.args.proposalId!;
    const row = proposals.find((p) => p.id === String(id))!;
    const [against, forVotes, abstain] = await ctx.publicClient.readContract({ ...governor, functionName: 'proposalVotes', args: [id] });
    expect(row, `proposal ${id}`).toMatchObject({ proposer: e.args.proposer!.toLowerCase(), forVotes: String(forVotes), againstVotes: String(against), abstainVotes: String(abstain), description: e.args.description });
    const state = await ctx.publicClient.readContract({ ...governor, functionName: 'state', args: [id] });
    // ProposalState: 2 Canceled, 5 Queued, 7 Executed; the rest are 'created' (the clock and tally decide).
    expect(row.status, `status of proposal ${id}`).toBe(({ 2: 'cancelled', 5: 'queued', 7: 'executed' } as Record<number, string>)[state] ?? 'created');
    expect(row.eta).toBe(String(await ctx.publicClient.readContract({ ...governor, functionName: 'proposalEta', args: [id] })));
  }
  expect(proposals.map((p) => p.status)).toContain('executed');
  const votes = await rows(url, 'vote', 'proposalId voter support weight');
  const cast = [
    ...(await ctx.publicClient.getContractEvents({ ...governor, eventName: 'VoteCast', fromBlock: 0n })),
  ];
  expect(votes.map((v) => [v.proposalId, v.voter, v.support, v.weight]).sort()).toEqual(cast.map((e) => [String(e.args.proposalId), e.args.voter!.toLowerCase(), e.args.support, String(e.args.weight)]).sort());

  // Timelock calls: executed ones are done, scheduled ones wait until their time (getTimestamp).
  const timelock = { address: c('Timelock'), abi: abis.timelockControllerAbi } as const;
  const calls = await rows(url, 'timelockCall', 'opId index target status readyAt');
  expect(calls.some((r) => r.status === 'executed')).toBe(true);
  for (const r of calls) {
    const op = r.opId as `0x${string}`;
    expect(await ctx.publicClient.readContract({ ...timelock, functionName: 'isOperationDone', args: [op] }), `operation ${op} done`).toBe(r.status === 'executed');
    if (r.status === 'scheduled') expect(String(await ctx.publicClient.readContract({ ...timelock, functionName: 'getTimestamp', args: [op] }))).toBe(r.readyAt);
  }

  // Pauses: each action's switch as the guard says; the pause and the unpause are in the change log.
  const pauses = await rows(url, 'pauseState', 'action paused');
  expect(pauses.length).toBeGreaterThan(0);
  for (const p of pauses) {
    expect(await ctx.publicClient.readContract({ address: c('PauseGuard'), abi: abis.pauseGuardAbi, functionName: 'isPaused', args: [p.action as number] }), `action ${p.action}`).toBe(p.paused);
  }
  const changes = await rows(url, 'govEvent', 'contract name args');
  const names = changes.map((r) => `${r.contract}.${r.name}`);
  expect(names).toEqual(expect.arrayContaining(['PauseGuard.ActionPaused', 'PauseGuard.ActionUnpaused', 'Marketplace.FeeUpdated', 'TermDeposits.TermAdded']));
  const fee = changes.filter((r) => r.name === 'FeeUpdated').at(-1)!;
  expect(JSON.parse(fee.args as string).newBps).toBe(await ctx.publicClient.readContract({ ...market(), functionName: 'feeBps' }));
});

test('every loan, its terms, every auction and bid equals what LoanPool and LoanAuctions say; each shows in its wallet’s history with USD', async () => {
  test.setTimeout(120_000);
  const url = indexer!.url;
  // Loans: borrower, NFTs, status and due date as LoanPool.loan says; the impairment, write-off and refinance.
  const loans = await rows(url, 'loan', 'id borrower tokenIds status due impairedAt bookValue writtenOff refinancedTo refinancedFrom');
  const opened = await ctx.publicClient.getContractEvents({ ...loanPool(), eventName: 'LoanOpened', fromBlock: 0n });
  expect(loans.length).toBe(opened.length);
  const byId = (id: bigint) => loans.find((l) => l.id === String(id))!;
  for (const l of loans) {
    const v = await ctx.publicClient.readContract({ ...loanPool(), functionName: 'loan', args: [BigInt(l.id as string)] });
    expect(l, `loan ${l.id}`).toMatchObject({ borrower: v.borrower.toLowerCase(), due: String(v.due), status: ['none', 'open', 'repaid', 'liquidated', 'written-off', 'in-auction'][v.status] });
    // The contract's withdraw swaps the last NFT into the gap: compare as sets.
    expect(String(l.tokenIds).split(',').filter(Boolean).sort(), `NFTs of loan ${l.id}`).toEqual(v.tokenIds.map(String).sort());
  }
  expect([L.A, L.B, L.C, L.D, L.E].map((id) => byId(id).status)).toEqual(['repaid', 'open', 'written-off', 'repaid', 'liquidated']);
  expect(byId(L.A).refinancedTo).toBe(String(L.B));
  expect(byId(L.B).refinancedFrom).toBe(String(L.A));
  const [impaired] = await ctx.publicClient.getContractEvents({ ...loanPool(), eventName: 'LoanImpaired', fromBlock: 0n });
  const [markedDown] = await ctx.publicClient.getContractEvents({ ...loanPool(), eventName: 'LoanMarkedDown', fromBlock: 0n });
  expect(markedDown!.args).toMatchObject({ loanId: L.C, oldBookValue: impaired!.args.bookValue });
  expect(byId(L.C)).toMatchObject({ bookValue: String(markedDown!.args.bookValue), impairedAt: String((await ctx.publicClient.getBlock({ blockNumber: impaired!.blockNumber })).timestamp) });
  const writeOffs = await ctx.publicClient.getContractEvents({ ...loanPool(), eventName: 'BadDebtWrittenOff', fromBlock: 0n });
  for (const id of [L.C, L.E]) {
    const off = writeOffs.filter((e) => e.args.loanId === id).reduce((sum, e) => sum + e.args.debt!, 0n);
    expect(byId(id).writtenOff ?? '0', `written off of loan ${id}`).toBe(String(off));
  }
  expect(BigInt(byId(L.C).writtenOff as string)).toBeGreaterThan(0n);
  // Each loan's terms per coin, as LoanPool.loanTerms says.
  const terms = await rows(url, 'loanTerms', 'loanId coin maxLtvBps haircutBps');
  expect(terms.length).toBe((await ctx.publicClient.getContractEvents({ ...loanPool(), eventName: 'LoanTermsSet', fromBlock: 0n })).length);
  for (const t of terms) {
    const v = await ctx.publicClient.readContract({ ...loanPool(), functionName: 'loanTerms', args: [BigInt(t.loanId as string), t.coin as number] });
    expect(t, `terms of loan ${t.loanId}`).toMatchObject({ maxLtvBps: v.maxLtvBps, haircutBps: v.haircutBps });
  }

  // Auctions: as LoanAuctions.auctionOf says (its view state Ended is a live auction past its end).
  const auctions = await rows(url, 'auction', 'id borrower debt firstBidder highestBidder highestBid bids startedAt endsAt state penalty price surplusToBorrower shortfall');
  expect(auctions.map((a) => a.id).sort()).toEqual([String(L.D), String(L.E)]);
  for (const a of auctions) {
    const v = await ctx.publicClient.readContract({ ...house(), functionName: 'auctionOf', args: [BigInt(a.id as string)] });
    expect(a, `auction of loan ${a.id}`).toMatchObject({
      borrower: v.borrower.toLowerCase(),
      debt: String(v.debt),
      firstBidder: v.firstBidder.toLowerCase(),
      highestBidder: v.highestBidder.toLowerCase(),
      highestBid: String(v.highestBid),
      startedAt: String(v.startedAt),
      endsAt: String(v.endsAt),
      state: ['none', 'live', 'live', 'settled', 'redeemed'][v.state],
      bids: 2,
    });
  }
  const redeemed = auctions.find((a) => a.id === String(L.D))!;
  const [redeemEvent] = await ctx.publicClient.getContractEvents({ ...house(), eventName: 'Redeemed', fromBlock: 0n });
  expect(redeemed.penalty).toBe(String(redeemEvent!.args.penalty));
  const [settled] = await ctx.publicClient.getContractEvents({ ...house(), eventName: 'AuctionSettled', fromBlock: 0n });
  expect(auctions.find((a) => a.id === String(L.E))).toMatchObject({ price: String(settled!.args.price), surplusToBorrower: String(settled!.args.surplusToBorrower), shortfall: String(settled!.args.shortfall) });
  // Bids: every AuctionStarted and BidPlaced; refunded exactly the ones BidRefunded names (outbid or redeemed).
  const bids = await rows(url, 'auctionBid', 'loanId bidder amount refunded txHash');
  const started = await ctx.publicClient.getContractEvents({ ...house(), eventName: 'AuctionStarted', fromBlock: 0n });
  const placed = await ctx.publicClient.getContractEvents({ ...house(), eventName: 'BidPlaced', fromBlock: 0n });
  const refunds = await ctx.publicClient.getContractEvents({ ...house(), eventName: 'BidRefunded', fromBlock: 0n });
  expect(bids.map((b) => [b.loanId, b.bidder, b.amount, b.txHash]).sort()).toEqual(
    [...started.map((e) => [String(e.args.loanId), e.args.bidder!.toLowerCase(), String(e.args.bid), e.transactionHash]), ...placed.map((e) => [String(e.args.loanId), e.args.bidder!.toLowerCase(), String(e.args.amount), e.transactionHash])].sort(),
  );
  expect(bids.filter((b) => b.refunded).map((b) => [b.loanId, b.bidder, b.amount]).sort()).toEqual(refunds.map((e) => [String(e.args.loanId), e.args.bidder!.toLowerCase(), String(e.args.amount)]).sort());

  // Histories: every loan and auction event of erin, frank and dave, in USDT with its USD (= the amount).
  const history = async (who: { address: Address }) => rows(url, 'activity', 'kind ref amount usd asset', `{ account: "${who.address.toLowerCase()}" }`);
  const erinRows = await history(erin);
  expect(erinRows.map((r) => r.kind)).toEqual(
    expect.arrayContaining(['borrow', 'collateral-add', 'collateral-withdraw', 'loan-extend', 'refinance', 'repay', 'loan-impaired', 'loan-marked-down', 'loan-written-off', 'auction-started', 'auction-redeem', 'liquidated']),
  );
  expect(erinRows.find((r) => r.kind === 'loan-marked-down')).toMatchObject({ ref: String(L.C), amount: String(markedDown!.args.bookValue) });
  // The redemption is one row (debt + penalty), not also a plain repayment of loan D.
  expect(erinRows.filter((r) => r.ref === String(L.D) && r.kind === 'repay')).toEqual([]);
  expect(erinRows.find((r) => r.kind === 'auction-redeem')!.amount).toBe(String(redeemEvent!.args.debt! + redeemEvent!.args.penalty!));
  const frankKinds = (await history(frank)).map((r) => r.kind);
  expect(frankKinds.sort()).toEqual(['auction-penalty', 'auction-refund', 'auction-refund', 'auction-start', 'auction-start']);
  // Dave outbid frank twice: refunded when erin redeemed D, the winner of E.
  const daveAuction = (await history(dave)).map((r) => r.kind).filter((k) => String(k).startsWith('auction-'));
  expect(daveAuction.sort()).toEqual(['auction-bid', 'auction-bid', 'auction-refund', 'auction-won']);
  const loanKinds = /^(borrow|repay|refinance|loan-|auction-|liquidated)/;
  for (const r of [...erinRows, ...(await history(frank)), ...(await history(dave))].filter((x) => loanKinds.test(String(x.kind)) && BigInt(x.amount as string) > 0n)) {
    expect(r.asset, r.kind as string).toBe('USDT');
    expect(r.usd, `USD of ${r.kind}`).toBe(r.amount);
  }

  // Pool members: each earns its share (contribution / raised) of the pool NFT's daily output in the
  // whole-period rewards (GET /portfolio/earned), which adds up to what MiningPools entitles it to (claimed
  // plus pending), less at most a base unit per day of rounding; and the member count is the contract's.
  const pools = { address: c('MiningPools'), abi: abis.miningPoolsAbi } as const;
  const [allPools, statuses] = await ctx.publicClient.readContract({ ...pools, functionName: 'pools' });
  const poolRows = await rows(url, 'pool', 'id members');
  let checked = 0;
  for (const [i, p] of allPools.entries()) {
    const id = BigInt(i);
    expect(poolRows.find((r) => r.id === String(id))!.members, `members of pool ${id}`).toBe(Number(await ctx.publicClient.readContract({ ...pools, functionName: 'memberCount', args: [id] })));
    if (statuses[i] !== 3) continue;
    for (const member of await ctx.publicClient.readContract({ ...pools, functionName: 'members', args: [id] })) {
      const m = await ctx.publicClient.readContract({ ...pools, functionName: 'memberOf', args: [id, member] });
      const entitled = m.rewardsPaid + (await ctx.publicClient.readContract({ ...pools, functionName: 'pendingRewards', args: [id, member] }));
      const earned = (await (await fetch(`${url}/portfolio/earned?account=${member}`)).json()) as { rows: { coin: number; scaled: string; pool?: boolean }[] };
      const pooled = earned.rows.filter((r) => r.pool && r.coin === p.coin);
      const sum = pooled.reduce((s, r) => s + BigInt(r.scaled), 0n) / 1_000_000n; // the contract's PRECISION
      expect(entitled, `pool ${id} rewards of ${member}`).toBeGreaterThan(0n);
      expect(sum <= entitled && entitled - sum <= BigInt(pooled.length) + 1n, `pool ${id}: ${member} earned ${sum}, entitled ${entitled}`).toBe(true);
      checked++;
    }
  }
  expect(checked).toBeGreaterThan(1);

  // Every other event has a row: the auction house's parameters and the hand-over to the timelock as
  // governance changes, the pool's liens on pledged NFTs' rewards as bookkeeping.
  const gov = (await rows(url, 'govEvent', 'contract name')).map((r) => `${r.contract}.${r.name}`);
  expect(gov).toEqual(expect.arrayContaining(['LoanAuctions.ParamsSet', 'LoanPool.AuctionsSet', 'LoanAuctions.OwnershipTransferred', 'LoanPool.OwnershipTransferred']));
  const liens = await rows(url, 'protocolEvent', 'name', `{ contract: "Rewards", name: "LienSet" }`);
  expect(liens.length).toBe((await ctx.publicClient.getContractEvents({ address: c('Rewards'), abi: abis.rewardsAbi, eventName: 'LienSet', fromBlock: 0n })).length);
});

test('a reverted chain is rolled back: a cancel that is reverted away shows the listing open again', async () => {
  test.setTimeout(120_000);
  const testClient = createTestClient({ chain: ctx.chain, mode: 'anvil', transport: http(anvil!.rpcUrl) });
  const [open] = await rows(indexer!.url, 'listing', 'id seller', `{ state: "open", ownerChanged: false }`);
  const seller = [alice, bob, carol, dave].find((a) => a.address.toLowerCase() === open.seller)!;
  const snapshot = await testClient.snapshot();
  await send(ctx, { ...market(), functionName: 'cancel', args: [BigInt(open.id as string)] }, seller);
  await indexer!.waitForBlock(await head());
  expect((await rows(indexer!.url, 'listing', 'state', `{ id: "${open.id}" }`))[0].state).toBe('cancelled');
  const cancelledAt = await head();
  await testClient.revert({ id: snapshot });
  await testClient.mine({ blocks: 3 });
  expect(await head()).toBeGreaterThan(cancelledAt);
  await indexer!.waitForBlock(await head());
  await expect.poll(async () => (await rows(indexer!.url, 'listing', 'state', `{ id: "${open.id}" }`))[0].state, { timeout: 30_000 }).toBe('open');
  expect(await rows(indexer!.url, 'activity', 'id', `{ kind: "cancel", ref: "${open.id}" }`)).toEqual([]);
});

test('a restart neither loses nor duplicates rows, and picks up what happened while it was down', async () => {
  test.setTimeout(180_000);
  const before = await rows(indexer!.url, 'activity', 'id');
  await indexer!.stop();
  await send(ctx, { address: c('USDT'), abi: abis.faucetTokenAbi, functionName: 'approve', args: [c('LiquidityVault'), usd('250')] }, bob);
  const { transactionHash } = await send(ctx, { address: c('LiquidityVault'), abi: abis.liquidityVaultAbi, functionName: 'deposit', args: [usd('250'), bob.address] }, bob);
  indexer = start();
  await indexer.waitForBlock(await head(), 180_000);
  const after = await rows(indexer.url, 'activity', 'id txHash kind');
  expect(new Set(after.map((r) => r.id)).size).toBe(after.length);
  expect(after.length).toBe(before.length + 1);
  expect(after.filter((r) => r.txHash === transactionHash).map((r) => r.kind)).toEqual(['vault-deposit']);
});

test('on PostgreSQL the same chain gives the same rows, and `ponder serve` answers from that database', async () => {
  test.setTimeout(240_000);
  expect(postgresAvailable(), 'PostgreSQL is not installed: apt-get install -y postgresql (.ci/run does)').toBe(true);
  let pg: Postgres | undefined;
  let onPg: Indexer | undefined;
  let serve: Indexer | undefined;
  try {
    pg = startPostgres(pgPort);
    onPg = start({ databaseUrl: pg.url, port: indexerPort + 2 });
    await onPg.waitForBlock(await head(), 180_000);
    const fields = 'id account kind asset amount usd timestamp txHash';
    const key = (r: Row) => String(r.id);
    const embedded = (await rows(indexer!.url, 'activity', fields)).sort((a, b) => key(a).localeCompare(key(b)));
    const postgres = (await rows(onPg.url, 'activity', fields)).sort((a, b) => key(a).localeCompare(key(b)));
    expect(postgres).toEqual(embedded);
    expect(await rows(onPg.url, 'listing', 'id state price')).toEqual(await rows(indexer!.url, 'listing', 'id state price'));
    // The API alone, in front of the same database: what a second machine would run.
    serve = start({ databaseUrl: pg.url, port: indexerPort + 3, command: 'serve' });
    await expect.poll(async () => (await rows(serve!.url, 'activity', fields).catch(() => [])).length, { timeout: 60_000 }).toBe(embedded.length);
  } finally {
    await serve?.stop();
    await onPg?.stop();
    pg?.stop();
  }
});

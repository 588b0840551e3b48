// Coins, prices and rewards: Rewards.CoinAdded (a reward coin and its feed), every feed's AnswerUpdated
// (the price in force for later events), Rewards.OutputPosted (rewards posted) and Rewards.Claimed.
import { ponder } from 'ponder:registry';
import { meta, output, price, priceRound, token } from 'ponder:schema';
import { erc20Abi } from 'viem';
import { addressOf } from '../deployment';
import { coinToken, lower, record } from '../lib';

ponder.on('Rewards:setup', async ({ context }) => {
  await context.db.insert(token).values({ address: lower(addressOf('USDT')), coin: null, symbol: 'USDT', decimals: 6, feed: null }).onConflictDoNothing();
  // HASH, the governance token: votes are counted in it (no price feed, so no USD value).
  await context.db.insert(token).values({ address: lower(addressOf('HASH')), coin: null, symbol: 'HASH', decimals: 18, feed: null }).onConflictDoNothing();
});

ponder.on('PriceFeed:AnswerUpdated', async ({ event, context }) => {
  const feed = lower(event.log.address);
  await context.db
    .insert(price)
    .values({ feed, answer: event.args.current, updatedAt: event.args.updatedAt })
    .onConflictDoUpdate({ answer: event.args.current, updatedAt: event.args.updatedAt });
  await context.db.insert(priceRound).values({ id: `${feed}-${event.args.roundId}`, feed, answer: event.args.current, timestamp: event.args.updatedAt });
});

ponder.on('Rewards:CoinAdded', async ({ event, context }) => {
  // Rewards' day 0 (immutable; read once the contract exists): holdings and the rewards-earned history count days from it.
  if (!(await context.db.find(meta, { key: 'genesis' }))) {
    const genesis = await context.client.readContract({ ...context.contracts.Rewards, functionName: 'genesis', cache: 'immutable' });
    await context.db.insert(meta).values({ key: 'genesis', value: genesis });
  }
  const decimals = await context.client.readContract({ address: event.args.token, abi: erc20Abi, functionName: 'decimals', cache: 'immutable' });
  await context.db
    .insert(token)
    .values({ address: lower(event.args.token), coin: event.args.coin, symbol: event.args.symbol, unit: event.args.unit, decimals, feed: lower(event.args.priceFeed) })
    .onConflictDoUpdate({ coin: event.args.coin, symbol: event.args.symbol, unit: event.args.unit, decimals, feed: lower(event.args.priceFeed) });
});

ponder.on('Rewards:OutputPosted', async ({ event, context }) => {
  const t = await coinToken(context.db, event.args.coin);
  const p = t?.feed ? await context.db.find(price, { feed: t.feed }) : null;
  await context.db.insert(output).values({
    id: `${event.args.coin}-${event.args.day}`,
    coin: event.args.coin,
    day: event.args.day,
    outputPerUnit: event.args.outputPerUnit,
    activeHashrate: event.args.activeHashrate,
    funded: event.args.funded,
    usdPrice: p?.answer ?? null,
    timestamp: event.block.timestamp,
  });
});

ponder.on('Rewards:Claimed', async ({ event, context }) => {
  const t = await coinToken(context.db, event.args.coin);
  if (!t) return;
  await record(context.db, event, { account: event.args.owner, kind: 'claim', asset: t.address, amount: event.args.amount, tokenId: event.args.tokenId });
});

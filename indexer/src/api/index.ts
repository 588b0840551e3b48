// The indexer's HTTP API: SQL over HTTP at /sql (@ponder/client), GraphQL at /graphql, and the few reads
// the app makes, each one request answered by one or two indexed SQL queries:
//   GET /market/listings  a page of live listings, filtered and sorted, with the total (exact up to 1,000)
//                         and each product's floor
//   GET /market/sales     the latest sales, with their times
//   GET /market/days      each product's daily volume and floor
//   GET /activity         a wallet's history, newest first
//   GET /portfolio        a wallet's NFTs with what they cost, the rewards they paid it, and what prices
//                         them now: matching active offers, each product's floor per unit per day, and
//                         each coin's latest output and price
//   GET /portfolio/earned rewards earned per day and coin over every stretch the wallet held an NFT
//                         (NFTs since sold included) and its share of every pool NFT it contributed to,
//                         valued at the price posted with that day's output
//   GET /offers           a wallet's offers, newest first
// Ponder itself answers /health, /ready and /status. bigint values go out as decimal strings.
import { Hono } from 'hono';
import { and, asc, client, desc, eq, graphql, gt, gte, inArray, isNull, lt, lte, max, ne, or, replaceBigInts, sql } from 'ponder';
import { db } from 'ponder:api';
import { addressOf } from '../deployment';
import schema, { activity, holding, listing, marketDay, meta, nft, offer, output, pool, poolMember, price, product, sale, token } from 'ponder:schema';

type SQL = ReturnType<typeof sql>;

const app = new Hono();
app.use('/sql/*', client({ db, schema }));
app.use('/graphql', graphql({ db, schema }));

const json = <T>(value: T) => replaceBigInts(value, (v) => String(v));
const int = (v: string | undefined, fallback: number, max = Number.MAX_SAFE_INTEGER) => {
  const n = Number(v);
  return Number.isSafeInteger(n) && n >= 0 ? Math.min(n, max) : fallback;
};
const address = (v: string | undefined) => (v && /^0x[0-9a-fA-F]{40}$/.test(v) ? (v.toLowerCase() as `0x${string}`) : undefined);

/**
 * Counted exactly up to this many; past it the page says "1,000+" (a count over every match is O(matches)).
 * Counting reads a heap row per match (PGlite has no vacuum, so no index-only scan): 10,000 took 35–230 ms
 * per request at 100,000 listings, a third of the request; 1,000 is a tenth of that.
 */
const COUNT_CAP = 1_000;

// The embedded database (PGlite) has no autovacuum, so without this its planner never has statistics: it
// guesses one row for a term range, and "newest within a term range" sorted every match instead of
// walking the primary key (1,024 ms p95 at 10,000 listings; Postgres, analyzed by autovacuum, 0.1 ms).
// ANALYZE is allowed in the API's read-only transaction; at most every 5 minutes, not awaited.
let analyzedAt = 0;
const analyzeNow = () => {
  if (Date.now() - analyzedAt < 300_000) return;
  analyzedAt = Date.now();
  db.execute(sql`analyze ${listing}`).catch(() => undefined);
};

/**
 * A page in order of price per hashrate unit per day of term left, without sorting every match: days left
 * move with the clock, so no index holds that order, but among listings with days left in [lo, hi) a price
 * per unit per day of at most B means a unitPrice of at most B × hi, an indexed range. B is the largest
 * price per unit per day among the offset + limit matches with the lowest unitPrice, so the page lies
 * within "≤ B". One such range per doubling of days left, OR-ed: the same rows, in the same order, as
 * sorting every match, but only the few in those ranges are read and sorted.
 */
async function unitDayPage(where: SQL[], now: bigint, maxDays: number, unitDay: SQL, offset: number, limit: number) {
  const k = offset + limit;
  const order = [unitDay, desc(listing.id)];
  const seed = await db.select({ v: sql<number>`${unitDay}`.mapWith(Number) }).from(listing).where(and(...where)).orderBy(asc(listing.unitPrice)).limit(k);
  // Fewer than offset + limit matches in all: sorting them is cheap.
  if (seed.length < k) return db.select().from(listing).where(and(...where)).orderBy(...order).limit(limit).offset(offset);
  const bound = Math.max(...seed.map((r) => r.v));
  const day = 86_400n;
  const parts: SQL[] = [];
  for (let lo = 1; lo <= maxDays; lo *= 2) {
    const hi = lo * 2;
    const cond = [lte(listing.unitPrice, BigInt(Math.ceil(bound * hi)) + 1n)];
    if (lo > 1) cond.push(gte(listing.termEnd, now + BigInt(lo) * day));
    if (hi <= maxDays) cond.push(lt(listing.termEnd, now + BigInt(hi) * day));
    parts.push(and(...cond)!);
  }
  // One statement (the embedded database runs statements one at a time): each arm of the OR is an index
  // range of its own (a bitmap OR), and only what they select is sorted.
  return db
    .select()
    .from(listing)
    .where(and(...where, or(...parts)))
    .orderBy(...order)
    .limit(limit)
    .offset(offset);
}

app.get('/market/listings', async (c) => {
  analyzeNow();
  const q = c.req.query();
  // Chain time from the page, so "expired" and "days left" follow the chain's clock, not this server's.
  const now = BigInt(int(q.now, Math.floor(Date.now() / 1000)));
  const seller = address(q.seller);
  const where: SQL[] = [eq(listing.state, 'open')];
  if (seller) where.push(eq(listing.seller, seller));
  else where.push(eq(listing.ownerChanged, false), eq(listing.notApproved, false), sql`${listing.expiresAt} > ${now}`);
  if (q.coin !== undefined && q.coin !== 'all') where.push(eq(listing.coin, int(q.coin, 0)));
  const day = 86_400n;
  if (q.termMin && int(q.termMin, 0) > 0) where.push(gte(listing.termEnd, now + BigInt(int(q.termMin, 0)) * day));
  if (q.termMax && q.termMax !== 'inf') where.push(lt(listing.termEnd, now + BigInt(int(q.termMax, 0)) * day));
  const daysLeft = sql`greatest(1, floor((${listing.termEnd} - ${now}) / 86400.0))`;
  const unitDay = sql`${listing.price}::float8 / ${listing.hashrate}::float8 / ${daysLeft}`;
  const limit = int(q.limit, 24, 200);
  const offset = int(q.offset, 0);
  // Price per hashrate unit per day left is not indexable (days left move with the clock), but it is at
  // least unitPrice / maxDays, where maxDays is the most days any open listing has left (one index probe):
  // so a bound on it is a bound on the indexed unitPrice, which keeps the filter and the sort off a full scan.
  const needsDays = q.maxUnitDay !== undefined || q.sort === 'unit-day';
  const [last] = needsDays ? await db.select({ termEnd: listing.termEnd }).from(listing).where(eq(listing.state, 'open')).orderBy(desc(listing.termEnd)).limit(1) : [];
  const maxDays = last ? Math.max(1, Math.floor(Number(last.termEnd - now) / 86_400)) : 1;
  const maxUnitDay = q.maxUnitDay === undefined ? undefined : Number(q.maxUnitDay);
  if (maxUnitDay !== undefined && Number.isFinite(maxUnitDay) && maxUnitDay >= 0) {
    where.push(sql`${unitDay} <= ${maxUnitDay}`);
    where.push(lte(listing.unitPrice, BigInt(Math.floor(maxUnitDay * maxDays))));
  }
  const orders: Record<string, SQL[]> = {
    newest: [desc(listing.id)],
    'price-asc': [asc(listing.price), desc(listing.id)],
    'price-desc': [desc(listing.price), desc(listing.id)],
    ending: [asc(listing.expiresAt), desc(listing.id)],
    'unit-day': [unitDay, desc(listing.id)],
  };
  const order = orders[q.sort ?? 'newest'] ?? orders.newest!;
  const live = and(eq(listing.state, 'open'), eq(listing.ownerChanged, false), eq(listing.notApproved, false), sql`${listing.expiresAt} > ${now}`);
  // The total and the floors, in one statement (on the embedded database every statement runs after the
  // one before: one round trip instead of one per product). The count is exact up to COUNT_CAP matches
  // ("1,000+" past it): O(cap), not O(market); each product's floor is one probe of the (state, product,
  // price) index.
  const capped = db.select({ one: sql`1` }).from(listing).where(and(...where)).limit(COUNT_CAP + 1);
  // product.id is numeric (a bigint column) and listing.productId an integer: compared uncast, Postgres
  // casts the listing side, which rules out the (state, product, price) index, and each floor scanned every
  // open listing (698 ms at 100,000 on PGlite; 7 ms with the cast on the product side).
  const floorOf = db.select({ price: listing.price }).from(listing).where(and(live, sql`${listing.productId} = ${product.id}::integer`)).orderBy(asc(listing.price)).limit(1);
  const totals = db
    .select({
      n: sql<number>`(select count(*) from (${capped}) as capped)`.mapWith(Number),
      floors: seller ? sql<string>`'[]'` : sql<string>`(select coalesce(json_agg(json_build_object('productId', f.id, 'price', f.price::text) order by f.id), '[]')::text from (select ${product.id} as id, (${floorOf}) as price from ${product}) as f where f.price is not null)`,
    })
    .from(sql`(select 1) as one`);
  const items =
    q.sort === 'unit-day'
      ? await unitDayPage(where, now, maxDays, unitDay, offset, limit)
      : await db.select().from(listing).where(and(...where)).orderBy(...order).limit(limit).offset(offset);
  const [counted] = await totals;
  const floors = (JSON.parse(counted?.floors ?? '[]') as { productId: number; price: string }[]).map((f) => ({ productId: f.productId, price: BigInt(f.price) }));
  const n = counted?.n ?? 0;
  return c.json(json({ items, total: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP, floors }));
});

app.get('/market/sales', async (c) => {
  const limit = int(c.req.query('limit'), 5, 100);
  const rows = await db.select().from(sale).orderBy(desc(sale.timestamp), desc(sale.id)).limit(limit);
  return c.json(json(rows));
});

app.get('/market/days', async (c) => {
  const from = int(c.req.query('from'), 0);
  const rows = await db.select().from(marketDay).where(gte(marketDay.day, from)).orderBy(asc(marketDay.day), asc(marketDay.productId)).limit(5_000);
  return c.json(json(rows));
});

app.get('/activity', async (c) => {
  const account = address(c.req.query('account'));
  if (!account) return c.json({ error: 'account must be an address' }, 400);
  const kinds = c.req.query('kinds')?.split(',').filter(Boolean);
  const where = [eq(activity.account, account)];
  if (kinds?.length) where.push(inArray(activity.kind, kinds));
  const limit = int(c.req.query('limit'), 500, 5_000);
  const offset = int(c.req.query('offset'), 0);
  const rows = await db.select().from(activity).where(and(...where)).orderBy(desc(activity.timestamp), desc(activity.logIndex)).limit(limit).offset(offset);
  return c.json(json(rows));
});

app.get('/portfolio', async (c) => {
  const account = address(c.req.query('account'));
  if (!account) return c.json({ error: 'account must be an address' }, 400);
  const now = BigInt(int(c.req.query('now'), Math.floor(Date.now() / 1000)));
  // NFTs held now, and every NFT the account ever received rewards from (sold ones included).
  const held = await db.select().from(nft).where(eq(nft.owner, account));
  const rewards = await db
    .select({ tokenId: activity.tokenId, asset: activity.asset, decimals: activity.decimals, amount: sql<string>`sum(${activity.amount})`, usd: sql<string>`sum(${activity.usd})` })
    .from(activity)
    .where(and(eq(activity.account, account), inArray(activity.kind, ['claim', 'sale-rewards'])))
    .groupBy(activity.tokenId, activity.asset, activity.decimals);
  // What the account paid for and got for every NFT it traded (NFTs since sold are counted in the total).
  const trades = await db
    .select({ tokenId: activity.tokenId, kind: activity.kind, amount: sql<string>`sum(${activity.amount})` })
    .from(activity)
    .where(and(eq(activity.account, account), inArray(activity.kind, ['purchase', 'buy', 'offer-buy', 'sell', 'offer-sell'])))
    .groupBy(activity.tokenId, activity.kind);
  // What prices them now: active offers someone else made for them, their product or their coin; the
  // cheapest live listing per product per unit per day of term left; each coin's latest posted output.
  const ids = held.map((n) => n.id);
  const products = [...new Set(held.map((n) => BigInt(n.productId)))];
  const coins = [...new Set(held.map((n) => BigInt(n.coin)))];
  const targets = [
    ids.length ? and(eq(offer.kind, 'token'), inArray(offer.target, ids)) : undefined,
    products.length ? and(eq(offer.kind, 'product'), inArray(offer.target, products)) : undefined,
    coins.length ? and(eq(offer.kind, 'coin'), inArray(offer.target, coins)) : undefined,
  ].filter((x) => x !== undefined);
  const daysLeft = sql`greatest(1, floor((${listing.termEnd} - ${now}) / 86400.0))`;
  const live = and(eq(listing.state, 'open'), eq(listing.ownerChanged, false), eq(listing.notApproved, false), sql`${listing.expiresAt} > ${now}`);
  const [offers, floors, latest, tokens, prices] = await Promise.all([
    targets.length
      ? db
          .select()
          .from(offer)
          .where(and(eq(offer.state, 'open'), eq(offer.voided, false), eq(offer.tokenMoved, false), gt(offer.expiresAt, now), ne(offer.buyer, account), or(...targets)))
          .orderBy(desc(offer.price))
          .limit(500)
      : Promise.resolve([]),
    // Per product the listing with the lowest price per unit per day left (one indexed query each).
    Promise.all(
      [...new Set(held.map((n) => n.productId))].map(async (productId) => {
        const [l] = await db
          .select({ productId: listing.productId, price: listing.price, hashrate: listing.hashrate, termEnd: listing.termEnd })
          .from(listing)
          .where(and(live, eq(listing.productId, productId)))
          .orderBy(sql`${listing.price}::float8 / ${listing.hashrate}::float8 / ${daysLeft}`)
          .limit(1);
        return l;
      }),
    ).then((ls) => ls.filter((l) => l !== undefined)),
    db.select({ coin: output.coin, day: max(output.day) }).from(output).groupBy(output.coin),
    db.select().from(token),
    db.select().from(price),
  ]);
  const outputs = latest.length
    ? await db.select().from(output).where(or(...latest.map((l) => and(eq(output.coin, l.coin), eq(output.day, l.day ?? -1)))))
    : [];
  return c.json(json({ held, rewards, trades, offers, floors, outputs, tokens, prices, now }));
});

const miningPools = addressOf('MiningPools').toLowerCase() as `0x${string}`;

app.get('/portfolio/earned', async (c) => {
  const account = address(c.req.query('account'));
  if (!account) return c.json({ error: 'account must be an address' }, 400);
  const [g] = await db.select().from(meta).where(eq(meta.key, 'genesis'));
  const genesis = g?.value ?? 0n;
  // Day d of an NFT counts for the account that held it that day (fromDay ≤ d < toDay) and inside the
  // NFT's term (the contract accrues the days from dayOf(start) to before dayOf(end)).
  const startDay = sql`greatest(0, floor((${nft.start} - ${genesis}) / 86400.0))`;
  const endDay = sql`greatest(0, floor((${nft.end} - ${genesis}) / 86400.0))`;
  const rows = await db
    .select({
      day: output.day,
      coin: output.coin,
      usdPrice: output.usdPrice,
      /** Σ hashrate × output per unit (reward-token base units × 1e6, the contract's PRECISION) */
      scaled: sql<string>`sum(${output.outputPerUnit} * ${nft.hashrate})`,
      tokens: sql<string>`string_agg(distinct ${nft.id}::text, ',')`,
    })
    .from(holding)
    .innerJoin(nft, eq(nft.id, holding.tokenId))
    .innerJoin(output, and(eq(output.coin, nft.coin), gte(output.day, holding.fromDay), or(isNull(holding.toDay), lt(output.day, holding.toDay)), sql`${output.day} >= ${startDay}`, sql`${output.day} < ${endDay}`))
    .where(eq(holding.account, account))
    .groupBy(output.day, output.coin, output.usdPrice)
    .orderBy(asc(output.day), asc(output.coin))
    .limit(20_000);
  // Pool members: a finalized pool's NFT is minted to MiningPools and stays there for its whole term, and
  // each member earns contribution / raised of every day's output (MiningPools' pro-rata rule; each day
  // rounded down).
  const pooled = await db
    .select({
      day: output.day,
      coin: output.coin,
      usdPrice: output.usdPrice,
      scaled: sql<string>`sum(div(${output.outputPerUnit} * ${nft.hashrate} * ${poolMember.contribution}, ${pool.raised}))`,
      tokens: sql<string>`string_agg(distinct ${nft.id}::text, ',')`,
    })
    .from(poolMember)
    .innerJoin(pool, and(eq(pool.id, poolMember.poolId), eq(pool.status, 'finalized'), gt(pool.raised, 0n)))
    .innerJoin(nft, and(eq(nft.id, pool.tokenId), eq(nft.owner, miningPools)))
    .innerJoin(output, and(eq(output.coin, nft.coin), sql`${output.day} >= ${startDay}`, sql`${output.day} < ${endDay}`))
    .where(eq(poolMember.member, account))
    .groupBy(output.day, output.coin, output.usdPrice)
    .orderBy(asc(output.day), asc(output.coin))
    .limit(20_000);
  const tokens = await db.select().from(token);
  return c.json(json({ genesis, rows: [...rows, ...pooled.map((r) => ({ ...r, pool: true }))], tokens }));
});

app.get('/offers', async (c) => {
  const buyer = address(c.req.query('buyer'));
  if (!buyer) return c.json({ error: 'buyer must be an address' }, 400);
  const rows = await db.select().from(offer).where(eq(offer.buyer, buyer)).orderBy(desc(offer.createdAt), desc(offer.id)).limit(int(c.req.query('limit'), 200, 1_000));
  return c.json(json(rows));
});

export default app;

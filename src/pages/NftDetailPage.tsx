// One NFT: image (from its on-chain metadata), terms, rewards and their history, transfers; claim and send.
import { useMemo, useState } from 'react';
import { useAccount } from 'wagmi';
import type { Address } from 'viem';
import { ListDialog } from '../components/ListDialog';
import { NftOffers } from '../components/market/NftOffers';
import { useAppChain } from '../hooks/useAppChain';
import { NftArt } from '../components/NftArt';
import { RewardsChart } from '../components/RewardsChart';
import { Card, EmptyState, ErrorNote, LoadingCards, Stat, buttonClass, inputClass } from '../components/ui';
import { ActionButton } from '../components/ActionButton';
import { BlockTime } from '../components/BlockTime';
import { useBlockTimes } from '../hooks/useBlockTimes';
import { useChainRead } from '../hooks/useChainRead';
import { useChainTime } from '../hooks/useChainTime';
import { useClaimRewards } from '../hooks/useClaimRewards';
import { useMarket } from '../hooks/useMarket';
import { useMarketActions } from '../hooks/useMarketActions';
import { useNft } from '../hooks/useNft';
import { useProducts } from '../hooks/useProducts';
import { useProtocol } from '../hooks/useProtocol';
import { useTransferNft } from '../hooks/useTransferNft';
import { dailyOutput } from '../lib/economics';
import { formatDate, formatHashrate, formatToken, formatUsd, formatUsdt, shortAddress, toUsd } from '../lib/format';
import { termLengthDays, termStatus, termText } from '../lib/terms';
import { listingStatus, STATUS_TEXT, type MarketListing } from '../lib/marketState';
import { parseTokenUri } from '../lib/metadata';
import { SafeNftImage } from '../components/safety/SafeNftImage';
import { parseRecipient } from '../lib/parse';
import { rewardHistory } from '../lib/rewardHistory';
import { href } from '../lib/router';

export default function NftDetailPage({ id }: { id: bigint }) {
  const nft = useNft(id);
  const protocol = useProtocol();
  const products = useProducts();
  const now = useChainTime(false);
  const { address } = useAccount();
  const claim = useClaimRewards();
  const [claiming, setClaiming] = useState(false);
  const meta = useMemo(() => parseTokenUri(nft.data?.tokenUri), [nft.data?.tokenUri]);
  const market = useMarket();
  const { deployment } = useAppChain();
  // The activity list's dates: every block it names, read in one batch.
  const blockTimes = useBlockTimes([
    ...(nft.data?.transfers.map((t) => t.block) ?? []),
    ...(nft.data?.claims.map((c) => c.block) ?? []),
    ...(market.data?.sales.filter((x) => x.tokenId === id).map((x) => x.blockNumber) ?? []),
  ]);

  if (nft.isError || protocol.isError) return <ErrorNote>Could not load NFT #{String(id)} from the chain. It retries on its own.</ErrorNote>;
  if (nft.data === null) return <EmptyState title={`NFT #${id} does not exist`}><a href={href.portfolio} className="text-brand-400 underline">Back to the portfolio</a></EmptyState>;
  if (!nft.data || !protocol.data || now === undefined) return <LoadingCards count={2} label={`Loading NFT #${id}`} />;

  const n = nft.data;
  const coin = protocol.data.coins[n.coin];
  const status = termStatus(n.start, n.end, now);
  const left = status.daysLeft;
  const term = termLengthDays(n.start, n.end);
  const mine = address !== undefined && address.toLowerCase() === n.owner.toLowerCase();
  const daily = dailyOutput(n.hashrate, coin.latestOutput);
  const history = rewardHistory([n], protocol.data.coins, protocol.data.genesis, 30);
  const sales = market.data?.sales.filter((x) => x.tokenId === id) ?? [];
  const listing = market.data?.listings.find((l) => l.tokenId === id && l.base === 'open' && l.seller.toLowerCase() === n.owner.toLowerCase());
  const activity = [
    ...n.transfers.map((t) => ({ block: t.block, hash: t.hash, text: t.from === '0x0000000000000000000000000000000000000000' ? `Minted to ${shortAddress(t.to)}` : `Sent from ${shortAddress(t.from)} to ${shortAddress(t.to)}` })),
    ...n.claims.map((c) => ({ block: c.block, hash: c.hash, text: `${shortAddress(c.owner)} claimed ${formatToken(c.amount, coin.decimals, coin.symbol, 8)}` })),
    ...sales.map((x) => ({ block: x.blockNumber, hash: x.hash, text: `Sold by ${shortAddress(x.seller)} to ${shortAddress(x.buyer)} for ${formatUsdt(x.price)}` })),
  ].sort((a, b) => Number(b.block - a.block));

  return (
    <div>
      <p className="mb-3 text-sm"><a href={href.portfolio} className="text-slate-400 hover:text-white">← Portfolio</a></p>
      <div className="grid gap-5 lg:grid-cols-[minmax(0,22rem)_1fr]">
        <div>
          <SafeNftImage
            src={meta?.image}
            alt={meta?.name ?? `Hashmint #${id}`}
            className="aspect-square w-full rounded-2xl border border-slate-800 object-contain"
            fallback={<NftArt id={id} symbol={coin.symbol} hashrate={n.hashrate} unit={coin.unit} daysLeft={left} className="aspect-square w-full" />}
          />
        </div>
        <div className="space-y-5">
          <div>
            <h1 className="text-2xl font-bold text-white sm:text-3xl">Hashmint #{String(id)}</h1>
            <p className="text-slate-400">{products.data?.[n.productId]?.name ?? `Product ${n.productId}`} · owned by {mine ? 'you' : <span className="tabular" title={n.owner}>{shortAddress(n.owner)}</span>}</p>
          </div>
          <Card>
            <h2 className="mb-3 font-semibold text-white">Terms</h2>
            <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3">
              <Stat label="Hashrate" value={formatHashrate(n.hashrate, coin.unit)} sub={`mines ${coin.symbol}`} />
              <Stat label="Term" value={`${term} days`} sub={`${formatDate(n.start)} – ${formatDate(n.end)}`} />
              <Stat label="Days left" value={String(left)} sub={status.kind === 'active' && left > 0 ? 'whole days of output' : termText(status)} testId="nft-days-left" />
              <Stat label="Per day" value={formatToken(daily, coin.decimals, coin.symbol, 8)} sub={formatUsd(toUsd(daily, coin.decimals, coin.priceUsd))} />
              <Stat label="Unclaimed" value={formatToken(n.unclaimed, coin.decimals, coin.symbol, 8)} sub={formatUsd(toUsd(n.unclaimed, coin.decimals, coin.priceUsd))} testId="nft-unclaimed" />
              <Stat label="Claimed" value={formatToken(n.claimed, coin.decimals, coin.symbol, 8)} sub={formatUsd(toUsd(n.claimed, coin.decimals, coin.priceUsd))} />
            </dl>
            {mine && (
              <button
                type="button"
                className={`${buttonClass.primary} mt-4`}
                disabled={n.unclaimed === 0n || claiming}
                onClick={() => {
                  setClaiming(true);
                  void claim([id]).finally(() => setClaiming(false));
                }}
              >
                {claiming ? 'Claiming…' : n.unclaimed === 0n ? 'Nothing to claim' : 'Claim rewards'}
              </button>
            )}
            <p className="mt-3 text-xs text-slate-400">Unclaimed rewards belong to the NFT: whoever holds it when claiming receives them. A sale on the marketplace (a listing, an offer or a sweep) pays them to the seller inside the sale.</p>
          </Card>
          <Card aria-labelledby="history-title">
            <h2 id="history-title" className="mb-2 font-semibold text-white">Reward history (USD at today's price)</h2>
            <RewardsChart data={history} coins={protocol.data.coins} genesis={protocol.data.genesis} />
          </Card>
          {(mine || listing) && (
            <MarketCard id={id} mine={mine} listing={listing} hashrate={n.hashrate} unit={coin.unit} termEnd={n.end} now={now} />
          )}
          <NftOffers
            nft={{ tokenId: id, productId: n.productId, coin: n.coin, hashrate: n.hashrate, start: n.start, end: n.end }}
            owner={n.owner}
            mine={mine}
            custody={[deployment.contracts.LoanPool, deployment.contracts.MiningPools].some((a) => a.toLowerCase() === n.owner.toLowerCase())}
            coins={protocol.data.coins.map((c, i) => ({ id: i, symbol: c.symbol, unit: c.unit }))}
            names={(p) => products.data?.[p]?.name ?? `Product ${p}`}
            feeBps={market.data?.feeBps ?? 10_000}
            listings={market.data?.listings.filter((l) => listingStatus(l, now) === 'active')}
            now={now}
          />
          {mine && <TransferForm id={id} owner={n.owner} />}
          <Card aria-labelledby="activity-title">
            <h2 id="activity-title" className="mb-2 font-semibold text-white">Activity</h2>
            <ul className="divide-y divide-slate-800 text-sm">
              {activity.map((e) => (
                <li key={`${e.hash}-${e.text}`} className="flex justify-between gap-3 py-2">
                  <span>{e.text}</span>
                  <BlockTime block={e.block} times={blockTimes.data} className="tabular shrink-0 text-slate-400" />
                </li>
              ))}
            </ul>
          </Card>
        </div>
      </div>
    </div>
  );
}

function MarketCard({ id, mine, listing, hashrate, unit, termEnd, now }: { id: bigint; mine: boolean; listing?: MarketListing; hashrate: bigint; unit: string; termEnd: bigint; now: number }) {
  const actions = useMarketActions();
  const [dialog, setDialog] = useState(false);
  const status = listing ? listingStatus(listing, now) : undefined;
  return (
    <Card aria-labelledby="market-title">
      <h2 id="market-title" className="font-semibold text-white">Marketplace</h2>
      {listing && status ? (
        <p className="mt-1 text-sm text-slate-300" data-testid="nft-listing">
          Listed for <span className="font-semibold text-white">{formatUsdt(listing.price)}</span> until {formatDate(listing.expiresAt)} · {STATUS_TEXT[status].toLowerCase()}
        </p>
      ) : (
        <p className="mt-1 text-sm text-slate-400">Not listed. Listing keeps the NFT in your wallet until someone buys it.</p>
      )}
      {mine && (
        <div className="mt-3 flex flex-wrap gap-2">
          {listing ? (
            <>
              {status === 'active' && <button type="button" className={buttonClass.secondary} onClick={() => setDialog(true)}>Change price</button>}
              <button type="button" className={buttonClass.secondary} disabled={actions.step !== 'idle'} onClick={() => void actions.cancel(listing.id)}>Cancel listing</button>
            </>
          ) : (
            <button type="button" className={buttonClass.primary} disabled={Number(termEnd) <= now} onClick={() => setDialog(true)}>List for sale</button>
          )}
        </div>
      )}
      {dialog && <ListDialog tokenId={id} hashrate={hashrate} unit={unit} termEnd={termEnd} existing={listing} open onClose={() => setDialog(false)} />}
    </Card>
  );
}

function TransferForm({ id, owner }: { id: bigint; owner: Address }) {
  const { isConnected } = useAccount();
  const transfer = useTransferNft();
  const [to, setTo] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string>();
  const parsed = parseRecipient(to, owner);
  // Whether the address typed is a contract, keyed by that address: an answer for an earlier address
  // can never stand for the current one.
  const recipient = parsed.ok ? parsed.value : undefined;
  const code = useChainRead({
    topic: 'nft',
    key: ['code', recipient],
    enabled: recipient !== undefined,
    queryFn: async ({ client }) => (recipient ? ((await client.getCode({ address: recipient })) ?? '0x') : '0x'),
    staleTime: Infinity,
  });
  const isContract = Boolean(recipient) && code.data !== undefined && code.data !== '0x';

  const send = async () => {
    if (!parsed.ok) return;
    setBusy(true);
    setResult(undefined);
    const r = await transfer(id, owner, parsed.value);
    setBusy(false);
    if (r.status === 'confirmed') {
      setTo('');
      setTouched(false);
    } else if (r.status !== 'rejected') setResult(r.error.message);
  };

  return (
    <Card aria-labelledby="transfer-title">
      <h2 id="transfer-title" className="font-semibold text-white">Send this NFT</h2>
      <p className="mb-3 text-sm text-slate-400">Its unclaimed rewards go with it.</p>
      <label htmlFor="transfer-to" className="text-sm font-medium text-slate-200">Recipient address</label>
      <input
        id="transfer-to"
        className={`${inputClass} mt-1 font-mono text-sm`}
        placeholder="0x…"
        autoComplete="off"
        spellCheck={false}
        value={to}
        onChange={(e) => {
          setTo(e.target.value);
          setResult(undefined);
        }}
        onBlur={() => setTouched(true)}
        aria-invalid={touched && !parsed.ok}
        aria-describedby="transfer-error"
      />
      <div id="transfer-error">
        {touched && to !== '' && !parsed.ok && <ErrorNote>{parsed.error}</ErrorNote>}
        {parsed.ok && isContract && <p className="mt-1.5 text-sm text-amber-300">This address is a contract. The transfer only goes through if it can receive NFTs.</p>}
        {result && <ErrorNote>{result}</ErrorNote>}
      </div>
      <div className="mt-3">
        <ActionButton
          testId="transfer-submit"
          state={{
            connected: isConnected,
            loading: false,
            emptyInput: to.trim() === '' ? 'Enter a recipient' : undefined,
            inputError: parsed.ok ? undefined : parsed.error,
            busy: busy ? 'Sending…' : undefined,
            action: `Send #${id}`,
          }}
          onAction={() => void send()}
        />
      </div>
    </Card>
  );
}

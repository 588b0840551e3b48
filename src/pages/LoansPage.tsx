// Loans: pledge hash-power NFTs and borrow USDT from the liquidity vault, with the appraisal and every
// input behind it, max borrow, rate, health factor now → after, liquidation price and the projected health
// at the due date before signing; the wallet's loans (live debt, repay part or all, self-repay, rewards);
// and the loans anyone may liquidate, with what the liquidator pays and receives.
import { useState } from 'react';
import { formatUnits, type Address } from 'viem';
import { useAccount } from 'wagmi';
import { ActionButton } from '../components/ActionButton';
import { AmountField } from '../components/AmountField';
import { Countdown } from '../components/Countdown';
import { HealthFactor, HealthFactorChange } from '../components/HealthFactor';
import { Badge, Card, EmptyState, ErrorNote, LoadingCards, IntroHeader, Skeleton, Stat, buttonClass, inputClass } from '../components/ui';
import { ApprovalScopePicker } from '../components/safety/ApprovalScopePicker';
import { PAGE_INTROS } from '../lib/pageHeaders';
import { useAppChain } from '../hooks/useAppChain';
import { useApprovalScope } from '../hooks/useApprovalScope';
import { useAppraisal, type AppraisalPreview } from '../hooks/useAppraisal';
import { useChainTime } from '../hooks/useChainTime';
import { useLoanActions, type LoanStep } from '../hooks/useLoanActions';
import { useLoans, type CoinLoanParams, type LoanView, type LoansState, type NftAppraisal } from '../hooks/useLoans';
import { usePortfolio, type Holding } from '../hooks/usePortfolio';
import { useProtocol, type CoinState } from '../hooks/useProtocol';
import { useTokenAccount, type TokenAccount } from '../hooks/useTokenAccount';
import { useVault } from '../hooks/useVault';
import { termStatus, termText } from '../lib/terms';
import { formatAmount, formatDate, formatDateTime, formatHashrate, formatPercent, formatStable, formatToken, formatUsd, plural, shortAddress } from '../lib/format';
import {
  MAX_UINT, WAD, bpsText, debtWithBuffer, durationOptions, feedToUsd, firstBelowOne, healthAfterRepay, liveDebt, parseBorrow,
  parseRepay, pickDuration, rateToFraction,
} from '../lib/loans';
import { href } from '../lib/router';
import { useWalletUi } from '../hooks/useWalletUi';

const usdt = (v: bigint) => `${formatAmount(v, 6, 2)} USDT`;

export default function LoansPage() {
  const { address } = useAccount();
  const loans = useLoans(address);
  const vault = useVault(address);
  const protocol = useProtocol();
  const now = useChainTime();
  const rate = loans.data ? rateToFraction(loans.data.borrowRate) : undefined;

  return (
    <div>
      <IntroHeader page={PAGE_INTROS.loans!} />

      <dl className="mb-5 grid grid-cols-2 gap-2 sm:grid-cols-4 sm:gap-4">
        <StatBox label="Borrow rate (APR)" value={rate === undefined ? undefined : formatPercent(rate, 2)} testId="loans-apr" />
        <StatBox label="Vault cash to lend" value={vault.data ? usdt(vault.data.idleCash) : undefined} testId="loans-idle" />
        <StatBox label="Utilisation" value={vault.data ? formatPercent(Number(vault.data.utilizationBps) / 10_000, 2) : undefined} />
        <StatBox label="Open loans" value={loans.data ? String(loans.data.open.length) : undefined} />
      </dl>

      {(loans.isError || protocol.isError) && <ErrorNote>Could not read the loan pool from the chain. It retries on its own.</ErrorNote>}

      <div className="space-y-8">
        <BorrowSection loans={loans.data} coins={protocol.data?.coins} idleCash={vault.data?.idleCash} now={now} />
        {address && <MyLoans loans={loans.data} coins={protocol.data?.coins} now={now} />}
        <Liquidatable loans={loans.data} coins={protocol.data?.coins} now={now} me={address} />
      </div>
    </div>
  );
}

function StatBox({ label, value, testId }: { label: string; value: string | undefined; testId?: string }) {
  return (
    <div className="rounded-xl border border-slate-800 bg-slate-900/50 px-3 py-2">
      <dt className="text-xs text-slate-400">{label}</dt>
      <dd className="tabular font-semibold" data-testid={testId}>{value ?? <Skeleton />}</dd>
    </div>
  );
}

// ------------------------------------------------------------------------------------------- borrow

function BorrowSection({ loans, coins, idleCash, now }: { loans?: LoansState; coins?: CoinState[]; idleCash?: bigint; now?: number }) {
  const { address, isConnected } = useAccount();
  const { open: openWalletModal } = useWalletUi();
  const { deployment } = useAppChain();
  const portfolio = usePortfolio(address);
  const [picked, setPicked] = useState<bigint[]>([]);
  const [text, setText] = useState('');
  const [chosenDays, setChosenDays] = useState<number>();
  const [done, setDone] = useState<{ text: string; ids: bigint[] }>();
  const actions = useLoanActions();
  const scope = useApprovalScope();

  const eligible = (portfolio.data ?? []).filter((h) => now !== undefined && Number(h.end) - now >= 86400);
  const ids = picked.filter((id) => eligible.some((h) => h.id === id));
  const draft = parseBorrow(text, undefined, undefined);
  // Preview the typed amount even above the limits, so the health factor shows how far off it is.
  const previewDebt = draft.ok ? draft.value : 0n;

  const preview0 = useAppraisal(ids, previewDebt, chosenDays, now);
  const p = ids.length > 0 ? preview0.data : undefined;
  const options = p ? durationOptions(p.maxDuration) : [];
  const days = pickDuration(chosenDays, options);
  const preview = useAppraisal(ids, previewDebt, days, now);
  const pv = ids.length > 0 ? (preview.data ?? p) : undefined;
  const parsed = parseBorrow(text, pv?.maxBorrow, idleCash);
  const amount = parsed.ok ? parsed.value : 0n;

  // The confirmation stays while that loan is open (the receipt's refetch has it by the time it shows), and
  // goes once it is repaid or liquidated, or another account is connected.
  const doneOpen = done && loans?.mine.some((l) => l.collateral.some((a) => done.ids.includes(a.tokenId)));
  const toggle = (id: bigint) => setPicked((cur) => (cur.includes(id) ? cur.filter((x) => x !== id) : [...cur, id]));
  const onBorrow = async () => {
    if (!parsed.ok || days === undefined) return;
    const r = await actions.borrow(ids, amount, days, scope.txOptions);
    if (r?.status === 'confirmed') {
      setDone({ text: `You borrowed ${usdt(amount)} against ${ids.map((i) => `#${i}`).join(', ')}. The NFTs are in escrow until you repay.`, ids });
      setPicked([]);
      setText('');
    }
  };

  return (
    <Card aria-labelledby="borrow-title">
      <h2 id="borrow-title" className="text-xl font-semibold text-white">Borrow against your NFTs</h2>
      {!isConnected ? (
        <div className="mt-3">
          <EmptyState title="Connect a wallet to pledge your NFTs">
            <p>Below you can still see every loan that can be liquidated.</p>
            <button type="button" className={`${buttonClass.primary} mt-3`} onClick={() => openWalletModal('connect')}>Connect wallet</button>
          </EmptyState>
        </div>
      ) : !portfolio.data || !coins || now === undefined ? (
        <LoadingCards count={2} label="Loading your NFTs" />
      ) : eligible.length === 0 ? (
        <div className="mt-3">
          <EmptyState title="No NFT to pledge">
            NFTs with at least a day left in their term can be pledged. <a className="font-semibold text-brand-400 underline" href={href.products}>Buy hash power</a>.
          </EmptyState>
        </div>
      ) : (
        <div className="mt-4 grid gap-5 lg:grid-cols-5">
          <fieldset className="min-w-0 lg:col-span-2">
            <legend className="text-sm font-medium text-slate-200">NFTs to pledge</legend>
            <ul className="mt-2 space-y-2">
              {eligible.map((h) => (
                <li key={String(h.id)}>
                  <PledgeOption h={h} coin={coins[h.coin]} now={now} checked={ids.includes(h.id)} onToggle={() => toggle(h.id)} params={loans?.params[h.coin]} />
                </li>
              ))}
            </ul>
          </fieldset>

          <div className="min-w-0 space-y-4 lg:col-span-3">
            {doneOpen && <p role="status" className="rounded-xl border border-emerald-700/50 bg-emerald-500/10 p-3 text-sm text-emerald-200">{done.text}</p>}
            {ids.length === 0 ? (
              <p className="rounded-xl border border-dashed border-slate-700 p-4 text-sm text-slate-400">Pick one or more NFTs to see their appraisal and what you can borrow.</p>
            ) : !pv || !loans ? (
              <div role="status" aria-label="Appraising"><Skeleton className="h-40 w-full" /></div>
            ) : (
              <>
                <AppraisalTable p={pv} coins={coins} params={loans.params} />
                <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
                  <Stat label="Max borrow" value={usdt(pv.maxBorrow)} sub={formatStable(pv.maxBorrow)} testId="borrow-max" />
                  <Stat label="Interest (APR)" value={formatPercent(rateToFraction(pv.borrowRate), 2)} sub="variable, with vault use" testId="borrow-apr" />
                  <Stat label="Vault cash" value={idleCash === undefined ? '…' : usdt(idleCash)} sub="the most anyone can borrow now" />
                </dl>

                <div className="grid gap-3 sm:grid-cols-2">
                  <div>
                    <label htmlFor="borrow-duration" className="text-sm font-medium text-slate-200">Loan duration</label>
                    <select id="borrow-duration" className={`${inputClass} mt-1`} value={days ?? ''} onChange={(e) => setChosenDays(Number(e.target.value))} disabled={options.length === 0}>
                      {options.map((d) => (
                        <option key={d} value={d}>{plural(d, 'day')}{d === options[options.length - 1] ? ' (longest)' : ''}</option>
                      ))}
                    </select>
                    <p className="mt-1 text-xs text-slate-400">
                      {days === undefined ? 'The earliest term ends within a day: these NFTs cannot be pledged.' : <>Due <span data-testid="borrow-due">{formatDateTime(now + days * 86400)}</span>. At most until the earliest term end ({formatDate(now + pv.maxDuration)}).</>}
                    </p>
                  </div>
                  <AmountField
                    id="borrow-amount"
                    label="Borrow amount (USDT)"
                    value={text}
                    onChange={setText}
                    parsed={parsed}
                    onMax={() => setText(formatUnits(idleCash !== undefined && idleCash < pv.maxBorrow ? idleCash : pv.maxBorrow, 6))}
                  />
                </div>

                <BorrowPreview p={pv} coins={coins} amountOk={draft.ok} days={days} now={now} />

                <div role="group" className="rounded-xl border border-slate-800 bg-slate-950/40 p-3 text-sm text-slate-300" aria-label="Risks">
                  <p className="font-medium text-slate-200">Before you sign</p>
                  <ul className="mt-1 list-disc space-y-1 pl-5">
                    <li>The NFTs go into the loan pool's escrow. They keep earning for you; claim their rewards or let them repay the loan.</li>
                    <li>If the health factor falls below 1 (the coin's price drops, output falls, or the term runs down), anyone may repay your debt and take the NFTs. There is no bonus and no partial liquidation: you keep the USDT, they get every pledged NFT.</li>
                    <li>After the due date plus the grace period, anyone may take the NFTs whatever their health, even if they are worth more than the debt.</li>
                    <li>
                      {scope.unlimited
                        ? 'One transaction approves the loan pool for all your NFTs (unless it already is), then one transaction borrows.'
                        : 'Each NFT not yet approved for the loan pool needs its own approval transaction, then one transaction borrows.'}
                    </li>
                  </ul>
                </div>

                {ids.length > 1 && (
                  <ApprovalScopePicker
                    name="borrow-scope"
                    state={scope}
                    approval={{ kind: 'operator', collection: 'Hashmint', spenderName: 'the LoanPool', spenderAddress: deployment.contracts.LoanPool, exactText: 'Approve each pledged NFT only' }}
                    exact={['Each pledged NFT only', `Up to ${plural(ids.length, 'approval')}, one per NFT not yet approved.`]}
                  />
                )}

                <ActionButton
                  testId="borrow-submit"
                  state={{
                    connected: isConnected,
                    loading: idleCash === undefined,
                    emptyInput: text.trim() === '' ? 'Enter an amount' : ids.length > 1 && scope.pending ? 'Accept or cancel the approval for all' : undefined,
                    blocked: days === undefined ? 'No duration available' : undefined,
                    inputError: parsed.ok ? undefined : parsed.error,
                    busy: stepText(actions.step),
                    action: parsed.ok ? `Borrow ${usdt(amount)}` : 'Borrow',
                  }}
                  onAction={() => void onBorrow()}
                />
              </>
            )}
          </div>
        </div>
      )}
    </Card>
  );
}

function stepText(step: LoanStep): string | undefined {
  if (step.kind === 'idle') return undefined;
  if (step.kind === 'approving-nft') return `Approving #${step.tokenId} (${step.index} of ${step.count})…`;
  if (step.kind === 'approving') return 'Approving…';
  return step.what;
}

function PledgeOption({ h, coin, now, checked, onToggle, params }: { h: Holding; coin: CoinState; now: number; checked: boolean; onToggle: () => void; params?: CoinLoanParams }) {
  const id = `pledge-${h.id}`;
  const disabled = params !== undefined && !params.borrowEnabled;
  return (
    <label htmlFor={id} className="flex cursor-pointer items-center gap-3 rounded-xl border border-slate-700 p-3 has-[:checked]:border-brand-400 has-[:checked]:bg-brand-500/5">
      <input id={id} type="checkbox" checked={checked} onChange={onToggle} disabled={disabled} className="h-5 w-5 accent-emerald-500" aria-label={`Pledge #${h.id}`} />
      <span className="min-w-0 flex-1">
        <span className="block font-medium text-white">#{String(h.id)} · {formatHashrate(h.hashrate, coin.unit)} {coin.symbol}</span>
        <span className="tabular block text-xs text-slate-400">
          <span data-testid={`pledge-${h.id}-term`}>{termText(termStatus(h.start, h.end, now))}</span>
          {params && ` · max LTV ${bpsText(params.maxLtvBps)} · liquidation at ${bpsText(params.liquidationThresholdBps)}`}
          {disabled && ' · borrowing switched off for this coin'}
        </span>
      </span>
    </label>
  );
}

function outputText(a: NftAppraisal, coin: CoinState): string {
  // avgDailyOutput is reward-token base units x 1e6 per hashrate unit per day
  const perDay = (a.avgDailyOutput * a.hashrate) / 1_000_000n;
  return `${formatToken(perDay, coin.decimals, coin.symbol, 8)}/day`;
}

function AppraisalTable({ p, coins, params }: { p: AppraisalPreview; coins: CoinState[]; params: CoinLoanParams[] }) {
  return (
    // On a phone the table scrolls sideways: the box takes focus so a keyboard can scroll it too.
    <div className="overflow-x-auto rounded-xl border border-slate-800" role="region" aria-label="Appraisal table" tabIndex={0}>
      <table className="tabular w-full min-w-[34rem] text-sm" aria-label="Appraisal">
        <thead className="bg-slate-950/60 text-left text-xs uppercase tracking-wide text-slate-400">
          <tr>
            <th scope="col" className="px-3 py-2">NFT</th>
            <th scope="col" className="px-3 py-2">Days left</th>
            <th scope="col" className="px-3 py-2">7-day avg output</th>
            <th scope="col" className="px-3 py-2">Coin price</th>
            <th scope="col" className="px-3 py-2">Haircut</th>
            <th scope="col" className="px-3 py-2 text-right">Value</th>
          </tr>
        </thead>
        <tbody>
          {p.appraisals.map((a) => {
            const coin = coins[a.coin];
            return (
              <tr key={String(a.tokenId)} className="border-t border-slate-800" data-testid={`appraisal-${a.tokenId}`}>
                <td className="px-3 py-2">#{String(a.tokenId)}<span className="block text-xs text-slate-400">{formatHashrate(a.hashrate, coin.unit)}</span></td>
                <td className="px-3 py-2" data-testid={`appraisal-${a.tokenId}-days`}>{String(a.remainingDays)}</td>
                <td className="px-3 py-2">{outputText(a, coin)}</td>
                <td className="px-3 py-2">{formatUsd(feedToUsd(a.price))}</td>
                <td className="px-3 py-2">{bpsText(params[a.coin]?.haircutBps ?? 0)}<span className="block text-xs text-slate-400">of {usdt(a.grossValue)}</span></td>
                <td className="px-3 py-2 text-right font-semibold">{usdt(a.value)}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr className="border-t border-slate-700 font-semibold">
            <th scope="row" colSpan={5} className="px-3 py-2 text-left">Collateral value (after haircut)</th>
            <td className="px-3 py-2 text-right" data-testid="appraisal-total">{usdt(p.total.value)}</td>
          </tr>
        </tfoot>
      </table>
      <p className="px-3 py-2 text-xs text-slate-400">Value = days left × hashrate × 7-day average output × coin price, less the haircut. It falls a little every day as the term runs down.</p>
    </div>
  );
}

function BorrowPreview({ p, coins, amountOk, days, now }: { p: AppraisalPreview; coins: CoinState[]; amountOk: boolean; days?: number; now: number }) {
  const hasDebt = amountOk && p.healthFactor !== MAX_UINT;
  const atDue = p.projection.at(-1)?.hf;
  const below = firstBelowOne(p.projection);
  const coinIds = [...new Set(p.appraisals.map((a) => a.coin))];
  const coin = coinIds.length === 1 ? coins[coinIds[0]] : undefined;
  return (
    <div role="group" className="space-y-2 rounded-xl border border-slate-800 p-3 text-sm" aria-label="Loan preview">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="text-slate-400">Health factor</span>
        <HealthFactorChange now={undefined} after={hasDebt ? p.healthFactor : undefined} testId="borrow-hf" />
      </div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="text-slate-400">Liquidated if {coin ? `${coin.symbol} falls below` : 'prices fall'}</span>
        <span className="tabular font-semibold" data-testid="borrow-liq-price">
          {!hasDebt ? '—' : coin === undefined ? 'mixed coins: no single price' : p.liquidationPrice === MAX_UINT ? 'any price (no output history)' : `${formatUsd(feedToUsd(p.liquidationPrice))} (now ${formatUsd(coin.priceUsd)})`}
        </span>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="text-slate-400">Health at the due date{days !== undefined ? ` (${formatDate(now + days * 86400)})` : ''}</span>
        {hasDebt && atDue !== undefined ? <HealthFactor value={atDue} showBand testId="borrow-hf-due" /> : <span>—</span>}
      </div>
      {hasDebt && below !== undefined && (
        <p role="alert" className="rounded-lg bg-rose-500/10 p-2 text-rose-200" data-testid="borrow-due-warning">
          At today's price and output this loan falls below health 1 around {formatDate(below)}, before it is due: the collateral has fewer days left to earn every day. Borrow less, choose a shorter duration, or plan to repay early.
        </p>
      )}
      <p className="text-xs text-slate-400">Projection: price and output as today, interest at today's rate.</p>
    </div>
  );
}

// ------------------------------------------------------------------------------------------- my loans

function MyLoans({ loans, coins, now }: { loans?: LoansState; coins?: CoinState[]; now?: number }) {
  const { deployment } = useAppChain();
  const token = useTokenAccount(deployment.contracts.USDT, deployment.contracts.LoanPool);
  return (
    <section aria-labelledby="my-loans-title">
      <h2 id="my-loans-title" className="mb-3 text-xl font-semibold text-white">My loans</h2>
      {!loans || !coins || now === undefined ? (
        <LoadingCards count={1} label="Loading your loans" />
      ) : loans.mine.length === 0 ? (
        <EmptyState title="No open loans">Pledge an NFT above to borrow USDT against it.</EmptyState>
      ) : (
        <ul className="grid gap-4 xl:grid-cols-2" aria-label="My loans">
          {loans.mine.map((l) => (
            <li key={String(l.id)}>
              <MyLoanCard l={l} coins={coins} now={now} rate={loans.borrowRate} readAt={loans.readAt} token={token.data} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Collateral({ l, coins, now }: { l: LoanView; coins: CoinState[]; now: number }) {
  return (
    <ul className="space-y-1 text-sm" aria-label={`Collateral of loan ${l.id}`}>
      {l.collateral.map((a, i) => {
        const coin = coins[a.coin];
        return (
          <li key={String(a.tokenId)} className="tabular flex flex-wrap justify-between gap-x-3">
            <a href={href.nft(a.tokenId)} className="text-brand-400 underline">#{String(a.tokenId)}</a>
            <span className="text-slate-300">{formatHashrate(a.hashrate, coin.unit)} {coin.symbol} · {termText(termStatus(0, a.termEnd, now))}</span>
            <span className="text-slate-200">{usdt(a.value)}</span>
            {l.unclaimed[i] !== undefined && l.unclaimed[i] > 0n && <span className="w-full text-xs text-slate-400">unclaimed {formatToken(l.unclaimed[i], coin.decimals, coin.symbol, 8)}</span>}
          </li>
        );
      })}
    </ul>
  );
}

function liqPrice(l: LoanView, coins: CoinState[]): { label: string; value: string } {
  const coinIds = [...new Set(l.collateral.map((a) => a.coin))];
  if (coinIds.length !== 1) return { label: 'Liquidation price', value: 'mixed coins' };
  const coin = coins[coinIds[0]];
  if (l.liquidationPrice === MAX_UINT) return { label: `Liquidated if ${coin.symbol} <`, value: 'any price' };
  return { label: `Liquidated if ${coin.symbol} <`, value: formatUsd(feedToUsd(l.liquidationPrice)) };
}

function MyLoanCard({ l, coins, now, rate, readAt, token }: { l: LoanView; coins: CoinState[]; now: number; rate: bigint; readAt: number; token?: TokenAccount }) {
  const { isConnected } = useAccount();
  const actions = useLoanActions();
  const [text, setText] = useState('');
  const debt = liveDebt(l.debt, rate, Math.max(0, now - readAt));
  const liqValue = l.collateral.reduce((s, a) => s + a.liquidationValue, 0n);
  const parsed = parseRepay(text, debt, token?.balance);
  const amount = parsed.ok ? parsed.value : 0n;
  const after = parsed.ok ? healthAfterRepay(liqValue, debt, amount) : undefined;
  // Approve an hour of interest above the debt; ask again only once less than five minutes of it is left.
  const allApproval = debtWithBuffer(debt, rate, 3600);
  const allNeeded = debtWithBuffer(debt, rate, 300);
  const rewardsWaiting = l.unclaimed.some((u) => u > 0n);
  const overdue = now > l.due;
  const grace = Math.round((l.liquidatableAfter - l.due) / 86400);
  const busy = stepText(actions.step);
  const hfNowTone = l.liquidatable ? 'rose' : 'slate';
  const liq = liqPrice(l, coins);
  const coinIds = [...new Set(l.collateral.map((a) => a.coin))];
  const coinPrice = coinIds.length === 1 ? coins[coinIds[0]].priceUsd : undefined;

  return (
    <Card className="space-y-4" data-testid={`loan-${l.id}`} aria-labelledby={`loan-${l.id}-title`}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h3 id={`loan-${l.id}-title`} className="text-lg font-semibold text-white">Loan {String(l.id)}</h3>
          <p className="text-xs text-slate-400">opened {formatDate(l.openedAt)}</p>
        </div>
        <div className="text-right">
          <span className="block text-xs text-slate-400">Health factor</span>
          <HealthFactor value={l.healthFactor} showBand testId={`loan-${l.id}-hf`} className="text-lg" />
        </div>
      </div>
      {l.liquidatable && <Badge tone={hfNowTone}>Liquidatable now: anyone may repay it and take the NFTs</Badge>}
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
        <Stat label="Debt (live)" value={usdt(debt)} sub={`${formatStable(debt)} · ${usdt(l.principal)} principal + interest`} testId={`loan-${l.id}-debt`} />
        <Stat label={liq.label} value={liq.value} sub={`health factor 1 at this price${coinPrice ? ` (now ${formatUsd(coinPrice)})` : ''}`} testId={`loan-${l.id}-liq`} />
        <Stat
          label={overdue ? 'Overdue since' : 'Due'}
          value={formatDate(l.due)}
          sub={overdue ? <Countdown to={l.liquidatableAfter} now={now} prefix={now > l.liquidatableAfter ? 'Grace over' : 'Grace ends in'} /> : <Countdown to={l.due} now={now} prefix="in" />}
          testId={`loan-${l.id}-due`}
        />
      </dl>
      <p className="text-xs text-slate-400">
        Grace {plural(grace, 'day')}: after {formatDateTime(l.liquidatableAfter)} anyone may take the NFTs by repaying the debt, whatever their health.
      </p>
      <Collateral l={l} coins={coins} now={now} />

      <div className="space-y-2 border-t border-slate-800 pt-3">
        <AmountField id={`repay-${l.id}`} label="Repay amount (USDT)" value={text} onChange={setText} parsed={parsed} />
        <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
          <span className="text-slate-400">Health factor after</span>
          <HealthFactorChange now={l.healthFactor} after={after} testId={`loan-${l.id}-hf-after`} />
        </div>
        <p className="text-xs text-slate-400">Repayments pay interest first, then principal. Approves exactly this amount.</p>
        <ActionButton
          testId={`loan-${l.id}-repay`}
          state={{
            connected: isConnected,
            loading: !token,
            emptyInput: text.trim() === '' ? 'Enter an amount to repay part' : undefined,
            inputError: parsed.ok ? undefined : parsed.error,
            busy,
            approval: parsed.ok && token && token.allowance < amount ? `Approve ${usdt(amount)}` : undefined,
            action: `Repay ${usdt(amount)}`,
          }}
          onApprove={() => void actions.approveUsdt(amount)}
          onAction={() => void actions.repay(l.id, amount, false).then((r) => r.status === 'confirmed' && setText(''))}
        />
        <ActionButton
          testId={`loan-${l.id}-repay-all`}
          state={{
            connected: isConnected,
            loading: !token,
            insufficient: token && token.balance < debt ? `Not enough USDT to repay all (${usdt(debt)})` : undefined,
            busy,
            approval: token && token.allowance < allNeeded ? `Approve ${usdt(allApproval)} to repay all` : undefined,
            action: `Repay all (≈ ${usdt(debt)})`,
          }}
          onApprove={() => void actions.approveUsdt(allApproval)}
          onAction={() => void actions.repay(l.id, 0n, true)}
        />
        <p className="text-xs text-slate-400">
          "Repay all" approves the debt plus one hour of interest ({usdt(allApproval)}), because interest accrues every second until the transaction lands. Only the debt at that moment is taken; the NFTs come back in the same transaction.
        </p>
      </div>

      <div className="space-y-2 border-t border-slate-800 pt-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <span id={`self-repay-${l.id}-label`} className="text-sm font-medium text-slate-200">Self-repay</span>
          <button
            type="button"
            role="switch"
            aria-checked={l.selfRepay}
            aria-labelledby={`self-repay-${l.id}-label`}
            disabled={Boolean(busy)}
            onClick={() => void actions.setSelfRepay(l.id, !l.selfRepay)}
            className="relative inline-flex h-7 w-12 shrink-0 items-center rounded-full bg-slate-700 transition aria-checked:bg-brand-500 disabled:opacity-50"
            data-testid={`loan-${l.id}-self-repay`}
          >
            <span aria-hidden className={`inline-block h-5 w-5 rounded-full bg-white transition ${l.selfRepay ? 'translate-x-6' : 'translate-x-1'}`} />
          </button>
        </div>
        <p className="text-xs text-slate-400">
          {l.selfRepay
            ? 'On: anyone may claim the pledged NFTs\' rewards; they are sold at the oracle price (no spread) and the USDT repays this loan. When the debt reaches zero the NFTs come back to you.'
            : 'Off: the rewards of the pledged NFTs are yours to claim. Turn it on to let them repay the loan instead (sold at the oracle price, no spread).'}
        </p>
        <button
          type="button"
          className={`${buttonClass.secondary} w-full`}
          disabled={!rewardsWaiting || Boolean(busy)}
          onClick={() => void actions.claimRewards(l.id)}
          data-testid={`loan-${l.id}-claim`}
        >
          {rewardsWaiting ? (l.selfRepay ? 'Claim rewards into the debt' : 'Claim rewards to my wallet') : 'No rewards to claim yet'}
        </button>
      </div>
    </Card>
  );
}

// ------------------------------------------------------------------------------------------- liquidation

function Liquidatable({ loans, coins, now, me }: { loans?: LoansState; coins?: CoinState[]; now?: number; me?: Address }) {
  const { deployment } = useAppChain();
  const token = useTokenAccount(deployment.contracts.USDT, deployment.contracts.LoanPool);
  const list = loans?.open.filter((l) => l.liquidatable) ?? [];
  return (
    <section aria-labelledby="liquidatable-title">
      <h2 id="liquidatable-title" className="text-xl font-semibold text-white">Loans that can be liquidated</h2>
      <p className="mb-3 mt-1 max-w-3xl text-sm text-slate-400">
        A loan below health factor 1, or past its due date plus grace, can be closed by anyone: you pay its whole debt to the vault and receive every pledged NFT. There is no separate bonus; your margin is the collateral's value above the debt.
      </p>
      {!loans || !coins || now === undefined ? (
        <LoadingCards count={1} label="Loading loans" />
      ) : list.length === 0 ? (
        <EmptyState title="No loan can be liquidated right now">{plural(loans.open.length, 'open loan')}, all healthy and within their term.</EmptyState>
      ) : (
        <ul className="grid gap-4 xl:grid-cols-2" aria-label="Liquidatable loans">
          {list.map((l) => (
            <li key={String(l.id)}>
              <LiquidationCard l={l} coins={coins} now={now} rate={loans.borrowRate} readAt={loans.readAt} token={token.data} me={me} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function LiquidationCard({ l, coins, now, rate, readAt, token, me }: { l: LoanView; coins: CoinState[]; now: number; rate: bigint; readAt: number; token?: TokenAccount; me?: Address }) {
  const { isConnected } = useAccount();
  const actions = useLoanActions();
  const debt = liveDebt(l.debt, rate, Math.max(0, now - readAt));
  const approval = debtWithBuffer(debt, rate, 3600);
  const needed = debtWithBuffer(debt, rate, 300);
  const gross = l.collateral.reduce((s, a) => s + a.grossValue, 0n);
  const why = l.healthFactor < WAD ? 'health factor below 1' : 'past its due date and grace period';
  const own = me !== undefined && me.toLowerCase() === l.borrower.toLowerCase();
  return (
    <Card className="space-y-3" data-testid={`liquidatable-${l.id}`} aria-labelledby={`liq-${l.id}-title`}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h3 id={`liq-${l.id}-title`} className="text-lg font-semibold text-white">Loan {String(l.id)}</h3>
          <p className="text-xs text-slate-400">borrower {shortAddress(l.borrower)}{own ? ' (you)' : ''} · {why}</p>
        </div>
        <HealthFactor value={l.healthFactor} showBand testId={`liquidatable-${l.id}-hf`} />
      </div>
      <dl className="grid grid-cols-2 gap-3">
        <Stat label="You pay (the debt)" value={usdt(debt)} sub="grows every second" testId={`liquidatable-${l.id}-debt`} />
        <Stat label="You receive" value={usdt(l.collateralValue)} sub={`appraisal of ${plural(l.collateral.length, 'NFT')}; ${usdt(gross)} before haircut`} testId={`liquidatable-${l.id}-value`} />
      </dl>
      <Collateral l={{ ...l, unclaimed: l.collateral.map(() => 0n) }} coins={coins} now={now} />
      <p className="text-xs text-slate-400">
        Approves the debt plus one hour of interest ({usdt(approval)}); only the debt at that block is taken. The NFTs' unclaimed rewards go to the borrower first: they were earned during the loan. The appraisal is today's estimate from price and output, not a guaranteed resale price.
      </p>
      <ActionButton
        testId={`liquidatable-${l.id}-submit`}
        state={{
          connected: isConnected,
          loading: isConnected && !token,
          insufficient: token && token.balance < debt ? `Not enough USDT (${usdt(debt)} needed)` : undefined,
          busy: stepText(actions.step),
          approval: token && token.allowance < needed ? `Approve ${usdt(approval)}` : undefined,
          action: `Liquidate loan ${l.id}`,
        }}
        onApprove={() => void actions.approveUsdt(approval)}
        onAction={() => void actions.liquidate(l.id)}
      />
    </Card>
  );
}

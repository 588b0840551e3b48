// Borrow: pick NFTs to pledge, see their appraisal and the loan's future health, choose a duration and an
// amount, then approve and borrow in one button.
import { useState } from 'react';
import { formatUnits } from 'viem';
import { useAccount } from 'wagmi';
import { ActionButton } from '../ActionButton';
import { AmountField } from '../AmountField';
import { Card, EmptyState, LoadingCards, Skeleton, Stat, buttonClass, inputClass } from '../ui';
import { ApprovalScopePicker } from '../safety/ApprovalScopePicker';
import { useAppChain } from '../../hooks/useAppChain';
import { useApprovalScope } from '../../hooks/useApprovalScope';
import { useAppraisal } from '../../hooks/useAppraisal';
import { useLoanActions } from '../../hooks/useLoanActions';
import { useLoanRules, type CoinLoanParams, type LoansState } from '../../hooks/useLoans';
import { usePortfolio, type Holding } from '../../hooks/usePortfolio';
import type { CoinState } from '../../lib/protocol';
import { termStatus, termText } from '../../lib/terms';
import { DAY_SECONDS, formatDate, formatDateTime, formatHashrate, formatPercent, formatStable, formatUsdt, plural } from '../../lib/format';
import { DEFAULT_MIN_DUE_HEALTH, bpsText, durationOptions, formatHealthFactor, parseBorrow, pickDuration, rateToFraction } from '../../lib/loans';
import { largestSafeDebt } from '../../lib/loanHealth';
import type { Parsed } from '../../lib/parse';
import { href } from '../../lib/router';
import { useWalletUi } from '../../hooks/useWalletUi';
import { stepText } from './stepText';
import { AppraisalTable } from './AppraisalTable';
import { BorrowPreview } from './BorrowPreview';

export function BorrowSection({ loans, coins, idleCash, now }: { loans?: LoansState; coins?: CoinState[]; idleCash?: bigint; now?: number }) {
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

  const eligible = (portfolio.data ?? []).filter((h) => now !== undefined && Number(h.end) - now >= DAY_SECONDS);
  const ids = picked.filter((id) => eligible.some((h) => h.id === id));
  const draft = parseBorrow(text, undefined, undefined);
  // Preview the typed amount even above the limits, so the health factor shows how far off it is.
  const previewDebt = draft.ok ? draft.value : 0n;

  // One appraisal read. The durations offered depend on the collateral's longest loan, which the read
  // itself returns: the longest from the last read picks the duration (the state updates during the render
  // that brings a new figure, so a read without a duration is never shown), and each input change is one read.
  const [longest, setLongest] = useState<number>();
  const options = longest === undefined ? [] : durationOptions(longest);
  const days = pickDuration(chosenDays, options);
  const preview = useAppraisal(ids, previewDebt, days, now);
  const minHf = useLoanRules().data?.minDueHealth ?? DEFAULT_MIN_DUE_HEALTH;
  const pv = ids.length > 0 ? preview.data : undefined;
  const readMax = ids.length > 0 && !preview.isPlaceholderData ? preview.data?.maxDuration : undefined;
  if (readMax !== undefined && readMax !== longest) setLongest(readMax);
  // The projection rule: the health at the due date must stay at the pool's minimum, refused here in words first.
  const safe = pv && days !== undefined && now !== undefined ? largestSafeDebt(pv.appraisals, pv.borrowRate, now, days * DAY_SECONDS, minHf, pv.maxBorrow) : undefined;
  const parsed = withSafeLimit(parseBorrow(text, pv?.maxBorrow, idleCash), safe, days, minHf);
  const amount = parsed.ok ? parsed.value : 0n;

  // The confirmation stays while that loan is open (the receipt's refetch has it by the time it shows), and
  // goes once it is repaid or liquidated, or another account is connected.
  const doneOpen = done && loans?.mine.some((l) => l.collateral.some((a) => done.ids.includes(a.tokenId)));
  const toggle = (id: bigint) => setPicked((cur) => (cur.includes(id) ? cur.filter((x) => x !== id) : [...cur, id]));
  const onBorrow = async () => {
    if (!parsed.ok || days === undefined) return;
    const r = await actions.borrow(ids, amount, days, scope.txOptions);
    if (r?.status === 'confirmed') {
      setDone({ text: `You borrowed ${formatUsdt(amount)} against ${ids.map((i) => `#${i}`).join(', ')}. The NFTs are in escrow until you repay.`, ids });
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
                  <Stat label="Max borrow" value={formatUsdt(pv.maxBorrow)} sub={formatStable(pv.maxBorrow)} testId="borrow-max" />
                  <Stat label="Interest (APR)" value={formatPercent(rateToFraction(pv.borrowRate), 2)} sub="variable, with vault use" testId="borrow-apr" />
                  <Stat label="Vault cash" value={idleCash === undefined ? '…' : formatUsdt(idleCash)} sub="the most anyone can borrow now" />
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
                      {days === undefined ? 'The earliest term ends within a day: these NFTs cannot be pledged.' : <>Due <span data-testid="borrow-due">{formatDateTime(now + days * DAY_SECONDS)}</span>. At most until the earliest term end ({formatDate(now + pv.maxDuration)}).</>}
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

                <BorrowPreview p={pv} coins={coins} amountOk={draft.ok} days={days} now={now} debt={previewDebt} minHf={minHf} />

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
                    action: parsed.ok ? `Borrow ${formatUsdt(amount)}` : 'Borrow',
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

/** A valid amount above the largest safe one for the chosen duration is refused with the numbers. */
function withSafeLimit(parsed: Parsed<bigint>, safe: bigint | undefined, days: number | undefined, minHf: bigint): Parsed<bigint> {
  if (!parsed.ok || safe === undefined || days === undefined || parsed.value <= safe) return parsed;
  return {
    ok: false,
    error: `For ${plural(days, 'day')} at most ${formatUsdt(safe)} is safe: more would leave the health factor below ${formatHealthFactor(minHf)} at the due date (the collateral loses a day of value every day). Borrow less or choose a shorter duration.`,
  };
}

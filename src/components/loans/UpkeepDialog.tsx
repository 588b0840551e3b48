// Loan upkeep in one dialog (issue 13): add collateral, withdraw collateral, borrow more, repay part, extend
// the due date and refinance, each with the health factor now and at the due date before → after (Aave's
// pattern), computed with the pool's projection rule (src/lib/loanHealth.ts). Every input is checked in
// words before the wallet opens; the transactor then simulates the call, so a refusal the page did not
// foresee is still explained before signing.
import { useId, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useAccount } from 'wagmi';
import { ActionButton } from '../ActionButton';
import { AmountField } from '../AmountField';
import { Dialog } from '../Dialog';
import { HealthFactorChange } from '../HealthFactor';
import { inputClass } from '../ui';
import type { LoanView, NftAppraisal } from '../../hooks/useLoans';
import type { TokenAccount } from '../../hooks/useTokenAccount';
import { useLoanActions } from '../../hooks/useLoanActions';
import { useUpkeepActions } from '../../hooks/useUpkeepActions';
import type { CoinState } from '../../lib/protocol';
import { DAY_SECONDS, formatDate, formatHashrate, formatPercent, formatStable, formatUsdt, plural } from '../../lib/format';
import { bpsText, checkExtension, debtWithBuffer, formatHealthFactor, parseBorrowMore, parseRepay, rateToFraction } from '../../lib/loans';
import { healthAt, healthFactorOf, largestSafeDebt, liquidationValueNow, longestSafeDays } from '../../lib/loanHealth';
import type { Parsed } from '../../lib/parse';
import { parseAmount } from '../../lib/parse';
import { stepText } from './stepText';

export type UpkeepKind = 'add' | 'withdraw' | 'more' | 'repay' | 'extend' | 'refinance';

const TABS: { kind: UpkeepKind; label: string }[] = [
  { kind: 'add', label: 'Add collateral' },
  { kind: 'withdraw', label: 'Withdraw collateral' },
  { kind: 'more', label: 'Borrow more' },
  { kind: 'repay', label: 'Repay part' },
  { kind: 'extend', label: 'Extend' },
  { kind: 'refinance', label: 'Refinance' },
];

export interface UpkeepProps {
  l: LoanView;
  debt: bigint;
  rate: bigint;
  now: number;
  coins: CoinState[];
  minHf: bigint;
  candidates: NftAppraisal[];
  token?: TokenAccount;
  idleCash?: bigint;
  /** today's max LTV and haircut per coin, for refinancing at today's terms */
  params: { maxLtvBps: number; haircutBps: number }[];
}

export function UpkeepDialog({ open, onClose, initial = 'add', ...p }: UpkeepProps & { open: boolean; onClose: () => void; initial?: UpkeepKind }) {
  const [tab, setTab] = useState<UpkeepKind>(initial);
  const base = useId();
  const onKey = (e: KeyboardEvent<HTMLButtonElement>, i: number) => {
    const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? TABS.length - 1 : undefined;
    if (next === undefined) return;
    e.preventDefault();
    const t = TABS[(next + TABS.length) % TABS.length];
    setTab(t.kind);
    document.getElementById(`${base}-tab-${t.kind}`)?.focus();
  };
  return (
    <Dialog open={open} onClose={onClose} title={`Manage loan ${p.l.id}`} labelledBy={`${base}-title`}>
      <div role="tablist" aria-label="Upkeep actions" className="mb-4 flex flex-wrap gap-1">
        {TABS.map((t, i) => (
          <button
            key={t.kind}
            id={`${base}-tab-${t.kind}`}
            type="button"
            role="tab"
            aria-selected={tab === t.kind}
            aria-controls={`${base}-panel`}
            tabIndex={tab === t.kind ? 0 : -1}
            onKeyDown={(e) => onKey(e, i)}
            onClick={() => setTab(t.kind)}
            className="rounded-lg border border-slate-700 px-2.5 py-1.5 text-sm text-slate-200 hover:bg-slate-800 aria-selected:border-brand-400 aria-selected:bg-brand-500/10 aria-selected:text-white"
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${base}-panel`} aria-labelledby={`${base}-tab-${tab}`} className="space-y-3" data-testid={`upkeep-${tab}`}>
        {tab === 'add' && <AddCollateral {...p} />}
        {tab === 'withdraw' && <WithdrawCollateral {...p} />}
        {tab === 'more' && <BorrowMore {...p} />}
        {tab === 'repay' && <RepayPart {...p} />}
        {tab === 'extend' && <Extend {...p} />}
        {tab === 'refinance' && <Refinance {...p} />}
      </div>
    </Dialog>
  );
}

/** Health now and at the due date, before → after. */
function Preview({ id, before, after, due }: { id: string; before: { now: bigint; atDue: bigint }; after?: { now: bigint; atDue: bigint }; due: number }) {
  return (
    <div role="group" aria-label="Health before and after" className="space-y-1 rounded-xl border border-slate-800 p-3 text-sm">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="text-slate-400">Health now</span>
        <HealthFactorChange now={before.now} after={after?.now} testId={`${id}-hf`} />
      </div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="text-slate-400">Health at due date ({formatDate(due)})</span>
        <HealthFactorChange now={before.atDue} after={after?.atDue} testId={`${id}-hf-due`} />
      </div>
      <p className="text-xs text-slate-400">At today's price and output, interest at today's rate.</p>
    </div>
  );
}

function useBefore(p: UpkeepProps) {
  const items = p.l.collateral;
  return { now: healthFactorOf(liquidationValueNow(items), p.debt), atDue: healthAt(items, p.debt, p.rate, p.now, p.l.due) };
}

function NftChoices({ name, list, coins, picked, onToggle, empty }: { name: string; list: NftAppraisal[]; coins: CoinState[]; picked: bigint[]; onToggle: (id: bigint) => void; empty: ReactNode }) {
  if (list.length === 0) return <p className="text-sm text-slate-400">{empty}</p>;
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-200">{name}</legend>
      <ul className="mt-2 space-y-2">
        {list.map((a) => {
          const coin = coins[a.coin];
          return (
            <li key={String(a.tokenId)}>
              <label className="flex cursor-pointer items-center gap-3 rounded-xl border border-slate-700 p-2.5 has-[:checked]:border-brand-400">
                <input type="checkbox" className="h-5 w-5 accent-emerald-500" checked={picked.includes(a.tokenId)} onChange={() => onToggle(a.tokenId)} aria-label={`#${a.tokenId}`} />
                <span className="tabular min-w-0 flex-1 text-sm">
                  <span className="font-medium text-white">#{String(a.tokenId)}</span>
                  {coin && <span className="text-slate-300"> · {formatHashrate(a.hashrate, coin.unit)} {coin.symbol} · {plural(Number(a.remainingDays), 'day')} left</span>}
                  <span className="block text-xs text-slate-400">{formatUsdt(a.value)} ({formatStable(a.value)}) after haircut</span>
                </span>
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

function toggle(list: bigint[], id: bigint) {
  return list.includes(id) ? list.filter((x) => x !== id) : [...list, id];
}

function AddCollateral(p: UpkeepProps) {
  const { isConnected } = useAccount();
  const actions = useUpkeepActions();
  const [picked, setPicked] = useState<bigint[]>([]);
  const before = useBefore(p);
  const added = p.candidates.filter((c) => picked.includes(c.tokenId));
  const items = [...p.l.collateral, ...added];
  const after = added.length ? { now: healthFactorOf(liquidationValueNow(items), p.debt), atDue: healthAt(items, p.debt, p.rate, p.now, p.l.due) } : undefined;
  return (
    <>
      <NftChoices name="NFTs to add" list={p.candidates} coins={p.coins} picked={picked} onToggle={(id) => setPicked((c) => toggle(c, id))} empty="No NFT in this wallet has a day or more left in its term." />
      <Preview id="upkeep-add" before={before} after={after} due={p.l.due} />
      <p className="text-xs text-slate-400">Each NFT not yet approved for the loan pool needs its own approval first. Its rewards stay yours while it is pledged.</p>
      <ActionButton
        testId="upkeep-add-submit"
        state={{ connected: isConnected, loading: false, emptyInput: added.length === 0 ? 'Pick an NFT to add' : undefined, busy: stepText(actions.step), action: `Add ${added.map((a) => `#${a.tokenId}`).join(', ')} to loan ${p.l.id}` }}
        onAction={() => void actions.addCollateral(p.l.id, added.map((a) => a.tokenId)).then((r) => r?.status === 'confirmed' && setPicked([]))}
      />
    </>
  );
}

function WithdrawCollateral(p: UpkeepProps) {
  const { isConnected } = useAccount();
  const actions = useUpkeepActions();
  const [picked, setPicked] = useState<bigint[]>([]);
  const before = useBefore(p);
  const left = p.l.collateral.filter((a) => !picked.includes(a.tokenId));
  const after = picked.length ? { now: healthFactorOf(liquidationValueNow(left), p.debt), atDue: healthAt(left, p.debt, p.rate, p.now, p.l.due) } : undefined;
  const maxLeft = left.reduce((s, a) => s + a.maxBorrow, 0n);
  const error =
    picked.length === 0 ? undefined
    : left.length === 0 ? 'A loan keeps at least one NFT: repay it in full to get them all back.'
    : maxLeft < p.debt ? `What stays pledged allows at most ${formatUsdt(maxLeft)} of debt (its max loan-to-value), less than the ${formatUsdt(p.debt)} owed. Repay part first.`
    : after && after.atDue < p.minHf ? `Without it the health factor at the due date would be ${formatHealthFactor(after.atDue)}, below the ${formatHealthFactor(p.minHf)} the pool requires. Repay part first.`
    : undefined;
  return (
    <>
      <NftChoices name="NFTs to take back" list={p.l.collateral} coins={p.coins} picked={picked} onToggle={(id) => setPicked((c) => toggle(c, id))} empty="Nothing pledged." />
      <Preview id="upkeep-withdraw" before={before} after={after} due={p.l.due} />
      {error && <p role="alert" className="rounded-lg bg-rose-500/10 p-2 text-sm text-rose-200">{error}</p>}
      <ActionButton
        testId="upkeep-withdraw-submit"
        state={{ connected: isConnected, loading: false, emptyInput: picked.length === 0 ? 'Pick an NFT to withdraw' : undefined, inputError: error, invalidLabel: 'Not safe to withdraw', busy: stepText(actions.step), action: `Withdraw ${picked.map((id) => `#${id}`).join(', ')}` }}
        onAction={() => void actions.withdrawCollateral(p.l.id, picked).then((r) => r?.status === 'confirmed' && setPicked([]))}
      />
    </>
  );
}

function BorrowMore(p: UpkeepProps) {
  const { isConnected } = useAccount();
  const actions = useUpkeepActions();
  const [text, setText] = useState('');
  const before = useBefore(p);
  const items = p.l.collateral;
  const safeTotal = largestSafeDebt(items, p.rate, p.now, p.l.due - p.now, p.minHf);
  const safeMax = safeTotal > p.debt ? safeTotal - p.debt : 0n;
  const parsed = parseBorrowMore(text, { borrowable: p.l.borrowable, safeMax, minHf: p.minHf, dueText: formatDate(p.l.due), idleCash: p.idleCash });
  const amount = parsed.ok ? parsed.value : 0n;
  const typed = parseAmount(text, { decimals: 6, symbol: 'USDT' });
  const extra = typed.ok ? typed.value : 0n;
  const after = extra > 0n ? { now: healthFactorOf(liquidationValueNow(items), p.debt + extra), atDue: healthAt(items, p.debt + extra, p.rate, p.now, p.l.due) } : undefined;
  const most = safeMax < p.l.borrowable ? safeMax : p.l.borrowable;
  return (
    <>
      <AmountField
        id={`more-${p.l.id}`}
        label="Borrow more (USDT)"
        value={text}
        onChange={setText}
        parsed={parsed}
        help={`Up to ${formatUsdt(most)} (${formatStable(most)}): the lower of the max loan-to-value room (${formatUsdt(p.l.borrowable)}) and what keeps the health at the due date at ${formatHealthFactor(p.minHf)} or more.`}
        onMax={() => setText(String(Number(most) / 1e6))}
        maxDisabled={most === 0n}
      />
      <Preview id="upkeep-more" before={before} after={after} due={p.l.due} />
      <ActionButton
        testId="upkeep-more-submit"
        state={{ connected: isConnected, loading: false, emptyInput: text.trim() === '' ? 'Enter an amount' : undefined, inputError: parsed.ok ? undefined : parsed.error, busy: stepText(actions.step), action: `Borrow ${formatUsdt(amount)} more` }}
        onAction={() => void actions.borrowMore(p.l.id, amount).then((r) => r?.status === 'confirmed' && setText(''))}
      />
    </>
  );
}

function RepayPart(p: UpkeepProps) {
  const { isConnected } = useAccount();
  const actions = useLoanActions();
  const [text, setText] = useState('');
  const before = useBefore(p);
  const parsed = parseRepay(text, p.debt, p.token?.balance);
  const amount = parsed.ok ? parsed.value : 0n;
  const items = p.l.collateral;
  const after = parsed.ok ? { now: healthFactorOf(liquidationValueNow(items), p.debt - amount), atDue: healthAt(items, p.debt - amount, p.rate, p.now, p.l.due) } : undefined;
  return (
    <>
      <AmountField id={`upkeep-repay-${p.l.id}`} label="Repay amount (USDT)" value={text} onChange={setText} parsed={parsed} help={`Debt now ${formatUsdt(p.debt)} (${formatStable(p.debt)}); your balance ${p.token ? formatUsdt(p.token.balance) : '…'}.`} />
      <Preview id="upkeep-repay" before={before} after={after} due={p.l.due} />
      <p className="text-xs text-slate-400">Pays interest first, then principal. The repay-all button on the loan card returns the NFTs.</p>
      <ActionButton
        testId="upkeep-repay-submit"
        state={{ connected: isConnected, loading: !p.token, emptyInput: text.trim() === '' ? 'Enter an amount' : undefined, inputError: parsed.ok ? undefined : parsed.error, busy: stepText(actions.step), approval: parsed.ok && p.token && p.token.allowance < amount ? `Approve ${formatUsdt(amount)}` : undefined, action: `Repay ${formatUsdt(amount)}` }}
        onApprove={() => void actions.approveUsdt(amount)}
        onAction={() => void actions.repay(p.l.id, amount, false).then((r) => r.status === 'confirmed' && setText(''))}
      />
    </>
  );
}

function parseDays(text: string): number | undefined {
  const t = text.trim();
  return t === '' ? undefined : Number(t);
}

function Extend(p: UpkeepProps) {
  const { isConnected } = useAccount();
  const actions = useUpkeepActions();
  const [text, setText] = useState('');
  const before = useBefore(p);
  const items = p.l.collateral;
  const earliestEnd = items.reduce((m, a) => Math.min(m, Number(a.termEnd)), Number.MAX_SAFE_INTEGER);
  const maxDays = Math.max(0, Math.floor((earliestEnd - p.now) / DAY_SECONDS));
  const currentDays = Math.max(0, Math.ceil((p.l.due - p.now) / DAY_SECONDS));
  const safeDays = longestSafeDays(items, p.debt, p.rate, p.now, maxDays, p.minHf);
  const days = parseDays(text);
  const checked: Parsed<number> = checkExtension(days, { currentDays, maxDays, safeDays, minHf: p.minHf, debtText: formatUsdt(p.debt) });
  const newDue = days !== undefined && Number.isFinite(days) ? p.now + Math.round(days) * DAY_SECONDS : undefined;
  const after = newDue !== undefined && days! > 0 ? { now: before.now, atDue: healthAt(items, p.debt, p.rate, p.now, newDue) } : undefined;
  const id = `extend-${p.l.id}`;
  return (
    <>
      <div>
        <label htmlFor={id} className="text-sm font-medium text-slate-200">New due date, in days from now</label>
        <input id={id} inputMode="numeric" autoComplete="off" className={`${inputClass} mt-1`} value={text} onChange={(e) => setText(e.target.value)} aria-invalid={text.trim() !== '' && !checked.ok} aria-describedby={`${id}-help${text.trim() !== '' && !checked.ok ? ` ${id}-error` : ''}`} />
        <p id={`${id}-help`} className="tabular mt-1 text-xs text-slate-400" data-testid="upkeep-extend-safe">
          Due now {formatDate(p.l.due)} (in {plural(currentDays, 'day')}). Longest safe due date: {safeDays > currentDays ? `${plural(safeDays, 'day')} from now, ${formatDate(p.now + safeDays * DAY_SECONDS)}` : 'none later than today\'s'}; the collateral's term allows {plural(maxDays, 'day')}.
        </p>
        {text.trim() !== '' && !checked.ok && <p id={`${id}-error`} role="alert" className="mt-1 rounded-lg bg-rose-500/10 p-2 text-sm text-rose-200">{checked.error}</p>}
      </div>
      <Preview id="upkeep-extend" before={before} after={after} due={newDue ?? p.l.due} />
      <ActionButton
        testId="upkeep-extend-submit"
        state={{ connected: isConnected, loading: false, emptyInput: text.trim() === '' ? 'Enter a number of days' : undefined, inputError: checked.ok ? undefined : checked.error, invalidLabel: 'Not a safe due date', busy: stepText(actions.step), action: newDue ? `Extend to ${formatDate(newDue)}` : 'Extend' }}
        onAction={() => newDue && void actions.extend(p.l.id, newDue).then((r) => r?.status === 'confirmed' && setText(''))}
      />
    </>
  );
}

function Refinance(p: UpkeepProps) {
  const { isConnected } = useAccount();
  const actions = useUpkeepActions();
  const [text, setText] = useState('');
  const [daysText, setDaysText] = useState('30');
  const before = useBefore(p);
  const items = p.l.collateral;
  const earliestEnd = items.reduce((m, a) => Math.min(m, Number(a.termEnd)), Number.MAX_SAFE_INTEGER);
  const maxDays = Math.max(0, Math.floor((earliestEnd - p.now) / DAY_SECONDS));
  const days = parseDays(daysText);
  const daysOk = days !== undefined && Number.isInteger(days) && days >= 1 && days <= maxDays;
  const newDue = daysOk ? p.now + days * DAY_SECONDS : undefined;
  const maxLtv = items.reduce((s, a) => s + a.maxBorrow, 0n);
  const safe = daysOk ? largestSafeDebt(items, p.rate, p.now, days * DAY_SECONDS, p.minHf, maxLtv) : 0n;
  const parsedAmount = parseAmount(text, { decimals: 6, symbol: 'USDT' });
  const amount = parsedAmount.ok ? parsedAmount.value : 0n;
  const gets = amount > p.debt ? amount - p.debt : 0n;
  const pays = amount < p.debt ? p.debt - amount : 0n;
  const error = !daysOk
    ? `Choose a duration of 1 to ${maxDays} whole days (the collateral's term).`
    : !parsedAmount.ok ? parsedAmount.error
    : amount > maxLtv ? `At today's terms this collateral allows at most ${formatUsdt(maxLtv)} (its max loan-to-value).`
    : amount > safe ? `More than ${formatUsdt(safe)} for ${plural(days, 'day')} would leave the health factor below ${formatHealthFactor(p.minHf)} at the due date. Borrow less or choose a shorter duration.`
    : p.idleCash !== undefined && gets > p.idleCash ? `The vault has only ${formatUsdt(p.idleCash)} idle right now.`
    : p.token && pays > p.token.balance ? `You would pay ${formatUsdt(pays)} to close the old debt; your balance is ${formatUsdt(p.token.balance)}.`
    : undefined;
  const after = newDue !== undefined && amount > 0n ? { now: healthFactorOf(liquidationValueNow(items), amount), atDue: healthAt(items, amount, p.rate, p.now, newDue) } : undefined;
  const apr = formatPercent(rateToFraction(p.rate), 2);
  const oldTerms = p.l.terms.map((t) => `${bpsText(t.maxLtvBps)} / ${bpsText(t.haircutBps)}`).join('; ');
  const newTerms = p.l.terms.map((t) => `${bpsText(p.params[t.coin]?.maxLtvBps ?? 0)} / ${bpsText(p.params[t.coin]?.haircutBps ?? 0)}`).join('; ');
  const rows: { label: string; now: ReactNode; after: ReactNode; testId?: string }[] = [
    { label: 'Debt', now: formatUsdt(p.debt), after: amount > 0n ? formatUsdt(amount) : '—', testId: 'refi-new-debt' },
    { label: 'Rate (APR)', now: apr, after: `${apr} (today's)` },
    { label: 'Due', now: formatDate(p.l.due), after: newDue ? formatDate(newDue) : '—' },
    { label: 'Max LTV / haircut', now: oldTerms, after: `${newTerms} (today's)` },
    { label: 'Health now', now: formatHealthFactor(before.now), after: after ? formatHealthFactor(after.now) : '—' },
    { label: 'Health at due', now: formatHealthFactor(before.atDue), after: after ? formatHealthFactor(after.atDue) : '—', testId: 'refi-new-hf-due' },
    { label: 'You receive / pay', now: '—', after: gets > 0n ? `receive ${formatUsdt(gets)}` : pays > 0n ? `pay ${formatUsdt(pays)}` : '—', testId: 'refi-cash' },
  ];
  return (
    <>
      <AmountField id={`refi-${p.l.id}`} label="New loan amount (USDT)" value={text} onChange={setText} parsed={undefined} help={`Repays the old debt (${formatUsdt(p.debt)}) in the same transaction. Safe up to ${formatUsdt(safe)} for this duration.`} onMax={() => setText(String(Number(safe) / 1e6))} maxDisabled={safe === 0n} />
      <div>
        <label htmlFor={`refi-days-${p.l.id}`} className="text-sm font-medium text-slate-200">New duration (days)</label>
        <input id={`refi-days-${p.l.id}`} inputMode="numeric" className={`${inputClass} mt-1`} value={daysText} onChange={(e) => setDaysText(e.target.value)} />
      </div>
      {text.trim() !== '' && error && <p role="alert" className="rounded-lg bg-rose-500/10 p-2 text-sm text-rose-200">{error}</p>}
      {/* Side by side from 640 px; on a phone each term is a card with its two values stacked (no sideways scroll). */}
      <table className="tabular hidden w-full text-sm sm:table" data-testid="refi-terms">
        <caption className="sr-only">Old loan and new loan side by side</caption>
        <thead>
          <tr className="text-left text-xs uppercase tracking-wide text-slate-400">
            <th scope="col" className="py-1"><span className="sr-only">Term</span></th>
            <th scope="col" className="py-1">Now (loan {String(p.l.id)})</th>
            <th scope="col" className="py-1">After refinancing</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label} className="border-t border-slate-800">
              <th scope="row" className="py-1.5 pr-2 text-left font-normal text-slate-400">{r.label}</th>
              <td className="py-1.5 pr-2">{r.now}</td>
              <td className="py-1.5" data-testid={r.testId}>{r.after}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="tabular space-y-2 text-sm sm:hidden" aria-label={`Loan ${p.l.id} now and after refinancing`} data-testid="refi-terms-stacked">
        {rows.map((r) => (
          <li key={r.label} className="rounded-lg border border-slate-800 p-2">
            <span className="block text-xs text-slate-400">{r.label}</span>
            <span className="mt-0.5 flex flex-wrap justify-between gap-x-3">
              <span><span className="text-slate-400">Now: </span>{r.now}</span>
              <span className="text-white"><span className="text-slate-400">After: </span>{r.after}</span>
            </span>
          </li>
        ))}
      </ul>
      <ActionButton
        testId="upkeep-refinance-submit"
        state={{ connected: isConnected, loading: false, emptyInput: text.trim() === '' ? 'Enter the new amount' : undefined, inputError: error, invalidLabel: 'Check the new terms', busy: stepText(actions.step), action: `Refinance with ${formatUsdt(amount)}` }}
        onAction={() => daysOk && void actions.refinance(p.l.id, amount, days, pays > 0n ? debtWithBuffer(p.debt, p.rate, 3600) - amount : 0n).then((r) => r?.status === 'confirmed' && setText(''))}
      />
    </>
  );
}

// Term deposits on the Earn page: terms per asset (APR, duration, room left, the free interest reserve),
// a deposit form per chosen term that shows the interest at maturity and the maturity date before signing,
// and the wallet's deposits with withdraw at maturity or early (the forfeit spelled out first).
import { useState } from 'react';
import { formatUnits } from 'viem';
import { useAccount } from 'wagmi';
import { useAppChain } from '../../hooks/useAppChain';
import { useChainTime } from '../../hooks/useChainTime';
import { useDepositActions, type PayMethod } from '../../hooks/useDepositActions';
import { useInterestPreview } from '../../hooks/useInterestPreview';
import { useTermDeposits, type DepositAsset, type DepositPosition, type DepositTerm } from '../../hooks/useTermDeposits';
import { useTokenAccount } from '../../hooks/useTokenAccount';
import { depositLimit, maturityAt, positionState, summaryText, tokenText, usdText } from '../../lib/deposits';
import { daysLeft, formatDate, formatPercent, plural } from '../../lib/format';
import { parseAmount } from '../../lib/parse';
import { ActionButton } from '../ActionButton';
import { Countdown } from '../Countdown';
import { Dialog } from '../Dialog';
import { PayMethodPicker } from '../PayMethodPicker';
import { Badge, Card, EmptyState, ErrorNote, LoadingCards, ProgressBar, buttonClass } from '../ui';
import { AmountField } from '../AmountField';
import { useWalletUi } from '../../hooks/useWalletUi';

const usd = (v: bigint, a: DepositAsset) => usdText(v, a);
const apr = (bps: number) => formatPercent(bps / 10_000, 2);

export function TermDepositsSection() {
  const { address, isConnected } = useAccount();
  const { open: openWalletModal } = useWalletUi();
  const deposits = useTermDeposits(address);
  const now = useChainTime();
  const [chosen, setChosen] = useState<DepositTerm>();
  const [early, setEarly] = useState<DepositPosition>();
  const actions = useDepositActions();
  const [withdrawing, setWithdrawing] = useState<bigint>();

  const data = deposits.data;
  const withdraw = async (p: DepositPosition) => {
    setWithdrawing(p.id);
    try {
      await actions.withdraw(p.id, `Withdraw deposit #${p.id}`);
    } finally {
      setWithdrawing(undefined);
    }
  };

  return (
    <Card aria-labelledby="terms-title">
      <div className="mb-4">
        <h2 id="terms-title" className="text-xl font-semibold text-white">Term deposits</h2>
        <p className="mt-1 max-w-2xl text-sm text-slate-400">
          Lock an asset for a fixed term at a fixed rate. Interest = amount × APR × days ÷ 365, fixed when you deposit and paid with your
          deposit at maturity. It comes from a reserve funded in advance, so a term only takes what the reserve can pay. Leaving early
          returns your full deposit without the interest.
        </p>
      </div>

      {deposits.isError ? (
        <ErrorNote>Could not load the term deposits from the chain. It retries on its own.</ErrorNote>
      ) : !data || now === undefined ? (
        <LoadingCards count={2} label="Loading term deposits" />
      ) : (
        <>
          <div className="grid gap-4 lg:grid-cols-2">
            {data.assets.map(({ asset, terms }) => (
              <section key={asset.token} aria-labelledby={`asset-${asset.symbol}`} className="rounded-xl border border-slate-800 bg-slate-950/40 p-3 sm:p-4" data-testid={`terms-${asset.symbol}`}>
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h3 id={`asset-${asset.symbol}`} className="text-lg font-semibold text-white">{asset.symbol}</h3>
                  <p className="tabular text-xs text-slate-400" data-testid={`reserve-${asset.symbol}`}>
                    Free interest reserve {summaryText(asset.freeReserve, asset)} ({usdText(asset.freeReserve, asset, 'summary')})
                  </p>
                </div>
                <ul className="mt-3 space-y-2" aria-label={`${asset.symbol} terms`}>
                  {terms.map((t) => (
                    <li key={t.id} data-testid={`term-${t.id}`} className="grid grid-cols-[1fr_auto] items-center gap-x-3 gap-y-1.5 rounded-lg bg-slate-900/80 p-3">
                      <div className="min-w-0">
                        <p className="font-medium text-slate-100">
                          {t.durationDays} days <span className="text-brand-400">· {apr(t.aprBps)} APR</span>
                          {!t.active && <span className="ml-2"><Badge tone="amber">Paused</Badge></span>}
                        </p>
                        <p className="tabular text-xs text-slate-400">
                          {summaryText(t.capacityLeft, asset)} of {summaryText(t.capacity, asset)} left
                          {t.active && t.maxDeposit < t.capacityLeft && ` · reserve covers ${summaryText(t.maxDeposit, asset)}`}
                        </p>
                      </div>
                      <button
                        type="button"
                        className={`${buttonClass.secondary} min-h-10 px-3 py-1.5 text-sm`}
                        disabled={!t.active || t.maxDeposit === 0n}
                        onClick={() => setChosen(t)}
                        aria-label={`Deposit ${asset.symbol} for ${t.durationDays} days`}
                      >
                        Deposit
                      </button>
                      <div className="col-span-2">
                        <ProgressBar value={t.capacity === 0n ? 1 : Number((t.deposited * 1000n) / t.capacity) / 1000} label={`${asset.symbol} ${t.durationDays}-day term filled`} />
                      </div>
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </div>

          <div className="mt-6">
            <h3 className="mb-3 text-lg font-semibold text-white">Your deposits</h3>
            {!isConnected ? (
              <EmptyState title="Connect a wallet to see your deposits">
                <button type="button" className={`${buttonClass.primary} mt-3`} onClick={() => openWalletModal('connect')}>Connect wallet</button>
              </EmptyState>
            ) : (
              <Positions
                positions={data.positions}
                now={now}
                withdrawing={withdrawing}
                onWithdraw={(p) => void withdraw(p)}
                onEarly={setEarly}
              />
            )}
          </div>
        </>
      )}

      {chosen && now !== undefined && <DepositDialog term={chosen} now={now} onClose={() => setChosen(undefined)} />}
      {early && <EarlyDialog position={early} onClose={() => setEarly(undefined)} />}
    </Card>
  );
}

function Positions({ positions, now, withdrawing, onWithdraw, onEarly }: { positions: DepositPosition[]; now: number; withdrawing?: bigint; onWithdraw: (p: DepositPosition) => void; onEarly: (p: DepositPosition) => void }) {
  const open = positions.filter((p) => !p.closed);
  const closed = positions.filter((p) => p.closed);
  if (positions.length === 0) return <EmptyState title="No deposits yet">Choose a term above to open one.</EmptyState>;
  return (
    <>
      {open.length === 0 ? (
        <p className="text-sm text-slate-400">No open deposits.</p>
      ) : (
        <ul className="grid gap-3 md:grid-cols-2" aria-label="Open deposits">
          {open.map((p) => {
            const a = p.term.asset;
            const matured = positionState(p, now) === 'matured';
            return (
              <li key={String(p.id)} data-testid={`position-${p.id}`} className="rounded-xl border border-slate-800 bg-slate-950/40 p-3 sm:p-4">
                <div className="flex items-start justify-between gap-2">
                  <p className="font-semibold text-white">
                    #{String(p.id)} · {a.symbol} {p.term.durationDays} days at {apr(p.term.aprBps)}
                  </p>
                  {matured ? <Badge tone="green">Matured</Badge> : <Badge tone="sky">{plural(daysLeft(p.maturity, now), 'day')} left</Badge>}
                </div>
                <dl className="tabular mt-2 grid grid-cols-2 gap-2 text-sm">
                  <div><dt className="text-xs text-slate-400">Deposit</dt><dd data-testid={`position-${p.id}-principal`}>{tokenText(p.principal, a)}</dd><dd className="text-xs text-slate-400">{usd(p.principal, a)}</dd></div>
                  <div><dt className="text-xs text-slate-400">Interest at maturity</dt><dd data-testid={`position-${p.id}-interest`}>{tokenText(p.interest, a)}</dd><dd className="text-xs text-slate-400">{usd(p.interest, a)}</dd></div>
                  <div className="col-span-2">
                    <dt className="text-xs text-slate-400">Maturity</dt>
                    <dd>
                      {formatDate(p.maturity)} · {matured ? 'ready to withdraw' : <Countdown to={p.maturity} now={now} prefix="in" />}
                    </dd>
                  </div>
                </dl>
                <div className="mt-3">
                  {matured ? (
                    <button type="button" className={`${buttonClass.primary} w-full`} disabled={withdrawing !== undefined} onClick={() => onWithdraw(p)}>
                      {withdrawing === p.id ? 'Withdrawing…' : `Withdraw ${tokenText(p.principal + p.interest, a)}`}
                    </button>
                  ) : (
                    <button type="button" className={`${buttonClass.secondary} w-full`} onClick={() => onEarly(p)}>
                      Withdraw early
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {closed.length > 0 && (
        <details className="mt-3 text-sm text-slate-300">
          <summary className="cursor-pointer text-slate-400">Withdrawn deposits ({closed.length})</summary>
          <ul className="mt-2 space-y-1" aria-label="Withdrawn deposits">
            {closed.map((p) => (
              <li key={String(p.id)} className="tabular" data-testid={`closed-position-${p.id}`}>
                #{String(p.id)} · {tokenText(p.principal, p.term.asset)} for {p.term.durationDays} days · matured {formatDate(p.maturity)}
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

function DepositDialog({ term, now, onClose }: { term: DepositTerm; now: number; onClose: () => void }) {
  const a = term.asset;
  const { isConnected } = useAccount();
  const { deployment } = useAppChain();
  const token = useTokenAccount(a.token, deployment.contracts.TermDeposits);
  const { step, approve, deposit } = useDepositActions();
  const [text, setText] = useState('');
  const [touched, setTouched] = useState(false);
  const [method, setMethod] = useState<PayMethod>('permit');
  const [done, setDone] = useState<{ amount: bigint; maturity: number }>();

  const balance = token.data?.balance;
  const limit = depositLimit({ decimals: a.decimals, symbol: a.symbol, balance, capacityLeft: term.capacityLeft, maxDeposit: term.maxDeposit, active: term.active });
  const parsed = parseAmount(text, { decimals: a.decimals, symbol: a.symbol, max: limit });
  const amount = parsed.ok ? parsed.value : undefined;
  const preview = useInterestPreview(term.id, amount);
  const interest = amount !== undefined ? preview.data : undefined;
  const maturity = maturityAt(now, term.durationDays);
  const needsApproval = method === 'approve' && token.data !== undefined && amount !== undefined && token.data.allowance < amount;
  const id = `deposit-${term.id}`;
  const label = `Deposit ${amount === undefined ? '' : tokenText(amount, a)} for ${term.durationDays} days`;

  const onDeposit = async () => {
    if (amount === undefined || !token.data) return;
    const r = await deposit({ termId: term.id, amount, method, token: token.data, now, label });
    if (r?.status === 'confirmed') setDone({ amount, maturity });
  };

  return (
    <Dialog open onClose={onClose} title={`Deposit ${a.symbol} for ${term.durationDays} days`} labelledBy={`${id}-title`}>
      {done ? (
        <div role="status" className="space-y-3">
          <p className="text-lg text-emerald-300">Your deposit of {tokenText(done.amount, a)} is open.</p>
          <p className="text-sm text-slate-300">It matures {formatDate(done.maturity)}; withdraw it then with the interest from the list of your deposits.</p>
          <button type="button" className={buttonClass.secondary} onClick={onClose}>Done</button>
        </div>
      ) : (
        <div className="space-y-4">
          <p className="text-sm text-slate-300">
            {apr(term.aprBps)} APR, fixed for {term.durationDays} days. Leaving early returns the full deposit without interest.
          </p>
          <AmountField
            id={`${id}-amount`}
            label={`Amount (${a.symbol})`}
            value={text}
            onChange={(v) => {
              setText(v);
              setTouched(true);
            }}
            parsed={parsed}
            touched={touched}
            placeholder="0.0"
            onMax={() => setText(formatUnits(limit.value, a.decimals))}
            maxDisabled={limit.value === 0n}
            help={`${balance !== undefined ? `Balance ${summaryText(balance, a)} · ` : ''}room left ${summaryText(term.capacityLeft, a)}${term.maxDeposit < term.capacityLeft ? ` · reserve covers ${summaryText(term.maxDeposit, a)}` : ''}`}
          />

          <dl className="tabular space-y-1.5 rounded-xl bg-slate-950/60 p-3 text-sm" aria-label="At maturity">
            <div className="flex justify-between gap-3"><dt className="text-slate-400">Interest at maturity</dt>
              <dd className="text-right" data-testid="deposit-interest">{amount === undefined ? '—' : interest === undefined ? '…' : tokenText(interest, a)}</dd></div>
            <div className="flex justify-between gap-3 text-xs text-slate-400"><dt>in USD today</dt><dd>{interest === undefined ? '—' : usd(interest, a)}</dd></div>
            <div className="flex justify-between gap-3 border-t border-slate-800 pt-1.5 font-semibold"><dt>You get back at maturity</dt>
              <dd className="text-right" data-testid="deposit-total">{amount === undefined || interest === undefined ? '—' : tokenText(amount + interest, a)}</dd></div>
            <div className="flex justify-between gap-3"><dt className="text-slate-400">Maturity</dt><dd data-testid="deposit-maturity">{formatDate(maturity)} (in {plural(term.durationDays, 'day')})</dd></div>
            <div className="flex justify-between gap-3"><dt className="text-slate-400">Fees</dt><dd>none</dd></div>
          </dl>

          <PayMethodPicker name={`${id}-pay`} value={method} onChange={setMethod} verb="deposit" />

          <ActionButton
            testId="deposit-submit"
            state={{
              connected: isConnected,
              loading: isConnected && token.isLoading,
              emptyInput: text.trim() === '' ? 'Enter an amount' : undefined,
              inputError: parsed.ok ? undefined : parsed.error,
              busy:
                step === 'signing' ? 'Sign the permit in your wallet…' : step === 'approving' ? 'Approving…' : step === 'depositing' ? 'Depositing…' : undefined,
              approval: needsApproval && amount !== undefined ? `Approve ${tokenText(amount, a)}` : undefined,
              action: amount === undefined ? 'Deposit' : method === 'permit' && token.data && token.data.allowance < amount ? 'Sign permit and deposit' : `Deposit ${tokenText(amount, a)}`,
            }}
            onApprove={() => amount !== undefined && void approve(a.token, amount, `Approve ${tokenText(amount, a)}`)}
            onAction={() => void onDeposit()}
          />
        </div>
      )}
    </Dialog>
  );
}

function EarlyDialog({ position: p, onClose }: { position: DepositPosition; onClose: () => void }) {
  const a = p.term.asset;
  const { step, withdrawEarly } = useDepositActions();
  const onConfirm = async () => {
    const r = await withdrawEarly(p.id, `Withdraw deposit #${p.id} early`);
    if (r.status === 'confirmed') onClose();
  };
  return (
    <Dialog open onClose={onClose} title="Withdraw early?" labelledBy={`early-${p.id}-title`}>
      <div className="space-y-4">
        <p className="text-base text-slate-100" data-testid="early-forfeit">
          You get {tokenText(p.principal, a)} back and give up {tokenText(p.interest, a)} of interest.
        </p>
        <p className="text-sm text-slate-400">
          Deposit #{String(p.id)} matures {formatDate(p.maturity)}. Wait until then to get {tokenText(p.principal + p.interest, a)} ({usd(p.principal + p.interest, a)}).
        </p>
        <div className="grid gap-2 sm:grid-cols-2">
          <button type="button" className={buttonClass.secondary} onClick={onClose}>Keep the deposit</button>
          <button type="button" className={`${buttonClass.primary} bg-amber-400 hover:bg-amber-300`} disabled={step !== 'idle'} aria-busy={step !== 'idle'} onClick={() => void onConfirm()}>
            {step === 'withdrawing' ? 'Withdrawing…' : `Withdraw ${tokenText(p.principal, a)} now`}
          </button>
        </div>
      </div>
    </Dialog>
  );
}

// Claim and deposit: the unclaimed rewards of one coin go straight into a term deposit of that coin, in one
// transaction (Rewards.claimInto with TermDeposits as receiver). The amount, the interest at maturity and
// the maturity date are shown before signing.
import { useState } from 'react';
import { useAccount } from 'wagmi';
import { useChainTime } from '../../hooks/useChainTime';
import { useDepositActions } from '../../hooks/useDepositActions';
import { useInterestPreview } from '../../hooks/useInterestPreview';
import type { Holding } from '../../hooks/usePortfolio';
import { useProtocol } from '../../hooks/useProtocol';
import { useTermDeposits } from '../../hooks/useTermDeposits';
import { depositLimit, maturityAt, tokenText } from '../../lib/deposits';
import { formatDate, formatPercent, formatUsd, plural, toUsd } from '../../lib/format';
import { href } from '../../lib/router';
import { ActionButton } from '../ActionButton';
import { Card, ErrorNote, inputClass } from '../ui';

export function ClaimToDeposit({ holdings }: { holdings: Holding[] }) {
  const { address, isConnected } = useAccount();
  const protocol = useProtocol();
  const deposits = useTermDeposits(address);
  const now = useChainTime(false);
  const { step, claimInto } = useDepositActions();
  const [coinChoice, setCoinChoice] = useState<number>();
  const [termChoice, setTermChoice] = useState<number>();
  const [done, setDone] = useState<string>();

  const coins = protocol.data?.coins ?? [];
  const perCoin = coins
    .map((c) => {
      const ids = holdings.filter((h) => h.coin === c.id && h.unclaimed > 0n);
      return { coin: c, ids: ids.map((h) => h.id), amount: ids.reduce((s, h) => s + h.unclaimed, 0n) };
    })
    .filter((x) => x.amount > 0n);
  const selected = perCoin.find((x) => x.coin.id === coinChoice) ?? perCoin[0];
  const terms = selected && deposits.data ? deposits.data.terms.filter((t) => t.asset.coin === selected.coin.id) : [];
  const term = terms.find((t) => t.id === termChoice) ?? terms[0];
  const preview = useInterestPreview(term?.id, selected?.amount);

  if (!deposits.data || !protocol.data || now === undefined) return null;
  if (perCoin.length === 0 || !selected) {
    return (
      <Card className="mb-5" aria-labelledby="claim-deposit-title">
        <h2 id="claim-deposit-title" className="font-semibold text-white">Put rewards into a term deposit</h2>
        <p className="mt-1 text-sm text-slate-400">{done ?? 'No unclaimed rewards right now. Once your NFTs earn, you can claim them straight into a fixed-term deposit here.'}</p>
        {done && <a href={href.earn} className="mt-1 inline-block text-sm font-semibold text-brand-400 underline">See your deposits</a>}
      </Card>
    );
  }
  const c = selected.coin;
  const limit = term
    ? depositLimit({ decimals: c.decimals, symbol: c.symbol, capacityLeft: term.capacityLeft, maxDeposit: term.maxDeposit, active: term.active })
    : undefined;
  const tooMuch = limit !== undefined && selected.amount > limit.value;
  const interest = term && !preview.isFetching ? preview.data : undefined;
  const asset = { decimals: c.decimals, symbol: c.symbol };
  const maturity = term ? maturityAt(now, term.durationDays) : undefined;

  const onClaim = async () => {
    if (!term) return;
    const amount = selected.amount;
    const r = await claimInto(selected.ids, c.id, term.id, `Claim ${tokenText(amount, asset)} into a ${term.durationDays}-day deposit`);
    if (r.status === 'confirmed') setDone(`${tokenText(amount, asset)} went into a ${term.durationDays}-day deposit maturing ${formatDate(maturity!)}.`);
  };

  return (
    <Card className="mb-5" aria-labelledby="claim-deposit-title">
      <h2 id="claim-deposit-title" className="font-semibold text-white">Put rewards into a term deposit</h2>
      <p className="mt-1 text-sm text-slate-400">Claim the rewards of one coin and lock them at a fixed rate, in one transaction.</p>
      {done && <p role="status" className="mt-2 text-sm text-emerald-300">{done}</p>}
      <div className="mt-3 grid gap-4 md:grid-cols-2">
        <div className="space-y-3">
          <div>
            <label htmlFor="claim-deposit-coin" className="text-sm font-medium text-slate-200">Rewards to deposit</label>
            <select
              id="claim-deposit-coin"
              className={`${inputClass} mt-1`}
              value={c.id}
              onChange={(e) => {
                setCoinChoice(Number(e.target.value));
                setTermChoice(undefined);
              }}
            >
              {perCoin.map((x) => (
                <option key={x.coin.id} value={x.coin.id}>
                  {x.coin.symbol}: {tokenText(x.amount, { decimals: x.coin.decimals, symbol: x.coin.symbol })} from {plural(x.ids.length, 'NFT')}
                </option>
              ))}
            </select>
          </div>
          <fieldset>
            <legend className="text-sm font-medium text-slate-200">Term</legend>
            {terms.length === 0 ? (
              <p className="text-sm text-slate-400">There is no term for {c.symbol}.</p>
            ) : (
              <div className="mt-1 grid grid-cols-3 gap-2">
                {terms.map((t) => (
                  <label key={t.id} className="flex cursor-pointer items-start gap-2 rounded-xl border border-slate-700 p-2.5 text-sm has-[:checked]:border-brand-400 has-[:disabled]:opacity-50">
                    <input type="radio" className="mt-1 accent-emerald-500" name="claim-deposit-term" value={t.id} checked={term?.id === t.id} disabled={!t.active} onChange={() => setTermChoice(t.id)} aria-label={`${t.durationDays} days at ${formatPercent(t.aprBps / 10_000, 2)} APR`} />
                    <span className="flex min-w-0 flex-col">
                      <span className="font-medium text-slate-100">{t.durationDays} days</span>
                      <span className="tabular text-xs text-brand-400">{formatPercent(t.aprBps / 10_000, 2)} APR</span>
                    </span>
                  </label>
                ))}
              </div>
            )}
          </fieldset>
        </div>
        <div className="space-y-3">
          <dl className="tabular space-y-1.5 rounded-xl bg-slate-950/60 p-3 text-sm" aria-label="Deposit from rewards">
            <div className="flex justify-between gap-3"><dt className="text-slate-400">Deposit</dt>
              <dd className="text-right" data-testid="claim-deposit-amount">{tokenText(selected.amount, asset)}</dd></div>
            <div className="flex justify-between gap-3 text-xs text-slate-400"><dt>in USD today</dt><dd>{formatUsd(toUsd(selected.amount, c.decimals, c.priceUsd))}</dd></div>
            <div className="flex justify-between gap-3"><dt className="text-slate-400">Interest at maturity</dt>
              <dd className="text-right" data-testid="claim-deposit-interest">{interest === undefined ? '…' : `${tokenText(interest, asset)} (${formatUsd(toUsd(interest, c.decimals, c.priceUsd))})`}</dd></div>
            <div className="flex justify-between gap-3 border-t border-slate-800 pt-1.5 font-semibold"><dt>At maturity</dt>
              <dd className="text-right">{interest === undefined ? '…' : tokenText(selected.amount + interest, asset)}</dd></div>
            <div className="flex justify-between gap-3"><dt className="text-slate-400">Maturity</dt><dd data-testid="claim-deposit-maturity">{maturity ? formatDate(maturity) : '—'}</dd></div>
          </dl>
          {tooMuch && limit && <ErrorNote>{limit.reason} Your {c.symbol} rewards are {tokenText(selected.amount, asset)}.</ErrorNote>}
          <ActionButton
            testId="claim-deposit-submit"
            state={{
              connected: isConnected,
              loading: interest === undefined && !tooMuch,
              blocked: !term ? 'No term for this coin' : undefined,
              inputError: tooMuch ? limit?.reason : undefined,
              busy: step === 'claiming' ? 'Claiming into the deposit…' : undefined,
              action: term ? `Claim and deposit for ${term.durationDays} days` : 'Claim and deposit',
            }}
            onAction={() => void onClaim()}
          />
        </div>
      </div>
    </Card>
  );
}

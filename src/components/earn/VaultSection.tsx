// Earn → liquidity vault: lend USDT to borrowers against hash power. Share price, APY at the current
// utilisation, idle cash and what is lent out, the user's position, and deposit / withdraw forms. A
// withdrawal above the vault's idle cash is explained in the page and never attempted. Loans counted above
// what their collateral is worth now (pending mark-downs) are shown with the share price after them, next to
// the current one in the deposit and withdraw previews, and anyone can mark them down from here. New deposits
// pay the entry price: the share price plus what impaired loans' NFTs cover above their count (their upside),
// so a depositor does not buy the lenders' recovery at the marked-down price; the form says so in numbers.
import { useState } from 'react';
import { formatUnits } from 'viem';
import { useAccount } from 'wagmi';
import { useAppChain } from '../../hooks/useAppChain';
import { useTokenAccount } from '../../hooks/useTokenAccount';
import { useVault, type VaultState } from '../../hooks/useVault';
import { useVaultActions } from '../../hooks/useVaultActions';
import { formatAmount, formatPercent, formatStable, formatUsdt } from '../../lib/format';
import { aprToApy, parseWithdrawal, rateToFraction } from '../../lib/loans';
import { parseAmount } from '../../lib/parse';
import { ActionButton } from '../ActionButton';
import { AmountField } from '../AmountField';
import { Card, ErrorNote, ProgressBar, Skeleton, Stat } from '../ui';
import { useVaultRisk } from '../../hooks/useVaultRisk';
import { VaultRiskStats } from './VaultRisk';


export function VaultSection() {
  const { address } = useAccount();
  const vault = useVault(address);
  const risk = useVaultRisk();
  const v = vault.data;
  // the share price once every pending mark-down is made, when it differs from today's
  const after = risk.data && v && risk.data.pending.loanIds.length > 0 && risk.data.pending.sharePriceAfter !== v.sharePrice ? risk.data.pending.sharePriceAfter : undefined;
  return (
    <Card aria-labelledby="vault-title" data-testid="vault">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="vault-title" className="text-xl font-semibold text-white">Liquidity vault</h2>
        <p className="text-sm text-slate-400">Variable rate · withdraw any time from idle cash</p>
      </div>
      <p className="mt-1 max-w-3xl text-sm text-slate-400">
        Your USDT funds loans against hash-power NFTs. Borrowers' interest raises the share price every second. Only cash that is not lent out can be withdrawn at once; the rest comes back as loans are repaid.
      </p>
      {vault.isError && <ErrorNote>Could not read the vault. It retries on its own.</ErrorNote>}
      {!v ? (
        <div role="status" aria-label="Loading the vault" className="mt-4 grid grid-cols-2 gap-4 md:grid-cols-4">
          {Array.from({ length: 8 }, (_, i) => <Skeleton key={i} className="h-10 w-full" />)}
        </div>
      ) : (
        <>
          <VaultStats v={v} />
          <div className="mt-5 grid gap-4 lg:grid-cols-3">
            <Position v={v} connected={Boolean(address)} />
            <DepositForm v={v} after={after} />
            <WithdrawForm v={v} after={after} />
          </div>
        </>
      )}
    </Card>
  );
}

function VaultStats({ v }: { v: VaultState }) {
  const supply = rateToFraction(v.supplyRate);
  const util = Number(v.utilizationBps) / 10_000;
  return (
    <>
      <dl className="mt-4 grid grid-cols-2 gap-4 md:grid-cols-4">
        <Stat label="APY" value={formatPercent(aprToApy(supply), 2)} sub={`${formatPercent(supply, 2)} a year at today's use`} testId="vault-apy" />
        <Stat label="Share price" value={`${formatAmount(v.sharePrice, 6, 6)} USDT`} sub={`per ${v.shareSymbol} share`} testId="vault-share-price" />
        <Stat label="Available liquidity" value={formatUsdt(v.idleCash)} sub={formatStable(v.idleCash)} testId="vault-idle" />
        <Stat label="Lent out" value={formatUsdt(v.totalBorrowed)} sub={`of ${formatUsdt(v.totalAssets)} in the vault`} testId="vault-borrowed" />
      </dl>
      <div className="mt-4">
        <div className="mb-1 flex flex-wrap justify-between gap-2 text-xs text-slate-400">
          <span>Utilisation <span className="tabular font-semibold text-slate-200" data-testid="vault-utilisation">{formatPercent(util, 2)}</span></span>
          <span className="tabular">Borrowers pay {formatPercent(rateToFraction(v.borrowRate), 2)} a year; all of it goes to the vault</span>
        </div>
        <ProgressBar value={util} label="Vault utilisation" />
      </div>
      <VaultRiskStats upside={v.upside} />
    </>
  );
}

function Position({ v, connected }: { v: VaultState; connected: boolean }) {
  const p = v.position;
  return (
    <section aria-labelledby="vault-position" className="rounded-xl border border-slate-800 bg-slate-950/40 p-4">
      <h3 id="vault-position" className="font-semibold text-white">Your position</h3>
      {!connected || !p ? (
        <p className="mt-2 text-sm text-slate-400">Connect a wallet to see your shares.</p>
      ) : (
        <dl className="mt-2 space-y-2 text-sm">
          <div className="flex justify-between gap-2"><dt className="text-slate-400">Shares</dt><dd className="tabular" data-testid="vault-shares">{formatAmount(p.shares, v.shareDecimals, 4)} {v.shareSymbol}</dd></div>
          <div className="flex justify-between gap-2"><dt className="text-slate-400">Value</dt><dd className="tabular text-right"><span className="block font-semibold" data-testid="vault-value">{formatUsdt(p.value)}</span><span className="text-xs text-slate-400" data-testid="vault-value-usd">{formatStable(p.value)}</span></dd></div>
          <div className="flex justify-between gap-2"><dt className="text-slate-400">Withdrawable now</dt><dd className="tabular" data-testid="vault-max-withdraw">{formatUsdt(p.maxWithdraw)}</dd></div>
          {p.maxWithdraw < p.value && (
            <p className="text-xs text-amber-300">Part of your position is lent out: it becomes withdrawable as loans are repaid or new lenders deposit.</p>
          )}
        </dl>
      )}
    </section>
  );
}

/** " (X after pending mark-downs)" when they would change the share price. */
function AfterMarkDowns({ after, testId }: { after?: bigint; testId: string }) {
  if (after === undefined) return null;
  return <span className="text-amber-300" data-testid={testId}> ({formatAmount(after, 6, 6)} USDT after pending mark-downs)</span>;
}

function DepositForm({ v, after }: { v: VaultState; after?: bigint }) {
  const { isConnected } = useAccount();
  const { deployment } = useAppChain();
  const token = useTokenAccount(deployment.contracts.USDT, deployment.contracts.LiquidityVault);
  const { step, approve, deposit } = useVaultActions();
  const [text, setText] = useState('');
  const balance = token.data?.balance;
  const parsed = parseAmount(text, {
    decimals: 6,
    symbol: 'USDT',
    max: balance === undefined ? undefined : { value: balance, reason: `Your balance is ${formatUsdt(balance)}.` },
  });
  const amount = parsed.ok ? parsed.value : 0n;
  const one = 10n ** BigInt(v.shareDecimals);
  // deposits are priced at the entry price (the share price plus the impaired loans' upside)
  const price = v.entrySharePrice;
  const shares = price > 0n ? (amount * one) / price : 0n;
  const premium = price > v.sharePrice;
  const needsApproval = parsed.ok && token.data !== undefined && token.data.allowance < amount;
  const onDeposit = async () => {
    if (!parsed.ok) return;
    const r = await deposit(parsed.value);
    if (r.status === 'confirmed') setText('');
  };
  return (
    <section aria-labelledby="vault-deposit" className="space-y-3 rounded-xl border border-slate-800 p-4">
      <h3 id="vault-deposit" className="font-semibold text-white">Deposit</h3>
      <AmountField
        id="vault-deposit-amount"
        label="Deposit amount (USDT)"
        value={text}
        onChange={setText}
        parsed={parsed}
        help={balance === undefined ? 'Your USDT balance shows once a wallet is connected.' : `Balance ${formatUsdt(balance)}`}
        onMax={balance === undefined ? undefined : () => setText(formatUnits(balance, 6))}
      />
      <p className="tabular text-sm text-slate-300" data-testid="vault-deposit-preview">
        {parsed.ok ? <>You receive ≈ {formatAmount(shares, v.shareDecimals, 4)} {v.shareSymbol} at {formatAmount(price, 6, 6)} USDT a share<AfterMarkDowns after={after} testId="vault-deposit-after-markdown" />. No fee.</> : <>Shares are priced at {premium ? 'the entry price' : 'the current share price'}, {formatAmount(price, 6, 6)} USDT<AfterMarkDowns after={after} testId="vault-deposit-after-markdown" />. No fee.</>}
      </p>
      {premium && (
        <p className="text-xs text-amber-300" data-testid="vault-entry-note">
          New deposits pay {formatAmount(price, 6, 6)} USDT a share, above the share price of {formatAmount(v.sharePrice, 6, 6)} USDT: impaired loans' NFTs now cover {formatUsdt(v.upside)} more than the vault counts them at. That recovery belongs to the lenders who carried the mark-down; it reaches the share price only when the cash comes in, and is lost if the collateral falls again.
          {parsed.ok && amount > 0n && <> Withdrawn at once, this deposit would return ≈ {formatUsdt((shares * v.sharePrice) / one)}.</>}
        </p>
      )}
      <ActionButton
        testId="vault-deposit-submit"
        state={{
          connected: isConnected,
          loading: isConnected && token.isLoading,
          emptyInput: text.trim() === '' ? 'Enter an amount' : undefined,
          inputError: parsed.ok ? undefined : parsed.error,
          busy: step === 'approving' ? 'Approving…' : step === 'depositing' ? 'Depositing…' : undefined,
          approval: needsApproval ? `Approve ${formatUsdt(amount)}` : undefined,
          action: parsed.ok ? `Deposit ${formatUsdt(amount)}` : 'Deposit',
        }}
        onApprove={() => void approve(amount)}
        onAction={() => void onDeposit()}
      />
    </section>
  );
}

function WithdrawForm({ v, after }: { v: VaultState; after?: bigint }) {
  const { isConnected } = useAccount();
  const { step, withdraw } = useVaultActions();
  const [text, setText] = useState('');
  const p = v.position;
  const parsed = parseWithdrawal(text, p, v.idleCash);
  const amount = parsed.ok ? parsed.value : 0n;
  const onWithdraw = async () => {
    if (!parsed.ok) return;
    const r = await withdraw(parsed.value);
    if (r.status === 'confirmed') setText('');
  };
  return (
    <section aria-labelledby="vault-withdraw" className="space-y-3 rounded-xl border border-slate-800 p-4">
      <h3 id="vault-withdraw" className="font-semibold text-white">Withdraw</h3>
      <AmountField
        id="vault-withdraw-amount"
        label="Withdraw amount (USDT)"
        value={text}
        onChange={setText}
        parsed={parsed}
        help={p ? `Withdrawable now ${formatUsdt(p.maxWithdraw)}` : 'Connect a wallet to withdraw.'}
        onMax={p ? () => setText(formatUnits(p.maxWithdraw, 6)) : undefined}
      />
      <p className="text-sm text-slate-300" data-testid="vault-withdraw-preview">
        {parsed.ok && p && p.value > 0n
          ? <>Burns ≈ {formatAmount((amount * 10n ** BigInt(v.shareDecimals)) / (v.sharePrice || 1n), v.shareDecimals, 4)} {v.shareSymbol} at {formatAmount(v.sharePrice, 6, 6)} USDT a share<AfterMarkDowns after={after} testId="vault-withdraw-after-markdown" />; {formatUsdt(p.value - amount)} stays in the vault.</>
          : <>Withdrawals come from idle cash at the current share price, {formatAmount(v.sharePrice, 6, 6)} USDT<AfterMarkDowns after={after} testId="vault-withdraw-after-markdown" />. No fee.</>}
      </p>
      <ActionButton
        testId="vault-withdraw-submit"
        state={{
          connected: isConnected,
          loading: isConnected && !p,
          emptyInput: text.trim() === '' ? 'Enter an amount' : undefined,
          inputError: parsed.ok ? undefined : parsed.error,
          busy: step === 'withdrawing' ? 'Withdrawing…' : undefined,
          action: parsed.ok ? `Withdraw ${formatUsdt(amount)}` : 'Withdraw',
        }}
        onAction={() => void onWithdraw()}
      />
    </section>
  );
}

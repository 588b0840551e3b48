// Governance → new proposal: a typed form per parameter kind. The value is checked against the contracts'
// hard bounds and the coin's other parameters before anything is sent, the change is previewed in the
// same words the proposal list will use (before → after), and an account under the proposal threshold is
// told so instead of being sent to the wallet.
import { useId, useState } from 'react';
import type { Address } from 'viem';
import { formatAmount } from '../../lib/format';
import { parseAddressField, proposeRefusal } from '../../lib/governance';
import { AUCTION_FIELDS, draftAddCoin, draftAuctionParams, draftLoanRules, draftNewTerm, draftRateModel, draftTermActive, LOAN_RULE_FIELDS, rateFieldsOf, scaledFieldsOf, type AddCoinFields as CoinFields, type Draft, type RateFields, type TermFields } from '../../lib/governanceForms';
import {
  ADDRESS_KINDS,
  addressAction,
  describeActions,
  formatBps,
  paramAction,
  paramRange,
  parsePercentBps,
  PARAM_KINDS,
  proposalDescription,
  type AddressKind,
  type KnownContract,
  type ParamKind,
  type ProposalAction,
} from '../../lib/governanceActions';
import type { GovernanceState } from '../../hooks/useGovernance';
import type { GovStep } from '../../hooks/useGovernanceActions';
import { ActionButton } from '../ActionButton';
import { Card, ErrorNote, inputClass } from '../ui';
import { AddCoinFields } from './AddCoinFields';
import { RateModelFields } from './RateModelFields';
import { ScaledFields } from './ScaledFields';
import { NewTermFields, TermActiveFields } from './TermFields';

/** Kinds with a form of their own (several fields), beside the one-value kinds. */
type FormKind = 'rateModel' | 'loanRules' | 'auctions' | 'newTerm' | 'termActive' | 'addCoin';
const FORM_KINDS: readonly { kind: FormKind; label: string; help: string }[] = [
  { kind: 'rateModel', label: 'Loan rate model', help: 'The yearly interest rate by pool utilisation: a base rate, a slope up to the kink and a steeper one above it. Applies from the day it executes.' },
  { kind: 'loanRules', label: 'Loan rules', help: 'The minimum projected health at a loan’s due date (checked when a loan is opened, increased, extended or releases collateral) and how long an impaired loan waits for an auction before it can be written off.' },
  { kind: 'auctions', label: 'Liquidation auctions', help: 'Length of a liquidation auction, the late-bid extension, the minimum bid step and the redeem penalty a borrower pays to take the NFTs back.' },
  { kind: 'newTerm', label: 'Term deposits: new term', help: 'A term’s APR never changes: a new rate is a new term, and the old one can close in the same proposal.' },
  { kind: 'addCoin', label: 'Add a coin', help: 'One proposal of three actions: the coin in Rewards, its price feed in the oracle, and its loan parameters.' },
  { kind: 'termActive', label: 'Term deposits: close or reopen', help: 'Stops or resumes new deposits into a term; deposits already in it keep their rate.' },
];

export function NewProposal({
  g,
  contracts,
  account,
  proposeVotes,
  step,
  onPropose,
}: {
  g: GovernanceState;
  contracts: readonly KnownContract[];
  account: Address | undefined;
  proposeVotes: bigint | undefined;
  step: GovStep;
  onPropose: (actions: ProposalAction[], description: string) => Promise<{ status: string }>;
}) {
  const [kind, setKind] = useState<ParamKind | AddressKind | FormKind>('maxLtv');
  const [rateFields, setRateFields] = useState<RateFields>(() => rateFieldsOf(g.values.rateModel));
  const firstAsset = Object.keys(g.values.assets ?? {})[0] ?? '';
  const [termFields, setTermFields] = useState<TermFields>({ asset: firstAsset, days: '', apr: '', capacity: '', replaces: '' });
  const [termId, setTermId] = useState('');
  const [coinFields, setCoinFields] = useState<CoinFields>({ token: '', feed: '', symbol: '', unit: '', maxAgeHours: '2', jump: '20', maxLtv: '', threshold: '', haircut: '', grace: '' });
  const [ruleFields, setRuleFields] = useState(() => scaledFieldsOf(LOAN_RULE_FIELDS, g.values.loanRules));
  const [auctionFields, setAuctionFields] = useState(() => scaledFieldsOf(AUCTION_FIELDS, g.values.auctionParams));
  const [coin, setCoin] = useState(0);
  const [value, setValue] = useState('');
  const [title, setTitle] = useState('');
  const [notes, setNotes] = useState('');
  const [touched, setTouched] = useState(false);
  const errorId = useId();
  const ref = (name: string) => contracts.find((c) => c.name === name);
  const addressSpec = ADDRESS_KINDS.find((k) => k.kind === kind);
  const spec = PARAM_KINDS.find((k) => k.kind === kind);
  const formSpec = FORM_KINDS.find((k) => k.kind === kind);
  const noun = (spec ?? addressSpec)?.noun ?? '';
  const symbol = g.values.coins[coin]?.symbol ?? '';
  const params = g.values.coinParams[coin];
  const range = spec ? paramRange(spec.kind, g.bounds, params, symbol) : undefined;
  const currentBps = kind === 'marketFee' ? g.values.feeBps : kind === 'maxLtv' ? params?.maxLtvBps : kind === 'haircut' ? params?.haircutBps : kind === 'liquidationThreshold' ? params?.liquidationThresholdBps : undefined;
  const parsedPercent = spec && range ? parsePercentBps(value, range, currentBps) : undefined;
  const parsedAddress = addressSpec ? parseAddressField(value, { empty: `Enter the new ${addressSpec.noun}.`, zero: 'The zero address would leave the role empty: enter a real address.' }) : undefined;
  const terms = g.values.terms ?? [];
  const deposits = ref('TermDeposits');
  let draft: Draft | undefined;
  if (kind === 'rateModel') draft = draftRateModel(rateFields, g.bounds.rate, g.values.rateModel, ref('LoanPool')!);
  const ruleRanges = { minDueHealthBps: [g.bounds.loanRules.minHealthBps, g.bounds.loanRules.maxHealthBps], writeOffDelay: [g.bounds.loanRules.minDelay, g.bounds.loanRules.maxDelay] } as const;
  const a = g.bounds.auction;
  const auctionRanges = { duration: [a.minDuration, a.maxDuration], extension: [0, a.maxExtension], minStepBps: [a.minStepBps, a.maxStepBps], penaltyBps: [0, a.maxPenaltyBps] } as const;
  if (kind === 'loanRules') draft = draftLoanRules(ruleFields, g.bounds.loanRules, g.values.loanRules, ref('LoanPool')!);
  const auctionHouse = ref('LoanAuctions');
  if (kind === 'auctions' && auctionHouse) draft = draftAuctionParams(auctionFields, g.bounds.auction, g.values.auctionParams, auctionHouse);
  if (kind === 'newTerm' && deposits) draft = draftNewTerm(termFields, g.bounds.term, g.values.assets ?? {}, terms, deposits);
  const oracle = ref('OracleAdapter');
  if (kind === 'addCoin' && oracle) draft = draftAddCoin(coinFields, g.bounds, g.values.coins.length, { rewards: ref('Rewards')!, oracle, loanPool: ref('LoanPool')! });
  if (kind === 'termActive' && deposits) draft = draftTermActive(termId, terms, deposits);
  const parsed = parsedPercent ?? parsedAddress ?? (draft?.actions ? { ok: true as const, value: 0 } : { ok: false as const, error: draft?.error ?? 'This change is not available on this chain.' });
  const loanPool = ref('LoanPool')!;
  const marketplace = ref('Marketplace')!;
  const pauseGuard = ref('PauseGuard');
  const rewards = ref('Rewards')!;
  let actions: ProposalAction[] | undefined = draft?.actions;
  if (spec && parsedPercent?.ok) actions = [paramAction(spec.kind, parsedPercent.value, { loanPool, marketplace }, coin, params)];
  if (addressSpec && parsedAddress?.ok && (addressSpec.kind === 'operator' || pauseGuard)) actions = [addressAction(addressSpec.kind, parsedAddress.value, { pauseGuard: pauseGuard ?? rewards, rewards })];
  const preview = actions ? describeActions(actions, contracts, g.values) : undefined;
  const defaultTitle = !parsed.ok
    ? ''
    : draft
      ? draft.title
      : spec && parsedPercent?.ok
      ? `${parsedPercent.value < (currentBps ?? 0) ? 'Lower' : 'Raise'} ${spec.perCoin ? `${symbol} ` : ''}${spec.noun} to ${formatBps(parsedPercent.value)}`
      : addressSpec?.kind === 'guardian'
        ? 'Replace the guardian'
        : 'Add a reward operator';
  const tokenAmount = (v: bigint) => `${formatAmount(v, g.token.decimals, 2)} ${g.token.symbol}`;
  const underThreshold = proposeVotes === undefined ? undefined : proposeRefusal(proposeVotes, g.threshold, tokenAmount);

  const submit = async () => {
    if (!actions || !preview) return;
    const description = proposalDescription(title.trim() || defaultTitle, preview) + (notes.trim() ? `\n\n${notes.trim()}` : '');
    const r = await onPropose(actions, description);
    if (r.status === 'confirmed') {
      setValue('');
      setTermFields({ asset: firstAsset, days: '', apr: '', capacity: '', replaces: '' });
      setTermId('');
      setTitle('');
      setNotes('');
      setTouched(false);
    }
  };

  return (
    <Card aria-labelledby="gov-new-title" data-testid="gov-new">
      <h2 id="gov-new-title" className="text-xl font-semibold text-white">New proposal</h2>
      <p className="mt-1 max-w-3xl text-sm text-slate-400">
        Takes {tokenAmount(g.threshold)} of voting power. Voting opens after the voting delay and lasts the voting period; a passed proposal waits in the timelock before it can run.
      </p>
      <div className="mt-4 grid gap-4 md:grid-cols-3">
        <div>
          <label htmlFor="gov-kind" className="text-sm font-medium text-slate-200">What to change</label>
          <select id="gov-kind" className={`${inputClass} mt-1`} value={kind} onChange={(e) => { setKind(e.target.value as ParamKind | AddressKind | FormKind); setValue(''); setTouched(false); setRateFields(rateFieldsOf(g.values.rateModel)); setRuleFields(scaledFieldsOf(LOAN_RULE_FIELDS, g.values.loanRules)); setAuctionFields(scaledFieldsOf(AUCTION_FIELDS, g.values.auctionParams)); }}>
            {PARAM_KINDS.map((k) => <option key={k.kind} value={k.kind}>{k.label}</option>)}
            {FORM_KINDS.map((k) => <option key={k.kind} value={k.kind}>{k.label}</option>)}
            {ADDRESS_KINDS.map((k) => <option key={k.kind} value={k.kind}>{k.label}</option>)}
          </select>
          <p className="mt-1 text-xs text-slate-400">{(spec ?? addressSpec ?? formSpec)!.help}</p>
        </div>
        {spec?.perCoin && (
          <div>
            <label htmlFor="gov-coin" className="text-sm font-medium text-slate-200">Coin</label>
            <select id="gov-coin" className={`${inputClass} mt-1`} value={coin} onChange={(e) => setCoin(Number(e.target.value))}>
              {g.values.coins.map((c, i) => <option key={c.symbol} value={i}>{c.symbol}</option>)}
            </select>
          </div>
        )}
        {!formSpec && <div className={addressSpec ? 'md:col-span-2' : ''}>
          <label htmlFor="gov-value" className="text-sm font-medium text-slate-200">New {noun}{spec ? ' (%)' : ''}</label>
          <input
            id="gov-value"
            inputMode={spec ? 'decimal' : 'text'}
            autoComplete="off"
            spellCheck={false}
            className={`${inputClass} mt-1 ${addressSpec ? 'font-mono text-sm' : ''}`}
            value={value}
            placeholder={spec ? (currentBps === undefined ? '' : formatAmount(BigInt(currentBps), 2, 2)) : '0x…'}
            onChange={(e) => { setValue(e.target.value); setTouched(true); }}
            aria-invalid={touched && !parsed.ok}
            aria-describedby={`gov-value-help${touched && !parsed.ok ? ` ${errorId}` : ''}`}
          />
          <p id="gov-value-help" className="mt-1 text-xs text-slate-400" data-testid="gov-value-help">
            {range
              ? `Now ${currentBps === undefined ? '…' : formatBps(currentBps)} · allowed ${formatBps(range.min)} to ${formatBps(range.max)}`
              : kind === 'guardian'
                ? `Now ${g.values.guardian ?? '…'}`
                : 'Adds an operator; the current ones stay.'}
          </p>
          {touched && !parsed.ok && <ErrorNote id={errorId}>{parsed.error}</ErrorNote>}
        </div>}
      </div>
      {kind === 'rateModel' && (
        <RateModelFields fields={rateFields} onChange={(f) => { setRateFields(f); setTouched(true); }} errors={touched ? (draft?.errors ?? {}) : {}} bounds={g.bounds.rate} current={g.values.rateModel} />
      )}
      {kind === 'loanRules' && (
        <ScaledFields id="gov-rules" spec={LOAN_RULE_FIELDS} fields={ruleFields} onChange={(f) => { setRuleFields(f); setTouched(true); }} errors={touched ? (draft?.errors ?? {}) : {}} ranges={ruleRanges} current={g.values.loanRules} />
      )}
      {kind === 'auctions' && (
        <ScaledFields id="gov-auction" spec={AUCTION_FIELDS} fields={auctionFields} onChange={(f) => { setAuctionFields(f); setTouched(true); }} errors={touched ? (draft?.errors ?? {}) : {}} ranges={auctionRanges} current={g.values.auctionParams} />
      )}
      {kind === 'newTerm' && (
        <NewTermFields fields={termFields} onChange={(f) => { setTermFields(f); setTouched(true); }} errors={touched ? (draft?.errors ?? {}) : {}} bounds={g.bounds.term} assets={g.values.assets ?? {}} terms={terms} />
      )}
      {kind === 'addCoin' && <AddCoinFields fields={coinFields} onChange={(f) => { setCoinFields(f); setTouched(true); }} errors={touched ? (draft?.errors ?? {}) : {}} bounds={g.bounds} />}
      {kind === 'termActive' && <TermActiveFields termId={termId} onChange={(id) => { setTermId(id); setTouched(true); }} error={touched ? draft?.errors.term : undefined} assets={g.values.assets ?? {}} terms={terms} />}

      {preview && (
        <div className="mt-4 rounded-xl border border-brand-500/40 bg-slate-950/40 p-3" data-testid="gov-preview">
          <h3 className="text-sm font-semibold text-slate-200">Preview</h3>
          {preview.map((p, i) => (
            <div key={i}>
              <p className="mt-1 text-sm text-slate-100">{p.text}</p>
              {p.changes.map((c) => (
                <p key={c.label} className="tabular mt-1 text-lg font-semibold text-white">
                  {preview.length > 1 || p.changes.length > 1 || c.before === undefined ? <span className="text-sm font-normal text-slate-300">{c.label}: </span> : null}
                  {c.before !== undefined && <>{c.before} <span aria-label="becomes">→</span> </>}
                  {c.after}
                </p>
              ))}
            </div>
          ))}
        </div>
      )}

      <div className="mt-4 grid gap-4 md:grid-cols-2">
        <div>
          <label htmlFor="gov-title" className="text-sm font-medium text-slate-200">Title</label>
          <input id="gov-title" className={`${inputClass} mt-1 text-sm`} value={title} placeholder={defaultTitle || 'A short title'} maxLength={120} onChange={(e) => setTitle(e.target.value)} />
        </div>
        <div>
          <label htmlFor="gov-notes" className="text-sm font-medium text-slate-200">Why <span className="font-normal text-slate-400">(optional, part of the description)</span></label>
          <textarea id="gov-notes" rows={2} className={`${inputClass} mt-1 text-sm`} value={notes} maxLength={2000} onChange={(e) => setNotes(e.target.value)} />
        </div>
      </div>
      {underThreshold && (
        <p className="mt-3 text-sm text-amber-200" data-testid="gov-propose-refusal">{underThreshold}</p>
      )}
      <div className="mt-3">
        <ActionButton
          className="sm:w-auto"
          testId="gov-propose"
          state={{
            connected: account !== undefined,
            loading: proposeVotes === undefined,
            busy: step === 'proposing' ? 'Submitting…' : undefined,
            blocked: underThreshold ? 'Not enough voting power' : undefined,
            emptyInput: !formSpec && value.trim() === '' ? 'Enter the new value' : undefined,
            inputError: parsed.ok ? undefined : parsed.error,
            invalidLabel: addressSpec ? 'Check the address' : formSpec ? 'Check the form' : 'Check the value',
            action: 'Submit proposal',
          }}
          onAction={() => void submit()}
        />
      </div>
    </Card>
  );
}

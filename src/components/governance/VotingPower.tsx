// Governance → your voting power: HASH balance, votes delegated to you, your current delegate, and
// delegation to yourself or to any address (checked in words before the wallet opens).
import { useId, useState } from 'react';
import { isAddressEqual, zeroAddress, type Address } from 'viem';
import { formatAmount, shortAddress } from '../../lib/format';
import { parseDelegatee } from '../../lib/governance';
import type { GovStep } from '../../hooks/useGovernanceActions';
import { ActionButton } from '../ActionButton';
import { Card, ErrorNote, Skeleton, Stat, buttonClass, inputClass } from '../ui';

export interface VoterView {
  balance: bigint;
  delegate: Address;
  votes: bigint;
}

export function VotingPower({
  account,
  voter,
  token,
  step,
  onDelegate,
}: {
  account: Address | undefined;
  voter: VoterView | undefined;
  token: { symbol: string; decimals: number } | undefined;
  step: GovStep;
  onDelegate: (to: Address, self: boolean) => Promise<unknown>;
}) {
  const [to, setTo] = useState('');
  const [touched, setTouched] = useState(false);
  const errorId = useId();
  const parsed = parseDelegatee(to);
  const amount = (v: bigint) => (token ? `${formatAmount(v, token.decimals, 2)} ${token.symbol}` : '…');
  const delegate = voter?.delegate;
  const delegated = delegate !== undefined && !isAddressEqual(delegate, zeroAddress);
  const toSelf = delegated && account !== undefined && isAddressEqual(delegate, account);
  const busy = step === 'delegating' ? 'Delegating…' : undefined;

  return (
    <Card aria-labelledby="gov-power-title" data-testid="gov-power">
      <h2 id="gov-power-title" className="text-xl font-semibold text-white">Your voting power</h2>
      <p className="mt-1 max-w-3xl text-sm text-slate-400">
        HASH votes only once it is delegated: to yourself to vote with it, or to someone you trust to vote for you. Delegating keeps the tokens in your wallet.
      </p>
      {!account ? (
        <p className="mt-3 text-sm text-slate-400">Connect a wallet to see your HASH and delegate it. Proposals below can be read without one.</p>
      ) : !voter ? (
        <div role="status" aria-label="Loading your voting power" className="mt-4 grid grid-cols-3 gap-4">
          {Array.from({ length: 3 }, (_, i) => <Skeleton key={i} className="h-10 w-full" />)}
        </div>
      ) : (
        <>
          <dl className="mt-4 grid grid-cols-1 gap-4 sm:grid-cols-3">
            <Stat label="HASH balance" value={amount(voter.balance)} testId="gov-balance" />
            <Stat label="Voting power" value={amount(voter.votes)} sub="delegated to you, by you or others" testId="gov-votes" />
            <Stat
              label="Your delegate"
              value={!delegated ? 'Nobody yet' : toSelf ? 'Yourself' : <span title={delegate}>{shortAddress(delegate)}</span>}
              sub={!delegated ? 'your HASH does not vote' : undefined}
              testId="gov-delegate"
            />
          </dl>
          <div className="mt-4 grid gap-3 md:grid-cols-[auto_1fr] md:items-start">
            <button
              type="button"
              className={buttonClass.secondary}
              disabled={toSelf || Boolean(busy)}
              onClick={() => void onDelegate(account, true)}
            >
              {toSelf ? 'Delegated to yourself' : 'Delegate to myself'}
            </button>
            <div>
              <label htmlFor="gov-delegatee" className="text-sm font-medium text-slate-200">
                Or delegate to an address
              </label>
              <div className="mt-1 flex flex-col gap-2 sm:flex-row sm:items-start">
                <input
                  id="gov-delegatee"
                  className={`${inputClass} font-mono text-sm`}
                  placeholder="0x…"
                  autoComplete="off"
                  spellCheck={false}
                  value={to}
                  onChange={(e) => setTo(e.target.value)}
                  onBlur={() => setTouched(true)}
                  aria-invalid={touched && !parsed.ok}
                  aria-describedby={touched && !parsed.ok ? errorId : undefined}
                />
                <ActionButton
                  className="shrink-0 whitespace-nowrap sm:w-auto"
                  testId="gov-delegate-submit"
                  state={{
                    connected: true,
                    loading: false,
                    busy,
                    emptyInput: to.trim() === '' ? 'Enter an address' : undefined,
                    inputError: parsed.ok ? undefined : parsed.error,
                    invalidLabel: 'Check the address',
                    action: 'Delegate',
                  }}
                  onAction={() => parsed.ok && void onDelegate(parsed.value, isAddressEqual(parsed.value, account))}
                />
              </div>
              {touched && to.trim() !== '' && !parsed.ok && <ErrorNote id={errorId}>{parsed.error}</ErrorNote>}
            </div>
          </div>
        </>
      )}
    </Card>
  );
}

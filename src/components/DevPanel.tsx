// Developer tools on local chains only (loaded lazily, never on other chains): faucets, gas money,
// "advance N days", which moves anvil's clock and posts each passed day's output as the operator, and
// "move N hours" / "mine N blocks" so a governance vote and the timelock delay pass quickly.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { parseEther } from 'viem';
import { useAccount, usePublicClient } from 'wagmi';
import { useAppChain } from '../hooks/useAppChain';
import { useChainTime } from '../hooks/useChainTime';
import { useProtocol } from '../hooks/useProtocol';
import { useToasts } from '../hooks/useToasts';
import { useTransactor } from '../hooks/useTransactor';
import { abiOf, chains, rpcUrlFor } from '../lib/contracts';
import { advanceDays, advanceSeconds, fundEther, mineBlocks } from '../lib/devChain';
import { describeError } from '../lib/errors';
import { formatDateTime } from '../lib/format';
import { parseCount, type Parsed } from '../lib/parse';
import { Card, ErrorNote, buttonClass, inputClass } from './ui';

export default function DevPanel() {
  const { chainId, deployment } = useAppChain();
  const { address } = useAccount();
  const client = usePublicClient({ chainId });
  const protocol = useProtocol();
  const now = useChainTime();
  const tx = useTransactor();
  const toasts = useToasts();
  const qc = useQueryClient();
  const [days, setDays] = useState('1');
  const [busy, setBusy] = useState<string>();
  const parsedDays = parseCount(days, { noun: 'days', max: { value: 365n, reason: 'Advance at most 365 days at a time.' } });
  const [hours, setHours] = useState('1');
  const [blocks, setBlocks] = useState('1');
  const parsedHours = parseCount(hours, { noun: 'hours', max: { value: 24n * 365n, reason: 'Move at most 8,760 hours (a year) at a time.' } });
  const parsedBlocks = parseCount(blocks, { noun: 'blocks', max: { value: 100_000n, reason: 'Mine at most 100,000 blocks at a time.' } });
  const chain = chains.find((c) => c.id === chainId)!;
  // What the dev tools need of the chain; run() reports it in words if the chain's client is not there.
  const devArgs = () => {
    if (!client) throw new Error('The local chain is not reachable.');
    return { publicClient: client, chain, rpcUrl: rpcUrlFor(deployment), rewards: deployment.contracts.Rewards, operator: deployment.operator };
  };

  const run = async (label: string, fn: () => Promise<unknown>) => {
    setBusy(label);
    try {
      await fn();
      await qc.invalidateQueries({ queryKey: ['hm', chainId] });
      toasts.push({ kind: 'success', title: label, message: 'Done.' });
    } catch (e) {
      const info = describeError(e);
      toasts.push({ kind: 'error', title: `${label} failed`, message: info.message, details: info.details });
    } finally {
      setBusy(undefined);
    }
  };

  const tokens = [{ symbol: 'USDT', address: deployment.contracts.USDT }, ...(protocol.data?.coins.map((c) => ({ symbol: c.symbol, address: c.token })) ?? [])];

  return (
    <Card id="dev-panel" aria-labelledby="dev-title" className="mt-10 border-amber-500/30">
      <h2 id="dev-title" className="text-lg font-semibold text-amber-200">Developer panel · local chain</h2>
      <p className="mt-1 text-sm text-slate-400">
        Chain time {now ? formatDateTime(now) : '…'} · day {protocol.data?.currentDay ?? '…'}. These tools exist only on local chains.
      </p>
      <div className="mt-4 grid gap-4 md:grid-cols-2">
        <div>
          <h3 className="text-sm font-semibold text-slate-200">Faucet</h3>
          <p className="text-xs text-slate-400">Once an hour per token and wallet.</p>
          <div className="mt-2 flex flex-wrap gap-2">
            {tokens.map((t) => (
              <button
                key={t.symbol}
                type="button"
                className={buttonClass.secondary}
                disabled={!address}
                onClick={() =>
                  void tx.send(
                    { address: t.address, abi: abiOf('USDT'), functionName: 'faucet', args: [] },
                    { label: `Faucet ${t.symbol}`, topics: ['balances'] },
                  )
                }
              >
                Get {t.symbol}
              </button>
            ))}
            <button
              type="button"
              className={buttonClass.secondary}
              disabled={!address || Boolean(busy)}
              onClick={() => void run('Add 10 ETH for gas', () => fundEther(devArgs(), address!, parseEther('10')))}
            >
              Get 10 ETH for gas
            </button>
          </div>
          {!address && <p className="mt-2 text-xs text-slate-400">Connect a wallet to use the faucet.</p>}
        </div>
        <div>
          <h3 className="text-sm font-semibold text-slate-200">Advance time</h3>
          <p className="text-xs text-slate-400">Moves the chain forward and posts each passed day's mining output.</p>
          <CountAction id="advance-days" label="Days to advance" value={days} onChange={setDays} parsed={parsedDays} primary busy={busy} verb="Advance" busyText="Advancing…" button="Advance days"
            onRun={(n) => void run(`Advance ${n} days`, () => advanceDays(devArgs(), n))} />
        </div>
        <div>
          <h3 className="text-sm font-semibold text-slate-200">Move time or mine blocks</h3>
          <p className="text-xs text-slate-400">Passes a governance vote or the timelock delay without waiting (output for any day passed is posted).</p>
          <CountAction id="move-hours" label="Hours to move" value={hours} onChange={setHours} parsed={parsedHours} busy={busy} verb="Move" busyText="Moving…" button="Move hours"
            onRun={(n) => void run(`Move ${n} hours`, () => advanceSeconds(devArgs(), n * 3600))} />
          <CountAction id="mine-blocks" label="Blocks to mine" value={blocks} onChange={setBlocks} parsed={parsedBlocks} busy={busy} verb="Mine" busyText="Mining…" button="Mine blocks"
            onRun={(n) => void run(`Mine ${n} blocks`, () => mineBlocks(devArgs(), n))} />
        </div>
      </div>
    </Card>
  );
}

/** A count typed in words-checked form and the button that acts on it (advance days, move hours, mine blocks). */
function CountAction({ id, label, value, onChange, parsed, primary = false, busy, verb, busyText, button, onRun }: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  parsed: Parsed<bigint>;
  primary?: boolean;
  busy: string | undefined;
  verb: string;
  busyText: string;
  button: string;
  onRun: (n: number) => void;
}) {
  return (
    <>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <div className="mt-2 flex flex-wrap gap-2">
        <input
          id={id}
          inputMode="numeric"
          className={`${inputClass} max-w-28`}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={!parsed.ok}
          aria-describedby={!parsed.ok ? `${id}-error` : undefined}
        />
        <button type="button" className={primary ? buttonClass.primary : buttonClass.secondary} disabled={!parsed.ok || Boolean(busy)} onClick={() => parsed.ok && onRun(Number(parsed.value))}>
          {busy?.startsWith(verb) ? busyText : button}
        </button>
      </div>
      {!parsed.ok && <ErrorNote id={`${id}-error`}>{parsed.error}</ErrorNote>}
    </>
  );
}

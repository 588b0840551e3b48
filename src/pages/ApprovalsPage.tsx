// Approvals: every ERC-20 allowance and NFT approval the connected wallet has given to Hashmint's
// contracts, with one-click revoke (and "Revoke all"). Hashmint itself only asks for exact amounts and
// single NFTs, so anything left here is either in use (a live listing) or a leftover worth removing.
import { useState } from 'react';
import { useAccount } from 'wagmi';
import { RevokeRow } from '../components/safety/RevokeRow';
import { Badge, Card, EmptyState, ErrorNote, LoadingCards, IntroHeader, buttonClass } from '../components/ui';
import { PAGE_INTROS } from '../lib/pageHeaders';
import { useAllowances, useNftApprovals } from '../hooks/useApprovals';
import { useAppChain } from '../hooks/useAppChain';
import { useRevoke } from '../hooks/useRevoke';
import type { TxResult } from '../hooks/useTransactor';
import { contractName, isUnlimited } from '../lib/approvals';
import { formatToken, formatUsd, plural, shortAddress, toUsd } from '../lib/format';
import { href } from '../lib/router';

export default function ApprovalsPage() {
  const { address } = useAccount();
  const { deployment, wrongNetwork } = useAppChain();
  const allowances = useAllowances(address);
  const nfts = useNftApprovals(address);
  const revoke = useRevoke();
  const [revokingAll, setRevokingAll] = useState(false);

  const intro = (
    <IntroHeader page={PAGE_INTROS.approvals!} />
  );

  if (!address) {
    return (
      <div>
        {intro}
        <EmptyState title="Connect a wallet to see its approvals">
          Approvals belong to a wallet. Nothing here can change without your signature.
        </EmptyState>
      </div>
    );
  }
  if (allowances.isError || nfts.isError) return <div>{intro}<ErrorNote>Could not read your approvals from the chain. It retries on its own.</ErrorNote></div>;
  if (!allowances.data || !nfts.data) return <div>{intro}<LoadingCards count={2} label="Loading approvals" /></div>;

  const nameOf = (a: `0x${string}`) => contractName(deployment.contracts, a);
  const jobs: (() => Promise<TxResult>)[] = [
    ...allowances.data.map((a) => () => revoke.allowance(a.token.address, a.token.symbol, a.spender, a.spenderName)),
    ...nfts.data.tokens.map((t) => () => revoke.nft(t.id)),
    ...nfts.data.operators.map((o) => () => revoke.operator(o.operator, o.name)),
  ];
  const revokeAll = async () => {
    setRevokingAll(true);
    try {
      for (const job of jobs) {
        const r = await job();
        if (r.status !== 'confirmed') break;
      }
    } finally {
      setRevokingAll(false);
    }
  };
  const disabled = wrongNetwork || revokingAll;

  return (
    <div>
      {intro}
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-300" data-testid="approvals-count">
          {jobs.length === 0 ? 'No open approvals.' : `${plural(jobs.length, 'open approval')}.`}
        </p>
        {jobs.length > 1 && (
          <button type="button" className={buttonClass.secondary} disabled={disabled} onClick={revokeAll}>
            {revokingAll ? 'Revoking all…' : `Revoke all (${jobs.length})`}
          </button>
        )}
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card aria-labelledby="allowances-title">
          <h2 id="allowances-title" className="font-semibold text-white">Token allowances</h2>
          <p className="mb-2 text-sm text-slate-400">How much of each token a contract may still spend for you.</p>
          {allowances.data.length === 0 ? (
            <p className="py-3 text-sm text-slate-400">No contract may spend your tokens.</p>
          ) : (
            <ul>
              {allowances.data.map((a) => {
                const unlimited = isUnlimited(a.amount);
                return (
                  <RevokeRow
                    key={`${a.token.address}-${a.spender}`}
                    testId="allowance-row"
                    title={<>{a.token.symbol} · {a.spenderName}</>}
                    badge={unlimited ? <Badge tone="rose">Unlimited</Badge> : undefined}
                    detail={
                      unlimited ? (
                        <>Every {a.token.symbol} you hold · {shortAddress(a.spender)}</>
                      ) : (
                        <>
                          {formatToken(a.amount, a.token.decimals, a.token.symbol)} ({formatUsd(toUsd(a.amount, a.token.decimals, a.token.priceUsd))}) ·{' '}
                          {shortAddress(a.spender)}
                        </>
                      )
                    }
                    actionLabel={`Revoke ${a.token.symbol} allowance for ${a.spenderName}`}
                    disabled={disabled}
                    onRevoke={() => revoke.allowance(a.token.address, a.token.symbol, a.spender, a.spenderName)}
                  />
                );
              })}
            </ul>
          )}
        </Card>
        <Card aria-labelledby="nft-approvals-title">
          <h2 id="nft-approvals-title" className="font-semibold text-white">NFT approvals</h2>
          <p className="mb-2 text-sm text-slate-400">Hash-power NFTs a contract may move for you. A live listing needs its NFT approved to the Marketplace.</p>
          {nfts.data.tokens.length + nfts.data.operators.length === 0 ? (
            <p className="py-3 text-sm text-slate-400">No contract may move your NFTs.</p>
          ) : (
            <ul>
              {nfts.data.operators.map((o) => (
                <RevokeRow
                  key={o.operator}
                  testId="operator-row"
                  title={<>All your NFTs · {o.name}</>}
                  badge={<Badge tone="rose">Every NFT</Badge>}
                  detail={<>Approved for all, including NFTs you buy later · {shortAddress(o.operator)}</>}
                  actionLabel={`Revoke ${o.name}'s access to all your NFTs`}
                  disabled={disabled}
                  onRevoke={() => revoke.operator(o.operator, o.name)}
                />
              ))}
              {nfts.data.tokens.map((t) => {
                const name = nameOf(t.approved);
                return (
                  <RevokeRow
                    key={String(t.id)}
                    testId="nft-approval-row"
                    title={
                      <>
                        <a className="text-brand-400 underline-offset-2 hover:underline" href={href.nft(t.id)}>
                          NFT #{String(t.id)}
                        </a>{' '}
                        · {name ?? 'another address'}
                      </>
                    }
                    badge={name ? undefined : <Badge tone="amber">Not a Hashmint contract</Badge>}
                    detail={<>May be moved by {shortAddress(t.approved)}</>}
                    actionLabel={`Revoke approval of NFT #${t.id}`}
                    disabled={disabled}
                    onRevoke={() => revoke.nft(t.id)}
                  />
                );
              })}
            </ul>
          )}
        </Card>
      </div>
    </div>
  );
}

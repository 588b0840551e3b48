// Term deposits: every term with its asset, APR, capacity left and the largest deposit the reserve covers,
// the free reserve per asset, and the wallet's positions. Two round trips however many terms there are:
// the terms and positions, then maxDeposit per term and freeReserve per asset in one multicall.
import { useQuery } from '@tanstack/react-query';
import type { Address } from 'viem';
import { usePublicClient } from 'wagmi';
import { abis } from '../lib/contracts';
import { hmKey } from '../lib/queryKeys';
import { useAppChain } from './useAppChain';
import { useProtocol } from './useProtocol';

export interface DepositAsset {
  token: Address;
  symbol: string;
  decimals: number;
  priceUsd: number;
  /** the reward coin id, when the asset is a reward coin (for claim-into-deposit) */
  coin?: number;
  /** interest tokens no position has been promised yet */
  freeReserve: bigint;
}

export interface DepositTerm {
  id: number;
  asset: DepositAsset;
  durationDays: number;
  aprBps: number;
  capacity: bigint;
  deposited: bigint;
  capacityLeft: bigint;
  active: boolean;
  /** largest deposit accepted now (capacity and reserve), 0 when inactive */
  maxDeposit: bigint;
}

export interface DepositPosition {
  id: bigint;
  term: DepositTerm;
  principal: bigint;
  interest: bigint;
  start: bigint;
  maturity: bigint;
  closed: boolean;
}

export interface TermDepositsState {
  terms: DepositTerm[];
  /** assets in term order (USDT, BTC, ETC, FIL), each with its terms */
  assets: { asset: DepositAsset; terms: DepositTerm[] }[];
  /** the owner's positions, newest first (empty without an owner) */
  positions: DepositPosition[];
}

export function useTermDeposits(owner: Address | undefined) {
  const { chainId, deployment } = useAppChain();
  const client = usePublicClient({ chainId });
  const protocol = useProtocol();
  const p = protocol.data;
  return useQuery({
    queryKey: hmKey(chainId, 'deposits', owner),
    enabled: Boolean(client && p),
    queryFn: async (): Promise<TermDepositsState> => {
      const td = { address: deployment.contracts.TermDeposits, abi: abis.termDepositsAbi } as const;
      const [rawTerms, [ids, rawPositions]] = await client!.multicall({
        allowFailure: false,
        contracts: [
          { ...td, functionName: 'terms' },
          // Without a wallet this reads the zero address, which holds no positions.
          { ...td, functionName: 'positionsOf', args: [owner ?? '0x0000000000000000000000000000000000000000'] },
        ],
      });
      const tokens = [...new Set(rawTerms.map((t) => t.asset.toLowerCase() as Address))];
      const limits = await client!.multicall({
        allowFailure: false,
        contracts: [
          ...rawTerms.map((_, i) => ({ ...td, functionName: 'maxDeposit', args: [BigInt(i)] }) as const),
          ...tokens.map((token) => ({ ...td, functionName: 'freeReserve', args: [token] }) as const),
        ],
      });
      const assetOf = new Map<string, DepositAsset>(
        tokens.map((token, i) => {
          const free = limits[rawTerms.length + i];
          const coin = p!.coins.find((c) => c.token.toLowerCase() === token);
          const meta = coin
            ? { token: coin.token, symbol: coin.symbol, decimals: coin.decimals, priceUsd: coin.priceUsd, coin: coin.id }
            : token === p!.usdt.address.toLowerCase()
              ? { token: p!.usdt.address, symbol: p!.usdt.symbol, decimals: p!.usdt.decimals, priceUsd: 1 }
              : { token, symbol: '?', decimals: 18, priceUsd: 0 };
          return [token, { ...meta, freeReserve: free }];
        }),
      );
      const terms: DepositTerm[] = rawTerms.map((t, i) => ({
        id: i,
        asset: assetOf.get(t.asset.toLowerCase())!,
        durationDays: t.durationDays,
        aprBps: t.aprBps,
        capacity: t.capacity,
        deposited: t.deposited,
        capacityLeft: t.capacity > t.deposited ? t.capacity - t.deposited : 0n,
        active: t.active,
        maxDeposit: limits[i],
      }));
      const assets = tokens.map((token) => ({ asset: assetOf.get(token)!, terms: terms.filter((t) => t.asset.token.toLowerCase() === token) }));
      const positions = rawPositions
        .map((pos, i) => ({
          id: ids[i],
          term: terms[pos.termId],
          principal: pos.principal,
          interest: pos.interest,
          start: pos.start,
          maturity: pos.maturity,
          closed: pos.closed,
        }))
        .reverse();
      return { terms, assets, positions };
    },
  });
}

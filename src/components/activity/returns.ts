// Cost, rewards to date and profit per NFT, from the indexer's /portfolio answer: what the holder paid
// for each NFT it holds (primary sale, marketplace price or pool share), and the rewards each NFT paid
// it, valued in USD when they were claimed. Current value (a resale) is not counted: this is the return
// to date in money actually received.
import type { Address } from 'viem';
import { indexerGet } from '../../lib/indexer';

export interface NftReturn {
  tokenId: bigint;
  /** USDT paid, 6 decimals */
  cost: bigint;
  /** USD when claimed, 6 decimals */
  rewardsUsd: bigint;
  profit: bigint;
  /** profit / cost, undefined for a gift (cost 0) */
  roi?: number;
}

interface PortfolioAnswer {
  held: { id: string; cost: string }[];
  rewards: { tokenId: string | null; usd: string | null }[];
}

export function returnsOf(answer: PortfolioAnswer): { rows: NftReturn[]; total: NftReturn } {
  const byToken = new Map<string, bigint>();
  for (const r of answer.rewards) {
    if (r.tokenId === null) continue;
    byToken.set(r.tokenId, (byToken.get(r.tokenId) ?? 0n) + BigInt(r.usd ?? '0'));
  }
  const row = (tokenId: bigint, cost: bigint, rewardsUsd: bigint): NftReturn => ({
    tokenId,
    cost,
    rewardsUsd,
    profit: rewardsUsd - cost,
    roi: cost > 0n ? Number(rewardsUsd - cost) / Number(cost) : undefined,
  });
  const rows = answer.held.map((n) => row(BigInt(n.id), BigInt(n.cost), byToken.get(n.id) ?? 0n)).sort((a, b) => Number(a.tokenId - b.tokenId));
  // The total counts rewards of NFTs since sold too.
  const allRewards = [...byToken.values()].reduce((s, v) => s + v, 0n);
  const total = row(-1n, rows.reduce((s, r) => s + r.cost, 0n), allRewards);
  return { rows, total };
}

export const fetchReturns = async (account: Address) => returnsOf(await indexerGet<PortfolioAnswer>('/portfolio', { account }));

// Query keys for Hashmint's reads: ['hm', chainId, topic, ...]. A transaction names the topics it
// changes and the transactor invalidates exactly those, instead of refetching everything.
import type { QueryClient } from '@tanstack/react-query';

export type Topic = 'block' | 'protocol' | 'products' | 'balances' | 'portfolio' | 'nft' | 'market' | 'loans' | 'vault' | 'deposits' | 'pools' | 'governance';

export const hmKey = (chainId: number, topic: Topic, ...rest: unknown[]) => ['hm', chainId, topic, ...rest] as const;

/** `keep`: queries of these topics that are already up to date (the chain watcher updates the market itself). */
export function invalidateTopics(qc: QueryClient, chainId: number, topics: readonly Topic[], keep?: (queryKey: readonly unknown[]) => boolean) {
  return qc.invalidateQueries({
    predicate: (q) => q.queryKey[0] === 'hm' && q.queryKey[1] === chainId && topics.includes(q.queryKey[2] as Topic) && !keep?.(q.queryKey),
  });
}

// Query keys for Hashmint's reads: ['hm', chainId, topic, ...]. A transaction names the topics it
// changes and the transactor invalidates exactly those, instead of refetching everything.
import type { QueryClient } from '@tanstack/react-query';

export type Topic = 'block' | 'protocol' | 'products' | 'balances' | 'portfolio' | 'nft' | 'market' | 'loans' | 'vault' | 'deposits' | 'pools';

export const hmKey = (chainId: number, topic: Topic, ...rest: unknown[]) => ['hm', chainId, topic, ...rest] as const;

export function invalidateTopics(qc: QueryClient, chainId: number, topics: readonly Topic[]) {
  return qc.invalidateQueries({
    predicate: (q) => q.queryKey[0] === 'hm' && q.queryKey[1] === chainId && topics.includes(q.queryKey[2] as Topic),
  });
}

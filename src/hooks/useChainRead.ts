// The one set-up every chain read shares: the app chain's public client, its deployment and contracts,
// the query key (['hm', chainId, topic, ...key]) and `enabled`. The read runs only once the client exists,
// so `queryFn` receives a client that is there (no `client!`), and `contract('LoanPool')` gives the
// address on this chain with its ABI, typed per name.
import { useQuery, type UseQueryOptions } from '@tanstack/react-query';
import type { ChainClient } from '../lib/chainClient';
import { useChainClient } from './useChainClient';
import { contractOf, type ContractName, type ContractRef, type Deployment } from '../lib/contracts';
import { hmKey, type Topic } from '../lib/queryKeys';
import { useAppChain } from './useAppChain';


export interface ChainContext {
  client: ChainClient;
  chainId: number;
  deployment: Deployment;
  contract: <N extends ContractName>(name: N) => ContractRef<N>;
  /** This read's query key (to look at what it returned before). */
  queryKey: readonly unknown[];
}

/** This chain's contracts: `contract('Marketplace')` is `{ address, abi }` for writes and other non-query reads. */
export function useContracts() {
  const { chainId, deployment } = useAppChain();
  return { chainId, deployment, contract: <N extends ContractName>(name: N) => contractOf(deployment, name) };
}

export interface ChainReadOptions<T> extends Omit<UseQueryOptions<T, Error, T, readonly unknown[]>, 'queryKey' | 'queryFn' | 'enabled'> {
  topic: Topic;
  /** What identifies this read within its topic (owner, ids, amounts…). */
  key?: readonly unknown[];
  /** Extra conditions; the read also waits for the chain's client. */
  enabled?: boolean;
  queryFn: (ctx: ChainContext) => Promise<T>;
}

export function useChainRead<T>({ topic, key = [], enabled = true, queryFn, ...options }: ChainReadOptions<T>) {
  const { chainId, deployment, contract } = useContracts();
  const client = useChainClient(chainId);
  const queryKey = hmKey(chainId, topic, ...key);
  return useQuery({
    ...options,
    queryKey,
    enabled: client !== undefined && enabled,
    queryFn: () => {
      if (!client) throw new Error('The network is not available.');
      return queryFn({ client, chainId, deployment, contract, queryKey });
    },
  });
}

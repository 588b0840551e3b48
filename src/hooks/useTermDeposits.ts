// Term deposits: every term with its asset, APR, capacity left and the largest deposit the reserve covers,
// the free reserve per asset, and the wallet's positions. Two round trips however many terms there are:
// the terms and positions, then maxDeposit per term and freeReserve per asset in one multicall. The reads
// do not wait for the protocol read (they go out with the page's first batch); the assets' symbols,
// decimals and prices are joined from it afterwards (buildTermDeposits in src/lib/deposits.ts).
import { useMemo } from 'react';
import { zeroAddress, type Address } from 'viem';
import { buildTermDeposits, termTokens, type TermDepositsRead, type TermDepositsState } from '../lib/deposits';
import { useChainRead } from './useChainRead';
import { useProtocol } from './useProtocol';

export type { DepositAsset, DepositPosition, DepositTerm, TermDepositsState } from '../lib/deposits';

export function useTermDeposits(owner: Address | undefined): { readonly data: TermDepositsState | undefined; readonly isError: boolean } {
  const protocol = useProtocol();
  const read = useChainRead({
    topic: 'deposits',
    key: [owner],
    queryFn: async ({ client, contract }): Promise<TermDepositsRead> => {
      const td = contract('TermDeposits');
      const [terms, [positionIds, positions]] = await client.multicall({
        allowFailure: false,
        contracts: [
          { ...td, functionName: 'terms' },
          // Without a wallet this reads the zero address, which holds no positions.
          { ...td, functionName: 'positionsOf', args: [owner ?? zeroAddress] },
        ],
      });
      const tokens = termTokens(terms);
      const limits = await client.multicall({
        allowFailure: false,
        contracts: [
          ...terms.map((_, i) => ({ ...td, functionName: 'maxDeposit', args: [BigInt(i)] }) as const),
          ...tokens.map((token) => ({ ...td, functionName: 'freeReserve', args: [token] }) as const),
        ],
      });
      return { terms, positionIds, positions, tokens, maxDeposit: limits.slice(0, terms.length), freeReserve: limits.slice(terms.length) };
    },
  });
  const p = protocol.data;
  const data = useMemo(() => (read.data && p ? buildTermDeposits(read.data, p) : undefined), [read.data, p]);
  return { data, isError: read.isError || protocol.isError };
}

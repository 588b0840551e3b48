// Every allowance and NFT approval a wallet has given to Hashmint's contracts. Token allowances: one
// multicall (each token x each spender). NFT approvals: two round trips however many NFTs (owned ids,
// then getApproved for each id plus isApprovedForAll for each contract).
import { zeroAddress, type Address } from 'viem';
import { SPENDER_NAMES, type SpenderName } from '../lib/approvals';
import { abiOf } from '../lib/contracts';
import { useAppChain } from './useAppChain';
import { useChainRead } from './useChainRead';
import { useProtocol } from './useProtocol';

export interface TokenInfo {
  address: Address;
  symbol: string;
  decimals: number;
  priceUsd: number;
}

export interface Allowance {
  token: TokenInfo;
  spender: Address;
  spenderName: SpenderName;
  amount: bigint;
}

export interface NftApprovals {
  /** Per-token approvals: the owner's NFT `id` may be moved by `approved`. */
  tokens: { id: bigint; approved: Address }[];
  /** Contracts approved as operator for every NFT of the owner. */
  operators: { operator: Address; name: SpenderName }[];
}

export function useSpenders(): { name: SpenderName; address: Address }[] {
  const { deployment } = useAppChain();
  return SPENDER_NAMES.map((name) => ({ name, address: deployment.contracts[name] }));
}

export function useAllowances(owner: Address | undefined) {
  const protocol = useProtocol();
  const spenders = useSpenders();
  const tokens: TokenInfo[] | undefined = protocol.data && [
    { address: protocol.data.usdt.address, symbol: protocol.data.usdt.symbol, decimals: protocol.data.usdt.decimals, priceUsd: 1 },
    ...protocol.data.coins.map((c) => ({ address: c.token, symbol: c.symbol, decimals: c.decimals, priceUsd: c.priceUsd })),
  ];
  return useChainRead({
    topic: 'balances',
    key: ['allowances', owner, tokens?.map((t) => t.address)],
    enabled: Boolean(owner && tokens),
    queryFn: async ({ client }): Promise<Allowance[]> => {
      if (!owner || !tokens) return [];
      const pairs = tokens.flatMap((token) => spenders.map((s) => ({ token, spender: s.address, spenderName: s.name })));
      const amounts = await client.multicall({
        allowFailure: false,
        contracts: pairs.map((p) => ({
          address: p.token.address,
          abi: abiOf('USDT'),
          functionName: 'allowance',
          args: [owner, p.spender],
        }) as const),
      });
      return pairs.map((p, i) => ({ ...p, amount: amounts[i] })).filter((a) => a.amount > 0n);
    },
  });
}

export function useNftApprovals(owner: Address | undefined) {
  const spenders = useSpenders();
  return useChainRead({
    topic: 'nft',
    key: ['approvals', owner],
    enabled: owner !== undefined,
    queryFn: async ({ client, contract }): Promise<NftApprovals> => {
      if (!owner) return { tokens: [], operators: [] };
      const nft = contract('HashNFT');
      const ids = await client.readContract({ ...nft, functionName: 'tokensOfOwner', args: [owner] });
      const results = await client.multicall({
        allowFailure: false,
        contracts: [
          ...ids.map((id) => ({ ...nft, functionName: 'getApproved', args: [id] }) as const),
          ...spenders.map((s) => ({ ...nft, functionName: 'isApprovedForAll', args: [owner, s.address] }) as const),
        ],
      });
      const approvedOf = results.slice(0, ids.length) as Address[];
      const forAll = results.slice(ids.length) as boolean[];
      return {
        tokens: ids.map((id, i) => ({ id, approved: approvedOf[i] })).filter((t) => t.approved !== zeroAddress),
        operators: spenders.filter((_, i) => forAll[i]).map((s) => ({ operator: s.address, name: s.name })),
      };
    },
  });
}

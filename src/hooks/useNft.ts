// One NFT: owner, position, on-chain metadata, reward balances and its history of transfers and claims.
import { useQuery } from '@tanstack/react-query';
import { parseAbiItem } from 'viem';
import { usePublicClient } from 'wagmi';
import { abis } from '../lib/contracts';
import { blockRanges, readRanges } from '../lib/marketLogs';
import { hmKey } from '../lib/queryKeys';
import { useAppChain } from './useAppChain';
import { LOG_BLOCK_RANGE, RANGES_PER_BATCH } from './useMarket';

const TRANSFER = parseAbiItem('event Transfer(address indexed from, address indexed to, uint256 indexed tokenId)');
const CLAIMED = parseAbiItem('event Claimed(uint256 indexed tokenId, address indexed owner, uint8 indexed coin, uint256 amount)');

export function useNft(id: bigint) {
  const { chainId, deployment } = useAppChain();
  const client = usePublicClient({ chainId });
  return useQuery({
    queryKey: hmKey(chainId, 'nft', String(id)),
    enabled: Boolean(client),
    queryFn: async () => {
      const nft = { address: deployment.contracts.HashNFT, abi: abis.hashNftAbi } as const;
      const [results, head] = await Promise.all([client!.multicall({
        contracts: [
          { ...nft, functionName: 'ownerOf', args: [id] },
          { ...nft, functionName: 'positionOf', args: [id] },
          { ...nft, functionName: 'tokenURI', args: [id] },
          { address: deployment.contracts.Rewards, abi: abis.rewardsAbi, functionName: 'balancesOf', args: [[id]] },
        ],
      }), client!.getBlockNumber({ cacheTime: 0 })]);
      if (results[0].status === 'failure') return null; // no such token
      const [owner, position, uri, balances] = results.map((r) => r.result) as [
        `0x${string}`,
        readonly [number, number, bigint, bigint, bigint],
        string | undefined,
        readonly [readonly bigint[], readonly bigint[]],
      ];
      // History in the block ranges public RPCs accept, like the marketplace's log read.
      const ranges = blockRanges(BigInt(deployment.startBlock), head, LOG_BLOCK_RANGE);
      const history = async <T,>(read: (fromBlock: bigint, toBlock: bigint) => Promise<T[]>) => {
        const out: T[] = [];
        await readRanges(ranges, read, RANGES_PER_BATCH, (piece) => void out.push(...piece));
        return out;
      };
      const [transfers, claims] = await Promise.all([
        history((fromBlock, toBlock) => client!.getLogs({ address: deployment.contracts.HashNFT, event: TRANSFER, args: { tokenId: id }, fromBlock, toBlock })),
        history((fromBlock, toBlock) => client!.getLogs({ address: deployment.contracts.Rewards, event: CLAIMED, args: { tokenId: id }, fromBlock, toBlock })),
      ]);
      return {
        owner,
        productId: position[0],
        coin: position[1],
        hashrate: position[2],
        start: position[3],
        end: position[4],
        tokenUri: uri,
        unclaimed: balances[0][0],
        claimed: balances[1][0],
        transfers: transfers.map((l) => ({ from: l.args.from!, to: l.args.to!, block: l.blockNumber, hash: l.transactionHash })),
        claims: claims.map((l) => ({ owner: l.args.owner!, amount: l.args.amount!, block: l.blockNumber, hash: l.transactionHash })),
      };
    },
  });
}

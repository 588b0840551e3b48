// One NFT: owner, position, on-chain metadata, reward balances and its history of transfers and claims.
import { blockRanges, readRanges } from '../lib/marketLogs';
import { useChainRead } from './useChainRead';
import { LOG_BLOCK_RANGE, RANGES_PER_BATCH } from './useMarket';

export function useNft(id: bigint) {
  return useChainRead({
    topic: 'nft',
    key: [String(id)],
    queryFn: async ({ client, contract, deployment }) => {
      const nft = contract('HashNFT');
      const rewards = contract('Rewards');
      const [results, head] = await Promise.all([client.multicall({
        contracts: [
          { ...nft, functionName: 'ownerOf', args: [id] },
          { ...nft, functionName: 'positionOf', args: [id] },
          { ...nft, functionName: 'tokenURI', args: [id] },
          { ...rewards, functionName: 'balancesOf', args: [[id]] },
        ],
      }), client.getBlockNumber({ cacheTime: 0 })]);
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
        history((fromBlock, toBlock) => client.getContractEvents({ ...nft, eventName: 'Transfer', args: { tokenId: id }, fromBlock, toBlock })),
        history((fromBlock, toBlock) => client.getContractEvents({ ...rewards, eventName: 'Claimed', args: { tokenId: id }, fromBlock, toBlock })),
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

// The DAO as the Governance page, the notices and the calendar show it: the governor's settings and clock,
// the token, the bounds and current values of every parameter a proposal can change, and every proposal
// (from the governor's ProposalCreated logs, read in the block ranges public RPCs accept, like the market's)
// with its state, votes, quorum, ETA and its actions in words. Three round trips at most: settings, current
// values and the head block in one multicall; the logs beside the per-coin loan parameters (one batch);
// then, if there are proposals, their figures in one multicall.
import type { Abi, Address, Hex } from 'viem';
import { keccak256, toBytes } from 'viem';
import { proposalStateName, clockModeOf, type Clock, type ProposalStateName, type Tally } from '../lib/governance';
import {
  describeActions,
  proposalTitle,
  type Bounds,
  type CoinParamsValue,
  type CurrentValues,
  type DecodedAction,
  type KnownContract,
  type ProposalAction,
} from '../lib/governanceActions';
import { abiOf, contractOf, type ContractName, type Deployment } from '../lib/contracts';
import { blockRanges, readRanges } from '../lib/marketLogs';
import { useChainRead } from './useChainRead';
import { blockTimestampCall } from './useChainTime';
import { LOG_BLOCK_RANGE, RANGES_PER_BATCH } from './useMarket';

export interface ProposalView {
  id: bigint;
  proposer: Address;
  description: string;
  descriptionHash: Hex;
  title: string;
  actions: ProposalAction[];
  decoded: DecodedAction[];
  state: ProposalStateName;
  snapshot: bigint;
  deadline: bigint;
  /** Timestamp from which a queued proposal can execute; 0 until queued. */
  eta: bigint;
  tally: Tally;
  quorum: bigint;
  block: bigint;
}

export interface PendingThreshold {
  coin: number;
  symbol: string;
  bps: number;
  currentBps: number;
  effectiveAt: number;
}

export interface GovernanceState {
  clock: Clock;
  /** Block timestamp of this read. */
  readAt: number;
  threshold: bigint;
  votingDelay: bigint;
  votingPeriod: bigint;
  timelockDelay: bigint;
  quorumNow: bigint;
  token: { address: Address; symbol: string; decimals: number; totalSupply: bigint };
  bounds: Bounds;
  values: CurrentValues & { coinParams: CoinParamsValue[]; feeBps: number };
  pendingThresholds: PendingThreshold[];
  /** Newest first. */
  proposals: ProposalView[];
  governor: Address;
}

/** The protocol contracts a proposal may call, by name, for the decoder. */
const DECODED: readonly ContractName[] = ['LoanPool', 'LoanAuctions', 'Marketplace', 'Rewards', 'TermDeposits', 'LiquidityVault', 'ProductSale', 'HashNFT', 'MiningPools', 'PauseGuard', 'OracleAdapter', 'HASH', 'Governor', 'Timelock'];

export function knownContracts(deployment: Deployment): KnownContract[] {
  return DECODED.filter((n) => deployment.contracts[n] !== undefined).map((n) => ({ name: n, address: deployment.contracts[n], abi: contractOf(deployment, n).abi as Abi }));
}

export function useGovernance() {
  return useChainRead({
    topic: 'governance',
    staleTime: 10_000,
    queryFn: async ({ client, contract, deployment }): Promise<GovernanceState> => {
      const governor = contract('Governor');
      const token = contract('HASH');
      const timelock = contract('Timelock');
      const pool = contract('LoanPool');
      const market = contract('Marketplace');
      const rewards = contract('Rewards');
      const usdt = contract('USDT');
      const auctions = contract('LoanAuctions');
      // Round 1 (one batch): settings, bounds, current values and the block's time in one multicall, beside the head block.
      const [[clockNow, clockMode, threshold, votingDelay, votingPeriod, symbol, decimals, totalSupply, minDelay, coins, maxLtv, maxThreshold, maxHaircut, notice, rate, feeBps, maxFee, guardian, terms, usdtDecimals, maxBase, maxSlope1, maxSlope2, minKink, maxKink, maxAprBps, maxDurationDays, minMaxAge, maxMaxAge, minJump, maxJump, minGrace, maxGrace, minDueHealth, writeOffDelay, auctionParams, reserve, minHealthBound, maxHealthBound, minDelayBound, maxDelayBound, minAuction, maxAuction, maxExtension, minStep, maxStep, maxPenalty, quorumPercent, readAt], head] = await Promise.all([
        client.multicall({
          allowFailure: false,
          contracts: [
            { ...governor, functionName: 'clock' },
            { ...governor, functionName: 'CLOCK_MODE' },
            { ...governor, functionName: 'proposalThreshold' },
            { ...governor, functionName: 'votingDelay' },
            { ...governor, functionName: 'votingPeriod' },
            { ...token, functionName: 'symbol' },
            { ...token, functionName: 'decimals' },
            { ...token, functionName: 'totalSupply' },
            { ...timelock, functionName: 'getMinDelay' },
            { ...rewards, functionName: 'coins' },
            { ...pool, functionName: 'MAX_LTV_BOUND' },
            { ...pool, functionName: 'MAX_THRESHOLD_BOUND' },
            { ...pool, functionName: 'MAX_HAIRCUT_BOUND' },
            { ...pool, functionName: 'THRESHOLD_NOTICE' },
            { ...pool, functionName: 'rateModel' },
            { ...market, functionName: 'feeBps' },
            { ...market, functionName: 'MAX_FEE_BPS' },
            { ...contract('PauseGuard'), functionName: 'guardian' },
            { ...contract('TermDeposits'), functionName: 'terms' },
            { ...usdt, functionName: 'decimals' },
            { ...pool, functionName: 'MAX_BASE_RATE' },
            { ...pool, functionName: 'MAX_SLOPE1' },
            { ...pool, functionName: 'MAX_SLOPE2' },
            { ...pool, functionName: 'MIN_KINK' },
            { ...pool, functionName: 'MAX_KINK' },
            { ...contract('TermDeposits'), functionName: 'MAX_APR_BPS' },
            { ...contract('TermDeposits'), functionName: 'MAX_DURATION_DAYS' },
            { ...contract('OracleAdapter'), functionName: 'MIN_MAX_AGE' },
            { ...contract('OracleAdapter'), functionName: 'MAX_MAX_AGE' },
            { ...contract('OracleAdapter'), functionName: 'MIN_JUMP_BPS' },
            { ...contract('OracleAdapter'), functionName: 'MAX_JUMP_BPS' },
            { ...pool, functionName: 'MIN_GRACE_DAYS' },
            { ...pool, functionName: 'MAX_GRACE_DAYS' },
            { ...pool, functionName: 'minDueHealthBps' },
            { ...pool, functionName: 'writeOffDelay' },
            { ...auctions, functionName: 'params' },
            { ...pool, functionName: 'conversionReserve' },
            { ...pool, functionName: 'MIN_DUE_HEALTH_BOUND' },
            { ...pool, functionName: 'MAX_DUE_HEALTH_BOUND' },
            { ...pool, functionName: 'MIN_WRITE_OFF_DELAY' },
            { ...pool, functionName: 'MAX_WRITE_OFF_DELAY' },
            { ...auctions, functionName: 'MIN_DURATION' },
            { ...auctions, functionName: 'MAX_DURATION' },
            { ...auctions, functionName: 'MAX_EXTENSION' },
            { ...auctions, functionName: 'MIN_STEP_BPS' },
            { ...auctions, functionName: 'MAX_STEP_BPS' },
            { ...auctions, functionName: 'MAX_PENALTY_BPS' },
            { ...governor, functionName: 'quorumNumerator' },
            blockTimestampCall(deployment),
          ],
        }),
        client.getBlockNumber({ cacheTime: 0 }),
      ]);
      // Round 2 (one batch): the proposals' logs, the loan parameters per coin and today's quorum.
      const readLogs = (fromBlock: bigint, toBlock: bigint) => client.getContractEvents({ ...governor, eventName: 'ProposalCreated', fromBlock, toBlock });
      const logsRead = (async () => {
        const out: Awaited<ReturnType<typeof readLogs>> = [];
        await readRanges(blockRanges(BigInt(deployment.startBlock), head, LOG_BLOCK_RANGE), readLogs, RANGES_PER_BATCH, (piece) => void out.push(...piece));
        return out;
      })();
      const coinIds = coins.map((_, i) => i);
      const [perCoin, quorumNow, logs] = await Promise.all([
        client.multicall({
          allowFailure: false,
          contracts: coinIds.flatMap((i) => [
            { ...pool, functionName: 'coinParams', args: [i] } as const,
            { ...pool, functionName: 'pendingLiquidationThreshold', args: [i] } as const,
            { address: coins[i].token, abi: abiOf('USDT'), functionName: 'decimals' } as const,
          ]),
        }),
        client.readContract({ ...governor, functionName: 'quorum', args: [BigInt(clockNow) - 1n] }),
        logsRead,
      ]);
      const coinParams = coinIds.map((i) => perCoin[3 * i] as CoinParamsValue);
      const pendingThresholds: PendingThreshold[] = coinIds.flatMap((i) => {
        const [bps, effectiveAt] = perCoin[3 * i + 1] as readonly [number, bigint];
        return effectiveAt > 0n && bps > 0 ? [{ coin: i, symbol: coins[i].symbol, bps, currentBps: coinParams[i].liquidationThresholdBps, effectiveAt: Number(effectiveAt) }] : [];
      });
      const values = {
        coins: coins.map((c) => ({ symbol: c.symbol })),
        coinParams,
        feeBps: Number(feeBps),
        rateModel: { baseRate: rate[0], slope1: rate[1], slope2: rate[2], kink: rate[3] },
        thresholdNotice: Number(notice),
        token: { decimals, symbol },
        guardian,
        terms: terms.map((t) => ({ asset: t.asset, durationDays: Number(t.durationDays), aprBps: Number(t.aprBps), active: t.active, capacity: t.capacity })),
        loanRules: { minDueHealthBps: Number(minDueHealth), writeOffDelay: Number(writeOffDelay) },
        auctionParams: { duration: Number(auctionParams[0]), extension: Number(auctionParams[1]), minStepBps: Number(auctionParams[2]), penaltyBps: Number(auctionParams[3]) },
        conversionReserve: reserve,
        usdtDecimals: Number(usdtDecimals),
        governorSettings: { votingDelay, votingPeriod, proposalThreshold: threshold, quorumPercent },
        assets: Object.fromEntries([
          [usdt.address.toLowerCase(), { symbol: 'USDT', decimals: Number(usdtDecimals) }],
          ...coins.map((c, i) => [c.token.toLowerCase(), { symbol: c.symbol, decimals: Number(perCoin[3 * i + 2]) }] as const),
        ]),
      };
      const contracts = knownContracts(deployment);

      const created = logs.map((l) => l.args).filter((a) => a.proposalId !== undefined);
      const figures = created.length
        ? await client.multicall({
            contracts: created.flatMap((a) => [
              { ...governor, functionName: 'state', args: [a.proposalId!] } as const,
              { ...governor, functionName: 'proposalVotes', args: [a.proposalId!] } as const,
              { ...governor, functionName: 'proposalEta', args: [a.proposalId!] } as const,
              { ...governor, functionName: 'quorum', args: [a.voteStart!] } as const,
            ]),
          })
        : [];
      const proposals: ProposalView[] = created.map((a, i) => {
        const [state, votes, eta, quorum] = figures.slice(4 * i, 4 * i + 4);
        const actions = a.targets!.map((target, k) => ({ target, value: a.values![k], calldata: a.calldatas![k] }));
        const v = votes.status === 'success' ? (votes.result as readonly [bigint, bigint, bigint]) : ([0n, 0n, 0n] as const);
        return {
          id: a.proposalId!,
          proposer: a.proposer!,
          description: a.description!,
          descriptionHash: keccak256(toBytes(a.description!)),
          title: proposalTitle(a.description!),
          actions,
          decoded: describeActions(actions, contracts, values),
          state: proposalStateName(Number(state.status === 'success' ? state.result : 0)),
          snapshot: a.voteStart!,
          deadline: a.voteEnd!,
          eta: eta.status === 'success' ? (eta.result as bigint) : 0n,
          tally: { against: v[0], for: v[1], abstain: v[2] },
          // The quorum at a snapshot still in the future cannot be read yet: today's stands in for it.
          quorum: quorum.status === 'success' ? (quorum.result as bigint) : quorumNow,
          block: logs[i].blockNumber,
        };
      });
      proposals.reverse();

      return {
        clock: { mode: clockModeOf(clockMode), now: BigInt(clockNow) },
        readAt: Number(readAt),
        threshold,
        votingDelay,
        votingPeriod,
        timelockDelay: minDelay,
        quorumNow,
        token: { address: token.address, symbol, decimals, totalSupply },
        bounds: { maxLtvBps: Number(maxLtv), maxThresholdBps: Number(maxThreshold), maxHaircutBps: Number(maxHaircut), maxFeeBps: Number(maxFee),
          rate: { maxBaseRate: BigInt(maxBase), maxSlope1: BigInt(maxSlope1), maxSlope2: BigInt(maxSlope2), minKink: BigInt(minKink), maxKink: BigInt(maxKink) },
          term: { maxAprBps: Number(maxAprBps), maxDurationDays: Number(maxDurationDays) },
          feed: { minMaxAge: Number(minMaxAge), maxMaxAge: Number(maxMaxAge), minJumpBps: Number(minJump), maxJumpBps: Number(maxJump) },
          grace: { min: Number(minGrace), max: Number(maxGrace) },
          loanRules: { minHealthBps: Number(minHealthBound), maxHealthBps: Number(maxHealthBound), minDelay: Number(minDelayBound), maxDelay: Number(maxDelayBound) },
          auction: { minDuration: Number(minAuction), maxDuration: Number(maxAuction), maxExtension: Number(maxExtension), minStepBps: Number(minStep), maxStepBps: Number(maxStep), maxPenaltyBps: Number(maxPenalty) },
        },
        values,
        pendingThresholds,
        proposals,
        governor: governor.address,
      };
    },
  });
}

/** One account's standing in the DAO: HASH balance, delegate, votes now, and per proposal whether it voted and with what weight. */
export function useVoter(account: Address | undefined, proposals: readonly ProposalView[] | undefined, clockNow: bigint | undefined) {
  const ids = proposals?.map((p) => p.id) ?? [];
  return useChainRead({
    topic: 'governance',
    key: ['voter', account, ids.map(String), String(clockNow)],
    enabled: account !== undefined && proposals !== undefined && clockNow !== undefined,
    queryFn: async ({ client, contract }) => {
      const governor = contract('Governor');
      const token = contract('HASH');
      const who = account!;
      const [[balance, delegate, votes], rest] = await Promise.all([
        client.multicall({
          allowFailure: false,
          contracts: [
            { ...token, functionName: 'balanceOf', args: [who] },
            { ...token, functionName: 'delegates', args: [who] },
            { ...token, functionName: 'getVotes', args: [who] },
          ],
        }),
        client.multicall({
          allowFailure: false,
          contracts: proposals!.flatMap((p) => [
            { ...governor, functionName: 'hasVoted', args: [p.id, who] } as const,
            // Votes counted at the snapshot; before the snapshot has passed, today's votes stand in.
            { ...governor, functionName: 'getVotes', args: [who, p.snapshot < clockNow! ? p.snapshot : clockNow! - 1n] } as const,
          ]),
        }),
      ]);
      const perProposal = new Map<string, { hasVoted: boolean; weight: bigint }>();
      proposals!.forEach((p, i) => perProposal.set(String(p.id), { hasVoted: rest[2 * i] as boolean, weight: rest[2 * i + 1] as bigint }));
      // The governor counts a proposer's votes one tick before the proposing block (clock() - 1): a proposal
      // goes into a later block than this read, so today's votes are what it will count.
      return { balance, delegate, votes, proposeVotes: votes, perProposal };
    },
  });
}

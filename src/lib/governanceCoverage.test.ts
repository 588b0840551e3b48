// Every function the timelock (as owner, or as the Governor's executor, or as its own admin) can call on a
// protocol contract is said in words by the decoder: the test walks the generated ABIs, so a new owner-only
// function without a describer fails here instead of showing up in a proposal as an unknown call. Each
// contract's other state-changing functions are listed by hand as a user action (anyone may call) or a role
// held by someone other than the owner; forge's GovernanceCoverageTest checks on chain which functions are
// gated on their caller, and the governance invariant calls each of those.
import { encodeFunctionData, type AbiFunction, type AbiParameter, type Address } from 'viem';
import { describe, expect, it } from 'vitest';
import { contractAbis } from '../abi/contracts';
import { describeAction, hasDescriber, type KnownContract } from './governanceActions';

/** Contracts whose admin is the timelock, by their name in the contract map. */
const OWNED = ['LoanPool', 'LoanAuctions', 'LiquidityVault', 'Marketplace', 'Rewards', 'ProductSale', 'TermDeposits', 'HashNFT', 'PauseGuard', 'OracleAdapter', 'Governor', 'Timelock'] as const;

/** Anyone may call these (they act on the caller's own loans, listings, deposits, votes, or are permissionless upkeep). */
const USER_ACTIONS: Record<(typeof OWNED)[number], readonly string[]> = {
  LoanPool: ['accrueInterest', 'addCollateral', 'borrow', 'borrowMore', 'claimRewards', 'extend', 'fundReserve', 'impair', 'refinance', 'repay', 'setSelfRepay', 'withdrawCollateral', 'writeOff'],
  LoanAuctions: ['bid', 'redeem', 'settle', 'startAuction'],
  LiquidityVault: ['approve', 'deposit', 'mint', 'redeem', 'transfer', 'transferFrom', 'withdraw'],
  Marketplace: ['acceptOffer', 'buy', 'buyWithPermit', 'cancel', 'cancelAll', 'cancelAllOffers', 'cancelOffer', 'list', 'listMany', 'makeProductOffer', 'makeTokenOffer', 'sweep', 'updatePrice'],
  Rewards: ['claim', 'claimInto', 'claimLien'],
  ProductSale: ['buy', 'buyWithPermit'],
  TermDeposits: ['deposit', 'depositWithPermit', 'fundReserve', 'withdraw', 'withdrawEarly'],
  HashNFT: ['approve', 'safeTransferFrom', 'setApprovalForAll', 'transferFrom'],
  PauseGuard: [],
  OracleAdapter: [],
  Governor: ['cancel', 'castVote', 'castVoteBySig', 'castVoteWithReason', 'castVoteWithReasonAndParams', 'castVoteWithReasonAndParamsBySig', 'execute', 'onERC1155BatchReceived', 'onERC1155Received', 'onERC721Received', 'propose', 'queue'],
  Timelock: ['execute', 'executeBatch', 'onERC1155BatchReceived', 'onERC1155Received', 'onERC721Received'],
};

/** Held by someone other than the owner: the operator, a contract of the protocol, the Governor. */
const OTHER_ROLES: Record<(typeof OWNED)[number], readonly string[]> = {
  LoanPool: ['onAuctionEnd', 'onAuctionStart'], // LoanAuctions
  LoanAuctions: [],
  LiquidityVault: ['lend', 'onRepaid'], // LoanPool
  Marketplace: [],
  Rewards: ['postOutage', 'postOutput', 'registerHashrate', 'setLien'], // operator, ProductSale, LoanPool
  ProductSale: [],
  TermDeposits: ['onRewardsClaimed'], // Rewards
  HashNFT: ['mint'], // ProductSale
  PauseGuard: [],
  OracleAdapter: [],
  Governor: [],
  Timelock: ['cancel', 'schedule', 'scheduleBatch'], // the Governor (proposer, canceller)
};

function stateChanging(name: (typeof OWNED)[number]): AbiFunction[] {
  return (contractAbis[name] as readonly { type: string }[]).filter(
    (f): f is AbiFunction => f.type === 'function' && ((f as AbiFunction).stateMutability === 'nonpayable' || (f as AbiFunction).stateMutability === 'payable'),
  );
}

const SOMEONE = '0x1111111111111111111111111111111111111111' as Address;

/** A plausible value of an ABI type, to encode a call to every function. */
function sample(p: AbiParameter): unknown {
  const arr = /^(.*)\[(\d*)\]$/.exec(p.type);
  if (arr) return Array.from({ length: arr[2] ? Number(arr[2]) : 1 }, () => sample({ ...p, type: arr[1] }));
  if (p.type === 'tuple') return Object.fromEntries(((p as { components: readonly AbiParameter[] }).components).map((c) => [c.name, sample(c)]));
  if (p.type === 'address') return SOMEONE;
  if (p.type === 'bool') return true;
  if (p.type === 'string') return 'X';
  if (p.type === 'bytes') return '0x';
  if (/^bytes\d+$/.test(p.type)) return `0x${'11'.repeat(Number(p.type.slice(5)))}`;
  const bits = Number(/^u?int(\d*)$/.exec(p.type)?.[1] || 256);
  return bits <= 48 ? 1 : 1n;
}

const addresses = Object.fromEntries(OWNED.map((n, i) => [n, `0x${(i + 1).toString(16).padStart(40, '0')}` as Address]));
const contracts: KnownContract[] = OWNED.map((n) => ({ name: n, address: addresses[n], abi: contractAbis[n] }));

describe('every owner-only function has a describer', () => {
  for (const name of OWNED) {
    it(`${name}: each state-changing function is a user action, another role's, or said in words`, () => {
      const fns = stateChanging(name);
      const names = new Set(fns.map((f) => f.name));
      for (const listed of [...USER_ACTIONS[name], ...OTHER_ROLES[name]]) expect(names, `${name}.${listed} is listed but not in the ABI`).toContain(listed);
      const ownerOnly = fns.filter((f) => !USER_ACTIONS[name].includes(f.name) && !OTHER_ROLES[name].includes(f.name));
      const missing = ownerOnly.filter((f) => !hasDescriber(name, f)).map((f) => f.name);
      expect(missing, `${name}: owner-only functions without a describer`).toEqual([]);
      for (const fn of ownerOnly) {
        const calldata = encodeFunctionData({ abi: [fn], functionName: fn.name, args: fn.inputs.map(sample) } as Parameters<typeof encodeFunctionData>[0]);
        const d = describeAction({ target: addresses[name], value: 0n, calldata }, contracts, { coins: [{ symbol: 'BTC' }] });
        expect(d.known, `${name}.${fn.name}: ${d.text}`).toBe(true);
        expect(d.text).not.toMatch(/Unknown call|0x[0-9a-f]{64,}/i);
      }
    });
  }
  it('the owned contracts are every protocol contract with an owner in the contract map', () => {
    const withOwner = Object.entries(contractAbis)
      .filter(([, abi]) => (abi as readonly { type: string; name?: string }[]).some((f) => f.type === 'function' && f.name === 'acceptOwnership'))
      .map(([n]) => n)
      .sort();
    expect(withOwner).toEqual(OWNED.filter((n) => n !== 'Governor' && n !== 'Timelock').sort());
  });
});

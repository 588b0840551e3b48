// viem clients for the Node scripts (deploy, seed, dev, e2e setup).
import {
  createPublicClient,
  createWalletClient,
  defineChain,
  http,
  type Abi,
  type Account,
  type Address,
  type Chain,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type PublicClient,
  type Transport,
  type WalletClient,
} from 'viem';
import { mnemonicToAccount, privateKeyToAccount } from 'viem/accounts';
import { withGasHeadroom } from '../../src/lib/gas.ts';

/** anvil's default mnemonic: public test keys, funded only on local chains. */
export const ANVIL_MNEMONIC = 'test test test test test test test test test test test junk';
export const devAccount = (i: number) => mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: i });
export const devPrivateKey = (i: number) =>
  `0x${Buffer.from(devAccount(i).getHdKey().privateKey!).toString('hex')}` as `0x${string}`;

export function chainFor(chainId: number, rpcUrl: string, name = `Chain ${chainId}`): Chain {
  return defineChain({
    id: chainId,
    name,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
}

export interface Ctx {
  chain: Chain;
  chainId: number;
  rpcUrl: string;
  publicClient: PublicClient<Transport, Chain>;
  walletClient: WalletClient<Transport, Chain, Account>;
}

export async function clients(rpcUrl: string, account: Account | `0x${string}`): Promise<Ctx> {
  const probe = createPublicClient({ transport: http(rpcUrl) });
  const chainId = await probe.getChainId();
  const chain = chainFor(chainId, rpcUrl);
  const publicClient = createPublicClient({ chain, transport: http(rpcUrl), cacheTime: 0, pollingInterval: 50 });
  const acct = typeof account === 'string' ? privateKeyToAccount(account) : account;
  const walletClient = createWalletClient({ chain, transport: http(rpcUrl), account: acct });
  return { chain, chainId, rpcUrl, publicClient, walletClient };
}

/** Simulates, sends and waits for one contract write; throws with the revert reason when it fails. */
export async function send<
  const abi extends Abi,
  fn extends ContractFunctionName<abi, 'nonpayable' | 'payable'>,
  args extends ContractFunctionArgs<abi, 'nonpayable' | 'payable', fn>,
>(ctx: Ctx, request: { address: Address; abi: abi; functionName: fn; args?: args }, as?: Account) {
  const account = as ?? ctx.walletClient.account;
  // viem's generics for simulate/write are too deep to thread through here; the call shape is checked above.
  const call = { ...(request as object), account } as never;
  const [{ request: simulated }, estimate] = await Promise.all([
    ctx.publicClient.simulateContract(call),
    ctx.publicClient.estimateContractGas(call),
  ]);
  const gas = withGasHeadroom(estimate);
  const hash = await ctx.walletClient.writeContract({ ...(simulated as object), account, gas } as never);
  const receipt = await ctx.publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== 'success') throw new Error(`${request.functionName} reverted (${hash})`);
  return receipt;
}

/**
 * Local chains only (anvil): sends one contract write from `from` without its key (anvil_impersonateAccount),
 * e.g. as the timelock, as a shortcut for "governance executed this" in benches and tests.
 */
export async function sendImpersonated(ctx: Ctx, from: Address, request: { address: Address; abi: Abi; functionName: string; args?: readonly unknown[] }) {
  await ctx.publicClient.request({ method: 'anvil_impersonateAccount', params: [from] } as never);
  await ctx.publicClient.request({ method: 'anvil_setBalance', params: [from, '0xDE0B6B3A7640000'] } as never);
  try {
    const gas = withGasHeadroom(await ctx.publicClient.estimateContractGas({ ...request, account: from } as never));
    const hash = await ctx.walletClient.writeContract({ ...request, account: from, chain: ctx.chain, gas } as never);
    const receipt = await ctx.publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== 'success') throw new Error(`${request.functionName} reverted (${hash})`);
    return receipt;
  } finally {
    await ctx.publicClient.request({ method: 'anvil_stopImpersonatingAccount', params: [from] } as never);
  }
}

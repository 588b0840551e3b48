// Contract writes the tests send outside the app, with the gas limit the app and the scripts send.
import type { Address, Hex, WalletClient } from 'viem';
import { estimateContractGas } from 'viem/actions';
import { withGasHeadroom } from '../../src/lib/gas.ts';

export type WriteRequest = { address: Address; abi: readonly unknown[]; functionName: string; args: readonly unknown[] };

/**
 * Sends one contract write from `wallet`'s account with the gas limit the app and the scripts send: the
 * node's estimate plus `withGasHeadroom`'s margin. viem's bare estimate is the exact minimum for the block it
 * simulated in; a borrow estimated in the same second as the previous block then landed a second later,
 * paid LoanPool's interest accrual, ran a sub-call out of gas and reverted without a reason (CI, 3 Dec).
 */
export async function sendWrite(wallet: WalletClient, request: WriteRequest): Promise<Hex> {
  const account = wallet.account;
  if (!account) throw new Error('sendWrite needs a wallet client with an account');
  const estimate = await estimateContractGas(wallet, { ...request, account } as never);
  return wallet.writeContract({ ...request, account, chain: wallet.chain, gas: withGasHeadroom(estimate) } as never);
}


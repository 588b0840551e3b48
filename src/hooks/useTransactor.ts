// The one transaction path. Every write in the app goes through `send`:
//   guards (wallet, network, deployment) -> simulate (a revert is explained before the wallet opens)
//   -> wallet -> pending toast with the hash (kept across reloads) -> receipt -> confirmed or the decoded
//   reason it failed -> invalidate exactly the topics the transaction changed.
// Signatures (EIP-2612 permits) go through `sign`, with the same rejection handling.
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Abi, Address, ContractFunctionArgs, ContractFunctionName, Hex, TransactionReceipt, TypedDataDefinition } from 'viem';
import { useAccount, useSignTypedData, useWriteContract } from 'wagmi';
import { useChainClient } from './useChainClient';
import { appTransactions } from '../lib/appTransactions';
import { grantOf, grantOfTypedData, unacknowledgedUnlimited, type Grant } from '../lib/approvals';
import { abiOf, allErrors } from '../lib/contracts';
import { describeError, type ErrorInfo } from '../lib/errors';
import { withGasHeadroom } from '../lib/gas';
import { invalidateTopics, type Topic } from '../lib/queryKeys';
import { useAppChain } from './useAppChain';
import { pendingStore, SESSION } from './usePendingTransactions';
import { useToasts } from './useToasts';

export interface Call<
  abi extends Abi = Abi,
  fn extends ContractFunctionName<abi, 'nonpayable' | 'payable'> = ContractFunctionName<abi, 'nonpayable' | 'payable'>,
> {
  address: Address;
  abi: abi;
  functionName: fn;
  args: ContractFunctionArgs<abi, 'nonpayable' | 'payable', fn>;
}

export interface TxOptions {
  /** What the user is doing, in a few words: "Buy 3 units of Antminer S21". */
  label: string;
  /** Topics whose reads this transaction changes. */
  topics: Topic[];
  /**
   * The user saw the unlimited-approval warning and accepted it. Without it, an unlimited allowance
   * (approve or permit) or setApprovalForAll(_, true) is refused here, before the wallet opens.
   */
  unlimitedAcknowledged?: boolean;
}

export type TxResult =
  | { status: 'confirmed'; hash: Hex; receipt: TransactionReceipt }
  | { status: 'rejected' | 'refused' | 'failed' | 'reverted'; error: ErrorInfo; hash?: Hex };

const NO_NETWORK: ErrorInfo = { kind: 'unknown', title: 'No network', message: 'The network is not available.' };

export function useTransactor() {
  const { address, isConnected } = useAccount();
  const { chainId, wrongNetwork, deployment } = useAppChain();
  const client = useChainClient(chainId);
  const { writeContractAsync } = useWriteContract();
  const { signTypedDataAsync } = useSignTypedData();
  const toasts = useToasts();
  const qc = useQueryClient();

  const guard = useCallback((grant?: Grant, acknowledged?: boolean): ErrorInfo | undefined => {
    if (!isConnected || !address) return { kind: 'unknown', title: 'No wallet', message: 'Connect a wallet first.' };
    const unlimited = unacknowledgedUnlimited(grant, acknowledged);
    if (unlimited) return { kind: 'unknown', title: 'Unlimited approval not confirmed', message: unlimited };
    if (wrongNetwork) return { kind: 'unknown', title: 'Wrong network', message: `Switch your wallet to ${deployment.name}.` };
    if (!client) return NO_NETWORK;
    return undefined;
  }, [isConnected, address, wrongNetwork, deployment.name, client]);

  /** Replays a reverted call to learn why it failed. */
  const revertReason = useCallback(
    async (call: object | undefined, blockNumber: bigint): Promise<ErrorInfo> => {
      const fallback: ErrorInfo = { kind: 'revert', title: 'Reverted', message: 'The transaction was reverted on chain. Nothing changed.' };
      if (!call || !client) return fallback;
      // First against the state it was sent into; if that passes, another transaction in the same block
      // changed the state first, so replay against the state at the end of that block.
      for (const at of [blockNumber - 1n, blockNumber]) {
        try {
          await client.simulateContract({ ...call, blockNumber: at } as never);
        } catch (e) {
          return describeError(e);
        }
      }
      return fallback;
    },
    [client],
  );

  const finish = useCallback(async (args: {
    hash: Hex;
    chainId: number;
    label: string;
    topics: Topic[];
    toastId: number;
    call?: object;
  }): Promise<TxResult> => {
    const { hash, label, topics, toastId } = args;
    try {
      if (!client) throw new Error(NO_NETWORK.message);
      const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 500 });
      pendingStore.remove(hash);
      await invalidateTopics(qc, args.chainId, [...topics, 'block']);
      if (receipt.status === 'success') {
        toasts.update(toastId, { kind: 'success', title: `${label}: confirmed`, message: `In block ${receipt.blockNumber}.` });
        return { status: 'confirmed', hash, receipt };
      }
      const error = await revertReason(args.call, receipt.blockNumber);
      toasts.update(toastId, { kind: 'error', title: `${label}: failed on chain`, message: error.message, details: error.details });
      return { status: 'reverted', error, hash };
    } catch (e) {
      const error = describeError(e);
      toasts.update(toastId, { kind: 'error', title: `${label}: status unknown`, message: error.message, details: error.details });
      return { status: 'failed', error, hash };
    }
  }, [client, qc, toasts, revertReason]);

  const send = useCallback(
    async <const abi extends Abi, fn extends ContractFunctionName<abi, 'nonpayable' | 'payable'>>(
      call: Call<abi, fn>,
      opts: TxOptions,
    ): Promise<TxResult> => {
      const blocked = guard(grantOf(call), opts.unlimitedAcknowledged);
      if (blocked || !client || !address) {
        const error = blocked ?? NO_NETWORK;
        toasts.push({ kind: 'error', title: error.title, message: error.message });
        return { status: 'refused', error };
      }
      // Simulate with every known error so reverts in nested calls (token transfers) decode too.
      const withErrors = { ...call, abi: [...(call.abi as Abi), ...allErrors()] as Abi, account: address };
      let request: unknown;
      let gas: bigint;
      try {
        // The estimate runs beside the simulation (same round trip when batched); the limit sent carries
        // headroom so a call that costs a little more in the next block does not run out of gas.
        // A revert is reported from the simulation, whose error decodes best, whichever answers first.
        const estimate = client.estimateContractGas(withErrors as never);
        estimate.catch(() => undefined);
        ({ request } = await client.simulateContract(withErrors as never));
        gas = withGasHeadroom(await estimate);
      } catch (e) {
        const error = describeError(e);
        toasts.push({ kind: 'error', title: `${opts.label}: ${error.title.toLowerCase()}`, message: error.message, details: error.details });
        return { status: 'refused', error };
      }

      let hash: Hex;
      try {
        hash = await writeContractAsync({ ...(request as object), chainId, gas } as never);
      } catch (e) {
        const error = describeError(e);
        toasts.push(
          error.kind === 'rejected'
            ? { kind: 'info', title: error.title, message: error.message }
            : { kind: 'error', title: error.title, message: error.message, details: error.details },
        );
        return { status: error.kind === 'rejected' ? 'rejected' : 'failed', error };
      }

      appTransactions.add(hash);
      pendingStore.add({ hash, chainId, account: address, label: opts.label, topics: opts.topics, sentAt: Date.now(), session: SESSION });
      const toastId = toasts.push({ kind: 'pending', title: `${opts.label}: pending`, message: 'Waiting for confirmation…', hash });
      return finish({ hash, chainId, label: opts.label, topics: opts.topics, toastId, call: withErrors });
    },
    [guard, client, address, chainId, writeContractAsync, toasts, finish],
  );

  const sign = useCallback(
    async (
      typedData: TypedDataDefinition,
      label: string,
      opts?: Pick<TxOptions, 'unlimitedAcknowledged'>,
    ): Promise<{ ok: true; signature: Hex } | { ok: false; error: ErrorInfo }> => {
      const blocked = guard(grantOfTypedData(typedData), opts?.unlimitedAcknowledged);
      if (blocked) {
        toasts.push({ kind: 'error', title: blocked.title, message: blocked.message });
        return { ok: false, error: blocked };
      }
      try {
        const signature = await signTypedDataAsync(typedData as never);
        return { ok: true, signature };
      } catch (e) {
        const error = describeError(e);
        toasts.push(
          error.kind === 'rejected'
            ? { kind: 'info', title: error.title, message: `${label}: ${error.message}` }
            : { kind: 'error', title: `${label}: ${error.title.toLowerCase()}`, message: error.message, details: error.details },
        );
        return { ok: false, error };
      }
    },
    [guard, signTypedDataAsync, toasts],
  );

  /** Watches a transaction sent by an earlier page session (before a reload). */
  const resume = useCallback(
    (tx: { hash: Hex; chainId: number; label: string; topics: Topic[] }) => {
      const toastId = toasts.push({ kind: 'pending', title: `${tx.label}: pending`, message: 'Still waiting for confirmation (sent before the page reloaded).', hash: tx.hash });
      return finish({ ...tx, toastId });
    },
    [toasts, finish],
  );

  /**
   * An ERC-20 allowance of exactly `amount` for `spender` (0 revokes), through `send`: the one shape every
   * approve step uses. An unlimited amount still needs `unlimitedAcknowledged`.
   */
  const approve = useCallback(
    (token: Address, spender: Address, amount: bigint, opts: Omit<TxOptions, 'topics'>) =>
      send({ address: token, abi: abiOf('USDT'), functionName: 'approve', args: [spender, amount] }, { topics: ['balances'], ...opts }),
    [send],
  );

  return { send, sign, approve, resume, account: address, chainId };
}

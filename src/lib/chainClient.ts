// The chain client the app reads and simulates with: wagmi's bare client plus only the viem actions the
// app calls. wagmi's `usePublicClient` extends the client with all of viem's public actions, whose
// signature-verification helpers pull secp256k1 (≈12 KiB gzip) into the first load although no page
// verifies a signature. Each action here is bound exactly as viem's own `publicActions` binds it.
import type { Chain, Client, PublicActions, Transport } from 'viem';
import {
  call,
  estimateContractGas,
  getBalance,
  getBlock,
  getBlockNumber,
  getCode,
  getContractEvents,
  multicall,
  readContract,
  simulateContract,
  waitForTransactionReceipt,
} from 'viem/actions';

type Used =
  | 'call'
  | 'estimateContractGas'
  | 'getBalance'
  | 'getBlock'
  | 'getBlockNumber'
  | 'getCode'
  | 'getContractEvents'
  | 'multicall'
  | 'readContract'
  | 'simulateContract'
  | 'waitForTransactionReceipt';

export type ChainActions = Pick<PublicActions<Transport, Chain>, Used>;
export type ChainClient = Client<Transport, Chain> & ChainActions;

function chainActions(client: Client<Transport, Chain>): ChainActions {
  return {
    call: (args) => call(client, args),
    // Its parameters are generic over the chain in a way TypeScript cannot relate (viem casts here too).
    estimateContractGas: (args) => estimateContractGas(client, args as never),
    getBalance: (args) => getBalance(client, args),
    getBlock: (args) => getBlock(client, args),
    getBlockNumber: (args) => getBlockNumber(client, args),
    getCode: (args) => getCode(client, args),
    getContractEvents: (args) => getContractEvents(client, args),
    multicall: (args) => multicall(client, args),
    readContract: (args) => readContract(client, args),
    simulateContract: (args) => simulateContract(client, args),
    waitForTransactionReceipt: (args) => waitForTransactionReceipt(client, args),
  };
}

const bound = new WeakMap<Client<Transport, Chain>, ChainClient>();

/** `client` with the app's actions, made once per client so hooks get a stable object. */
export function withChainActions(client: Client<Transport, Chain>): ChainClient {
  let c = bound.get(client);
  if (!c) {
    c = client.extend(chainActions);
    bound.set(client, c);
  }
  return c;
}

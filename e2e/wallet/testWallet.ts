/**
 * Hashmint Test Wallet — an EIP-6963 injected wallet for Playwright e2e tests.
 *
 * The browser half (`inject.js`, installed with `page.addInitScript`) announces an
 * EIP-1193 provider via EIP-6963 only (info.name 'Hashmint Test Wallet',
 * rdns 'dev.hashmint.testwallet'; `window.ethereum` is NOT set — RainbowKit/wagmi
 * find it through wagmi's `multiInjectedProviderDiscovery`). Every request is
 * forwarded to this Node half through `page.exposeFunction`, where:
 *  - eth_sendTransaction / eth_signTransaction are filled (nonce, gas, fees, chainId)
 *    and signed with viem's `privateKeyToAccount`, then sent raw to the chain's RPC;
 *  - personal_sign, eth_sign, eth_signTypedData(_v3/_v4) are signed locally;
 *  - eth_chainId, net_version, eth_accounts, eth_requestAccounts, wallet_* permissions
 *    and chain switching are answered from wallet state;
 *  - every other method is proxied verbatim (result or error object) to the current
 *    chain's RPC URL, so anvil's `{ code: 3, message, data }` revert errors reach the
 *    page unchanged and viem there can decode custom errors.
 *
 * State (accounts, approval, current chain, request log) lives in Node per
 * `installTestWallet(page, …)` call, so it survives page reloads like a real wallet.
 *
 * Prompt-type requests (connect, permissions, send/sign, switch/add chain, watchAsset)
 * are "approved" after `promptDelayMs` (default 300 ms): RainbowKit's desktop modal
 * drops a connection error that arrives within ~50 ms of the click. `rejectNext()`
 * makes the next prompt (optionally only for given method(s)) fail with
 * `{ code: 4001, message: 'User rejected the request.' }`.
 *
 * Usage:
 *   const wallet = await installTestWallet(page, {
 *     privateKeys: [ANVIL_KEY_0, ANVIL_KEY_1],
 *     chains: [{ chainId: 31337, rpcUrl: 'http://127.0.0.1:8545' }],
 *   });
 *   await page.goto('/');
 *   // click "Connect Wallet" -> "Hashmint Test Wallet" in the RainbowKit modal
 *   wallet.rejectNext('eth_sendTransaction');
 *
 * Note: wagmi's injected connector asks `wallet_requestPermissions` before
 * `eth_requestAccounts`, so to reject a connect use `rejectNext()` (any prompt) or
 * `rejectNext(['wallet_requestPermissions', 'eth_requestAccounts'])`.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import {
  createWalletClient,
  defineChain,
  hexToBigInt,
  hexToNumber,
  http,
  isAddress,
  isAddressEqual,
  isHex,
  numberToHex,
  type AccessList,
  type Address,
  type Chain,
  type Hex,
  type PrivateKeyAccount,
  type TypedDataDefinition,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';

export interface WalletChain {
  chainId: number;
  rpcUrl: string;
}

export interface TestWalletOptions {
  /** Accounts the wallet holds; the first (or `accountIndex`) is selected. */
  privateKeys: Hex[];
  /** Chains the wallet knows; `wallet_switchEthereumChain` to others fails with 4902. */
  chains: WalletChain[];
  /** Initially selected chain (default: `chains[0].chainId`). */
  chainId?: number;
  /** Initially selected account index (default 0). */
  accountIndex?: number;
  /** Delay before answering prompt-type requests (default 300 ms). */
  promptDelayMs?: number;
  /** Start already connected, as if the user approved this site earlier (default false). */
  connected?: boolean;
}

/** One EIP-1193 request as the page sent it. */
export interface WalletRequest {
  method: string;
  params: unknown;
}

/** EIP-1193 error as it crosses to the page (the page throws an Error with these fields). */
export interface RpcErrorObject {
  code: number;
  message: string;
  data?: unknown;
}

export type WalletEvent = 'accountsChanged' | 'chainChanged' | 'connect' | 'disconnect' | 'message';

export interface TestWallet {
  /** Currently selected account. */
  readonly address: Address;
  /** All accounts the wallet holds, in order. */
  readonly addresses: readonly Address[];
  /** Currently selected chain id. */
  readonly chainId: number;
  /** Whether the site currently holds the eth_accounts permission. */
  readonly isConnected: boolean;
  /** Reject the next prompt-type request (only one whose method is in `method`, if given) with 4001. */
  rejectNext(method?: string | readonly string[]): void;
  /** Select another account by index or private key (a new key is added); emits accountsChanged if connected. */
  switchAccount(indexOrKey: number | Hex): Promise<void>;
  /** Select another configured chain; emits chainChanged. Throws for an unknown chain id. */
  switchChain(chainId: number): Promise<void>;
  /** Grant the site access without a prompt (as if approved in the wallet UI); emits connect + accountsChanged. */
  connect(): Promise<void>;
  /** Revoke the site's access: eth_accounts -> [], emits accountsChanged([]). */
  disconnect(): Promise<void>;
  /** Emit a raw EIP-1193 event to the page (all frames). */
  emit(event: WalletEvent, payload: unknown): Promise<void>;
  /** Change the prompt delay (ms). */
  setPromptDelay(ms: number): void;
  /** Copy of all requests received so far, oldest first. */
  requests(): WalletRequest[];
  /** Forget the request log. */
  clearRequests(): void;
  /** Hashes of the transactions this wallet signed and sent, oldest first. */
  sentTransactions(): Hex[];
}

/** Exposed function name and page global used by inject.js. */
const BINDING_NAME = '__hashmintTestWalletRequest';
const GLOBAL_KEY = '__hashmintTestWallet';

export const WALLET_INFO = {
  name: 'Hashmint Test Wallet',
  rdns: 'dev.hashmint.testwallet',
  icon:
    'data:image/svg+xml;base64,' +
    Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#6d28d9"/>' +
        '<path d="M9 8v16M23 8v16M9 16h14" stroke="#fff" stroke-width="3" stroke-linecap="round"/></svg>',
    ).toString('base64'),
} as const;

const INJECT_SOURCE = readFileSync(new URL('./inject.js', import.meta.url), 'utf8');

/** Error carrying an EIP-1193 code; thrown by handlers and serialized to the page. */
class WalletRpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
  }
}

const userRejected = (): WalletRpcError => new WalletRpcError(4001, 'User rejected the request.');
const unauthorized = (): WalletRpcError =>
  new WalletRpcError(4100, 'The requested account and/or method has not been authorized by the user.');
const invalidParams = (message: string): WalletRpcError => new WalletRpcError(-32602, message);

/** Methods that show a wallet prompt: delayed by promptDelayMs and subject to rejectNext(). */
export const PROMPT_METHODS: ReadonlySet<string> = new Set([
  'eth_requestAccounts',
  'wallet_requestPermissions',
  'eth_sendTransaction',
  'eth_signTransaction',
  'personal_sign',
  'eth_sign',
  'eth_signTypedData',
  'eth_signTypedData_v3',
  'eth_signTypedData_v4',
  'wallet_switchEthereumChain',
  'wallet_addEthereumChain',
  'wallet_watchAsset',
]);

/** Transaction request as sent over EIP-1193 (hex quantities). */
interface RpcTransactionRequest {
  from?: string;
  to?: Address | null;
  data?: Hex;
  input?: Hex;
  value?: Hex;
  gas?: Hex;
  gasPrice?: Hex;
  maxFeePerGas?: Hex;
  maxPriorityFeePerGas?: Hex;
  nonce?: Hex;
  chainId?: Hex;
  accessList?: AccessList;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function paramsArray(params: unknown): unknown[] {
  return Array.isArray(params) ? params : [];
}

/** Hex quantity -> bigint, keeping `undefined`/`null` as undefined. */
function quantity(value: Hex | null | undefined): bigint | undefined {
  return value === undefined || value === null ? undefined : hexToBigInt(value);
}

/**
 * Turn anything thrown in Node into the page-facing error object. For viem errors the
 * deepest cause with a numeric `code` wins: that is the raw JSON-RPC error from the node
 * (e.g. anvil's `{ code: 3, message: 'execution reverted: …', data: '0x…' }`).
 */
function toRpcError(err: unknown): RpcErrorObject {
  let found: RpcErrorObject | undefined;
  let current: unknown = err;
  for (let depth = 0; isRecord(current) && depth < 20; depth++) {
    const candidate: { code?: unknown; message?: unknown; data?: unknown; cause?: unknown } = current;
    if (typeof candidate.code === 'number') {
      found = {
        code: candidate.code,
        message: typeof candidate.message === 'string' ? candidate.message : 'Unknown error',
        ...(candidate.data !== undefined ? { data: candidate.data } : {}),
      };
    }
    if (candidate.cause === current) break;
    current = candidate.cause;
  }
  if (found) return found;
  const message = err instanceof Error ? ((err as { shortMessage?: string }).shortMessage ?? err.message) : String(err);
  return { code: -32603, message };
}

/** Install the wallet into `page` (call before `page.goto`). One wallet per page. */
export async function installTestWallet(page: Page, opts: TestWalletOptions): Promise<TestWallet> {
  if (opts.privateKeys.length === 0) throw new Error('installTestWallet: privateKeys is empty');
  if (opts.chains.length === 0) throw new Error('installTestWallet: chains is empty');

  const accounts: PrivateKeyAccount[] = opts.privateKeys.map((key) => privateKeyToAccount(key));
  let accountIndex = opts.accountIndex ?? 0;
  if (!accounts[accountIndex]) throw new Error(`installTestWallet: no account at index ${accountIndex}`);
  const chains = new Map<number, WalletChain>(opts.chains.map((c) => [c.chainId, { ...c }]));
  let chainId = opts.chainId ?? opts.chains[0].chainId;
  if (!chains.has(chainId)) throw new Error(`installTestWallet: chainId ${chainId} is not in chains`);
  let promptDelayMs = opts.promptDelayMs ?? 300;
  let connected = opts.connected ?? false;

  const log: WalletRequest[] = [];
  const sent: Hex[] = [];
  const rejections: (readonly string[] | undefined)[] = [];
  let sendQueue: Promise<unknown> = Promise.resolve(); // serializes nonce-using sends
  let rpcId = 0;

  const account = (): PrivateKeyAccount => accounts[accountIndex];
  const exposedAccounts = (): Address[] => (connected ? [account().address] : []);
  const rpcUrl = (): string => {
    const chain = chains.get(chainId);
    if (!chain) throw new WalletRpcError(4901, `Chain ${chainId} is not configured.`);
    return chain.rpcUrl;
  };
  const viemChain = (): Chain =>
    defineChain({
      id: chainId,
      name: `Chain ${chainId}`,
      nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
      rpcUrls: { default: { http: [rpcUrl()] } },
    });
  const walletClient = () => createWalletClient({ account: account(), chain: viemChain(), transport: http(rpcUrl()) });

  const permissions = (): unknown[] =>
    connected
      ? [
          {
            parentCapability: 'eth_accounts',
            invoker: 'hashmint-test-wallet',
            caveats: [{ type: 'restrictReturnedAccounts', value: exposedAccounts() }],
          },
        ]
      : [];

  /** Dispatch an event to the provider in every frame of the page. */
  async function emit(event: WalletEvent, payload: unknown): Promise<void> {
    await Promise.all(
      page.frames().map((frame) =>
        frame
          .evaluate(
            ([key, ev, data]) => {
              const target = (globalThis as unknown as Record<string, { emit?: (e: string, d: unknown) => void }>)[key];
              target?.emit?.(ev, data);
            },
            [GLOBAL_KEY, event, payload] as const,
          )
          .catch(() => undefined), // frame navigating/detached: it will re-read state
      ),
    );
  }

  async function setConnected(value: boolean): Promise<void> {
    const changed = connected !== value;
    connected = value;
    if (changed) await emit('accountsChanged', exposedAccounts());
  }

  async function selectChain(id: number): Promise<void> {
    if (!chains.has(id)) throw new WalletRpcError(4902, `Unrecognized chain ID "${numberToHex(id)}".`);
    if (id === chainId) return;
    chainId = id;
    await emit('chainChanged', numberToHex(id));
  }

  function takeRejection(method: string): boolean {
    const index = rejections.findIndex((methods) => methods === undefined || methods.includes(method));
    if (index === -1) return false;
    rejections.splice(index, 1);
    return true;
  }

  /** Simulate the wallet prompt: wait, then reject (rejectNext) or run `approve`. */
  async function prompt<T>(method: string, approve: () => Promise<T>): Promise<T> {
    if (!PROMPT_METHODS.has(method)) throw new Error(`prompt(): ${method} is not a prompt method`);
    const reject = takeRejection(method);
    await sleep(promptDelayMs);
    if (reject) throw userRejected();
    return approve();
  }

  /** The signer for `address` (must be the exposed account). */
  function signerFor(address: unknown): PrivateKeyAccount {
    if (!connected) throw unauthorized();
    if (typeof address !== 'string' || !isAddress(address, { strict: false })) throw unauthorized();
    if (!isAddressEqual(address, account().address)) throw unauthorized();
    return account();
  }

  function parseTransaction(raw: unknown) {
    if (!isRecord(raw)) throw invalidParams('Expected a transaction object.');
    const tx = raw as RpcTransactionRequest;
    if (tx.from !== undefined) signerFor(tx.from);
    else if (!connected) throw unauthorized();
    if (tx.chainId !== undefined && hexToNumber(tx.chainId) !== chainId) {
      throw invalidParams(`Invalid chainId ${tx.chainId}: the wallet is on ${numberToHex(chainId)}.`);
    }
    const base = {
      account: account(),
      chain: viemChain(),
      to: tx.to ?? undefined,
      data: tx.data ?? tx.input,
      value: quantity(tx.value),
      gas: quantity(tx.gas),
      nonce: tx.nonce === undefined ? undefined : hexToNumber(tx.nonce),
      accessList: tx.accessList,
    };
    // Fee fields pick the type: gasPrice -> legacy, otherwise EIP-1559 (filled by viem if absent).
    return tx.gasPrice !== undefined
      ? { ...base, gasPrice: quantity(tx.gasPrice) }
      : { ...base, maxFeePerGas: quantity(tx.maxFeePerGas), maxPriorityFeePerGas: quantity(tx.maxPriorityFeePerGas) };
  }

  function serialized<T>(fn: () => Promise<T>): Promise<T> {
    const run = sendQueue.then(fn, fn);
    sendQueue = run.catch(() => undefined);
    return run;
  }

  async function proxy(method: string, params: unknown): Promise<unknown> {
    const res = await fetch(rpcUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: ++rpcId, method, params: params ?? [] }),
    });
    const body: unknown = await res.json().catch(() => undefined);
    if (!isRecord(body)) throw new WalletRpcError(-32603, `RPC ${rpcUrl()} answered HTTP ${res.status}`);
    if (isRecord(body.error)) {
      const e = body.error;
      throw new WalletRpcError(
        typeof e.code === 'number' ? e.code : -32603,
        typeof e.message === 'string' ? e.message : 'RPC error',
        e.data,
      );
    }
    return body.result ?? null;
  }

  async function handle(method: string, params: unknown): Promise<unknown> {
    const p = paramsArray(params);
    switch (method) {
      case 'eth_chainId':
        return numberToHex(chainId);
      case 'net_version':
        return String(chainId);
      case 'eth_accounts':
        return exposedAccounts();
      case 'eth_coinbase':
        return exposedAccounts()[0] ?? null;
      case 'eth_requestAccounts':
        if (connected) return exposedAccounts();
        return prompt(method, async () => {
          await setConnected(true);
          return exposedAccounts();
        });
      case 'wallet_requestPermissions': {
        if (!isRecord(p[0]) || !('eth_accounts' in p[0])) throw invalidParams('Only eth_accounts can be requested.');
        return prompt(method, async () => {
          await setConnected(true);
          return permissions();
        });
      }
      case 'wallet_getPermissions':
        return permissions();
      case 'wallet_revokePermissions':
        if (isRecord(p[0]) && 'eth_accounts' in p[0]) await setConnected(false);
        return null;
      case 'eth_sendTransaction': {
        const tx = parseTransaction(p[0]);
        return prompt(method, () =>
          serialized(async () => {
            const hash = await walletClient().sendTransaction(tx);
            sent.push(hash);
            return hash;
          }),
        );
      }
      case 'eth_signTransaction': {
        const tx = parseTransaction(p[0]);
        return prompt(method, () =>
          serialized(async () => {
            const prepared = await walletClient().prepareTransactionRequest(tx);
            return account().signTransaction(prepared);
          }),
        );
      }
      case 'personal_sign': {
        const [message, address] = p;
        const signer = signerFor(address);
        if (typeof message !== 'string') throw invalidParams('personal_sign: message must be a string.');
        return prompt(method, () => signer.signMessage({ message: isHex(message) ? { raw: message } : message }));
      }
      case 'eth_sign': {
        const [address, hash] = p;
        const signer = signerFor(address);
        if (!isHex(hash) || hash.length !== 66) throw invalidParams('eth_sign: expected a 32-byte hash.');
        return prompt(method, () => signer.sign({ hash }));
      }
      case 'eth_signTypedData':
      case 'eth_signTypedData_v3':
      case 'eth_signTypedData_v4': {
        const [address, data] = p;
        const signer = signerFor(address);
        let typed: unknown = data;
        if (typeof data === 'string') {
          try {
            typed = JSON.parse(data);
          } catch {
            throw invalidParams(`${method}: typed data is not valid JSON.`);
          }
        }
        if (!isRecord(typed) || !isRecord(typed.types) || typeof typed.primaryType !== 'string') {
          throw invalidParams(`${method}: expected EIP-712 typed data.`);
        }
        return prompt(method, () => signer.signTypedData(typed as unknown as TypedDataDefinition));
      }
      case 'wallet_switchEthereumChain': {
        const target = isRecord(p[0]) && isHex(p[0].chainId) ? hexToNumber(p[0].chainId) : undefined;
        if (target === undefined) throw invalidParams('wallet_switchEthereumChain: expected [{ chainId }].');
        if (!chains.has(target)) {
          throw new WalletRpcError(
            4902,
            `Unrecognized chain ID "${numberToHex(target)}". Try adding the chain using wallet_addEthereumChain first.`,
          );
        }
        if (target === chainId) return null;
        return prompt(method, async () => {
          await selectChain(target);
          return null;
        });
      }
      case 'wallet_addEthereumChain': {
        const param = p[0];
        if (!isRecord(param) || !isHex(param.chainId)) throw invalidParams('wallet_addEthereumChain: expected [{ chainId, rpcUrls }].');
        const target = hexToNumber(param.chainId);
        const url = Array.isArray(param.rpcUrls) && typeof param.rpcUrls[0] === 'string' ? param.rpcUrls[0] : undefined;
        if (!chains.has(target) && url === undefined) throw invalidParams('wallet_addEthereumChain: rpcUrls is empty.');
        return prompt(method, async () => {
          if (!chains.has(target) && url !== undefined) chains.set(target, { chainId: target, rpcUrl: url });
          await selectChain(target); // like MetaMask: add, then switch
          return null;
        });
      }
      case 'wallet_watchAsset':
        return prompt(method, async () => true);
      default:
        // Never let a signing/account method reach the node (anvil would answer with its own unlocked accounts).
        if (/^(wallet_|personal_|eth_sign|eth_send(?!RawTransaction)|eth_accounts|eth_requestAccounts)/.test(method)) {
          // -32601 (not 4200): viem treats it as "method not found" and e.g. keeps the
          // original eth_sendTransaction error instead of its wallet_sendTransaction retry's.
          throw new WalletRpcError(-32601, `The method "${method}" does not exist / is not available.`);
        }
        return proxy(method, params);
    }
  }

  await page.exposeFunction(BINDING_NAME, async (request: WalletRequest) => {
    const method = isRecord(request) && typeof request.method === 'string' ? request.method : '';
    const params: unknown = isRecord(request) ? request.params : undefined;
    log.push({ method, params: structuredClone(params) });
    try {
      const result = await handle(method, params);
      return { result: result ?? null };
    } catch (err) {
      return { error: toRpcError(err) };
    }
  });

  const config = {
    bindingName: BINDING_NAME,
    globalKey: GLOBAL_KEY,
    info: { uuid: randomUUID(), name: WALLET_INFO.name, icon: WALLET_INFO.icon, rdns: WALLET_INFO.rdns },
  };
  await page.addInitScript({ content: `((HASHMINT_WALLET_CONFIG) => {\n${INJECT_SOURCE}\n})(${JSON.stringify(config)});` });

  return {
    get address() {
      return account().address;
    },
    get addresses() {
      return accounts.map((a) => a.address);
    },
    get chainId() {
      return chainId;
    },
    get isConnected() {
      return connected;
    },
    rejectNext(method) {
      rejections.push(method === undefined ? undefined : typeof method === 'string' ? [method] : [...method]);
    },
    async switchAccount(indexOrKey) {
      if (typeof indexOrKey === 'number') {
        if (!accounts[indexOrKey]) throw new Error(`switchAccount: no account at index ${indexOrKey}`);
        if (indexOrKey === accountIndex) return;
        accountIndex = indexOrKey;
      } else {
        const next = privateKeyToAccount(indexOrKey);
        const existing = accounts.findIndex((a) => a.address === next.address);
        if (existing === accountIndex) return;
        accountIndex = existing === -1 ? accounts.push(next) - 1 : existing;
      }
      if (connected) await emit('accountsChanged', exposedAccounts());
    },
    async switchChain(id) {
      if (!chains.has(id)) throw new Error(`switchChain: chain ${id} is not configured`);
      await selectChain(id);
    },
    async connect() {
      if (connected) return;
      connected = true;
      await emit('connect', { chainId: numberToHex(chainId) });
      await emit('accountsChanged', exposedAccounts());
    },
    async disconnect() {
      connected = false;
      await emit('accountsChanged', []);
    },
    emit,
    setPromptDelay(ms) {
      promptDelayMs = ms;
    },
    requests() {
      return log.map((r) => ({ method: r.method, params: structuredClone(r.params) }));
    },
    clearRequests() {
      log.length = 0;
    },
    sentTransactions() {
      return [...sent];
    },
  };
}

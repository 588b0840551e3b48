// Transactions sent but not yet confirmed, kept in localStorage so a reload does not lose them:
// after a reload the app keeps watching them and shows their result.
import { useSyncExternalStore } from 'react';
import type { Topic } from '../lib/queryKeys';

export interface PendingTx {
  hash: `0x${string}`;
  chainId: number;
  account: `0x${string}`;
  label: string;
  topics: Topic[];
  sentAt: number;
  /** The page session that sent it; other sessions (after a reload) pick it up. */
  session: string;
}

const KEY = 'hashmint:pending-transactions';
export const SESSION = Math.random().toString(36).slice(2);
const listeners = new Set<() => void>();
let cache: PendingTx[] | undefined;

function read(): PendingTx[] {
  if (cache) return cache;
  try {
    cache = JSON.parse(localStorage.getItem(KEY) ?? '[]') as PendingTx[];
  } catch {
    cache = [];
  }
  return cache;
}

function write(list: PendingTx[]) {
  cache = list;
  try {
    localStorage.setItem(KEY, JSON.stringify(list));
  } catch {
    // storage full or disabled: keep tracking in memory
  }
  listeners.forEach((l) => l());
}

export const pendingStore = {
  all: read,
  add: (tx: PendingTx) => write([...read().filter((t) => t.hash !== tx.hash), tx]),
  remove: (hash: string) => write(read().filter((t) => t.hash !== hash)),
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export function usePendingTransactions(): PendingTx[] {
  return useSyncExternalStore(pendingStore.subscribe, pendingStore.all, () => []);
}

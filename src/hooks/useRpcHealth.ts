// Is the chain's RPC node reachable? A light eth_blockNumber probe after 5 s without a successful read
// while healthy (a read that succeeds is proof enough, so a page loading its data sends no extra probe),
// and with backoff (1, 2, 4, 8 s) while it is not. A failed read anywhere in the app triggers a probe at
// once. When the node comes back, every read is retried so the page shows fresh data again.
import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useChainClient } from './useChainClient';
import { useAppChain } from './useAppChain';

export interface RpcHealth {
  /** The node did not answer the last probe. */
  down: boolean;
  /** Seconds until the next attempt while down. */
  retryIn: number;
}

const HEALTHY_EVERY_MS = 5_000;
const BACKOFF_MS = [1_000, 2_000, 4_000, 8_000];

export function useRpcHealth(): RpcHealth {
  const { chainId } = useAppChain();
  const client = useChainClient(chainId);
  const qc = useQueryClient();
  const [health, setHealth] = useState<RpcHealth>({ down: false, retryIn: 0 });
  const probeNow = useRef<() => void>(() => undefined);
  const answered = useRef<() => void>(() => undefined);

  useEffect(() => {
    if (!client) return;
    const rpc = client;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let running = false;

    const schedule = (ms: number) => {
      clearTimeout(timer);
      timer = setTimeout(() => void probe(), ms);
    };
    async function probe() {
      if (running || stopped) return;
      running = true;
      try {
        await rpc.request({ method: 'eth_blockNumber' }, { retryCount: 0, dedupe: false });
        if (stopped) return;
        if (failures > 0) {
          // Back online: retry every read, the failed ones first.
          void qc.refetchQueries({ type: 'active' });
        }
        failures = 0;
        setHealth({ down: false, retryIn: 0 });
        schedule(HEALTHY_EVERY_MS);
      } catch {
        if (stopped) return;
        const wait = BACKOFF_MS[Math.min(failures, BACKOFF_MS.length - 1)];
        failures += 1;
        setHealth({ down: true, retryIn: Math.round(wait / 1000) });
        schedule(wait);
      } finally {
        running = false;
      }
    }
    probeNow.current = () => {
      if (failures === 0) void probe();
    };
    answered.current = () => {
      if (failures === 0 && !running) schedule(HEALTHY_EVERY_MS);
    };
    schedule(HEALTHY_EVERY_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [client, qc]);

  // A read that failed anywhere is a hint the node may be gone: check now instead of in 5 s. One of the
  // app's reads of this chain that succeeded shows the node answers: the next probe can wait 5 s more.
  useEffect(
    () =>
      qc.getQueryCache().subscribe((event) => {
        if (event.type !== 'updated') return;
        if (event.action.type === 'error') probeNow.current();
        else if (event.action.type === 'success' && !event.action.manual && isChainRead(event.query.queryKey, chainId)) answered.current();
      }),
    [qc, chainId],
  );

  return health;
}

/** Hashmint's own reads of `chainId` (query keys ['hm', chainId, ...]) all go to that chain's RPC node. */
export function isChainRead(queryKey: readonly unknown[], chainId: number): boolean {
  return queryKey[0] === 'hm' && queryKey[1] === chainId;
}

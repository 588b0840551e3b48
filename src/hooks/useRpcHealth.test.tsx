// useRpcHealth with a scripted node: no probe while the app's reads succeed, a probe after 5 s without
// one, a probe at once when a read fails, and the banner state while the node does not answer.
import { act, renderHook } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isChainRead, useRpcHealth } from './useRpcHealth';

const node = vi.hoisted(() => ({ up: true, probes: 0 }));
const client = vi.hoisted(() => ({
  request: async () => {
    node.probes++;
    if (!node.up) throw new Error('connection refused');
    return '0x1';
  },
}));
vi.mock('./useChainClient', () => ({ useChainClient: () => client }));
vi.mock('./useAppChain', () => ({ useAppChain: () => ({ chainId: 31337 }) }));

function setUp() {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={qc}>{children}</QueryClientProvider>;
  const hook = renderHook(() => useRpcHealth(), { wrapper });
  const read = (key: unknown[], fn: () => Promise<unknown>) => act(() => qc.fetchQuery({ queryKey: key, queryFn: fn, staleTime: 0 }).catch(() => undefined));
  return { qc, hook, read };
}

const advance = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

describe('useRpcHealth', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    node.up = true;
    node.probes = 0;
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends no probe while the page loads: the first one comes 5 s after mounting', async () => {
    const { hook } = setUp();
    await advance(4_900);
    expect(node.probes).toBe(0);
    await advance(200);
    expect(node.probes).toBe(1);
    expect(hook.result.current).toEqual({ down: false, retryIn: 0 });
    await advance(5_000);
    expect(node.probes).toBe(2);
  });

  it("pushes the next probe back while the app's own reads of the chain succeed", async () => {
    const { read } = setUp();
    await advance(3_000);
    await read(['hm', 31337, 'portfolio'], async () => 1);
    await advance(3_000); // 6 s after mounting, 3 s after the read
    expect(node.probes).toBe(0);
    await read(['hm', 31337, 'block'], async () => 2);
    await advance(4_900);
    expect(node.probes).toBe(0);
    await advance(200);
    expect(node.probes).toBe(1);
  });

  it('does not count reads of another chain or outside the app as proof', async () => {
    const { read } = setUp();
    await advance(3_000);
    await read(['hm', 1, 'portfolio'], async () => 1);
    await read(['balance', { chainId: 31337 }], async () => 1);
    await advance(2_100);
    expect(node.probes).toBe(1);
  });

  it('probes at once when a read fails, shows the node down and backs off until it answers', async () => {
    const { hook, read } = setUp();
    node.up = false;
    await read(['hm', 31337, 'portfolio'], async () => {
      throw new Error('fetch failed');
    });
    await advance(0);
    expect(node.probes).toBe(1);
    expect(hook.result.current).toEqual({ down: true, retryIn: 1 });
    await advance(1_000);
    expect(node.probes).toBe(2);
    expect(hook.result.current).toEqual({ down: true, retryIn: 2 });
    // A read that happens to succeed meanwhile does not cancel the back-off probes.
    await read(['hm', 31337, 'block'], async () => 1);
    node.up = true;
    await advance(2_000);
    expect(node.probes).toBe(3);
    expect(hook.result.current).toEqual({ down: false, retryIn: 0 });
  });

  it('knows which queries are reads of the chain', () => {
    expect(isChainRead(['hm', 31337, 'portfolio', '0xabc'], 31337)).toBe(true);
    expect(isChainRead(['hm', 1, 'portfolio'], 31337)).toBe(false);
    expect(isChainRead(['balance', { chainId: 31337 }], 31337)).toBe(false);
  });
});

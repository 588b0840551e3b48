// The one payment step, with the wallet scripted: a permit is signed only when the user chose it and the
// allowance does not cover what the contract takes; otherwise the pay call relies on the allowance. The
// step the button shows moves approving / signing -> paying -> idle, and a refused signature sends nothing.
import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Address } from 'viem';
import { usePayment } from './usePayment';
import type { SignedPermit } from './usePermit';
import { useSteps, type Steps } from './useSteps';
import type { TokenAccount } from './useTokenAccount';
import type { TxResult } from './useTransactor';

const wallet = vi.hoisted(() => ({
  signs: true,
  permits: [] as { spender: string; value: bigint }[],
  approvals: [] as { token: string; spender: string; amount: bigint; label: string; unlimitedAcknowledged?: boolean }[],
  steps: [] as string[],
}));
vi.mock('./usePermit', () => ({
  usePermit: () => async (_token: unknown, spender: string, value: bigint) => {
    wallet.permits.push({ spender, value });
    return wallet.signs ? { deadline: 1n, v: 27, r: '0x01', s: '0x02' } : undefined;
  },
}));
vi.mock('./useTransactor', () => ({
  useTransactor: () => ({
    approve: async (token: string, spender: string, amount: bigint, opts: { label: string; unlimitedAcknowledged?: boolean }) => {
      wallet.approvals.push({ token, spender, amount, ...opts });
      return { status: 'confirmed' };
    },
  }),
}));

const SPENDER = '0x00000000000000000000000000000000000000aa' as Address;
const TOKEN = '0x00000000000000000000000000000000000000bb' as Address;
const confirmed = { status: 'confirmed' } as TxResult;
const account = (allowance: bigint) => ({ balance: 10n ** 9n, allowance, nonce: 0n, domain: { name: 'USDT', version: '1', chainId: 31337, verifyingContract: TOKEN } }) satisfies TokenAccount;

type Step = 'idle' | 'approving' | 'signing' | 'buying';

function setUp() {
  const hook = renderHook(() => {
    const steps = useSteps<Step>('idle');
    // Every step the payment sets, in order (what the button would show).
    const logged: Steps<Step> = {
      step: steps.step,
      setStep: (s) => (wallet.steps.push(s), steps.setStep(s)),
      run: (first, fn) => (wallet.steps.push(first), steps.run(first, fn)),
    };
    return { step: steps.step, ...usePayment(logged, { approving: 'approving', signing: 'signing', paying: 'buying' }) };
  });
  /** The pay call, recording the step set when it went out and whether it carried a permit. */
  const calls: { step: string | undefined; permit?: SignedPermit }[] = [];
  const send = (p?: SignedPermit) => {
    calls.push({ step: wallet.steps.at(-1), permit: p });
    return Promise.resolve(confirmed);
  };
  return { hook, calls, send };
}

afterEach(() => {
  wallet.signs = true;
  wallet.permits = [];
  wallet.approvals = [];
  wallet.steps = [];
});

describe('usePayment', () => {
  it('signs a permit for the value when chosen and the allowance is short, then pays with it', async () => {
    const { hook, calls, send } = setUp();
    let r: TxResult | undefined;
    await act(async () => {
      r = await hook.result.current.pay({ method: 'permit', token: account(0n), spender: SPENDER, value: 500n, now: 1000 }, send);
    });
    expect(r).toEqual(confirmed);
    expect(wallet.permits).toEqual([{ spender: SPENDER, value: 500n }]);
    expect(calls).toEqual([{ step: 'buying', permit: { deadline: 1n, v: 27, r: '0x01', s: '0x02' } }]);
    expect(wallet.steps).toEqual(['signing', 'buying']);
    expect(hook.result.current.step).toBe('idle');
  });

  it('pays on the allowance, without a signature, when it covers what the contract takes', async () => {
    const { hook, calls, send } = setUp();
    await act(async () => {
      // A pool takes `needed` (the accepted part), the permit would be for `value` (what is sent).
      await hook.result.current.pay({ method: 'permit', token: account(300n), spender: SPENDER, value: 500n, needed: 300n, now: 1000 }, send);
    });
    expect(wallet.permits).toEqual([]);
    expect(calls).toEqual([{ step: 'buying', permit: undefined }]);
    expect(wallet.steps).toEqual(['buying']);
  });

  it('pays on the approval when the user chose to approve', async () => {
    const { hook, calls, send } = setUp();
    await act(async () => {
      await hook.result.current.pay({ method: 'approve', token: account(0n), spender: SPENDER, value: 500n, now: 1000 }, send);
    });
    expect(wallet.permits).toEqual([]);
    expect(calls).toEqual([{ step: 'buying', permit: undefined }]);
  });

  it('sends nothing when the wallet refuses to sign, and returns to idle', async () => {
    wallet.signs = false;
    const { hook, calls, send } = setUp();
    let r: TxResult | undefined = confirmed;
    await act(async () => {
      r = await hook.result.current.pay({ method: 'permit', token: account(0n), spender: SPENDER, value: 500n, now: 1000 }, send);
    });
    expect(r).toBeUndefined();
    expect(calls).toEqual([]);
    expect(wallet.steps).toEqual(['signing']);
    expect(hook.result.current.step).toBe('idle');
  });

  it('approves the amount under the approving step, passing the unlimited acknowledgement on', async () => {
    const { hook } = setUp();
    await act(async () => {
      await hook.result.current.approve(TOKEN, SPENDER, 500n, { label: 'Approve USDT' });
      await hook.result.current.approve(TOKEN, SPENDER, 2n ** 256n - 1n, { label: 'Approve unlimited USDT', unlimitedAcknowledged: true });
    });
    expect(wallet.approvals).toEqual([
      { token: TOKEN, spender: SPENDER, amount: 500n, label: 'Approve USDT' },
      { token: TOKEN, spender: SPENDER, amount: 2n ** 256n - 1n, label: 'Approve unlimited USDT', unlimitedAcknowledged: true },
    ]);
    expect(wallet.steps).toEqual(['approving', 'approving']);
    expect(hook.result.current.step).toBe('idle');
  });
});

// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { decideAction, type ActionInput } from './actionState';

/** Every condition set at once: each step of the order must beat all the ones after it. */
const everything: ActionInput = {
  deployed: false,
  connected: false,
  wrongNetwork: true,
  networkName: 'Hashmint Local',
  busy: 'Buying…',
  loading: true,
  emptyInput: 'Enter a quantity',
  inputError: 'Buy whole units only.',
  insufficient: 'Not enough USDT',
  approval: 'Approve 180 USDT',
  action: 'Buy for 180 USDT',
};

/** The order, and what each step answers; each row switches its condition off to reveal the next. */
const steps: { off: Partial<ActionInput>; expected: ReturnType<typeof decideAction> }[] = [
  { off: { deployed: true }, expected: { kind: 'disabled', label: 'Not available on this network' } },
  { off: { connected: true }, expected: { kind: 'connect', label: 'Connect wallet' } },
  { off: { wrongNetwork: false }, expected: { kind: 'switch', label: 'Switch to Hashmint Local' } },
  { off: { busy: undefined }, expected: { kind: 'busy', label: 'Buying…' } },
  { off: { loading: false }, expected: { kind: 'disabled', label: 'Loading…' } },
  { off: { emptyInput: undefined }, expected: { kind: 'disabled', label: 'Enter a quantity' } },
  { off: { inputError: undefined }, expected: { kind: 'disabled', label: 'Buy for 180 USDT' } },
  { off: { insufficient: undefined }, expected: { kind: 'disabled', label: 'Not enough USDT' } },
  { off: { approval: undefined }, expected: { kind: 'approve', label: 'Approve 180 USDT' } },
];

describe('decideAction', () => {
  it('decides in order: each state wins over every later one', () => {
    let state = { ...everything };
    for (const step of steps) {
      expect(decideAction(state)).toEqual(step.expected);
      state = { ...state, ...step.off };
    }
    expect(decideAction(state)).toEqual({ kind: 'action', label: 'Buy for 180 USDT' });
  });

  it('each state alone gives its own answer', () => {
    const clear: ActionInput = { deployed: true, connected: true, wrongNetwork: false, networkName: 'Hashmint Local', loading: false, action: 'Buy' };
    expect(decideAction(clear)).toEqual({ kind: 'action', label: 'Buy' });
    expect(decideAction({ ...clear, deployed: false }).kind).toBe('disabled');
    expect(decideAction({ ...clear, connected: false }).kind).toBe('connect');
    expect(decideAction({ ...clear, wrongNetwork: true })).toEqual({ kind: 'switch', label: 'Switch to Hashmint Local' });
    expect(decideAction({ ...clear, busy: 'Confirm in wallet…' })).toEqual({ kind: 'busy', label: 'Confirm in wallet…' });
    expect(decideAction({ ...clear, loading: true })).toEqual({ kind: 'disabled', label: 'Loading…' });
    expect(decideAction({ ...clear, emptyInput: 'Enter an amount' })).toEqual({ kind: 'disabled', label: 'Enter an amount' });
    // An input error keeps the action's label (the message shows under the field) but disables it.
    expect(decideAction({ ...clear, inputError: 'Too many' })).toEqual({ kind: 'disabled', label: 'Buy' });
    expect(decideAction({ ...clear, insufficient: 'Not enough USDT' })).toEqual({ kind: 'disabled', label: 'Not enough USDT' });
    expect(decideAction({ ...clear, approval: 'Approve 1 USDT' })).toEqual({ kind: 'approve', label: 'Approve 1 USDT' });
  });

  it('treats empty strings as "not set"', () => {
    const clear: ActionInput = { deployed: true, connected: true, wrongNetwork: false, networkName: 'X', loading: false, action: 'Buy' };
    expect(decideAction({ ...clear, busy: '', emptyInput: '', inputError: '', insufficient: '', approval: '' })).toEqual({ kind: 'action', label: 'Buy' });
  });
});

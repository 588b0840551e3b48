// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { buttonReason, decideAction, type ActionInput } from './actionState';

/** Every condition set at once: each step of the order must beat all the ones after it. */
const everything: ActionInput = {
  deployed: false,
  connected: false,
  wrongNetwork: true,
  networkName: 'Hashmint Local',
  busy: 'Buying…',
  loading: true,
  blocked: 'This is your listing',
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
  { off: { blocked: undefined }, expected: { kind: 'disabled', label: 'This is your listing' } },
  { off: { emptyInput: undefined }, expected: { kind: 'disabled', label: 'Enter a quantity' } },
  { off: { inputError: undefined }, expected: { kind: 'disabled', label: 'Buy whole units only' } },
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
    // An input error disables the button, which says why instead of the action.
    expect(decideAction({ ...clear, inputError: 'Too many.' })).toEqual({ kind: 'disabled', label: 'Too many' });
    expect(decideAction({ ...clear, blocked: 'This is your listing' })).toEqual({ kind: 'disabled', label: 'This is your listing' });
    expect(decideAction({ ...clear, insufficient: 'Not enough USDT' })).toEqual({ kind: 'disabled', label: 'Not enough USDT' });
    expect(decideAction({ ...clear, approval: 'Approve 1 USDT' })).toEqual({ kind: 'approve', label: 'Approve 1 USDT' });
  });

  it('treats empty strings as "not set"', () => {
    const clear: ActionInput = { deployed: true, connected: true, wrongNetwork: false, networkName: 'X', loading: false, action: 'Buy' };
    expect(decideAction({ ...clear, busy: '', blocked: '', emptyInput: '', inputError: '', insufficient: '', approval: '' })).toEqual({ kind: 'action', label: 'Buy' });
  });

  it('a disabled button says why, never the action with an amount it cannot do', () => {
    const base: ActionInput = { deployed: true, connected: true, wrongNetwork: false, networkName: 'X', loading: false, action: 'Repay 0 USDT' };
    expect(decideAction({ ...base, inputError: 'The amount must be more than zero.' })).toEqual({ kind: 'disabled', label: 'The amount must be more than zero' });
    expect(decideAction({ ...base, inputError: 'Enter the number of units.' }).label).toBe('Enter the number of units');
    // A long reason stays under the field; the button sums it up.
    const long = 'Each member may put in at most 500 USDT; you have put in 400 USDT, so at most 100 USDT more.';
    expect(decideAction({ ...base, inputError: long })).toEqual({ kind: 'disabled', label: 'Check the amount' });
    expect(decideAction({ ...base, inputError: long, invalidLabel: 'Check the price' }).label).toBe('Check the price');
    // Own listing: blocked wins over the payment method's action.
    expect(decideAction({ ...base, blocked: 'This is your listing', action: 'Sign permit and buy' })).toEqual({ kind: 'disabled', label: 'This is your listing' });
  });
});

describe('buttonReason', () => {
  it('repeats one short clause without its full stop, else the fallback', () => {
    expect(buttonReason('Enter an amount.')).toBe('Enter an amount');
    expect(buttonReason('USDT has at most 6 decimals.')).toBe('USDT has at most 6 decimals');
    expect(buttonReason('Use a dot for decimals; commas may only separate thousands.')).toBe('Check the amount');
    expect(buttonReason('That covers the whole debt (12.5 USDT): use "Repay all".', 'Use Repay all')).toBe('Use Repay all');
    expect(buttonReason('x'.repeat(49), 'Too long')).toBe('Too long');
    expect(buttonReason('Your balance is 12.5 USDT.')).toBe('Your balance is 12.5 USDT');
    expect(buttonReason('Too big. Try less.')).toBe('Check the amount');
  });
});

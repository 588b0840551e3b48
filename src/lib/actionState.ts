// What a form's main button says and does, decided in one place and in one order (as Aave's interface
// does): not deployed, no wallet, wrong network, busy, loading, blocked, nothing typed, invalid input, not
// enough balance, approval needed, then the action itself.
//
// The rule for a disabled button: it says why it is disabled ("Enter an amount", "This is your listing",
// "The amount must be more than zero", "Not enough USDT"), never the action with an amount it cannot do
// ("Buy for 0 USDT", "Repay 0 USDT"). The action's label is shown only when the action can be taken.
export interface ActionInput {
  deployed: boolean;
  connected: boolean;
  wrongNetwork: boolean;
  networkName: string;
  loading: boolean;
  /** The action cannot be taken whatever is typed: "This is your listing". */
  blocked?: string;
  /** Nothing typed yet: the button asks for it. */
  emptyInput?: string;
  /** The input is invalid: the button is disabled and says why (the full sentence shows under the field). */
  inputError?: string;
  /** What the button says while the input is invalid, when the sentence is too long for a button. */
  invalidLabel?: string;
  /** e.g. "Not enough USDT" */
  insufficient?: string;
  /** A step in flight: "Confirm in wallet…", "Buying…" */
  busy?: string;
  /** The approval the action needs first: "Approve 180 USDT" */
  approval?: string;
  action: string;
}

export type ActionKind = 'connect' | 'switch' | 'disabled' | 'busy' | 'approve' | 'action';

/** Longest input error the button repeats word for word; a longer one is summed up by `invalidLabel`. */
export const MAX_REASON_LENGTH = 48;

/**
 * The button's words for an invalid input: the error's sentence without its full stop when it is one
 * short clause ("The amount must be more than zero"), else `fallback` (the sentence is under the field).
 */
export function buttonReason(sentence: string, fallback = 'Check the amount'): string {
  const text = sentence.trim().replace(/\.$/, '');
  return text.length <= MAX_REASON_LENGTH && !/\.\s|[;:]/.test(text) ? text : fallback;
}

export function decideAction(s: ActionInput): { kind: ActionKind; label: string } {
  if (!s.deployed) return { kind: 'disabled', label: 'Not available on this network' };
  if (!s.connected) return { kind: 'connect', label: 'Connect wallet' };
  if (s.wrongNetwork) return { kind: 'switch', label: `Switch to ${s.networkName}` };
  if (s.busy) return { kind: 'busy', label: s.busy };
  if (s.loading) return { kind: 'disabled', label: 'Loading…' };
  if (s.blocked) return { kind: 'disabled', label: s.blocked };
  if (s.emptyInput) return { kind: 'disabled', label: s.emptyInput };
  if (s.inputError) return { kind: 'disabled', label: buttonReason(s.inputError, s.invalidLabel) };
  if (s.insufficient) return { kind: 'disabled', label: s.insufficient };
  if (s.approval) return { kind: 'approve', label: s.approval };
  return { kind: 'action', label: s.action };
}

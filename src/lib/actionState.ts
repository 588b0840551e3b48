// What a form's main button says and does, decided in one place and in one order (as Aave's interface
// does): not deployed, no wallet, wrong network, loading, nothing typed, invalid input, not enough
// balance, busy, approval needed, then the action itself.
export interface ActionInput {
  deployed: boolean;
  connected: boolean;
  wrongNetwork: boolean;
  networkName: string;
  loading: boolean;
  /** Nothing typed yet: the button asks for it. */
  emptyInput?: string;
  /** The input is invalid: the button is disabled and the message shows under the field. */
  inputError?: string;
  /** e.g. "Not enough USDT" */
  insufficient?: string;
  /** A step in flight: "Confirm in wallet…", "Buying…" */
  busy?: string;
  /** The approval the action needs first: "Approve 180 USDT" */
  approval?: string;
  action: string;
}

export type ActionKind = 'connect' | 'switch' | 'disabled' | 'busy' | 'approve' | 'action';

export function decideAction(s: ActionInput): { kind: ActionKind; label: string } {
  if (!s.deployed) return { kind: 'disabled', label: 'Not available on this network' };
  if (!s.connected) return { kind: 'connect', label: 'Connect wallet' };
  if (s.wrongNetwork) return { kind: 'switch', label: `Switch to ${s.networkName}` };
  if (s.busy) return { kind: 'busy', label: s.busy };
  if (s.loading) return { kind: 'disabled', label: 'Loading…' };
  if (s.emptyInput) return { kind: 'disabled', label: s.emptyInput };
  if (s.inputError) return { kind: 'disabled', label: s.action };
  if (s.insufficient) return { kind: 'disabled', label: s.insufficient };
  if (s.approval) return { kind: 'approve', label: s.approval };
  return { kind: 'action', label: s.action };
}

// The one error helper: turns anything a wallet, viem or a contract throws into words for people.
// - a rejection in the wallet is calm and changes nothing;
// - a contract's custom error is named and, where we wrote the contract, said as a sentence;
// - anything else keeps viem's short message, with the full details available to copy.
import {
  BaseError,
  ContractFunctionRevertedError,
  HttpRequestError,
  TimeoutError,
  UserRejectedRequestError,
} from 'viem';
import { SENTENCES } from './sentences';
import { argText as n, type Args } from './sentences/types';

export type ErrorKind = 'rejected' | 'revert' | 'network' | 'unknown';

export interface ErrorInfo {
  kind: ErrorKind;
  title: string;
  message: string;
  /** The whole technical message, for the "copy details" button. */
  details?: string;
  /** The custom error's name, when the contract gave one. */
  errorName?: string;
}

export type { Args, Sentences } from './sentences/types';

function hasCode(e: unknown, code: number): boolean {
  return typeof e === 'object' && e !== null && 'code' in e && (e as { code: unknown }).code === code;
}

export function isUserRejection(error: unknown): boolean {
  if (hasCode(error, 4001)) return true;
  if (error instanceof BaseError) {
    return Boolean(error.walk((e) => e instanceof UserRejectedRequestError || hasCode(e, 4001)));
  }
  return false;
}

export function describeError(error: unknown): ErrorInfo {
  const details = error instanceof Error ? error.message : String(error);
  if (isUserRejection(error)) {
    return {
      kind: 'rejected',
      title: 'Request rejected',
      message: 'You rejected the request in your wallet. Nothing was sent and nothing changed.',
    };
  }
  if (error instanceof BaseError) {
    const revert = error.walk((e) => e instanceof ContractFunctionRevertedError);
    if (revert instanceof ContractFunctionRevertedError) {
      const name = revert.data?.errorName;
      const args = (revert.data?.args ?? []) as Args;
      if (name && name !== 'Error' && name !== 'Panic') {
        const sentence = SENTENCES[name]?.(args);
        return {
          kind: 'revert',
          title: 'The contract would refuse this',
          message: sentence ?? `${name}(${args.map(n).join(', ')})`,
          errorName: name,
          details,
        };
      }
      return {
        kind: 'revert',
        title: 'The contract would refuse this',
        message: revert.reason ?? revert.shortMessage,
        details,
      };
    }
    if (error.walk((e) => e instanceof HttpRequestError || e instanceof TimeoutError)) {
      return {
        kind: 'network',
        title: 'Network problem',
        message: 'The network node did not answer. Nothing was sent; try again in a moment.',
        details,
      };
    }
    return { kind: 'unknown', title: 'Something went wrong', message: error.shortMessage, details };
  }
  return { kind: 'unknown', title: 'Something went wrong', message: details.split('\n')[0] || 'Unknown error', details };
}

// The shape of an area's error sentences, and the two helpers they share for a custom error's arguments.
// Kept apart from src/lib/errors.ts so the sentence maps import nothing that imports them.
import { formatInteger } from '../format';

/** A custom error's decoded arguments, as viem returns them. */
export type Args = readonly unknown[];
/** Error name → the sentence for its arguments. */
export type Sentences = Record<string, (a: Args) => string>;

/** An argument as text: integers grouped ("1,000"), anything else as it is. */
export const argText = (v: unknown): string => (typeof v === 'bigint' ? formatInteger(v) : String(v));

/** An argument that should be an integer (an amount, a time): 0n when it is not. */
export const big = (v: unknown): bigint => (typeof v === 'bigint' ? v : 0n);

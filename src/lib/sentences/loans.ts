// Sentences for this area's custom errors, merged into the one error helper (src/lib/errors.ts).
import type { Sentences } from '../errors';

export const sentences: Sentences = {};

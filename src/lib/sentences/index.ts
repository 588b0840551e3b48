// Every contract's error sentences, one map an area (src/lib/sentences/<area>.ts), merged for the one
// error helper (src/lib/errors.ts). An error name belongs to one map only: a name that several contracts
// raise lives in core.ts, and sentences.test.ts fails when two maps define the same name (a spread would
// otherwise let the later map override the earlier one without a word).
import { sentences as core } from './core';
import { sentences as earn } from './earn';
import { sentences as governance } from './governance';
import { sentences as loans } from './loans';
import { sentences as market } from './market';
import { sentences as pools } from './pools';
import type { Sentences } from './types';

export const SENTENCE_MAPS: Readonly<Record<string, Sentences>> = { core, earn, governance, loans, market, pools };

/** Names defined in more than one map, with the maps that define them. */
export function duplicateNames(maps: Readonly<Record<string, Sentences>>): Map<string, string[]> {
  const where = new Map<string, string[]>();
  for (const [area, map] of Object.entries(maps)) {
    for (const name of Object.keys(map)) where.set(name, [...(where.get(name) ?? []), area]);
  }
  return new Map([...where].filter(([, areas]) => areas.length > 1));
}

export const SENTENCES: Sentences = Object.assign({}, ...Object.values(SENTENCE_MAPS)) as Sentences;

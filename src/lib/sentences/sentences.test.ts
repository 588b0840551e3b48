import { describe, expect, it } from 'vitest';
import { describeError } from '../errors';
import { SENTENCE_MAPS, SENTENCES, duplicateNames } from '.';

describe('error sentences', () => {
  it('define every error name in one map only', () => {
    expect(Object.fromEntries(duplicateNames(SENTENCE_MAPS))).toEqual({});
  });

  it('duplicateNames finds a name two maps define', () => {
    const found = duplicateNames({ a: { ZeroAmount: () => 'x', Other: () => 'y' }, b: { ZeroAmount: () => 'z' } });
    expect(Object.fromEntries(found)).toEqual({ ZeroAmount: ['a', 'b'] });
  });

  it('merge every map', () => {
    const total = Object.values(SENTENCE_MAPS).reduce((s, m) => s + Object.keys(m).length, 0);
    expect(Object.keys(SENTENCES)).toHaveLength(total);
    expect(SENTENCES.ZeroAmount?.([])).toBe('The amount must be more than zero.');
    expect(SENTENCES.NothingToClaim?.([])).toBe('There is nothing to claim right now.');
  });

  it('keep describeError unchanged for a plain error', () => {
    expect(describeError(new Error('boom')).kind).toBe('unknown');
  });
});

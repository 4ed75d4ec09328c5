import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeSearchText, wordStartSuffixes } from './text.ts';

describe('normalizeSearchText', () => {
  it.each([
    ['BANYUWANGI', 'banyuwangi'],
    ['Bányuwàngi', 'banyuwangi'],
    ['Regapu’u', 'regapuu'],
    ['Tojo Una-Una', 'tojo una una'],
    ['  Kota   Batu ', 'kota batu'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeSearchText(input)).toBe(expected);
  });

  it('is idempotent and yields only [a-z0-9 ]', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const once = normalizeSearchText(s);
        expect(normalizeSearchText(once)).toBe(once);
        expect(once).toMatch(/^[a-z0-9 ]*$/);
      }),
    );
  });
});

describe('wordStartSuffixes', () => {
  it('lists the suffixes that start at a word, once each', () => {
    expect(wordStartSuffixes('kabupaten banyuwangi')).toEqual(['kabupaten banyuwangi', 'banyuwangi']);
    expect(wordStartSuffixes('sukamaju')).toEqual(['sukamaju']);
    expect(wordStartSuffixes('')).toEqual([]);
  });
});

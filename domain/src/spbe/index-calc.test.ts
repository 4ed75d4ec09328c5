import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SPBE_FRAMEWORKS, findSpbeFramework, getSpbeFramework, listSpbeIndicators } from './frameworks.ts';
import { computeSpbeIndex, getSpbePredicate } from './index-calc.ts';

const spbe2020 = getSpbeFramework('spbe-2020');
const uniform = (level: number, count = 47) =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [String(i + 1), level]));

describe('framework data', () => {
  it('SPBE 2020 has 4 domains, 8 aspects, 47 indicators, weights summing to 100', () => {
    expect(spbe2020.domains).toHaveLength(4);
    expect(spbe2020.domains.flatMap((d) => d.aspects)).toHaveLength(8);
    const indicators = listSpbeIndicators(spbe2020);
    expect(indicators.map((i) => i.indicator.number)).toEqual(Array.from({ length: 47 }, (_, i) => i + 1));
    expect(spbe2020.domains.flatMap((d) => d.aspects).map((a) => a.indicators.length)).toEqual([10, 4, 4, 2, 8, 3, 10, 6]);
    expect(indicators.find((i) => i.indicator.number === 32)?.indicator.weight).toBe(2.75);
  });

  it('every framework sums to 100 at each level and flags itself unverified', () => {
    for (const framework of SPBE_FRAMEWORKS) {
      const bp = (w: number) => Math.round(w * 100);
      expect(
        framework.domains.reduce((s, d) => s + bp(d.weight), 0),
        framework.id,
      ).toBe(10_000);
      for (const domain of framework.domains) {
        expect(domain.aspects.reduce((s, a) => s + bp(a.weight), 0)).toBe(bp(domain.weight));
        for (const aspect of domain.aspects)
          expect(aspect.indicators.reduce((s, i) => s + bp(i.weight), 0)).toBe(bp(aspect.weight));
      }
      expect(framework.verified).toBe(false);
    }
    expect(findSpbeFramework('pemdi-2025')?.scoredUnit).toBe('aspect');
    expect(findSpbeFramework('spbe-2018')).toBeUndefined();
    expect(() => getSpbeFramework('spbe-2018')).toThrow(RangeError);
  });
});

describe('computeSpbeIndex', () => {
  it('gives the level itself when all levels are equal', () => {
    for (const level of [1, 2, 3, 4, 5]) expect(computeSpbeIndex(spbe2020, uniform(level)).indexExact).toBe(level);
  });

  it('weights a single raised indicator by its share', () => {
    const levels = { ...uniform(2), '42': 5 };
    const result = computeSpbeIndex(spbe2020, levels);
    expect(result.indexExact).toBeCloseTo(2 + 3 * 0.03, 12);
    expect(result.index).toBe(2.09);
    expect(result.predicate).toBe('Cukup');
    const layanan = result.domains[3]!;
    expect(layanan.aspects[1]!.indexExact).toBeCloseTo(2.5, 12);
    expect(layanan.indexExact).toBeCloseTo(2 + (3 * 3) / 45.5, 12);
  });

  it('reads predicates from the published index at each band edge', () => {
    expect(getSpbePredicate(4.2).name).toBe('Memuaskan');
    expect(getSpbePredicate(4.195).name).toBe('Memuaskan');
    expect(getSpbePredicate(4.19).name).toBe('Sangat Baik');
    expect(getSpbePredicate(3.5).name).toBe('Sangat Baik');
    expect(getSpbePredicate(2.6).name).toBe('Baik');
    expect(getSpbePredicate(2.59).name).toBe('Cukup');
    expect(getSpbePredicate(1.8).name).toBe('Cukup');
    expect(getSpbePredicate(1.79).name).toBe('Kurang');
  });

  it('names the indicator of a missing, out-of-range or unknown level', () => {
    const { ['12']: _omitted, ...missing } = uniform(3);
    const result = computeSpbeIndex(spbe2020, { ...missing, '5': 6, '7': 2.5, '48': 3 });
    expect(result.valid).toBe(false);
    expect(result.index).toBeNull();
    expect(result.errors.map((e) => [e.code, e.message.match(/\d+/)?.[0]])).toEqual([
      ['SPBE_LEVEL_RANGE', '5'],
      ['SPBE_LEVEL_RANGE', '7'],
      ['SPBE_LEVEL_MISSING', '12'],
      ['SPBE_INDICATOR_UNKNOWN', '48'],
    ]);
  });

  it('lists the heaviest indicators first in the what-if and plans the fewest raises to the next predicate', () => {
    const result = computeSpbeIndex(spbe2020, uniform(3));
    expect(result.predicate).toBe('Baik');
    expect(result.whatIf.slice(0, 6).map((w) => w.indicator)).toEqual([42, 43, 44, 45, 46, 47]);
    expect(result.whatIf[0]).toMatchObject({ gainPerLevel: 0.03, gainToMax: 0.06 });
    const plan = result.toNextPredicate!;
    expect(plan.predicate).toBe('Sangat Baik');
    expect(plan.index).toBe(3.5);
    const raised = { ...uniform(3), ...Object.fromEntries(plan.raises.map((r) => [String(r.indicator), r.to])) };
    expect(computeSpbeIndex(spbe2020, raised).predicate).toBe('Sangat Baik');
    expect(computeSpbeIndex(spbe2020, uniform(5)).toNextPredicate).toBeNull();
  });

  it('scores Pemdi per aspect', () => {
    const pemdi = getSpbeFramework('pemdi-2025');
    const result = computeSpbeIndex(pemdi, { ...uniform(2, 9), '3': 4, '9': 4 });
    expect(result.indexExact).toBeCloseTo(2 + 2 * 0.2 + 2 * 0.2, 12);
    expect(result.predicate).toBe('Baik');
  });
});

describe('SPBE properties', () => {
  const levelsArb = fc
    .array(fc.integer({ min: 1, max: 5 }), { minLength: 47, maxLength: 47 })
    .map((ls) => Object.fromEntries(ls.map((l, i) => [String(i + 1), l])));

  it('the index is within 1–5, between the lowest and highest level, and rises with any level', () => {
    fc.assert(
      fc.property(levelsArb, fc.integer({ min: 1, max: 47 }), (levels, raise) => {
        const result = computeSpbeIndex(spbe2020, levels);
        const values = Object.values(levels) as number[];
        expect(result.indexExact!).toBeGreaterThanOrEqual(Math.min(...values) - 1e-12);
        expect(result.indexExact!).toBeLessThanOrEqual(Math.max(...values) + 1e-12);
        fc.pre((levels[String(raise)] as number) < 5);
        const higher = computeSpbeIndex(spbe2020, { ...levels, [String(raise)]: (levels[String(raise)] as number) + 1 });
        expect(higher.indexExact!).toBeGreaterThan(result.indexExact!);
      }),
    );
  });

  it('the index equals the domain indexes weighted by domain weight', () => {
    fc.assert(
      fc.property(levelsArb, (levels) => {
        const result = computeSpbeIndex(spbe2020, levels);
        const fromDomains = result.domains.reduce((s, d) => s + d.indexExact * d.weight, 0) / 100;
        expect(fromDomains).toBeCloseTo(result.indexExact!, 10);
      }),
    );
  });
});

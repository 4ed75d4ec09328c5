import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  IKM_ELEMENT_CODES,
  computeIkm,
  computeIkmByGroup,
  getIkmConversion,
  krejcieMorganSampleSize,
  type IkmResponse,
  type IkmScore,
} from './ikm.ts';

const all = (score: IkmScore): IkmResponse => Object.fromEntries(IKM_ELEMENT_CODES.map((c) => [c, score]));

describe('computeIkm', () => {
  it('gives 100 / 25 with exact weights and 99.9 / 24.975 with 0.111', () => {
    expect(computeIkm([all(4)]).ikmExact).toBe(100);
    expect(computeIkm([all(1)]).ikmExact).toBe(25);
    expect(computeIkm([all(4)], { weight: '0.111' }).ikm).toBe(99.9);
    expect(computeIkm([all(1)], { weight: '0.111' })).toMatchObject({ ikm: 24.98, mutu: 'D' });
  });

  it('computes NRR per element over answered items only, keyed by code', () => {
    const responses: IkmResponse[] = [
      { U1: 4, U2: 3, U3: 3, U4: 4, U5: 3, U6: 4, U7: 4, U8: 3, U9: 2 },
      { U9: 4, U8: 4, U7: 3, U6: 3, U5: 3, U4: 4, U3: 2, U2: 3, U1: null },
      { U1: 3, U2: 3, U3: 2, U4: 4, U5: 3, U6: 4, U7: 4, U8: 2, U9: 3 },
    ];
    const result = computeIkm(responses);
    const u1 = result.elements.find((e) => e.code === 'U1')!;
    expect(u1).toMatchObject({ answered: 2, sum: 7, nrr: 3.5, nrrExact: 3.5, mutu: 'B' });
    const nrr = result.elements.map((e) => e.nrrExact!);
    expect(result.ikmExact).toBeCloseTo((nrr.reduce((a, b) => a + b, 0) / 9) * 25, 12);
    expect(result.ikm).toBe(81.02);
    expect(result).toMatchObject({ respondents: 3, mutu: 'B', kinerja: 'Baik', weakElements: ['U3', 'U2', 'U5', 'U8', 'U9'] });
  });

  it('reads mutu from the IKM as published (2 decimals), at every band edge', () => {
    expect(getIkmConversion(88.31).mutu).toBe('A');
    expect(getIkmConversion(88.305).mutu).toBe('A');
    expect(getIkmConversion(88.3049).mutu).toBe('B');
    expect(getIkmConversion(76.61).mutu).toBe('B');
    expect(getIkmConversion(76.6).mutu).toBe('C');
    expect(getIkmConversion(65).mutu).toBe('C');
    expect(getIkmConversion(64.99).mutu).toBe('D');
    expect(getIkmConversion(64.995).mutu).toBe('C');
    expect(() => getIkmConversion(101)).toThrow(RangeError);
  });

  it('reports empty input and empty elements instead of inventing a number', () => {
    expect(computeIkm([]).issues.map((i) => i.code)).toEqual(['IKM_NO_RESPONSES']);
    const partial = computeIkm([{ U1: 4, U2: 4 }]);
    expect(partial.ikm).toBeNull();
    expect(partial.issues.map((i) => i.code)).toEqual(['IKM_ELEMENT_EMPTY']);
    expect(() => computeIkm([{ U1: 5 as IkmScore }])).toThrow(RangeError);
  });

  it('checks the sample against Krejcie–Morgan', () => {
    const result = computeIkm([all(3)], { population: 100 });
    expect(result.sample).toEqual({ population: 100, required: 80, respondents: 1, sufficient: false });
    expect(result.issues.map((i) => i.code)).toContain('IKM_SAMPLE_TOO_SMALL');
  });

  it('groups responses by key', () => {
    const groups = computeIkmByGroup([
      { key: 'Disdukcapil', response: all(4) },
      { key: 'DPMPTSP', response: all(2) },
      { key: 'Disdukcapil', response: all(3) },
    ]);
    expect(groups.map((g) => [g.key, g.result.ikm, g.result.mutu])).toEqual([
      ['Disdukcapil', 87.5, 'B'],
      ['DPMPTSP', 50, 'D'],
    ]);
  });
});

describe('Krejcie–Morgan', () => {
  it('reproduces every row of the table in REFERENCE §1', () => {
    const table: Array<[number, number]> = [
      [10, 10],
      [20, 19],
      [30, 28],
      [50, 44],
      [100, 80],
      [150, 108],
      [200, 132],
      [300, 169],
      [500, 217],
      [1_000, 278],
      [2_000, 322],
      [5_000, 357],
      [10_000, 370],
      [20_000, 377],
      [50_000, 381],
      [100_000, 384],
      [1_000_000, 384],
    ];
    for (const [population, sample] of table) expect(krejcieMorganSampleSize(population), `N = ${population}`).toBe(sample);
  });

  it('never asks for more than the population or fewer for a larger one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200_000 }), (n) => {
        const s = krejcieMorganSampleSize(n);
        expect(s).toBeLessThanOrEqual(n);
        expect(s).toBeLessThanOrEqual(384);
        expect(krejcieMorganSampleSize(n + 1)).toBeGreaterThanOrEqual(s);
      }),
    );
    expect(() => krejcieMorganSampleSize(-1)).toThrow(RangeError);
  });
});

const scoreArb = fc.constantFrom<IkmScore>(1, 2, 3, 4);
const responseArb: fc.Arbitrary<IkmResponse> = fc.record(
  Object.fromEntries(IKM_ELEMENT_CODES.map((c) => [c, fc.option(scoreArb, { nil: null, freq: 5 })])) as Record<
    string,
    fc.Arbitrary<IkmScore | null>
  >,
);
// At least one full response so every element has an answer and the IKM exists.
const surveyArb = fc
  .tuple(fc.tuple(...IKM_ELEMENT_CODES.map(() => scoreArb)), fc.array(responseArb, { maxLength: 40 }))
  .map(([full, rest]) => [Object.fromEntries(IKM_ELEMENT_CODES.map((c, i) => [c, full[i]])) as IkmResponse, ...rest]);

describe('IKM properties', () => {
  it('stays within 25–100 (exact) and 24.975–99.9 (0.111)', () => {
    fc.assert(
      fc.property(surveyArb, (responses) => {
        const exact = computeIkm(responses).ikmExact!;
        expect(exact).toBeGreaterThanOrEqual(25);
        expect(exact).toBeLessThanOrEqual(100);
        const annex = computeIkm(responses, { weight: '0.111' }).ikmExact!;
        expect(annex).toBeGreaterThanOrEqual(24.975 - 1e-9);
        expect(annex).toBeLessThanOrEqual(99.9 + 1e-9);
      }),
    );
  });

  it('never falls when one answer rises, under either weight', () => {
    fc.assert(
      fc.property(surveyArb, fc.nat(), fc.constantFrom(...IKM_ELEMENT_CODES), (responses, index, code) => {
        const row = index % responses.length;
        const score = responses[row]![code];
        fc.pre(score !== null && score !== undefined && score < 4);
        const raised = responses.map((r, i) => (i === row ? { ...r, [code]: (score! + 1) as IkmScore } : r));
        for (const weight of ['exact', '0.111'] as const) {
          expect(computeIkm(raised, { weight }).ikmExact!).toBeGreaterThanOrEqual(computeIkm(responses, { weight }).ikmExact!);
        }
      }),
    );
  });

  it('does not depend on the order of responses or of keys', () => {
    fc.assert(
      fc.property(surveyArb, (responses) => {
        const reversed = [...responses].reverse().map((r) => Object.fromEntries(Object.entries(r).reverse()) as IkmResponse);
        expect(computeIkm(reversed).ikm).toBe(computeIkm(responses).ikm);
      }),
    );
  });
});

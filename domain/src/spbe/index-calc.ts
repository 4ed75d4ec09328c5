/**
 * Indeks SPBE / Pemdi = Σ level_i × weight_i (weights as fractions of 1), levels 1–5 (REFERENCE
 * §2). Domain and aspect indexes are weighted averages of their indicators. Weights are summed
 * in hundredths of a percent (integers) so 47 × 1.3 % never drifts; the predicate is read from
 * the index rounded to 2 decimals, the precision indexes are published in.
 */
import type { DomainIssue } from '../issue.ts';
import { roundHalfUp } from '../number.ts';
import { SPBE_PREDICATES, listSpbeIndicators, type SpbeFramework, type SpbePredicate } from './frameworks.ts';

/** Indicator number (as JSON gives it, a string key) → maturity level 1–5. */
export type SpbeLevels = Readonly<Record<string, unknown>>;

export interface SpbeAspectScore {
  number: number;
  name: string;
  weight: number;
  index: number;
  indexExact: number;
}

export interface SpbeDomainScore extends SpbeAspectScore {
  aspects: SpbeAspectScore[];
}

export interface SpbeLevelUp {
  indicator: number;
  name: string;
  aspect: string;
  level: number;
  /** Index points gained per level raised (weight / 100). */
  gainPerLevel: number;
  /** Index points gained by raising it to 5. */
  gainToMax: number;
}

export interface SpbeResult {
  valid: boolean;
  framework: { id: string; name: string; verified: boolean; scoredUnit: 'indicator' | 'aspect' };
  index: number | null;
  indexExact: number | null;
  predicate: string | null;
  predicateEn: string | null;
  domains: SpbeDomainScore[];
  /** Indicators below 5, biggest gain per level first. */
  whatIf: SpbeLevelUp[];
  /** Fewest single-level raises that reach the next predicate; null at Memuaskan or when invalid. */
  toNextPredicate: { predicate: string; raises: Array<{ indicator: number; from: number; to: number }>; index: number } | null;
  errors: DomainIssue[];
}

const BASIS = 100; // hundredths of a percent per percent

function basisPoints(weight: number): number {
  return Math.round(weight * BASIS);
}

/** The predicate band for an index 0–5. Throws RangeError outside that range. */
export function getSpbePredicate(index: number): SpbePredicate {
  if (!(index >= 0 && index <= 5)) throw new RangeError(`index must be within 0–5, got ${index}`);
  const published = roundHalfUp(index, 2);
  return SPBE_PREDICATES.find((p) => published >= p.min) ?? SPBE_PREDICATES[SPBE_PREDICATES.length - 1]!;
}

/** Problems with a levels object: SPBE_LEVEL_MISSING, SPBE_LEVEL_RANGE, SPBE_INDICATOR_UNKNOWN. */
export function validateSpbeLevels(framework: SpbeFramework, levels: SpbeLevels): DomainIssue[] {
  const unit = framework.scoredUnit === 'aspect' ? 'aspek' : 'indikator';
  const unitEn = framework.scoredUnit === 'aspect' ? 'aspect' : 'indicator';
  const errors: DomainIssue[] = [];
  const known = new Set(listSpbeIndicators(framework).map(({ indicator }) => String(indicator.number)));
  for (const { indicator } of listSpbeIndicators(framework)) {
    const level = levels[String(indicator.number)];
    if (level === undefined || level === null) {
      errors.push({
        code: 'SPBE_LEVEL_MISSING',
        message: `Tingkat ${unit} ${indicator.number} (${indicator.name}) belum diisi.`,
        messageEn: `No level for ${unitEn} ${indicator.number} (${indicator.name}).`,
      });
    } else if (typeof level !== 'number' || !Number.isInteger(level) || level < 1 || level > 5) {
      errors.push({
        code: 'SPBE_LEVEL_RANGE',
        message: `Tingkat ${unit} ${indicator.number} harus bilangan bulat 1–5, bukan ${JSON.stringify(level)}.`,
        messageEn: `The level of ${unitEn} ${indicator.number} must be a whole number 1–5, not ${JSON.stringify(level)}.`,
      });
    }
  }
  for (const key of Object.keys(levels)) {
    if (!known.has(key))
      errors.push({
        code: 'SPBE_INDICATOR_UNKNOWN',
        message: `${unit} "${key}" tidak ada dalam kerangka ${framework.id}.`,
        messageEn: `${unitEn} "${key}" is not part of framework ${framework.id}.`,
      });
  }
  return errors;
}

/** Index, predicate, domain/aspect breakdown and what-ifs. Never throws for bad levels: see `errors`. */
export function computeSpbeIndex(framework: SpbeFramework, levels: SpbeLevels): SpbeResult {
  const base = {
    framework: { id: framework.id, name: framework.name, verified: framework.verified, scoredUnit: framework.scoredUnit },
  };
  const errors = validateSpbeLevels(framework, levels);
  if (errors.length > 0) {
    return {
      ...base,
      valid: false,
      index: null,
      indexExact: null,
      predicate: null,
      predicateEn: null,
      domains: [],
      whatIf: [],
      toNextPredicate: null,
      errors,
    };
  }
  const levelOf = (n: number) => levels[String(n)] as number;
  const score = (indicators: ReadonlyArray<{ number: number; weight: number }>) => {
    const weighted = indicators.reduce((sum, i) => sum + levelOf(i.number) * basisPoints(i.weight), 0);
    const total = indicators.reduce((sum, i) => sum + basisPoints(i.weight), 0);
    const indexExact = total === 0 ? 0 : weighted / total;
    return { index: roundHalfUp(indexExact, 2), indexExact };
  };

  const domains = framework.domains.map((domain) => ({
    number: domain.number,
    name: domain.name,
    weight: domain.weight,
    ...score(domain.aspects.flatMap((a) => a.indicators)),
    aspects: domain.aspects.map((aspect) => ({
      number: aspect.number,
      name: aspect.name,
      weight: aspect.weight,
      ...score(aspect.indicators),
    })),
  }));
  // The whole index divides by 100 %, not by the weights present: weights must sum to 100.
  const indexExact =
    listSpbeIndicators(framework).reduce(
      (sum, { indicator }) => sum + levelOf(indicator.number) * basisPoints(indicator.weight),
      0,
    ) /
    (100 * BASIS);
  const predicate = getSpbePredicate(indexExact);

  const whatIf = listSpbeIndicators(framework)
    .filter(({ indicator }) => levelOf(indicator.number) < 5)
    .map(({ indicator, aspect }) => ({
      indicator: indicator.number,
      name: indicator.name,
      aspect: aspect.name,
      level: levelOf(indicator.number),
      gainPerLevel: basisPoints(indicator.weight) / (100 * BASIS),
      gainToMax: ((5 - levelOf(indicator.number)) * basisPoints(indicator.weight)) / (100 * BASIS),
    }))
    .sort((a, b) => b.gainPerLevel - a.gainPerLevel || a.indicator - b.indicator);

  return {
    ...base,
    valid: true,
    index: roundHalfUp(indexExact, 2),
    indexExact,
    predicate: predicate.name,
    predicateEn: predicate.nameEn,
    domains,
    whatIf,
    toNextPredicate: planNextPredicate({ framework, levelOf, indexExact, whatIf }),
    errors: [],
  };
}

interface PlanOptions {
  framework: SpbeFramework;
  levelOf: (n: number) => number;
  indexExact: number;
  whatIf: SpbeLevelUp[];
}

// Every raise costs one level and gains its indicator's weight, so taking the heaviest raises
// first reaches any target in the fewest raises.
function planNextPredicate(options: PlanOptions): SpbeResult['toNextPredicate'] {
  const current = getSpbePredicate(options.indexExact);
  const rank = SPBE_PREDICATES.indexOf(current);
  if (rank === 0) return null;
  const target = SPBE_PREDICATES[rank - 1]!;
  const scale = 100 * BASIS;
  let points = Math.round(options.indexExact * scale);
  const reached = () => SPBE_PREDICATES.indexOf(getSpbePredicate(points / scale)) < rank;
  const raises: Array<{ indicator: number; from: number; to: number }> = [];
  for (const step of options.whatIf) {
    if (reached()) break;
    const from = options.levelOf(step.indicator);
    let to = from;
    while (to < 5 && !reached()) {
      to++;
      points += Math.round(step.gainPerLevel * scale);
    }
    raises.push({ indicator: step.indicator, from, to });
  }
  return { predicate: target.name, raises, index: roundHalfUp(points / scale, 2) };
}

/**
 * Indeks Kepuasan Masyarakat (IKM, community satisfaction index), PermenPAN-RB 14/2017
 * (REFERENCE §1). Answers are keyed by element code U1…U9, never by column position, because
 * many questionnaires swap U8 and U9.
 *
 * NRR_i = mean of the answered scores of element i (blanks skipped per element);
 * IKM = Σ NRR_i × weight × 25, weight 1/9 (exact, default) or 0.111 (as the annex prints it).
 * Mutu and kinerja are read from the conversion table with the IKM rounded to 2 decimals, the
 * precision the table is written in, so a published "88.31" and its "A" always agree.
 */
import type { DomainIssue } from './issue.ts';
import { roundHalfUp } from './number.ts';

export type IkmElementCode = 'U1' | 'U2' | 'U3' | 'U4' | 'U5' | 'U6' | 'U7' | 'U8' | 'U9';
export type IkmScore = 1 | 2 | 3 | 4;
export type IkmResponse = Partial<Record<IkmElementCode, IkmScore | null>>;
export type IkmWeightConvention = 'exact' | '0.111';
export type IkmMutu = 'A' | 'B' | 'C' | 'D';

export interface IkmElement {
  code: IkmElementCode;
  name: string;
  nameEn: string;
}

export const IKM_ELEMENTS: readonly IkmElement[] = [
  { code: 'U1', name: 'Persyaratan', nameEn: 'Requirements' },
  { code: 'U2', name: 'Sistem, Mekanisme, dan Prosedur', nameEn: 'Procedure' },
  { code: 'U3', name: 'Waktu Penyelesaian', nameEn: 'Completion time' },
  { code: 'U4', name: 'Biaya/Tarif', nameEn: 'Fee' },
  { code: 'U5', name: 'Produk Spesifikasi Jenis Pelayanan', nameEn: 'Product matches the standard' },
  { code: 'U6', name: 'Kompetensi Pelaksana', nameEn: 'Staff competence' },
  { code: 'U7', name: 'Perilaku Pelaksana', nameEn: 'Staff courtesy' },
  { code: 'U8', name: 'Penanganan Pengaduan, Saran dan Masukan', nameEn: 'Complaint handling' },
  { code: 'U9', name: 'Sarana dan Prasarana', nameEn: 'Facilities' },
];

export const IKM_ELEMENT_CODES: readonly IkmElementCode[] = IKM_ELEMENTS.map((e) => e.code);

export const IKM_WEIGHTS: Readonly<Record<IkmWeightConvention, number>> = { exact: 1 / 9, '0.111': 0.111 };

export interface IkmConversionRow {
  persepsi: 1 | 2 | 3 | 4;
  mutu: IkmMutu;
  kinerja: string;
  kinerjaEn: string;
  /** Lowest IKM (2 decimals) in the band; the bands are read top-down by this bound. */
  ikmMin: number;
  ikmMax: number;
  nrrMin: number;
  nrrMax: number;
}

/** PermenPAN-RB 14/2017 conversion table [V:S2,S3], best band first. */
export const IKM_CONVERSION: readonly IkmConversionRow[] = [
  {
    persepsi: 4,
    mutu: 'A',
    kinerja: 'Sangat Baik',
    kinerjaEn: 'Very good',
    ikmMin: 88.31,
    ikmMax: 100,
    nrrMin: 3.5324,
    nrrMax: 4,
  },
  { persepsi: 3, mutu: 'B', kinerja: 'Baik', kinerjaEn: 'Good', ikmMin: 76.61, ikmMax: 88.3, nrrMin: 3.0644, nrrMax: 3.532 },
  { persepsi: 2, mutu: 'C', kinerja: 'Kurang Baik', kinerjaEn: 'Fair', ikmMin: 65, ikmMax: 76.6, nrrMin: 2.6, nrrMax: 3.064 },
  { persepsi: 1, mutu: 'D', kinerja: 'Tidak Baik', kinerjaEn: 'Poor', ikmMin: 25, ikmMax: 64.99, nrrMin: 1, nrrMax: 2.5996 },
];

/**
 * The conversion row for an IKM value (0.111 weights can give 24.975, still D). Throws
 * RangeError outside 0–100.
 */
export function getIkmConversion(ikm: number): IkmConversionRow {
  if (!(ikm >= 0 && ikm <= 100)) throw new RangeError(`IKM must be within 0–100, got ${ikm}`);
  const published = roundHalfUp(ikm, 2);
  return IKM_CONVERSION.find((row) => published >= row.ikmMin) ?? IKM_CONVERSION[IKM_CONVERSION.length - 1]!;
}

/**
 * Krejcie–Morgan minimum sample (95 % confidence, 5 % margin) for a population N:
 * s = 3.841·N·0.25 / (0.0025(N−1) + 0.960), rounded half up; 384 from N = 100 000, as the
 * table's last row. Throws RangeError for a negative or fractional N.
 */
export function krejcieMorganSampleSize(population: number): number {
  if (!Number.isInteger(population) || population < 0)
    throw new RangeError(`population must be a whole number ≥ 0, got ${population}`);
  if (population === 0) return 0;
  if (population >= 100_000) return 384;
  const s = (3.841 * population * 0.25) / (0.0025 * (population - 1) + 0.96);
  return Math.min(population, roundHalfUp(s, 0));
}

export interface IkmOptions {
  weight?: IkmWeightConvention;
  /** Display rounding of NRR and IKM; exact values are kept beside. Default 2. */
  decimals?: number;
  /** Service users in the survey period, for the sample check. */
  population?: number;
}

export interface IkmElementResult {
  code: IkmElementCode;
  name: string;
  nameEn: string;
  answered: number;
  sum: number;
  nrr: number | null;
  nrrExact: number | null;
  /** NRR × weight (NRR tertimbang), exact. */
  nrrWeighted: number | null;
  /** The element's own band (NRR × 25 on the IKM scale). */
  mutu: IkmMutu | null;
}

export interface IkmSample {
  population: number;
  required: number;
  respondents: number;
  sufficient: boolean;
}

export interface IkmResult {
  respondents: number;
  weight: IkmWeightConvention;
  ikm: number | null;
  ikmExact: number | null;
  mutu: IkmMutu | null;
  kinerja: string | null;
  kinerjaEn: string | null;
  elements: IkmElementResult[];
  /** Elements below mutu B (NRR < 3.0644), weakest first: where follow-up should start. */
  weakElements: IkmElementCode[];
  sample: IkmSample | null;
  /** IKM_NO_RESPONSES, IKM_ELEMENT_EMPTY, IKM_SAMPLE_TOO_SMALL. */
  issues: DomainIssue[];
}

/**
 * IKM with NRR per element, mutu, kinerja, weak elements and the sample check. Scores must be
 * 1–4 or null; throws RangeError for any other value or a bad option.
 */
export function computeIkm(responses: readonly IkmResponse[], options: IkmOptions = {}): IkmResult {
  const weight = options.weight ?? 'exact';
  const decimals = options.decimals ?? 2;
  if (!(weight in IKM_WEIGHTS)) throw new RangeError(`unknown weight convention "${weight}"`);
  const issues: DomainIssue[] = [];
  const respondents = responses.length;
  if (respondents === 0) {
    issues.push({ code: 'IKM_NO_RESPONSES', message: 'Belum ada responden.', messageEn: 'No responses.' });
  }

  const elements = IKM_ELEMENTS.map((element): IkmElementResult => {
    let sum = 0;
    let answered = 0;
    for (const response of responses) {
      const score = response[element.code];
      if (score === null || score === undefined) continue;
      if (score !== 1 && score !== 2 && score !== 3 && score !== 4)
        throw new RangeError(`${element.code}: score must be 1–4, got ${String(score)}`);
      sum += score;
      answered++;
    }
    const nrrExact = answered > 0 ? sum / answered : null;
    return {
      ...element,
      answered,
      sum,
      nrr: nrrExact === null ? null : roundHalfUp(nrrExact, decimals),
      nrrExact,
      nrrWeighted: nrrExact === null ? null : nrrExact * IKM_WEIGHTS[weight],
      mutu: nrrExact === null ? null : getIkmConversion(nrrExact * 25).mutu,
    };
  });

  const empty = elements.filter((e) => e.answered === 0);
  if (respondents > 0 && empty.length > 0) {
    const codes = empty.map((e) => e.code).join(', ');
    issues.push({
      code: 'IKM_ELEMENT_EMPTY',
      message: `Unsur ${codes} tidak memiliki jawaban; IKM tidak dapat dihitung.`,
      messageEn: `No answers for ${codes}; the IKM cannot be computed.`,
    });
  }
  const ikmExact =
    empty.length > 0
      ? null
      : ikmFromNrr(
          elements.map((e) => e.nrrExact!),
          weight,
        );
  const band = ikmExact === null ? null : getIkmConversion(ikmExact);
  const weakElements = elements
    .filter((e) => e.mutu === 'C' || e.mutu === 'D')
    .sort((a, b) => a.nrrExact! - b.nrrExact! || a.code.localeCompare(b.code))
    .map((e) => e.code);

  let sample: IkmSample | null = null;
  if (options.population !== undefined) {
    const required = krejcieMorganSampleSize(options.population);
    sample = { population: options.population, required, respondents, sufficient: respondents >= required };
    if (!sample.sufficient) {
      issues.push({
        code: 'IKM_SAMPLE_TOO_SMALL',
        message: `Responden ${respondents} kurang dari sampel minimum ${required} untuk populasi ${options.population}.`,
        messageEn: `${respondents} respondents is below the minimum sample of ${required} for a population of ${options.population}.`,
      });
    }
  }

  return {
    respondents,
    weight,
    ikm: ikmExact === null ? null : roundHalfUp(ikmExact, decimals),
    ikmExact,
    mutu: band?.mutu ?? null,
    kinerja: band?.kinerja ?? null,
    kinerjaEn: band?.kinerjaEn ?? null,
    elements,
    weakElements,
    sample,
    issues,
  };
}

function ikmFromNrr(nrr: number[], weight: IkmWeightConvention): number {
  const total = nrr.reduce((a, b) => a + b, 0);
  // Exact weights divide once: (Σ NRR / 9) × 25 keeps all-4 answers at exactly 100.
  return weight === 'exact' ? (total / nrr.length) * 25 : nrr.reduce((a, n) => a + n * IKM_WEIGHTS['0.111'], 0) * 25;
}

export interface IkmGroupInput {
  /** Group label, e.g. the service unit; responses with equal keys are pooled. */
  key: string;
  response: IkmResponse;
}

/** IKM per group, groups in first-seen order. Throws like computeIkm. */
export function computeIkmByGroup(
  items: readonly IkmGroupInput[],
  options: IkmOptions = {},
): Array<{ key: string; result: IkmResult }> {
  const groups = new Map<string, IkmResponse[]>();
  for (const item of items) {
    const list = groups.get(item.key) ?? [];
    list.push(item.response);
    groups.set(item.key, list);
  }
  return [...groups].map(([key, responses]) => ({ key, result: computeIkm(responses, options) }));
}

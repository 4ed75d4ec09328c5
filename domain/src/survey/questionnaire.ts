/**
 * The SKM questionnaire of PermenPAN-RB 14/2017 (REFERENCE §1): nine elements U1–U9, each with
 * its own four answer labels (1 = worst, 4 = best), and the respondent profile. Answers are keyed
 * by element code, never by position: many printed forms swap U8 and U9. Labels and profile
 * options are data; the questions and labels follow the annex as commonly printed [M], U4 [V:S3].
 */
import type { IkmElementCode, IkmResponse, IkmScore } from '../ikm.ts';
import { IKM_ELEMENT_CODES } from '../ikm.ts';

export interface SkmQuestion {
  code: IkmElementCode;
  question: string;
  questionEn: string;
  /** Answers 1…4 in Bahasa Indonesia and English. */
  labels: readonly [string, string, string, string];
  labelsEn: readonly [string, string, string, string];
}

export const SKM_QUESTIONS: readonly SkmQuestion[] = [
  {
    code: 'U1',
    question: 'Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?',
    questionEn: 'How well did the requirements fit the service?',
    labels: ['Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai'],
    labelsEn: ['Not fitting', 'Somewhat fitting', 'Fitting', 'Very fitting'],
  },
  {
    code: 'U2',
    question: 'Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?',
    questionEn: 'How easy was the procedure?',
    labels: ['Tidak mudah', 'Kurang mudah', 'Mudah', 'Sangat mudah'],
    labelsEn: ['Not easy', 'Somewhat easy', 'Easy', 'Very easy'],
  },
  {
    code: 'U3',
    question: 'Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?',
    questionEn: 'How fast was the service?',
    labels: ['Tidak cepat', 'Kurang cepat', 'Cepat', 'Sangat cepat'],
    labelsEn: ['Not fast', 'Somewhat fast', 'Fast', 'Very fast'],
  },
  {
    code: 'U4',
    question: 'Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?',
    questionEn: 'How fair was the fee?',
    labels: ['Sangat mahal', 'Cukup mahal', 'Murah', 'Gratis'],
    labelsEn: ['Very expensive', 'Rather expensive', 'Cheap', 'Free'],
  },
  {
    code: 'U5',
    question:
      'Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?',
    questionEn: 'Did the result match what the service standard promises?',
    labels: ['Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai'],
    labelsEn: ['Not matching', 'Somewhat matching', 'Matching', 'Fully matching'],
  },
  {
    code: 'U6',
    question: 'Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?',
    questionEn: 'How competent were the staff?',
    labels: ['Tidak kompeten', 'Kurang kompeten', 'Kompeten', 'Sangat kompeten'],
    labelsEn: ['Not competent', 'Somewhat competent', 'Competent', 'Very competent'],
  },
  {
    code: 'U7',
    question: 'Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?',
    questionEn: 'How polite and friendly were the staff?',
    labels: ['Tidak sopan dan ramah', 'Kurang sopan dan ramah', 'Sopan dan ramah', 'Sangat sopan dan ramah'],
    labelsEn: ['Not polite', 'Somewhat polite', 'Polite and friendly', 'Very polite and friendly'],
  },
  {
    code: 'U8',
    question: 'Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?',
    questionEn: 'How are complaints from service users handled?',
    labels: ['Tidak ada', 'Ada tetapi tidak berfungsi', 'Berfungsi kurang maksimal', 'Dikelola dengan baik'],
    labelsEn: ['There is none', 'Exists but does not work', 'Works, not fully', 'Well managed'],
  },
  {
    code: 'U9',
    question: 'Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?',
    questionEn: 'How good are the facilities?',
    labels: ['Buruk', 'Cukup', 'Baik', 'Sangat baik'],
    labelsEn: ['Poor', 'Fair', 'Good', 'Very good'],
  },
];

export type SkmAgeBand = '<20' | '20-29' | '30-39' | '40-49' | '50-59' | '60+';
export type SkmSex = 'L' | 'P';
export type SkmEducation = 'sd' | 'smp' | 'sma' | 'diploma' | 's1' | 's2' | 's3';
export type SkmOccupation = 'pns' | 'tni' | 'polri' | 'swasta' | 'wirausaha' | 'pelajar' | 'lainnya';

interface Option<T extends string> {
  code: T;
  label: string;
  labelEn: string;
}

/** The respondent profile of the annex (never a NIK or a name). */
export const SKM_PROFILE = {
  ageBand: [
    { code: '<20', label: 'Di bawah 20 tahun', labelEn: 'Under 20' },
    { code: '20-29', label: '20–29 tahun', labelEn: '20–29' },
    { code: '30-39', label: '30–39 tahun', labelEn: '30–39' },
    { code: '40-49', label: '40–49 tahun', labelEn: '40–49' },
    { code: '50-59', label: '50–59 tahun', labelEn: '50–59' },
    { code: '60+', label: '60 tahun ke atas', labelEn: '60 and over' },
  ] as readonly Option<SkmAgeBand>[],
  sex: [
    { code: 'L', label: 'Laki-laki', labelEn: 'Male' },
    { code: 'P', label: 'Perempuan', labelEn: 'Female' },
  ] as readonly Option<SkmSex>[],
  education: [
    { code: 'sd', label: 'SD ke bawah', labelEn: 'Primary or less' },
    { code: 'smp', label: 'SMP', labelEn: 'Junior secondary' },
    { code: 'sma', label: 'SMA', labelEn: 'Senior secondary' },
    { code: 'diploma', label: 'D1–D3', labelEn: 'Diploma' },
    { code: 's1', label: 'D4/S1', labelEn: "Bachelor's" },
    { code: 's2', label: 'S2', labelEn: "Master's" },
    { code: 's3', label: 'S3', labelEn: 'Doctorate' },
  ] as readonly Option<SkmEducation>[],
  occupation: [
    { code: 'pns', label: 'PNS', labelEn: 'Civil servant' },
    { code: 'tni', label: 'TNI', labelEn: 'Armed forces' },
    { code: 'polri', label: 'Polri', labelEn: 'Police' },
    { code: 'swasta', label: 'Pegawai swasta', labelEn: 'Private employee' },
    { code: 'wirausaha', label: 'Wirausaha', labelEn: 'Self-employed' },
    { code: 'pelajar', label: 'Pelajar/Mahasiswa', labelEn: 'Student' },
    { code: 'lainnya', label: 'Lainnya', labelEn: 'Other' },
  ] as readonly Option<SkmOccupation>[],
} as const;

export interface SkmProfile {
  ageBand?: SkmAgeBand | null;
  sex?: SkmSex | null;
  education?: SkmEducation | null;
  occupation?: SkmOccupation | null;
}

export interface SkmAnswerIssue {
  code: 'SKM_ANSWER_RANGE' | 'SKM_ANSWER_UNKNOWN' | 'SKM_ANSWERS_EMPTY' | 'SKM_PROFILE_UNKNOWN';
  field: string;
  message: string;
  messageEn: string;
}

/**
 * Checks one questionnaire: answers keyed U1–U9 with 1–4 or null (skipped), at least one answered,
 * profile values from SKM_PROFILE. Returns the cleaned response or every problem found.
 */
export function validateSkmAnswers(
  answers: Record<string, unknown>,
  profile: Record<string, unknown> = {},
): { ok: true; response: IkmResponse } | { ok: false; issues: SkmAnswerIssue[] } {
  const issues: SkmAnswerIssue[] = [];
  const response: IkmResponse = {};
  for (const [key, value] of Object.entries(answers)) {
    if (!(IKM_ELEMENT_CODES as readonly string[]).includes(key)) {
      issues.push({
        code: 'SKM_ANSWER_UNKNOWN',
        field: key,
        message: `${key} bukan unsur SKM (U1–U9).`,
        messageEn: `${key} is not an SKM element (U1–U9).`,
      });
      continue;
    }
    if (value === null || value === undefined) continue;
    if (value !== 1 && value !== 2 && value !== 3 && value !== 4) {
      issues.push({
        code: 'SKM_ANSWER_RANGE',
        field: key,
        message: `${key}: jawaban harus 1–4, bukan ${JSON.stringify(value)}.`,
        messageEn: `${key}: the answer must be 1–4, not ${JSON.stringify(value)}.`,
      });
      continue;
    }
    response[key as IkmElementCode] = value as IkmScore;
  }
  if (issues.length === 0 && Object.keys(response).length === 0) {
    issues.push({
      code: 'SKM_ANSWERS_EMPTY',
      field: 'answers',
      message: 'Jawab paling sedikit satu unsur.',
      messageEn: 'Answer at least one element.',
    });
  }
  for (const [key, options] of Object.entries(SKM_PROFILE)) {
    const value = profile[key];
    if (value === null || value === undefined || value === '') continue;
    if (!(options as readonly Option<string>[]).some((o) => o.code === value)) {
      issues.push({
        code: 'SKM_PROFILE_UNKNOWN',
        field: key,
        message: `${key}: pilihan "${String(value)}" tidak dikenal.`,
        messageEn: `${key}: "${String(value)}" is not one of the options.`,
      });
    }
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, response };
}

/**
 * The SKM export: one CSV row per questionnaire, columns U1…U9 (1–4, blank when skipped) and the
 * grouping columns, in the format `layan ikm` reads (server/src/cli/commands/ikm.ts), so anyone can
 * recompute a published IKM from the file: `layan ikm skm.csv --group-by instansi`.
 */
import { IKM_ELEMENT_CODES, type IkmResponse } from '../ikm.ts';

export const SKM_EXPORT_COLUMNS = [
  'respon',
  'tanggal',
  'survei',
  'instansi',
  'lokasi',
  'layanan',
  'saluran',
  'umur',
  'jenis_kelamin',
  'pendidikan',
  'pekerjaan',
  ...IKM_ELEMENT_CODES,
] as const;

export interface SkmExportRow {
  id: string;
  /** Local date of the answer, YYYY-MM-DD. */
  date: string;
  survey: string;
  agency: string;
  location: string;
  service: string;
  channel: string;
  ageBand: string;
  sex: string;
  education: string;
  occupation: string;
  answers: IkmResponse;
}

function cell(value: string): string {
  // RFC 4180 quoting; a leading =, +, - or @ is prefixed so a spreadsheet never runs it as a formula.
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The whole CSV (header + rows, CRLF line ends as RFC 4180 says). */
export function skmExportCsv(rows: readonly SkmExportRow[]): string {
  const lines = [SKM_EXPORT_COLUMNS.join(',')];
  for (const row of rows) {
    const fields = [
      row.id,
      row.date,
      row.survey,
      row.agency,
      row.location,
      row.service,
      row.channel,
      row.ageBand,
      row.sex,
      row.education,
      row.occupation,
    ].map(cell);
    for (const code of IKM_ELEMENT_CODES) fields.push(String(row.answers[code] ?? ''));
    lines.push(fields.join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import {
  IKM_ELEMENT_CODES,
  computeIkm,
  roundHalfUp,
  type DomainIssue,
  type IkmElementCode,
  type IkmResponse,
  type IkmResult,
  type IkmScore,
  type IkmWeightConvention,
} from '@layan/domain';
import { parseCommandArgs, printJson, usageError, type CliIO, type Command } from '../command.ts';

const usage = `Usage: layan ikm <file.csv> [--group-by <column>[,<column>]] [--population <N>]
                 [--weight exact|0.111] [--decimals <d>] [--delimiter <char>]

Computes the Indeks Kepuasan Masyarakat (IKM, PermenPAN-RB 14/2017) from a survey CSV.
The header must have columns U1 … U9 (any order, any case); other columns may be used to
group. Answers are 1–4; an empty cell is a blank and is skipped for that element only.

  NRR per element = mean of its answers; IKM = Σ NRR × weight × 25, range 25–100
  weight: exact 1/9 (default) or 0.111 as printed in the annex (all-4 answers give 99.9)
  mutu / kinerja: A Sangat Baik ≥ 88.31 · B Baik ≥ 76.61 · C Kurang Baik ≥ 65.00 · D Tidak Baik

Options:
  --group-by <cols>     also compute per group (e.g. unit, or unit,layanan)
  --population <N>      service users in the period: checks the Krejcie–Morgan minimum sample
  --weight <w>          exact (default) | 0.111
  --decimals <d>        display rounding of NRR and IKM (default 2); exact values are kept too
  --delimiter <char>    default: detected from the header (comma, semicolon or tab)

Rows with values other than 1–4, a wrong number of columns, or no answers at all are listed in
badRows with their line numbers and left out of the computation. Exit 0 when every row is good,
1 when any row is bad or the file cannot be used, 2 on bad usage.

Example:
  layan ikm survei.csv --group-by unit --population 1200`;

interface BadRow {
  line: number;
  errors: DomainIssue[];
}

function detectDelimiter(text: string): string {
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  if (header.includes('\t')) return '\t';
  if (header.includes(';') && !header.includes(',')) return ';';
  return ',';
}

interface CsvRow {
  fields: string[];
  line: number;
}

/** csv-parse's own line count drifts on CRLF inside quotes, so lines are counted from byte offsets. */
function readRows(buffer: Buffer, delimiter: string): CsvRow[] {
  const parsed = parse(buffer, {
    delimiter,
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
  }) as unknown as Array<{
    record: string[];
    info: { bytes: number };
  }>;
  const records: CsvRow[] = [];
  let offset = 0;
  let line = 1;
  for (const { record, info } of parsed) {
    // Skip the blank lines skip_empty_lines dropped before this record.
    while (offset < buffer.length && (buffer[offset] === 0x0a || buffer[offset] === 0x0d)) {
      if (buffer[offset] === 0x0a) line++;
      offset++;
    }
    records.push({ fields: record, line });
    for (; offset < info.bytes; offset++) if (buffer[offset] === 0x0a) line++;
  }
  return records;
}

function summary(result: IkmResult) {
  return {
    respondents: result.respondents,
    ikm: result.ikm,
    ikmExact: result.ikmExact,
    mutu: result.mutu,
    kinerja: result.kinerja,
    nrr: Object.fromEntries(result.elements.map((e) => [e.code, e.nrr])),
    weakElements: result.weakElements,
    issues: result.issues,
  };
}

async function run(args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs(io, 'ikm', {
    args,
    allowPositionals: true,
    options: {
      'group-by': { type: 'string' },
      population: { type: 'string' },
      weight: { type: 'string' },
      decimals: { type: 'string' },
      delimiter: { type: 'string' },
    },
  });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const fail = (message: string) => usageError(io, 'ikm', message);
  if (positionals.length !== 1) return fail('give exactly one CSV file');
  const weight = (values.weight ?? 'exact') as IkmWeightConvention;
  if (weight !== 'exact' && weight !== '0.111') return fail('--weight must be exact or 0.111');
  const population = values.population === undefined ? undefined : Number(values.population);
  if (population !== undefined && !(Number.isInteger(population) && population >= 0))
    return fail('--population must be a whole number ≥ 0');
  const decimals = values.decimals === undefined ? 2 : Number(values.decimals);
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 6) return fail('--decimals must be 0–6');

  const file = positionals[0]!;
  let buffer: Buffer;
  try {
    buffer = fs.readFileSync(file);
  } catch (error) {
    io.stderr(`layan ikm: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    return 1;
  }
  let records: CsvRow[];
  try {
    records = readRows(buffer, values.delimiter ?? detectDelimiter(buffer.toString('utf8')));
  } catch (error) {
    io.stderr(`layan ikm: ${file} is not readable CSV: ${(error as Error).message}`);
    return 1;
  }
  const [header, ...rows] = records;
  if (!header) {
    io.stderr(`layan ikm: ${file} is empty`);
    return 1;
  }
  const columns = header.fields.map((name) => name.trim());
  const elementColumn = new Map<IkmElementCode, number>();
  columns.forEach((name, i) => {
    const code = name.toUpperCase() as IkmElementCode;
    if (IKM_ELEMENT_CODES.includes(code) && !elementColumn.has(code)) elementColumn.set(code, i);
  });
  const missing = IKM_ELEMENT_CODES.filter((c) => !elementColumn.has(c));
  if (missing.length > 0) {
    io.stderr(`layan ikm: ${file} line ${header.line}: the header lacks ${missing.join(', ')} (found: ${columns.join(', ')})`);
    return 1;
  }
  const groupBy =
    values['group-by']
      ?.split(',')
      .map((c) => c.trim())
      .filter(Boolean) ?? [];
  const groupColumns: number[] = [];
  for (const name of groupBy) {
    // An exact match first, so 'Unit' and 'unit' can both exist; otherwise ignore case.
    const exact = columns.indexOf(name);
    const index = exact >= 0 ? exact : columns.findIndex((c) => c.toLowerCase() === name.toLowerCase());
    if (index < 0) return fail(`--group-by: no column "${name}" in ${file} (columns: ${columns.join(', ')})`);
    groupColumns.push(index);
  }

  const badRows: BadRow[] = [];
  const good: Array<{ response: IkmResponse; group: string[] }> = [];
  for (const row of rows) {
    const errors: DomainIssue[] = [];
    if (row.fields.length !== columns.length) {
      errors.push({
        code: 'IKM_ROW_COLUMNS',
        message: `Baris berisi ${row.fields.length} kolom, header ${columns.length}.`,
        messageEn: `The row has ${row.fields.length} fields; the header has ${columns.length}.`,
      });
    }
    const response: IkmResponse = {};
    for (const [code, index] of elementColumn) {
      const raw = (row.fields[index] ?? '').trim();
      if (raw === '') continue;
      if (!/^[1-4]$/.test(raw)) {
        errors.push({
          code: 'IKM_VALUE',
          message: `${code}: nilai "${raw}" bukan 1–4.`,
          messageEn: `${code}: "${raw}" is not 1–4.`,
        });
        continue;
      }
      response[code] = Number(raw) as IkmScore;
    }
    if (errors.length === 0 && Object.keys(response).length === 0) {
      errors.push({ code: 'IKM_ROW_EMPTY', message: 'Baris tanpa jawaban U1–U9.', messageEn: 'The row answers none of U1–U9.' });
    }
    if (errors.length > 0) badRows.push({ line: row.line, errors });
    else good.push({ response, group: groupColumns.map((i) => row.fields[i] ?? '') });
  }

  const overall = computeIkm(
    good.map((g) => g.response),
    { weight, decimals, population },
  );
  const output: { [key: string]: unknown } = {
    file: path.basename(file),
    weight,
    rows: rows.length,
    ...summary(overall),
    nrr: undefined, // the elements list below carries the NRR with counts and mutu
    elements: overall.elements.map((e) => ({
      code: e.code,
      name: e.name,
      answered: e.answered,
      nrr: e.nrr,
      nrrWeighted: e.nrrWeighted === null ? null : roundHalfUp(e.nrrWeighted, decimals + 2),
      mutu: e.mutu,
    })),
    sample: overall.sample,
  };
  if (groupColumns.length > 0) {
    const groups = new Map<string, { group: { [column: string]: string }; responses: IkmResponse[] }>();
    for (const g of good) {
      const key = JSON.stringify(g.group);
      const entry = groups.get(key) ?? {
        group: Object.fromEntries(groupColumns.map((c, i) => [columns[c]!, g.group[i]!])),
        responses: [],
      };
      entry.responses.push(g.response);
      groups.set(key, entry);
    }
    output.groups = [...groups.values()].map((g) => ({
      group: g.group,
      ...summary(computeIkm(g.responses, { weight, decimals })),
    }));
  }
  output.badRows = badRows;
  printJson(io, output);
  return badRows.length > 0 || overall.ikm === null ? 1 : 0;
}

export const command: Command = {
  name: 'ikm',
  summary: 'Compute the IKM from an SKM survey CSV / hitung IKM dari CSV survei',
  usage,
  run,
};

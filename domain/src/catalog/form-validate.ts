/**
 * Checks a citizen's answers against a validated form definition and returns the normalised
 * values (trimmed text, E.164 phone numbers, zero-padded RT/RW …). Hidden fields are dropped
 * before any rule runs, so an answer left behind after the citizen changed an earlier choice can
 * never block a submission.
 */
import { isLocalDate, type LocalDate } from '../calendar/date.ts';
import { validateNik, type NikRegionLookup } from '../nik.ts';
import { regionLevelOf, type RegionLevel } from '../region.ts';
import { type CatalogIssue, isRecord } from './issues.ts';
import {
  type AddressValue,
  type FieldValue,
  type FileValue,
  type FormDefinition,
  type FormField,
  isEmptyValue,
  isFieldVisible,
} from './form.ts';

/** Region data for NIK and region checks; both parts optional, missing ones skip the existence check. */
export interface FormRegionLookup {
  /** Lets NIK checks report an unknown district (validateNik). */
  nik?: NikRegionLookup;
  /** Whether a dotted Kemendagri code exists. */
  exists?(code: string): boolean;
}

export interface ValidateFormAnswersOptions {
  today: LocalDate;
  regions?: FormRegionLookup;
}

export type FormValues = Record<string, FieldValue>;

export interface FormAnswersResult {
  ok: boolean;
  values: FormValues;
  issues: CatalogIssue[];
}

type Check = { value: FieldValue } | { issue: Omit<CatalogIssue, 'path'> };

const NO_REGIONS: NikRegionLookup = { district: () => undefined };

function fail(code: string, message: string, messageEn: string): Check {
  return { issue: { code, message, messageEn } };
}

/** '0812-3456-7890', '+62 812 3456 7890', '62812…' → '+6281234567890'; undefined when not an Indonesian mobile number. */
export function normalizeIndonesianMobile(input: string): string | undefined {
  const digits = input.replace(/[\s\-().]/g, '');
  const national = digits.startsWith('+62')
    ? digits.slice(3)
    : digits.startsWith('62')
      ? digits.slice(2)
      : digits.startsWith('0')
        ? digits.slice(1)
        : undefined;
  // Mobile numbers are 08xx with 10–13 digits in all, i.e. 8 plus 8–11 digits after the country code.
  return national && /^8\d{8,11}$/.test(national) ? `+62${national}` : undefined;
}

function ageOn(birth: LocalDate, today: LocalDate): number {
  const years = Number(today.slice(0, 4)) - Number(birth.slice(0, 4));
  return today.slice(5) < birth.slice(5) ? years - 1 : years;
}

function checkText(field: Extract<FormField, { type: 'text' | 'textarea' }>, raw: unknown): Check {
  if (typeof raw !== 'string' && typeof raw !== 'number') return fail('FORM_ANSWER_TYPE', 'harus berupa teks.', 'must be text.');
  const value = String(raw).trim();
  const length = [...value].length;
  if (field.minLength !== undefined && length < field.minLength)
    return fail('FORM_ANSWER_TOO_SHORT', `minimal ${field.minLength} karakter.`, `at least ${field.minLength} characters.`);
  if (field.maxLength !== undefined && length > field.maxLength)
    return fail('FORM_ANSWER_TOO_LONG', `maksimal ${field.maxLength} karakter.`, `at most ${field.maxLength} characters.`);
  if (field.pattern !== undefined && !new RegExp(`^(?:${field.pattern})$`, 'u').test(value))
    return fail(
      'FORM_ANSWER_PATTERN',
      field.patternMessage?.id ?? 'format tidak sesuai.',
      field.patternMessage?.en ?? 'has the wrong format.',
    );
  return { value };
}

function checkNumber(field: Extract<FormField, { type: 'number' }>, raw: unknown): Check {
  let value: number | undefined;
  if (typeof raw === 'number') value = raw;
  else if (typeof raw === 'string') {
    const text = raw.replace(/\s|Rp/g, '');
    // "1.500.000" is Indonesian thousands grouping; "2,5" an Indonesian decimal comma.
    if (/^-?\d{1,3}(\.\d{3})+$/.test(text)) value = Number(text.replace(/\./g, ''));
    else if (/^-?\d+([.,]\d+)?$/.test(text)) value = Number(text.replace(',', '.'));
  }
  if (value === undefined || !Number.isFinite(value)) return fail('FORM_ANSWER_TYPE', 'harus angka.', 'must be a number.');
  if (field.integer && !Number.isInteger(value))
    return fail('FORM_ANSWER_TYPE', 'harus bilangan bulat.', 'must be a whole number.');
  if (field.min !== undefined && value < field.min)
    return fail('FORM_ANSWER_TOO_SMALL', `minimal ${field.min}.`, `at least ${field.min}.`);
  if (field.max !== undefined && value > field.max)
    return fail('FORM_ANSWER_TOO_LARGE', `maksimal ${field.max}.`, `at most ${field.max}.`);
  return { value };
}

function checkDate(field: Extract<FormField, { type: 'date' }>, raw: unknown, today: LocalDate): Check {
  const value = typeof raw === 'string' ? raw.trim() : '';
  if (!isLocalDate(value))
    return fail('FORM_ANSWER_DATE', 'harus tanggal yang sah (YYYY-MM-DD).', 'must be a real date (YYYY-MM-DD).');
  if (field.notInFuture && value > today)
    return fail('FORM_ANSWER_DATE_FUTURE', 'tanggal tidak boleh setelah hari ini.', 'the date cannot be after today.');
  if (field.notInPast && value < today)
    return fail('FORM_ANSWER_DATE_PAST', 'tanggal tidak boleh sebelum hari ini.', 'the date cannot be before today.');
  if (field.minDate !== undefined && value < field.minDate)
    return fail('FORM_ANSWER_DATE_RANGE', `tidak boleh sebelum ${field.minDate}.`, `cannot be before ${field.minDate}.`);
  if (field.maxDate !== undefined && value > field.maxDate)
    return fail('FORM_ANSWER_DATE_RANGE', `tidak boleh setelah ${field.maxDate}.`, `cannot be after ${field.maxDate}.`);
  const age = ageOn(value, today);
  if (field.minAgeYears !== undefined && age < field.minAgeYears)
    return fail(
      'FORM_ANSWER_AGE',
      `usia minimal ${field.minAgeYears} tahun.`,
      `must be at least ${field.minAgeYears} years old.`,
    );
  if (field.maxAgeYears !== undefined && age > field.maxAgeYears)
    return fail(
      'FORM_ANSWER_AGE',
      `usia maksimal ${field.maxAgeYears} tahun.`,
      `must be at most ${field.maxAgeYears} years old.`,
    );
  return { value };
}

function checkChoice(field: Extract<FormField, { type: 'choice' }>, raw: unknown): Check {
  const known = new Set(field.options.map((o) => o.value));
  const picked = Array.isArray(raw) ? raw : [raw];
  if (!picked.every((v): v is string => typeof v === 'string' && known.has(v)))
    return fail('FORM_ANSWER_OPTION', 'pilihan tidak tersedia.', 'not one of the options.');
  if (!field.multiple)
    return picked.length === 1 ? { value: picked[0] as string } : fail('FORM_ANSWER_OPTION', 'pilih satu.', 'choose one.');
  const value = [...new Set(picked)];
  if (field.minSelected !== undefined && value.length < field.minSelected)
    return fail('FORM_ANSWER_TOO_FEW', `pilih minimal ${field.minSelected}.`, `choose at least ${field.minSelected}.`);
  if (field.maxSelected !== undefined && value.length > field.maxSelected)
    return fail('FORM_ANSWER_TOO_MANY', `pilih maksimal ${field.maxSelected}.`, `choose at most ${field.maxSelected}.`);
  return { value };
}

interface RegionCheckOptions {
  level: RegionLevel;
  within?: string;
  regions?: FormRegionLookup;
}

function checkRegionCode(raw: unknown, options: RegionCheckOptions): Check {
  const code = typeof raw === 'string' ? raw.trim() : '';
  const level = regionLevelOf(code);
  if (!level)
    return fail('FORM_ANSWER_REGION', 'kode wilayah tidak sah (mis. 35.10.01.2001).', 'not a region code (e.g. 35.10.01.2001).');
  if (level !== options.level)
    return fail(
      'FORM_ANSWER_REGION_LEVEL',
      `pilih wilayah sampai tingkat ${options.level}.`,
      `choose a region at level ${options.level}.`,
    );
  if (options.within && !code.startsWith(`${options.within}.`))
    return fail(
      'FORM_ANSWER_REGION_OUTSIDE',
      `wilayah harus di dalam ${options.within}.`,
      `the region must be inside ${options.within}.`,
    );
  if (options.regions?.exists && !options.regions.exists(code))
    return fail('FORM_ANSWER_REGION_UNKNOWN', `kode wilayah ${code} tidak dikenal.`, `region code ${code} is unknown.`);
  return { value: code };
}

function checkAddress(field: Extract<FormField, { type: 'address' }>, raw: unknown, regions?: FormRegionLookup): Check {
  if (!isRecord(raw) || typeof raw.street !== 'string' || raw.street.trim() === '')
    return fail('FORM_ANSWER_ADDRESS', 'alamat (jalan/dusun) wajib diisi.', 'the street address is required.');
  const value: AddressValue = { street: raw.street.trim(), region: '' };
  for (const part of ['rt', 'rw'] as const) {
    const text = raw[part] === undefined ? '' : String(raw[part]).trim();
    if (text === '') continue;
    if (!/^\d{1,3}$/.test(text))
      return fail('FORM_ANSWER_ADDRESS', `${part.toUpperCase()} harus 1–3 angka.`, `${part.toUpperCase()} must be 1–3 digits.`);
    value[part] = text.padStart(3, '0');
  }
  const region = checkRegionCode(raw.region, { level: field.regionLevel ?? 'desa_kelurahan', within: field.within, regions });
  if ('issue' in region) return region;
  value.region = region.value as string;
  const postal = raw.postalCode === undefined ? '' : String(raw.postalCode).trim();
  if (postal !== '' && !/^\d{5}$/.test(postal))
    return fail('FORM_ANSWER_ADDRESS', 'kode pos harus 5 angka.', 'a postal code has 5 digits.');
  if (postal) value.postalCode = postal;
  return { value };
}

function acceptsMime(accept: readonly string[], mime: string): boolean {
  return accept.some((a) => a === mime || (a.endsWith('/*') && mime.startsWith(a.slice(0, -1))));
}

function checkFiles(field: Extract<FormField, { type: 'file' }>, raw: unknown): Check {
  const list = Array.isArray(raw) ? raw : [raw];
  const files: FileValue[] = [];
  for (const file of list) {
    if (!isRecord(file) || typeof file.name !== 'string' || typeof file.mimeType !== 'string' || typeof file.size !== 'number')
      return fail('FORM_ANSWER_FILE', 'berkas tidak sah.', 'not a valid file.');
    if (!acceptsMime(field.accept, file.mimeType))
      return fail(
        'FORM_ANSWER_FILE_TYPE',
        `jenis berkas ${file.mimeType} tidak diterima.`,
        `file type ${file.mimeType} is not accepted.`,
      );
    if (file.size > field.maxBytes)
      return fail(
        'FORM_ANSWER_FILE_SIZE',
        `berkas ${file.name} melebihi ${Math.round(field.maxBytes / 1024)} KB.`,
        `file ${file.name} is larger than ${Math.round(field.maxBytes / 1024)} KB.`,
      );
    files.push({
      name: file.name,
      mimeType: file.mimeType,
      size: file.size,
      ...(typeof file.ref === 'string' ? { ref: file.ref } : {}),
    });
  }
  if (files.length > (field.maxFiles ?? 1))
    return fail('FORM_ANSWER_TOO_MANY', `maksimal ${field.maxFiles ?? 1} berkas.`, `at most ${field.maxFiles ?? 1} files.`);
  return { value: files };
}

interface WalkContext {
  options: ValidateFormAnswersOptions;
  issues: CatalogIssue[];
}

function checkScalar(field: FormField, raw: unknown, options: ValidateFormAnswersOptions): Check {
  switch (field.type) {
    case 'text':
    case 'textarea':
      return checkText(field, raw);
    case 'number':
      return checkNumber(field, raw);
    case 'date':
      return checkDate(field, raw, options.today);
    case 'choice':
      return checkChoice(field, raw);
    case 'nik': {
      const result = validateNik(String(raw), { regions: options.regions?.nik ?? NO_REGIONS, today: options.today });
      // Without region data only the shape and date can be judged, not the district.
      const errors = options.regions?.nik ? result.errors : result.errors.filter((e) => e.code !== 'NIK_DISTRICT_UNKNOWN');
      return errors[0] ? { issue: errors[0] } : { value: result.nik };
    }
    case 'phone': {
      const value = normalizeIndonesianMobile(String(raw));
      return value
        ? { value }
        : fail(
            'FORM_ANSWER_PHONE',
            'harus nomor HP Indonesia, mis. 0812 3456 7890.',
            'must be an Indonesian mobile number, e.g. 0812 3456 7890.',
          );
    }
    case 'email': {
      const text = String(raw).trim();
      const at = text.lastIndexOf('@');
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(text))
        return fail('FORM_ANSWER_EMAIL', 'alamat email tidak sah.', 'not a valid e-mail address.');
      return { value: text.slice(0, at) + text.slice(at).toLowerCase() };
    }
    case 'region':
      return checkRegionCode(raw, { level: field.level, within: field.within, regions: options.regions });
    case 'address':
      return checkAddress(field, raw, options.regions);
    case 'file':
      return checkFiles(field, raw);
    case 'declaration':
      return raw === true
        ? { value: true }
        : fail('FORM_ANSWER_DECLARATION', 'pernyataan harus disetujui.', 'the declaration must be accepted.');
    case 'group':
      return fail('FORM_ANSWER_TYPE', 'tidak sah.', 'invalid.');
  }
}

function walk(
  fields: readonly FormField[],
  answers: Record<string, unknown>,
  scopes: Array<Record<string, unknown>>,
  prefix: string,
  ctx: WalkContext,
): FormValues {
  const values: FormValues = {};
  // `seen` holds every field already passed at this level, hidden ones as undefined, so a
  // condition never falls through to an outer field with the same key.
  const seen: Record<string, unknown> = {};
  const chain = [seen, ...scopes];
  for (const field of fields) {
    const path = `${prefix}${field.key}`;
    seen[field.key] = undefined;
    if (!isFieldVisible(field, chain)) continue;
    const raw = answers[field.key];
    const required = field.required || field.type === 'declaration' || (field.type === 'group' && (field.minItems ?? 0) > 0);
    // An unticked declaration arrives as false: for the rules it is the same as no answer.
    if (isEmptyValue(raw) || (field.type === 'declaration' && raw === false)) {
      if (required) {
        const label = field.label.id;
        ctx.issues.push({
          path,
          code: 'FORM_ANSWER_REQUIRED',
          message: `${label} wajib diisi.`,
          messageEn: `${field.label.en ?? label} is required.`,
        });
      }
      continue;
    }
    if (field.type === 'group') {
      const items = Array.isArray(raw) ? raw : [];
      if (!Array.isArray(raw) || !items.every(isRecord)) {
        ctx.issues.push({
          path,
          code: 'FORM_ANSWER_TYPE',
          message: `${field.label.id}: harus daftar isian.`,
          messageEn: `${field.label.en ?? field.label.id}: must be a list of entries.`,
        });
        continue;
      }
      if (field.minItems !== undefined && items.length < field.minItems)
        ctx.issues.push({
          path,
          code: 'FORM_ANSWER_TOO_FEW',
          message: `${field.label.id}: minimal ${field.minItems} isian.`,
          messageEn: `${field.label.en ?? field.label.id}: at least ${field.minItems} entries.`,
        });
      if (field.maxItems !== undefined && items.length > field.maxItems)
        ctx.issues.push({
          path,
          code: 'FORM_ANSWER_TOO_MANY',
          message: `${field.label.id}: maksimal ${field.maxItems} isian.`,
          messageEn: `${field.label.en ?? field.label.id}: at most ${field.maxItems} entries.`,
        });
      const groupValues = items.map((item, i) =>
        walk(field.fields, item as Record<string, unknown>, chain, `${path}[${i}].`, ctx),
      );
      values[field.key] = groupValues;
      seen[field.key] = groupValues;
      continue;
    }
    const result = checkScalar(field, raw, ctx.options);
    if ('issue' in result) {
      const label = field.label.id;
      ctx.issues.push({
        path,
        code: result.issue.code,
        message: `${label}: ${result.issue.message}`,
        messageEn: `${field.label.en ?? label}: ${result.issue.messageEn}`,
      });
      continue;
    }
    values[field.key] = result.value;
    seen[field.key] = result.value;
  }
  return values;
}

/** Checks answers against a form definition; returns normalised values and every issue with its path, never throws. */
export function validateFormAnswers(
  definition: FormDefinition,
  answers: Readonly<Record<string, unknown>>,
  options: ValidateFormAnswersOptions,
): FormAnswersResult {
  const issues: CatalogIssue[] = [];
  const values = walk(definition.fields, isRecord(answers) ? answers : {}, [], '', { options, issues });
  return { ok: issues.length === 0, values, issues };
}

/** Paths of the fields visible for these answers (after normalisation), e.g. ['nama', 'saksi[0].nik']. */
export function visibleFieldPaths(definition: FormDefinition, values: Readonly<Record<string, unknown>>): string[] {
  const paths: string[] = [];
  const visit = (
    fields: readonly FormField[],
    answers: Readonly<Record<string, unknown>>,
    scopes: Array<Record<string, unknown>>,
    prefix: string,
  ) => {
    const seen: Record<string, unknown> = {};
    const chain = [seen, ...scopes];
    for (const field of fields) {
      seen[field.key] = undefined;
      if (!isFieldVisible(field, chain)) continue;
      paths.push(`${prefix}${field.key}`);
      seen[field.key] = answers[field.key];
      const items = answers[field.key];
      if (field.type === 'group' && Array.isArray(items))
        items.forEach((item, i) => visit(field.fields, isRecord(item) ? item : {}, chain, `${prefix}${field.key}[${i}].`));
    }
  };
  visit(definition.fields, values, [], '');
  return paths;
}

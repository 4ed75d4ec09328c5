/**
 * Checks a service standard that arrives as data (JSON, a database row, an admin form) before it
 * is stored or published. Every problem is reported, not just the first, so an editor can fix a
 * draft in one pass.
 */
import { isLocalDate } from '../calendar/date.ts';
import { SLA_UNITS } from '../sla.ts';
import { type CatalogIssue, isBilingual, isFilledString, isRecord, makeIssue } from './issues.ts';
import {
  COMPLAINT_CHANNEL_KINDS,
  LOCAL_COMPONENT_KEYS,
  PROCEDURE_ACTORS,
  REQUIREMENT_FORMS,
  SERVICE_CHANNELS,
  STANDARD_COMPONENTS,
  type ServiceStandard,
  type TemplateStandard,
} from './standard.ts';

/** English path segment → the Indonesian one used in Indonesian messages. */
const PATH_ID: Readonly<Record<string, string>> = {
  ...Object.fromEntries(STANDARD_COMPONENTS.map((c) => [c.key, c.pathId])),
  code: 'kode',
  name: 'nama',
  version: 'versi',
  approval: 'persetujuan',
  approvedBy: 'disetujuiOleh',
  approvedOn: 'tanggalPersetujuan',
  channels: 'kanal',
  basis: 'dasarHukum',
  formula: 'rumus',
  amount: 'jumlah',
  kind: 'jenis',
  unit: 'satuan',
  document: 'dokumen',
  form: 'bentuk',
  count: 'jumlah',
  step: 'langkah',
  by: 'pelaksana',
  title: 'judul',
};

/** 'fee.basis' → 'biaya.dasarHukum'; indices are kept. */
export function indonesianPath(path: string): string {
  return path
    .split('.')
    .map((segment) => {
      const match = /^([A-Za-z]+)(.*)$/.exec(segment);
      if (!match) return segment;
      return (PATH_ID[match[1] ?? ''] ?? match[1]) + (match[2] ?? '');
    })
    .join('.');
}

function issue(code: string, path: string, message: string, messageEn: string): CatalogIssue {
  return makeIssue({ code, path, pathId: indonesianPath(path), message, messageEn });
}

function required(path: string): CatalogIssue {
  return issue('STANDARD_FIELD_REQUIRED', path, 'wajib diisi.', 'is required.');
}

function checkText(value: unknown, path: string, issues: CatalogIssue[]): void {
  if (value === undefined || (isRecord(value) && !isFilledString(value.id))) issues.push(required(path));
  else if (!isBilingual(value))
    issues.push(issue('STANDARD_FIELD_TYPE', path, 'harus berupa teks { id, en? }.', 'must be text { id, en? }.'));
}

function checkList(value: unknown, path: string, issues: CatalogIssue[]): unknown[] {
  if (value === undefined) {
    issues.push(required(path));
    return [];
  }
  if (!Array.isArray(value)) {
    issues.push(issue('STANDARD_FIELD_TYPE', path, 'harus berupa daftar.', 'must be a list.'));
    return [];
  }
  if (value.length === 0) issues.push(issue('STANDARD_LIST_EMPTY', path, 'tidak boleh kosong.', 'must not be empty.'));
  return value;
}

function checkOneOf(value: unknown, allowed: readonly string[], path: string, issues: CatalogIssue[]): void {
  if (value === undefined) issues.push(required(path));
  else if (typeof value !== 'string' || !allowed.includes(value))
    issues.push(
      issue(
        'STANDARD_VALUE_UNKNOWN',
        path,
        `nilai ${JSON.stringify(value)} tidak dikenal; pilih salah satu: ${allowed.join(', ')}.`,
        `unknown value ${JSON.stringify(value)}; use one of: ${allowed.join(', ')}.`,
      ),
    );
}

function checkFee(fee: unknown, issues: CatalogIssue[]): void {
  if (!isRecord(fee)) {
    issues.push(required('fee'));
    return;
  }
  if (fee.kind !== 'gratis' && fee.kind !== 'tarif' && fee.kind !== 'variabel') {
    issues.push(
      issue(
        'STANDARD_FEE_KIND_UNKNOWN',
        'fee.kind',
        "harus 'gratis', 'tarif', atau 'variabel'.",
        "must be 'gratis' (free), 'tarif' (fixed fee) or 'variabel' (computed fee).",
      ),
    );
  }
  if (fee.kind === 'variabel' && !isBilingual(fee.formula))
    issues.push(
      issue(
        'STANDARD_FEE_FORMULA_MISSING',
        'fee.formula',
        'biaya variabel wajib menjelaskan cara menghitungnya.',
        'a computed fee must state how it is computed.',
      ),
    );
  if (!isFilledString(fee.basis))
    issues.push(
      issue(
        'STANDARD_FEE_BASIS_MISSING',
        'fee.basis',
        'dasar hukum biaya wajib diisi, juga untuk layanan gratis (mis. "UU 24/2013 Pasal 79A").',
        'the legal basis of the fee is required, also for a free service (e.g. "UU 24/2013 Pasal 79A").',
      ),
    );
  if (fee.kind === 'tarif' && (typeof fee.amount !== 'number' || !Number.isSafeInteger(fee.amount) || fee.amount <= 0))
    issues.push(
      issue(
        'STANDARD_FEE_AMOUNT_INVALID',
        'fee.amount',
        'tarif harus bilangan bulat Rupiah lebih dari 0; layanan tanpa biaya memakai jenis gratis.',
        "a fee must be a whole number of Rupiah above 0; a free service uses kind 'gratis'.",
      ),
    );
  if (fee.kind === 'gratis' && fee.amount !== undefined && fee.amount !== 0)
    issues.push(
      issue(
        'STANDARD_FEE_AMOUNT_UNEXPECTED',
        'fee.amount',
        'layanan gratis tidak boleh punya tarif.',
        'a free service has no amount.',
      ),
    );
}

function checkServiceTime(time: unknown, issues: CatalogIssue[]): void {
  if (!isRecord(time)) {
    issues.push(required('serviceTime'));
    return;
  }
  if (typeof time.amount !== 'number' || !Number.isFinite(time.amount) || time.amount <= 0)
    issues.push(
      issue('STANDARD_SLA_AMOUNT_INVALID', 'serviceTime.amount', 'harus angka lebih dari 0.', 'must be a number above 0.'),
    );
  if (time.unit === undefined || time.unit === '')
    issues.push(
      issue(
        'STANDARD_SLA_UNIT_MISSING',
        'serviceTime.unit',
        `satuan waktu wajib diisi (${SLA_UNITS.join(', ')}).`,
        `a time unit is required (${SLA_UNITS.join(', ')}).`,
      ),
    );
  else if (typeof time.unit !== 'string' || !(SLA_UNITS as readonly string[]).includes(time.unit))
    issues.push(
      issue(
        'STANDARD_SLA_UNIT_UNKNOWN',
        'serviceTime.unit',
        `satuan ${JSON.stringify(time.unit)} tidak dikenal; pilih ${SLA_UNITS.join(', ')}.`,
        `unknown unit ${JSON.stringify(time.unit)}; use ${SLA_UNITS.join(', ')}.`,
      ),
    );
  else if ((time.unit === 'working_days' || time.unit === 'calendar_days') && !Number.isInteger(time.amount))
    issues.push(
      issue(
        'STANDARD_SLA_AMOUNT_INVALID',
        'serviceTime.amount',
        'jumlah hari harus bilangan bulat.',
        'a day count must be whole.',
      ),
    );
}

function checkRequirements(value: unknown, issues: CatalogIssue[]): void {
  checkList(value, 'requirements', issues).forEach((item, i) => {
    const path = `requirements[${i}]`;
    if (!isRecord(item)) {
      issues.push(issue('STANDARD_FIELD_TYPE', path, 'harus berupa objek.', 'must be an object.'));
      return;
    }
    checkText(item.document, `${path}.document`, issues);
    checkOneOf(item.form, REQUIREMENT_FORMS, `${path}.form`, issues);
    if (typeof item.count !== 'number' || !Number.isInteger(item.count) || item.count < 1)
      issues.push(
        issue('STANDARD_REQUIREMENT_COUNT_INVALID', `${path}.count`, 'harus bilangan bulat ≥ 1.', 'must be a whole number ≥ 1.'),
      );
    if (item.conditions !== undefined) checkText(item.conditions, `${path}.conditions`, issues);
  });
}

function checkChannels(value: unknown, issues: CatalogIssue[]): void {
  const seen = new Set<unknown>();
  checkList(value, 'channels', issues).forEach((channel, i) => {
    checkOneOf(channel, SERVICE_CHANNELS, `channels[${i}]`, issues);
    if (seen.has(channel))
      issues.push(issue('STANDARD_CHANNEL_DUPLICATE', `channels[${i}]`, 'kanal disebut dua kali.', 'channel listed twice.'));
    seen.add(channel);
  });
}

function checkApproval(value: unknown, issues: CatalogIssue[]): void {
  if (value === undefined) return;
  if (!isRecord(value)) {
    issues.push(issue('STANDARD_FIELD_TYPE', 'approval', 'harus berupa objek.', 'must be an object.'));
    return;
  }
  if (!isFilledString(value.approvedBy)) issues.push(required('approval.approvedBy'));
  if (typeof value.approvedOn !== 'string' || !isLocalDate(value.approvedOn))
    issues.push(issue('STANDARD_DATE_INVALID', 'approval.approvedOn', 'harus tanggal YYYY-MM-DD.', 'must be a date YYYY-MM-DD.'));
}

export interface ValidateServiceStandardOptions {
  /**
   * 'tenant' (default) needs all 14 components; 'template' lets a national template leave the
   * unit-specific internal ones (facilities, staffing, …) to the adopting unit.
   */
  scope?: 'tenant' | 'template';
  /** Require an approval (approver and date) — for a version about to be published. */
  requireApproval?: boolean;
}

export type StandardValidation<T> = { ok: true; value: T } | { ok: false; issues: CatalogIssue[] };

/** Checks all 14 components of a service standard; returns every issue found, never throws. */
export function validateServiceStandard(
  input: unknown,
  options: ValidateServiceStandardOptions & { scope: 'template' },
): StandardValidation<TemplateStandard>;
export function validateServiceStandard(
  input: unknown,
  options?: ValidateServiceStandardOptions,
): StandardValidation<ServiceStandard>;
export function validateServiceStandard(
  input: unknown,
  options: ValidateServiceStandardOptions = {},
): StandardValidation<ServiceStandard | TemplateStandard> {
  if (!isRecord(input))
    return {
      ok: false,
      issues: [
        issue('STANDARD_NOT_OBJECT', '', 'Standar pelayanan harus berupa objek.', 'A service standard must be an object.'),
      ],
    };
  const issues: CatalogIssue[] = [];
  if (typeof input.code !== 'string' || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(input.code))
    issues.push(
      issue(
        'STANDARD_CODE_INVALID',
        'code',
        'harus slug huruf kecil, angka dan tanda hubung.',
        'must be a lower-case slug (a-z, 0-9, -).',
      ),
    );
  checkText(input.name, 'name', issues);
  if (typeof input.version !== 'number' || !Number.isInteger(input.version) || input.version < 1)
    issues.push(issue('STANDARD_VERSION_INVALID', 'version', 'harus bilangan bulat ≥ 1.', 'must be a whole number ≥ 1.'));
  if (options.requireApproval && input.approval === undefined) issues.push(required('approval'));
  checkApproval(input.approval, issues);
  checkChannels(input.channels, issues);

  checkRequirements(input.requirements, issues);
  checkList(input.procedure, 'procedure', issues).forEach((step, i) => {
    checkText(isRecord(step) ? step.step : undefined, `procedure[${i}].step`, issues);
    if (isRecord(step) && step.by !== undefined) checkOneOf(step.by, PROCEDURE_ACTORS, `procedure[${i}].by`, issues);
  });
  checkServiceTime(input.serviceTime, issues);
  checkFee(input.fee, issues);
  checkText(isRecord(input.product) ? input.product.name : undefined, 'product.name', issues);
  checkList(input.complaints, 'complaints', issues).forEach((c, i) =>
    checkOneOf(isRecord(c) ? c.kind : undefined, COMPLAINT_CHANNEL_KINDS, `complaints[${i}].kind`, issues),
  );
  checkList(input.legalBasis, 'legalBasis', issues).forEach((basis, i) => {
    if (!isRecord(basis) || !isFilledString(basis.title)) issues.push(required(`legalBasis[${i}].title`));
  });

  for (const key of LOCAL_COMPONENT_KEYS) {
    const value = input[key];
    if (value === undefined && options.scope === 'template') continue;
    if (key === 'staffing' || key === 'serviceGuarantee' || key === 'safetyGuarantee' || key === 'performanceEvaluation')
      checkText(value, key, issues);
    else checkList(value, key, issues).forEach((item, i) => checkText(item, `${key}[${i}]`, issues));
  }
  return issues.length === 0
    ? { ok: true, value: input as unknown as ServiceStandard | TemplateStandard }
    : { ok: false, issues };
}

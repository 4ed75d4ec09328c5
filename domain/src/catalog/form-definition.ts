/**
 * Checks a form definition before it is stored: the data must be safe to render and to validate
 * answers against. Conditions may look only backwards (earlier fields at the same level or at an
 * enclosing level), which rules out cycles by construction and lets answers be checked in one pass.
 */
import { isLocalDate } from '../calendar/date.ts';
import { REGION_LEVELS, regionLevelOf, type RegionLevel } from '../region.ts';
import { type CatalogIssue, isBilingual, isRecord, makeIssue } from './issues.ts';
import { FIELD_TYPES, type FormDefinition } from './form.ts';

const KEY_PATTERN = /^[a-z][a-zA-Z0-9_]*$/;
const MIME_PATTERN = /^[a-z]+\/([a-z0-9.+-]+|\*)$/;

type Raw = Record<string, unknown>;

interface Scope {
  fields: unknown[];
  /** Index of the field being checked at this level. */
  index: number;
}

function issue(code: string, path: string, message: string, messageEn: string): CatalogIssue {
  return makeIssue({ code, path, message, messageEn });
}

function keyOf(field: unknown): string | undefined {
  return isRecord(field) && typeof field.key === 'string' ? field.key : undefined;
}

function checkRange(field: Raw, path: string, [lo, hi]: [string, string], issues: CatalogIssue[]): void {
  const min = field[lo];
  const max = field[hi];
  for (const [name, value] of [
    [lo, min],
    [hi, max],
  ] as const) {
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value)))
      issues.push(issue('FORM_RULE_INVALID', `${path}.${name}`, 'harus angka.', 'must be a number.'));
  }
  if (typeof min === 'number' && typeof max === 'number' && min > max)
    issues.push(
      issue(
        'FORM_RANGE_INVALID',
        `${path}.${lo}`,
        `${lo} (${min}) lebih besar dari ${hi} (${max}).`,
        `${lo} (${min}) is greater than ${hi} (${max}).`,
      ),
    );
}

function checkRegionLevel(value: unknown, within: unknown, path: string, issues: CatalogIssue[]): void {
  const name = path.endsWith('regionLevel') ? path : `${path}.level`;
  if (typeof value !== 'string' || !(REGION_LEVELS as readonly string[]).includes(value)) {
    issues.push(
      issue(
        'FORM_REGION_LEVEL_UNKNOWN',
        name,
        `tingkat wilayah harus salah satu dari ${REGION_LEVELS.join(', ')}.`,
        `region level must be one of ${REGION_LEVELS.join(', ')}.`,
      ),
    );
    return;
  }
  if (within === undefined) return;
  const withinLevel = typeof within === 'string' ? regionLevelOf(within) : undefined;
  if (!withinLevel || REGION_LEVELS.indexOf(withinLevel) >= REGION_LEVELS.indexOf(value as RegionLevel))
    issues.push(
      issue(
        'FORM_REGION_WITHIN_INVALID',
        `${path.replace(/\.regionLevel$/, '')}.within`,
        `kode ${JSON.stringify(within)} harus kode wilayah yang lebih tinggi dari ${value}.`,
        `code ${JSON.stringify(within)} must be a region code above ${value}.`,
      ),
    );
}

function checkTypeRules(field: Raw, path: string, issues: CatalogIssue[]): void {
  switch (field.type) {
    case 'text':
    case 'textarea':
      checkRange(field, path, ['minLength', 'maxLength'], issues);
      if (field.pattern !== undefined) {
        try {
          new RegExp(String(field.pattern), 'u');
        } catch {
          issues.push(
            issue(
              'FORM_PATTERN_INVALID',
              `${path}.pattern`,
              'pola bukan ekspresi reguler yang sah.',
              'not a valid regular expression.',
            ),
          );
        }
      }
      break;
    case 'number':
      checkRange(field, path, ['min', 'max'], issues);
      break;
    case 'date':
      for (const name of ['minDate', 'maxDate'] as const) {
        const value = field[name];
        if (value !== undefined && (typeof value !== 'string' || !isLocalDate(value)))
          issues.push(issue('FORM_RULE_INVALID', `${path}.${name}`, 'harus tanggal YYYY-MM-DD.', 'must be a date YYYY-MM-DD.'));
      }
      if (typeof field.minDate === 'string' && typeof field.maxDate === 'string' && field.minDate > field.maxDate)
        issues.push(issue('FORM_RANGE_INVALID', `${path}.minDate`, 'minDate setelah maxDate.', 'minDate is after maxDate.'));
      checkRange(field, path, ['minAgeYears', 'maxAgeYears'], issues);
      break;
    case 'choice': {
      const options = field.options;
      if (!Array.isArray(options) || options.length === 0) {
        issues.push(
          issue(
            'FORM_CHOICE_OPTIONS_MISSING',
            `${path}.options`,
            'pilihan tidak punya opsi.',
            'a choice needs at least one option.',
          ),
        );
        break;
      }
      const seen = new Set<unknown>();
      options.forEach((option, i) => {
        const value = isRecord(option) ? option.value : undefined;
        if (typeof value !== 'string' || value === '' || !isRecord(option) || !isBilingual(option.label))
          issues.push(
            issue(
              'FORM_CHOICE_OPTION_INVALID',
              `${path}.options[${i}]`,
              'opsi perlu value dan label.',
              'an option needs a value and a label.',
            ),
          );
        else if (seen.has(value))
          issues.push(
            issue(
              'FORM_CHOICE_OPTION_DUPLICATE',
              `${path}.options[${i}]`,
              `opsi "${value}" ganda.`,
              `option "${value}" is duplicated.`,
            ),
          );
        seen.add(value);
      });
      checkRange(field, path, ['minSelected', 'maxSelected'], issues);
      break;
    }
    case 'region':
      checkRegionLevel(field.level, field.within, path, issues);
      break;
    case 'address':
      checkRegionLevel(field.regionLevel ?? 'desa_kelurahan', field.within, `${path}.regionLevel`, issues);
      break;
    case 'file':
      if (!Array.isArray(field.accept) || field.accept.length === 0 || !field.accept.every((t) => MIME_PATTERN.test(String(t))))
        issues.push(
          issue(
            'FORM_FILE_TYPES_MISSING',
            `${path}.accept`,
            'unggahan perlu daftar jenis berkas (MIME) yang diterima, mis. application/pdf.',
            'a file field needs the accepted MIME types, e.g. application/pdf.',
          ),
        );
      if (typeof field.maxBytes !== 'number' || !Number.isSafeInteger(field.maxBytes) || field.maxBytes <= 0)
        issues.push(
          issue(
            'FORM_FILE_SIZE_MISSING',
            `${path}.maxBytes`,
            'unggahan perlu batas ukuran (byte).',
            'a file field needs a size limit in bytes.',
          ),
        );
      if (
        field.maxFiles !== undefined &&
        (typeof field.maxFiles !== 'number' || !Number.isInteger(field.maxFiles) || field.maxFiles < 1)
      )
        issues.push(issue('FORM_RULE_INVALID', `${path}.maxFiles`, 'harus bilangan bulat ≥ 1.', 'must be a whole number ≥ 1.'));
      break;
    case 'declaration':
      if (!isBilingual(field.statement))
        issues.push(
          issue(
            'FORM_DECLARATION_STATEMENT_MISSING',
            `${path}.statement`,
            'pernyataan wajib berisi teks yang disetujui pemohon.',
            'a declaration needs the statement the applicant agrees to.',
          ),
        );
      break;
    case 'group':
      checkRange(field, path, ['minItems', 'maxItems'], issues);
      break;
  }
}

/** Finds `key` among earlier fields, innermost scope first; 'later' when it only exists at or after the current field. */
function resolveCondition(key: string, scopes: Scope[]): { field?: Raw; state: 'found' | 'later' | 'missing' } {
  for (const scope of scopes) {
    const earlier = scope.fields.slice(0, scope.index).find((f) => keyOf(f) === key);
    if (earlier && isRecord(earlier)) return { field: earlier, state: 'found' };
  }
  const later = scopes.some((s) => s.fields.slice(s.index).some((f) => keyOf(f) === key));
  return { state: later ? 'later' : 'missing' };
}

function checkCondition(field: Raw, path: string, scopes: Scope[], issues: CatalogIssue[]): void {
  const when = field.visibleWhen;
  if (when === undefined) return;
  const at = `${path}.visibleWhen`;
  if (!isRecord(when) || typeof when.field !== 'string') {
    issues.push(issue('FORM_CONDITION_INVALID', at, 'kondisi perlu nama field.', 'a condition needs a field key.'));
    return;
  }
  const tests = [when.equals !== undefined, when.in !== undefined, when.notEmpty !== undefined].filter(Boolean).length;
  if (
    tests !== 1 ||
    (when.in !== undefined && !Array.isArray(when.in)) ||
    (when.notEmpty !== undefined && when.notEmpty !== true)
  )
    issues.push(
      issue(
        'FORM_CONDITION_INVALID',
        at,
        'pakai tepat satu dari equals, in, notEmpty.',
        'use exactly one of equals, in, notEmpty.',
      ),
    );
  const target = resolveCondition(when.field, scopes);
  if (when.field === field.key || target.state === 'later') {
    issues.push(
      issue(
        'FORM_CONDITION_FORWARD',
        `${at}.field`,
        `kondisi merujuk "${when.field}" yang ${when.field === field.key ? 'adalah field ini sendiri (siklus)' : 'berada sesudahnya'}; kondisi hanya boleh merujuk field sebelumnya.`,
        `the condition refers to "${when.field}", which ${when.field === field.key ? 'is this field itself (a cycle)' : 'comes later'}; conditions may refer only to earlier fields.`,
      ),
    );
    return;
  }
  if (!target.field) {
    issues.push(
      issue(
        'FORM_CONDITION_FIELD_MISSING',
        `${at}.field`,
        `kondisi merujuk field "${when.field}" yang tidak ada.`,
        `the condition refers to a field "${when.field}" that does not exist.`,
      ),
    );
    return;
  }
  if (target.field.type === 'choice' && Array.isArray(target.field.options)) {
    const known = new Set(target.field.options.map((o) => (isRecord(o) ? o.value : undefined)));
    const wanted = when.equals !== undefined ? [when.equals] : Array.isArray(when.in) ? when.in : [];
    for (const value of wanted.filter((v) => !known.has(v)))
      issues.push(
        issue(
          'FORM_CONDITION_VALUE_UNKNOWN',
          at,
          `"${String(value)}" bukan opsi dari "${when.field}".`,
          `"${String(value)}" is not an option of "${when.field}".`,
        ),
      );
  }
}

function checkFields(fields: unknown, prefix: string, parents: Scope[], issues: CatalogIssue[]): void {
  const listPath = prefix ? `${prefix}.fields` : 'fields';
  if (!Array.isArray(fields) || fields.length === 0) {
    issues.push(issue(prefix ? 'FORM_GROUP_EMPTY' : 'FORM_FIELDS_MISSING', listPath, 'tidak punya field.', 'has no fields.'));
    return;
  }
  const seen = new Set<string>();
  fields.forEach((field, index) => {
    const key = keyOf(field);
    const path = key && KEY_PATTERN.test(key) ? (prefix ? `${prefix}.${key}` : key) : `${listPath}[${index}]`;
    if (!isRecord(field)) {
      issues.push(issue('FORM_FIELD_INVALID', path, 'field harus berupa objek.', 'a field must be an object.'));
      return;
    }
    if (!key || !KEY_PATTERN.test(key))
      issues.push(
        issue(
          'FORM_KEY_INVALID',
          path,
          'key wajib: huruf kecil di depan, lalu huruf, angka atau _.',
          'a key is required: a lower-case letter, then letters, digits or _.',
        ),
      );
    else if (seen.has(key))
      issues.push(issue('FORM_KEY_DUPLICATE', path, `key "${key}" dipakai dua kali.`, `key "${key}" is used twice.`));
    if (key) seen.add(key);
    if (typeof field.type !== 'string' || !(FIELD_TYPES as readonly string[]).includes(field.type)) {
      issues.push(
        issue(
          'FORM_FIELD_TYPE_UNKNOWN',
          `${path}.type`,
          `jenis field ${JSON.stringify(field.type)} tidak dikenal.`,
          `unknown field type ${JSON.stringify(field.type)}.`,
        ),
      );
      return;
    }
    if (!isBilingual(field.label))
      issues.push(issue('FORM_LABEL_MISSING', `${path}.label`, 'label { id, en? } wajib.', 'a label { id, en? } is required.'));
    if (field.help !== undefined && !isBilingual(field.help))
      issues.push(issue('FORM_TEXT_INVALID', `${path}.help`, 'harus teks { id, en? }.', 'must be text { id, en? }.'));
    const scopes = [{ fields, index }, ...parents];
    checkCondition(field, path, scopes, issues);
    checkTypeRules(field, path, issues);
    if (field.type === 'group') checkFields(field.fields, path, scopes, issues);
  });
}

export type FormDefinitionValidation = { ok: true; value: FormDefinition } | { ok: false; issues: CatalogIssue[] };

/** Checks a form definition given as data; returns every issue with the field path, never throws. */
export function validateFormDefinition(input: unknown): FormDefinitionValidation {
  if (!isRecord(input))
    return {
      ok: false,
      issues: [issue('FORM_NOT_OBJECT', '', 'Definisi formulir harus berupa objek.', 'A form definition must be an object.')],
    };
  const issues: CatalogIssue[] = [];
  if (typeof input.id !== 'string' || input.id === '')
    issues.push(issue('FORM_ID_MISSING', 'id', 'id formulir wajib.', 'a form id is required.'));
  if (typeof input.version !== 'number' || !Number.isInteger(input.version) || input.version < 1)
    issues.push(issue('FORM_VERSION_INVALID', 'version', 'harus bilangan bulat ≥ 1.', 'must be a whole number ≥ 1.'));
  if (!isBilingual(input.title)) issues.push(issue('FORM_LABEL_MISSING', 'title', 'judul wajib.', 'a title is required.'));
  checkFields(input.fields, '', [], issues);
  return issues.length === 0 ? { ok: true, value: input as unknown as FormDefinition } : { ok: false, issues };
}

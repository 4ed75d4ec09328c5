/**
 * Form definitions as data: one per service version, fields with stable keys, bilingual labels
 * and help, rules, and conditions. The definition is checked by validateFormDefinition before
 * use and answers by validateFormAnswers; neither runs code from the data (patterns are the one
 * exception, compiled as plain regular expressions).
 */
import type { LocalDate } from '../calendar/date.ts';
import type { RegionLevel } from '../region.ts';
import type { Bilingual } from './issues.ts';

export const FIELD_TYPES = [
  'text',
  'textarea',
  'number',
  'date',
  'choice',
  'nik',
  'phone',
  'email',
  'region',
  'address',
  'file',
  'group',
  'declaration',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export type ConditionValue = string | number | boolean;

/** Show a field only when an earlier field (or an earlier one in the same group) matches. Exactly one test. */
export interface VisibleWhen {
  field: string;
  equals?: ConditionValue;
  in?: ConditionValue[];
  notEmpty?: true;
}

interface FieldBase {
  /** Stable within its level (top level or one group); answers and conditions use it. */
  key: string;
  label: Bilingual;
  help?: Bilingual;
  required?: boolean;
  visibleWhen?: VisibleWhen;
}

export interface TextField extends FieldBase {
  type: 'text' | 'textarea';
  minLength?: number;
  maxLength?: number;
  /** A JavaScript regular expression the whole trimmed value must match. */
  pattern?: string;
  patternMessage?: Bilingual;
}

export interface NumberField extends FieldBase {
  type: 'number';
  min?: number;
  max?: number;
  integer?: boolean;
  /** 'rupiah' prints as Rp1.500.000 in the summary. */
  format?: 'rupiah';
}

export interface DateField extends FieldBase {
  type: 'date';
  notInFuture?: boolean;
  notInPast?: boolean;
  minDate?: LocalDate;
  maxDate?: LocalDate;
  /** Age bounds in whole years at `today` for a birth date. */
  minAgeYears?: number;
  maxAgeYears?: number;
}

export interface ChoiceOption {
  value: string;
  label: Bilingual;
}

export interface ChoiceField extends FieldBase {
  type: 'choice';
  multiple?: boolean;
  options: ChoiceOption[];
  minSelected?: number;
  maxSelected?: number;
}

export interface NikField extends FieldBase {
  type: 'nik';
}

export interface PhoneField extends FieldBase {
  type: 'phone';
}

export interface EmailField extends FieldBase {
  type: 'email';
}

export interface RegionField extends FieldBase {
  type: 'region';
  level: RegionLevel;
  /** Only regions under this code, e.g. '35.10' for Banyuwangi. */
  within?: string;
}

/** Street, RT/RW and a region code at `regionLevel` (default desa/kelurahan). */
export interface AddressField extends FieldBase {
  type: 'address';
  regionLevel?: RegionLevel;
  within?: string;
}

export interface FileField extends FieldBase {
  type: 'file';
  /** MIME types, 'image/*' allowed. */
  accept: string[];
  maxBytes: number;
  /** Default 1. */
  maxFiles?: number;
}

export interface GroupField extends FieldBase {
  type: 'group';
  fields: FormField[];
  minItems?: number;
  maxItems?: number;
  /** Label of one item, e.g. "Saksi"; defaults to the group label. */
  itemLabel?: Bilingual;
}

/** A statement the applicant must tick; always required when visible. */
export interface DeclarationField extends FieldBase {
  type: 'declaration';
  statement: Bilingual;
}

export type FormField =
  | TextField
  | NumberField
  | DateField
  | ChoiceField
  | NikField
  | PhoneField
  | EmailField
  | RegionField
  | AddressField
  | FileField
  | GroupField
  | DeclarationField;

export interface FormDefinition {
  /** Usually the service code, e.g. 'akta-kelahiran'. */
  id: string;
  /** The form's own version, bumped on every change; submissions keep the version they used. */
  version: number;
  /** The service standard version this form belongs to. */
  serviceVersion?: number;
  title: Bilingual;
  fields: FormField[];
}

/** Normalised address value. */
export interface AddressValue {
  street: string;
  rt?: string;
  rw?: string;
  region: string;
  postalCode?: string;
}

/** One uploaded file as the form sees it: metadata only, the bytes live in storage. */
export interface FileValue {
  name: string;
  mimeType: string;
  size: number;
  /** Storage reference, e.g. an object key. */
  ref?: string;
}

export type FieldValue = string | number | boolean | string[] | AddressValue | FileValue[] | Array<Record<string, unknown>>;

/** True when a value counts as given: not undefined/null, not blank text, not an empty list. */
export function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

/**
 * Whether `field` is shown, given the values already known in its scopes (innermost first).
 * A condition on a field that is itself hidden sees no value, so hiding cascades.
 */
export function isFieldVisible(field: FormField, scopes: ReadonlyArray<Readonly<Record<string, unknown>>>): boolean {
  const when = field.visibleWhen;
  if (!when) return true;
  const scope = scopes.find((s) => Object.hasOwn(s, when.field));
  const value = scope?.[when.field];
  if (when.notEmpty) return !isEmptyValue(value);
  const matches = (wanted: ConditionValue) => (Array.isArray(value) ? value.includes(wanted) : value === wanted);
  if (when.in) return when.in.some(matches);
  if (when.equals !== undefined) return matches(when.equals);
  return true;
}

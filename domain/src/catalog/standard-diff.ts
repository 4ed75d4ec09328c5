/**
 * What changed between two versions of a service standard, by component, so the history can say
 * "Biaya/tarif, Persyaratan changed" and an editor can see the previous value before publishing.
 */
import { isRecord } from './issues.ts';
import { STANDARD_COMPONENTS } from './standard.ts';

/** Parts of a standard compared by changedComponents, in the regulation's order after name, description and channels. */
export const COMPARED_STANDARD_KEYS = ['name', 'description', 'channels', ...STANDARD_COMPONENTS.map((c) => c.key)] as const;
export type ComparedStandardKey = (typeof COMPARED_STANDARD_KEYS)[number];

/** JSON with object keys sorted: jsonb does not keep key order, so plain JSON.stringify would see changes that are not there. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isRecord(value))
    return `{${Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

/**
 * The keys of COMPARED_STANDARD_KEYS whose value differs between `before` and `after` (version,
 * code and approval are bookkeeping and never count). Never throws; a non-object counts as empty.
 */
export function changedComponents(before: unknown, after: unknown): ComparedStandardKey[] {
  const a = isRecord(before) ? before : {};
  const b = isRecord(after) ? after : {};
  return COMPARED_STANDARD_KEYS.filter((key) => canonicalJson(a[key]) !== canonicalJson(b[key]));
}

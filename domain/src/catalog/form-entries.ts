/**
 * Form answers as they travel through a plain HTML form post, so a form rendered without
 * JavaScript round-trips: one control name per answer, built by `answerName` and read back by
 * `answersFromEntries` into the object validateFormAnswers takes.
 *
 * Names: a field `nama` → `nama`; an address → `alamat.street`, `alamat.rt`, `alamat.rw`,
 * `alamat.region`, `alamat.postalCode`; a multiple choice repeats its name; a declaration is a
 * checkbox with the value `true`; item 2 of a group `saksi` → `saksi[1].nama`.
 */
import type { FileValue, FormDefinition, FormField } from './form.ts';

/** What a form post carries for a file input (a web File has these three). */
export interface PostedFile {
  name: string;
  type: string;
  size: number;
}
export type EntryValue = string | PostedFile;

export const ADDRESS_PARTS = ['street', 'rt', 'rw', 'region', 'postalCode'] as const;

/** The control name of `key` inside `prefix` ('' at the top, 'saksi[0].' in a group item). */
export function answerName(prefix: string, key: string, part?: (typeof ADDRESS_PARTS)[number]): string {
  return `${prefix}${key}${part ? `.${part}` : ''}`;
}

/** The prefix of item `index` of the group named `groupName`. */
export function groupItemPrefix(groupName: string, index: number): string {
  return `${groupName}[${index}].`;
}

function isText(value: EntryValue | undefined): value is string {
  return typeof value === 'string';
}

function collect(
  fields: readonly FormField[],
  prefix: string,
  entries: ReadonlyMap<string, EntryValue[]>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const name = answerName(prefix, field.key);
    const values = entries.get(name) ?? [];
    const first = values.find(isText);
    switch (field.type) {
      case 'group': {
        const start = `${name}[`;
        const indices = new Set<number>();
        for (const entryName of entries.keys()) {
          if (!entryName.startsWith(start)) continue;
          const match = /^(\d{1,3})\]\./.exec(entryName.slice(start.length));
          if (match) indices.add(Number(match[1]));
        }
        // An item whose inputs were all left blank (the spare row a page offers) is no item.
        const items = [...indices]
          .sort((x, y) => x - y)
          .map((i) => collect(field.fields, groupItemPrefix(name, i), entries))
          .filter((item) => Object.keys(item).length > 0);
        if (items.length > 0) out[field.key] = items;
        break;
      }
      case 'address': {
        const address: Record<string, string> = {};
        for (const part of ADDRESS_PARTS) {
          const value = (entries.get(answerName(prefix, field.key, part)) ?? []).find(isText)?.trim() ?? '';
          if (value !== '') address[part] = value;
        }
        if (Object.keys(address).length > 0) out[field.key] = { street: '', ...address };
        break;
      }
      case 'choice': {
        const picked = values.filter(isText).filter((v) => v !== '');
        if (field.multiple) {
          if (picked.length > 0) out[field.key] = picked;
        } else if (picked[0] !== undefined) out[field.key] = picked[0];
        break;
      }
      case 'declaration':
        if (values.some((v) => v === 'true' || v === 'on')) out[field.key] = true;
        break;
      case 'file': {
        // A file input left empty still posts a nameless, empty file.
        const files: FileValue[] = values
          .filter((v): v is PostedFile => typeof v !== 'string' && (v.name !== '' || v.size > 0))
          .map((f) => ({ name: f.name, mimeType: f.type || 'application/octet-stream', size: f.size }));
        if (files.length > 0) out[field.key] = files;
        break;
      }
      default:
        if (first !== undefined && first.trim() !== '') out[field.key] = first;
    }
  }
  return out;
}

/** The answers object of a form post (FormData entries), ready for validateFormAnswers. Blank answers are left out. */
export function answersFromEntries(
  definition: FormDefinition,
  entries: Iterable<readonly [string, EntryValue]>,
): Record<string, unknown> {
  const byName = new Map<string, EntryValue[]>();
  for (const [name, value] of entries) {
    const list = byName.get(name);
    if (list) list.push(value);
    else byName.set(name, [value]);
  }
  return collect(definition.fields, '', byName);
}

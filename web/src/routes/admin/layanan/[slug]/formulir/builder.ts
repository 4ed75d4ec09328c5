/**
 * The form builder's form post ↔ a form definition. The definition being built travels as JSON in
 * a hidden input; each field's settings are inputs named `f.<path>.<setting>` where the path is
 * the field's position (`3`, or `3.1` for the second field of the group at 3). A post applies the
 * inputs to the JSON, then the button pressed (add, up, down, remove, add to group). Nothing here
 * judges the result: validateFormDefinition (domain) does, in the preview and again in the API.
 */
import {
  FIELD_TYPES,
  moveFormField,
  newFormField,
  REGION_LEVELS,
  type Bilingual,
  type CatalogIssue,
  type FieldType,
  type FormDefinition,
  type FormField,
} from '@layan/domain';

type Loose = Record<string, unknown>;

/** Position of a field: indices from the top level down. */
export type FieldPath = number[];
export const pathName = (path: FieldPath) => path.join('.');

class Reader {
  constructor(private readonly form: FormData) {}
  text(name: string): string {
    const value = this.form.get(name);
    return typeof value === 'string' ? value.trim() : '';
  }
  flag(name: string): boolean {
    return this.form.has(name);
  }
  bilingual(name: string): Bilingual | undefined {
    const id = this.text(`${name}_id`);
    const en = this.text(`${name}_en`);
    if (!id && !en) return undefined;
    return en ? { id, en } : { id };
  }
}

function set(target: Loose, key: string, value: unknown): void {
  if (value === undefined || value === '' || value === false) delete target[key];
  else target[key] = value;
}

/** A number, or the text as typed so the rule can name it. */
function numberOr(text: string): number | string | undefined {
  if (text === '') return undefined;
  return /^-?\d+([.,]\d+)?$/.test(text) ? Number(text.replace(',', '.')) : text;
}

function conditionValue(text: string, target: Loose | undefined): string | number | boolean {
  if (target?.type === 'declaration') return text === 'true';
  if (target?.type === 'number' && /^-?\d+([.,]\d+)?$/.test(text)) return Number(text.replace(',', '.'));
  return text;
}

function readField(r: Reader, field: Loose, path: FieldPath, siblings: Loose[]): Loose {
  const p = `f.${pathName(path)}`;
  if (!r.flag(`${p}.key`)) return field;
  const out: Loose = { ...field };
  out.key = r.text(`${p}.key`);
  out.label = r.bilingual(`${p}.label`) ?? { id: '' };
  set(out, 'help', r.bilingual(`${p}.help`));
  set(out, 'required', r.flag(`${p}.required`));

  const whenField = r.text(`${p}.when_field`);
  if (whenField === '') delete out.visibleWhen;
  else {
    const op = r.text(`${p}.when_op`);
    const raw = r.text(`${p}.when_value`);
    const target = siblings.find((s) => s.key === whenField);
    out.visibleWhen =
      op === 'notEmpty'
        ? { field: whenField, notEmpty: true }
        : op === 'in'
          ? {
              field: whenField,
              in: raw
                .split(',')
                .map((v) => v.trim())
                .filter(Boolean)
                .map((v) => conditionValue(v, target)),
            }
          : { field: whenField, equals: conditionValue(raw, target) };
  }

  switch (out.type) {
    case 'text':
    case 'textarea':
      set(out, 'minLength', numberOr(r.text(`${p}.minLength`)));
      set(out, 'maxLength', numberOr(r.text(`${p}.maxLength`)));
      set(out, 'pattern', r.text(`${p}.pattern`));
      break;
    case 'number':
      set(out, 'min', numberOr(r.text(`${p}.min`)));
      set(out, 'max', numberOr(r.text(`${p}.max`)));
      set(out, 'integer', r.flag(`${p}.integer`));
      set(out, 'format', r.flag(`${p}.rupiah`) ? 'rupiah' : undefined);
      break;
    case 'date':
      set(out, 'notInFuture', r.flag(`${p}.notInFuture`));
      set(out, 'notInPast', r.flag(`${p}.notInPast`));
      set(out, 'minAgeYears', numberOr(r.text(`${p}.minAgeYears`)));
      set(out, 'maxAgeYears', numberOr(r.text(`${p}.maxAgeYears`)));
      break;
    case 'choice':
      set(out, 'multiple', r.flag(`${p}.multiple`));
      out.options = r
        .text(`${p}.options`)
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean)
        .map((line) => {
          const [value = '', id = '', en = ''] = line.split('|').map((part) => part.trim());
          return { value, label: en ? { id: id || value, en } : { id: id || value } };
        });
      break;
    case 'region':
      out.level = r.text(`${p}.level`);
      set(out, 'within', r.text(`${p}.within`));
      break;
    case 'address':
      set(out, 'regionLevel', r.text(`${p}.level`) === 'desa_kelurahan' ? undefined : r.text(`${p}.level`));
      set(out, 'within', r.text(`${p}.within`));
      break;
    case 'file': {
      out.accept = r
        .text(`${p}.accept`)
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean);
      const kb = numberOr(r.text(`${p}.maxKb`));
      out.maxBytes = typeof kb === 'number' ? Math.round(kb * 1024) : (kb ?? 0);
      set(out, 'maxFiles', numberOr(r.text(`${p}.maxFiles`)));
      break;
    }
    case 'group': {
      set(out, 'minItems', numberOr(r.text(`${p}.minItems`)));
      set(out, 'maxItems', numberOr(r.text(`${p}.maxItems`)));
      set(out, 'itemLabel', r.bilingual(`${p}.itemLabel`));
      const subs = Array.isArray(out.fields) ? (out.fields as Loose[]) : [];
      out.fields = subs.map((sub, i) => readField(r, sub, [...path, i], subs));
      break;
    }
    case 'declaration':
      out.statement = r.bilingual(`${p}.statement`) ?? { id: '' };
      break;
  }
  return out;
}

/** The definition the post describes, built on the JSON the page rendered. */
export function definitionFromForm(form: FormData, state: Loose): Loose {
  const r = new Reader(form);
  const fields = Array.isArray(state.fields) ? (state.fields as Loose[]) : [];
  const title = r.bilingual('title');
  return {
    ...state,
    ...(title ? { title } : {}),
    fields: fields.map((field, i) => readField(r, field, [i], fields)),
  };
}

export type BuilderOp =
  | { kind: 'save' | 'preview' }
  | { kind: 'add'; path: FieldPath; type: FieldType }
  | { kind: 'up' | 'down' | 'remove'; path: FieldPath };

function parsePath(text: string | undefined): FieldPath | undefined {
  if (text === undefined || text === '') return [];
  return /^\d{1,3}(\.\d{1,3})*$/.test(text) ? text.split('.').map(Number) : undefined;
}

/** The button pressed: `save`, `preview`, `add` (to the top level) or `add:3` (to the group at 3), `up:3.1`, … */
export function builderOp(form: FormData): BuilderOp {
  const [kind, at] = String(form.get('op') ?? 'preview').split(':');
  const path = parsePath(at);
  if (path && kind === 'add') {
    const typeName = path.length ? `f.${pathName(path)}.newType` : 'newType';
    const type = String(form.get(typeName) ?? 'text');
    return { kind, path, type: (FIELD_TYPES as readonly string[]).includes(type) ? (type as FieldType) : 'text' };
  }
  if (path && path.length > 0 && (kind === 'up' || kind === 'down' || kind === 'remove')) return { kind, path };
  return { kind: kind === 'save' ? 'save' : 'preview' };
}

function editList(fields: Loose[], path: FieldPath, edit: (list: Loose[], index: number) => Loose[]): Loose[] {
  const [head, ...rest] = path;
  if (head === undefined) return fields;
  if (rest.length === 0) return edit(fields, head);
  return fields.map((field, i) =>
    i === head ? { ...field, fields: editList(Array.isArray(field.fields) ? (field.fields as Loose[]) : [], rest, edit) } : field,
  );
}

/** The definition with the op applied; save and preview leave it as it is. */
export function applyBuilderOp(definition: Loose, op: BuilderOp): Loose {
  const fields = Array.isArray(definition.fields) ? (definition.fields as Loose[]) : [];
  switch (op.kind) {
    case 'add': {
      if (op.path.length === 0)
        return { ...definition, fields: [...fields, newFormField(op.type, fields as unknown as FormField[])] };
      const group = editList(fields, op.path, (list, i) =>
        list.map((field, j) => {
          if (j !== i) return field;
          const subs = Array.isArray(field.fields) ? (field.fields as Loose[]) : [];
          // A group inside a group is not offered: one level of repetition is what paper forms have.
          const type = op.type === 'group' ? 'text' : op.type;
          return { ...field, fields: [...subs, newFormField(type, subs as unknown as FormField[])] };
        }),
      );
      return { ...definition, fields: group };
    }
    case 'up':
    case 'down':
      return {
        ...definition,
        fields: editList(fields, op.path, (list, i) => moveFormField(list, i, op.kind === 'up' ? -1 : 1)),
      };
    case 'remove':
      return { ...definition, fields: editList(fields, op.path, (list, i) => list.filter((_, j) => j !== i)) };
    default:
      return definition;
  }
}

/** An empty definition for a service without a form. */
export function emptyDefinition(slug: string, title: Bilingual): FormDefinition {
  return { id: slug, version: 1, title, fields: [] };
}

/**
 * Assigns each issue of validateFormDefinition to the field it concerns, by position: issue paths
 * name fields by key (`saksi.nik.label`) or, when the key itself is bad, by index (`fields[2]`).
 * Issues of no field (the title, the id) come under ''.
 */
export function issuesByField(definition: Loose, issues: readonly CatalogIssue[]): Map<string, CatalogIssue[]> {
  const byPath = new Map<string, CatalogIssue[]>();
  const targets: Array<{ prefixes: string[]; at: string }> = [];
  const walk = (fields: unknown, keyPrefix: string, path: FieldPath) => {
    if (!Array.isArray(fields)) return;
    fields.forEach((field: Loose, i) => {
      const key = typeof field?.key === 'string' ? field.key : '';
      const at = pathName([...path, i]);
      const listPath = keyPrefix ? `${keyPrefix}.fields[${i}]` : `fields[${i}]`;
      const keyed = key ? (keyPrefix ? `${keyPrefix}.${key}` : key) : listPath;
      targets.push({ prefixes: [keyed, listPath], at });
      if (field?.type === 'group') walk(field.fields, keyed, [...path, i]);
    });
  };
  walk(definition.fields, '', []);
  for (const issue of issues) {
    let best: { at: string; length: number } | undefined;
    for (const target of targets)
      for (const prefix of target.prefixes)
        if ((issue.path === prefix || issue.path.startsWith(`${prefix}.`)) && prefix.length > (best?.length ?? -1))
          best = { at: target.at, length: prefix.length };
    const at = best?.at ?? '';
    byPath.set(at, [...(byPath.get(at) ?? []), issue]);
  }
  return byPath;
}

export { FIELD_TYPES, REGION_LEVELS };

/**
 * The standard editor's form post ↔ a service standard. The page renders the standard being
 * edited into plain inputs (names such as `requirements.0.document.id`) plus the same standard as
 * JSON in a hidden input; a post is read back onto that JSON, so values the page does not show
 * (provenance notes, `verified`) survive an edit. Nothing here judges the values: the API's
 * domain rules do, and their issue paths (`requirements[0].count`) map back to the input names.
 */
import { canonicalJson, COMPARED_STANDARD_KEYS, type Bilingual } from '@layan/domain';

type Loose = Record<string, unknown>;

export const ROW_LISTS = [
  'requirements',
  'procedure',
  'complaints',
  'legalBasis',
  'facilities',
  'competence',
  'internalSupervision',
] as const;
export type RowList = (typeof ROW_LISTS)[number];
export const TEXT_LISTS = ['facilities', 'competence', 'internalSupervision'] as const;
export const TEXT_PARTS = ['staffing', 'serviceGuarantee', 'safetyGuarantee', 'performanceEvaluation'] as const;

const EMPTY_ROW: Record<RowList, () => Loose> = {
  requirements: () => ({ document: { id: '' }, form: 'asli', count: 1 }),
  procedure: () => ({ step: { id: '' } }),
  complaints: () => ({ kind: 'loket' }),
  legalBasis: () => ({ title: '' }),
  facilities: () => ({ id: '' }),
  competence: () => ({ id: '' }),
  internalSupervision: () => ({ id: '' }),
};

function record(value: unknown): Loose {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...(value as Loose) } : {};
}

class Reader {
  constructor(private readonly form: FormData) {}
  text(name: string): string {
    const value = this.form.get(name);
    return typeof value === 'string' ? value.trim() : '';
  }
  has(name: string): boolean {
    return this.form.has(name);
  }
  /** `{ id, en? }`; undefined when both are blank, unless `required` (then `{ id: '' }` for the rule to name). */
  bilingual(name: string, required: boolean): Bilingual | undefined {
    const id = this.text(`${name}.id`);
    const en = this.text(`${name}.en`);
    if (!id && !en) return required ? { id: '' } : undefined;
    return en ? { id, en } : { id };
  }
  /** Row indices posted for a list, in order. */
  rows(list: string): number[] {
    const found = new Set<number>();
    for (const name of this.form.keys()) {
      const match = new RegExp(`^${list}\\.(\\d{1,3})\\.`).exec(name);
      if (match) found.add(Number(match[1]));
    }
    return [...found].sort((a, b) => a - b);
  }
}

/** A whole number from "3" or "5.000" / "Rp5.000"; anything else stays text, for the rule to report. */
function wholeNumber(text: string): number | string | undefined {
  if (text === '') return undefined;
  const plain = text.replace(/^Rp\s*/i, '').replace(/\s/g, '');
  if (/^\d{1,3}(\.\d{3})+$/.test(plain)) return Number(plain.replace(/\./g, ''));
  return /^\d+$/.test(plain) ? Number(plain) : text;
}

/** "2", "1,5" or "1.5"; anything else stays text. */
function decimal(text: string): number | string | undefined {
  if (text === '') return undefined;
  return /^\d+([.,]\d+)?$/.test(text) ? Number(text.replace(',', '.')) : text;
}

function set(target: Loose, key: string, value: unknown): void {
  if (value === undefined || value === '') delete target[key];
  else target[key] = value;
}

/** The standard the post describes, built on the JSON the page rendered (`state`). */
export function standardFromForm(form: FormData, state: Loose): Loose {
  const r = new Reader(form);
  const s: Loose = { ...state };
  s.name = r.bilingual('name', true);
  set(s, 'description', r.bilingual('description', false));
  // Keep the stored order of the channels still ticked, so an untouched list is no change.
  const stored = Array.isArray(state.channels) ? state.channels.map(String) : [];
  const ticked = form.getAll('channels').map(String);
  s.channels = [...stored.filter((c) => ticked.includes(c)), ...ticked.filter((c) => !stored.includes(c))];

  const rowsOf = (list: RowList) => {
    const before = Array.isArray(state[list]) ? (state[list] as unknown[]) : [];
    return r.rows(list).map((i) => ({ i, base: record(before[i]), name: `${list}.${i}` }));
  };
  s.requirements = rowsOf('requirements').map(({ base, name }) => {
    base.document = r.bilingual(`${name}.document`, true);
    base.form = r.text(`${name}.form`);
    base.count = wholeNumber(r.text(`${name}.count`)) ?? '';
    set(base, 'conditions', r.bilingual(`${name}.conditions`, false));
    set(base, 'note', r.bilingual(`${name}.note`, false));
    return base;
  });
  s.procedure = rowsOf('procedure').map(({ base, name }) => {
    base.step = r.bilingual(`${name}.step`, true);
    set(base, 'by', r.text(`${name}.by`));
    return base;
  });
  s.complaints = rowsOf('complaints').map(({ base, name }) => {
    base.kind = r.text(`${name}.kind`);
    set(base, 'contact', r.text(`${name}.contact`));
    return base;
  });
  s.legalBasis = rowsOf('legalBasis').map(({ base, name }) => ({ ...base, title: r.text(`${name}.title`) }));
  for (const list of TEXT_LISTS) s[list] = rowsOf(list).map(({ name }) => r.bilingual(name, true));
  for (const part of TEXT_PARTS) s[part] = r.bilingual(part, true);

  const time = record(state.serviceTime);
  set(time, 'amount', decimal(r.text('serviceTime.amount')));
  set(time, 'unit', r.text('serviceTime.unit'));
  set(time, 'conditions', r.bilingual('serviceTime.conditions', false));
  s.serviceTime = time;

  const fee = record(state.fee);
  fee.kind = r.text('fee.kind');
  set(fee, 'basis', r.text('fee.basis'));
  // Only a fixed fee has an amount and only a computed one a formula: a kind change drops the other.
  if (fee.kind === 'tarif') set(fee, 'amount', wholeNumber(r.text('fee.amount')));
  else if (fee.amount !== 0) delete fee.amount;
  set(fee, 'formula', fee.kind === 'variabel' ? r.bilingual('fee.formula', false) : undefined);
  set(fee, 'note', r.bilingual('fee.note', false));
  s.fee = fee;

  const product = record(state.product);
  product.name = r.bilingual('product.name', true);
  set(product, 'electronic', r.has('product.electronic') ? true : product.electronic === false ? false : undefined);
  s.product = product;
  return s;
}

export type EditorOp = { kind: 'save' } | { kind: 'add'; list: RowList } | { kind: 'remove'; list: RowList; index: number };

/** The button pressed: `save`, `add:requirements`, `remove:requirements:2`. */
export function editorOp(form: FormData): EditorOp {
  const [kind, list, index] = String(form.get('op') ?? 'save').split(':');
  const known = (ROW_LISTS as readonly string[]).includes(list ?? '');
  if (kind === 'add' && known) return { kind: 'add', list: list as RowList };
  if (kind === 'remove' && known && /^\d+$/.test(index ?? ''))
    return { kind: 'remove', list: list as RowList, index: Number(index) };
  return { kind: 'save' };
}

/** The standard with a row added or removed. */
export function applyRowOp(standard: Loose, op: Exclude<EditorOp, { kind: 'save' }>): Loose {
  const rows = Array.isArray(standard[op.list]) ? [...(standard[op.list] as unknown[])] : [];
  if (op.kind === 'add') rows.push(EMPTY_ROW[op.list]());
  else rows.splice(op.index, 1);
  return { ...standard, [op.list]: rows };
}

/** The parts of `edited` that differ from `saved`, as the API's `changes`. */
export function changesFrom(saved: Loose, edited: Loose): Loose {
  const changes: Loose = {};
  for (const key of COMPARED_STANDARD_KEYS) {
    if (canonicalJson(saved[key]) !== canonicalJson(edited[key])) changes[key] = edited[key];
  }
  return changes;
}

/** 'requirements[0].document' → 'requirements.0.document', the prefix of the input names it concerns. */
export function inputPathOf(issuePath: string): string {
  return issuePath.replace(/\[(\d+)\]/g, '.$1');
}

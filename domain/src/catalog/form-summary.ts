/**
 * The printable "check your answers" summary: one row per visible answered field, in form order,
 * with values written the way an Indonesian reader expects (22 November 2026, Rp1.500.000).
 */
import { formatDate, formatRupiah } from '../format.ts';
import type { Lang } from '../language.ts';
import { type AddressValue, type FileValue, type FormDefinition, type FormField, isFieldVisible } from './form.ts';
import { isRecord, pickText } from './issues.ts';

export interface SummaryRow {
  /** Path of the answer, e.g. 'saksi[1].nama'. */
  path: string;
  label: string;
  value: string;
}

export interface SummarizeAnswersOptions {
  lang: Lang;
  /** Region code → name, e.g. from the region table; codes are shown when absent or unknown. */
  regionName?: (code: string) => string | undefined;
}

const YES: Record<Lang, string> = { id: 'Ya, disetujui', en: 'Yes, accepted' };

function regionText(code: string, options: SummarizeAnswersOptions): string {
  return options.regionName?.(code) ?? code;
}

function formatValue(field: FormField, value: unknown, options: SummarizeAnswersOptions): string {
  const { lang } = options;
  switch (field.type) {
    case 'number':
      return field.format === 'rupiah' ? formatRupiah(Number(value)) : new Intl.NumberFormat('id-ID').format(Number(value));
    case 'date':
      return typeof value === 'string' ? formatDate(value) : String(value);
    case 'choice': {
      const picked = Array.isArray(value) ? value : [value];
      return picked.map((v) => pickText(field.options.find((o) => o.value === v)?.label ?? { id: String(v) }, lang)).join(', ');
    }
    case 'declaration':
      return value === true ? YES[lang] : '';
    case 'region':
      return regionText(String(value), options);
    case 'address': {
      const a = value as AddressValue;
      const rtRw = a.rt || a.rw ? `RT ${a.rt ?? '-'}/RW ${a.rw ?? '-'}` : '';
      return [a.street, rtRw, regionText(a.region, options), a.postalCode].filter(Boolean).join(', ');
    }
    case 'file':
      return (value as FileValue[]).map((f) => f.name).join(', ');
    default:
      return String(value);
  }
}

function rows(
  fields: readonly FormField[],
  values: Readonly<Record<string, unknown>>,
  context: { scopes: Array<Record<string, unknown>>; prefix: string; labelPrefix: string; options: SummarizeAnswersOptions },
): SummaryRow[] {
  const out: SummaryRow[] = [];
  const seen: Record<string, unknown> = {};
  const chain = [seen, ...context.scopes];
  for (const field of fields) {
    seen[field.key] = undefined;
    if (!isFieldVisible(field, chain)) continue;
    const value = values[field.key];
    seen[field.key] = value;
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    const label = context.labelPrefix + pickText(field.label, context.options.lang);
    const path = context.prefix + field.key;
    if (field.type === 'group') {
      const itemLabel = pickText(field.itemLabel ?? field.label, context.options.lang);
      (value as unknown[]).forEach((item, i) =>
        out.push(
          ...rows(field.fields, isRecord(item) ? item : {}, {
            ...context,
            scopes: chain,
            prefix: `${path}[${i}].`,
            labelPrefix: `${context.labelPrefix}${itemLabel} ${i + 1} — `,
          }),
        ),
      );
      continue;
    }
    out.push({ path, label, value: formatValue(field, value, context.options) });
  }
  return out;
}

/** Ordered label/value rows of normalised answers (from validateFormAnswers) for a printable summary. */
export function summarizeAnswers(
  definition: FormDefinition,
  values: Readonly<Record<string, unknown>>,
  options: SummarizeAnswersOptions,
): SummaryRow[] {
  return rows(definition.fields, values, { scopes: [], prefix: '', labelPrefix: '', options });
}

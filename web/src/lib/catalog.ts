import {
  formatRupiah,
  formatSlaDuration,
  pickText,
  SLA_UNITS,
  STANDARD_COMPONENTS,
  type Bilingual,
  type FormField,
  type SlaUnit,
  type VisibleWhen,
} from '@layan/domain';
import { t, type Lang } from './i18n';

/** The demo tenant (Kabupaten Banyuwangi) when the address names no region. */
export const DEFAULT_REGION = '35.10';
const REGION = /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/;

/** The `wilayah` query parameter when it is a region code, else the demo tenant. */
export function regionParam(url: URL): string {
  const value = url.searchParams.get('wilayah') ?? '';
  return REGION.test(value) ? value : DEFAULT_REGION;
}

/** `?wilayah=…` to carry a non-default region across links; empty for the default. */
export function regionSuffix(region: string, joiner: '?' | '&' = '?'): string {
  return region === DEFAULT_REGION ? '' : `${joiner}wilayah=${encodeURIComponent(region)}`;
}

/** Bilingual text in the page's language. */
export function text(value: Bilingual | undefined, lang: Lang): string {
  return value ? pickText(value, lang) : '';
}

/** An agency as `GET /api/v1/agencies` answers it (the fields the pages use). */
export interface AgencyItem {
  id: string;
  tenantCode: string;
  slug: string;
  name: string;
  shortName: string | null;
  kind: string;
}

/** The tenant an admin page works on: `?pemda=` when it is a region code, else the demo tenant. */
export function tenantParam(url: URL): string {
  const value = url.searchParams.get('pemda') ?? '';
  return REGION.test(value) && value.length <= 5 ? value : DEFAULT_REGION;
}

/** `?pemda=…` (or `&pemda=…`) for a non-default tenant; empty for the demo tenant. */
export function tenantSuffix(tenant: string, joiner: '?' | '&' = '?'): string {
  return tenant === DEFAULT_REGION ? '' : `${joiner}pemda=${encodeURIComponent(tenant)}`;
}

type Loose = Record<string, unknown>;
const asList = (value: unknown): Loose[] =>
  Array.isArray(value) ? value.map((v) => (typeof v === 'object' && v !== null ? (v as Loose) : { id: String(v) })) : [];
const bil = (value: unknown, lang: Lang): string =>
  typeof value === 'object' && value !== null && typeof (value as Loose).id === 'string'
    ? text(value as Bilingual, lang)
    : value === undefined || value === null
      ? ''
      : String(value);

/** The name of a part of the standard (a component, or name/description/channels). */
export function partName(key: string, lang: Lang): string {
  const component = STANDARD_COMPONENTS.find((c) => c.key === key);
  if (component) return text(component.name, lang);
  return t(lang, `cadmin.part.${key}` as 'cadmin.part.name');
}

/**
 * A part of a standard as lines of text, to show what it was and what it becomes. Tolerates
 * values a draft form left half-filled (they are shown as typed).
 */
export function partLines(standard: Loose, key: string, lang: Lang): string[] {
  const value = standard[key];
  switch (key) {
    case 'channels':
      return (Array.isArray(value) ? value : []).map((c) => t(lang, `catalog.channel.${String(c)}` as 'catalog.channel.online'));
    case 'requirements':
      return asList(value).map((r) => {
        const form = t(lang, `service.form.${String(r.form)}` as 'service.form.asli');
        const when = r.conditions ? ` — ${t(lang, 'service.conditions')}: ${bil(r.conditions, lang)}` : '';
        return `${bil(r.document, lang)} (${form}, ${t(lang, 'service.copies', { n: String(r.count) })})${when}`;
      });
    case 'procedure':
      return asList(value).map(
        (p) => `${bil(p.step, lang)}${p.by ? ` (${t(lang, `service.by.${String(p.by)}` as 'service.by.pemohon')})` : ''}`,
      );
    case 'serviceTime': {
      const time = (value ?? {}) as Loose;
      const unit = String(time.unit ?? '');
      const amount =
        typeof time.amount === 'number' && SLA_UNITS.includes(unit as SlaUnit)
          ? formatSlaDuration(time.amount, unit as SlaUnit)
          : `${String(time.amount ?? '')} ${unit}`;
      return [amount, ...(time.conditions ? [bil(time.conditions, lang)] : [])];
    }
    case 'fee': {
      const fee = (value ?? {}) as Loose;
      const head =
        fee.kind === 'gratis'
          ? t(lang, 'catalog.free')
          : fee.kind === 'tarif' && typeof fee.amount === 'number'
            ? formatRupiah(fee.amount)
            : fee.kind === 'variabel'
              ? t(lang, 'catalog.variable')
              : String(fee.amount ?? fee.kind ?? '');
      return [
        head,
        `${t(lang, 'service.feeBasis')}: ${String(fee.basis ?? '—')}`,
        ...(fee.formula ? [bil(fee.formula, lang)] : []),
        ...(fee.note ? [bil(fee.note, lang)] : []),
      ];
    }
    case 'product': {
      const product = (value ?? {}) as Loose;
      return [`${bil(product.name, lang)}${product.electronic ? ` — ${t(lang, 'service.electronic')}` : ''}`];
    }
    case 'complaints':
      return asList(value).map(
        (c) =>
          `${c.label ? bil(c.label, lang) : t(lang, `service.complaint.${String(c.kind)}` as 'service.complaint.loket')}${c.contact ? `: ${String(c.contact)}` : ''}`,
      );
    case 'legalBasis':
      return asList(value).map((l) => String(l.title ?? ''));
    default:
      return Array.isArray(value) ? asList(value).map((v) => bil(v, lang)) : value === undefined ? [] : [bil(value, lang)];
  }
}

/** "Fill in when “Place of delivery” is “Home/other”." for a field's visibleWhen. */
export function visibleWhenText(when: VisibleWhen, siblings: readonly FormField[], lang: Lang): string {
  const target = siblings.find((f) => f.key === when.field);
  const label = target ? text(target.label, lang) : when.field;
  if (when.notEmpty) return t(lang, 'fr.shownWhenFilled', { field: label });
  const optionText = (v: string | number | boolean) =>
    target?.type === 'choice' ? text(target.options.find((o) => o.value === v)?.label, lang) || String(v) : String(v);
  const wanted = when.in ?? (when.equals !== undefined ? [when.equals] : []);
  return t(lang, 'fr.shownWhen', {
    field: label,
    op: wanted.length > 1 ? t(lang, 'fr.isOneOf') : t(lang, 'fr.is'),
    value: wanted.map((v) => `“${optionText(v)}”`).join(` ${t(lang, 'fr.or')} `),
  });
}

/** "2 MB" or "500 KB". */
export function fileSizeText(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 }).format(bytes / 1024 / 1024)} MB`
    : `${Math.round(bytes / 1024)} KB`;
}

import { pickText, type Bilingual } from '@layan/domain';
import type { Lang } from './i18n';

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

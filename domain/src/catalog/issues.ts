/**
 * Shapes shared by the catalog rules: bilingual text and an issue that names where in the input
 * the problem is. Indonesian messages use the Indonesian path (biaya.dasarHukum), English ones
 * the English path (fee.basis), so each reader sees field names in the language they read.
 */
import type { DomainIssue } from '../issue.ts';

/** Text shown to citizens: Indonesian always, English when written. */
export interface Bilingual {
  id: string;
  en?: string;
}

/** A DomainIssue with the path of the offending value, e.g. 'fee.basis' or 'anak.nik'. */
export interface CatalogIssue extends DomainIssue {
  path: string;
}

/** A plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-empty string after trimming. */
export function isFilledString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** True for `{ id: non-empty, en?: string }`. */
export function isBilingual(value: unknown): value is Bilingual {
  return isRecord(value) && isFilledString(value.id) && (value.en === undefined || typeof value.en === 'string');
}

/** The text in the wanted language, falling back to Indonesian when no English was written. */
export function pickText(text: Bilingual, lang: 'id' | 'en'): string {
  return lang === 'en' && text.en ? text.en : text.id;
}

export interface MakeIssueOptions {
  code: string;
  /** English path, e.g. 'fee.basis'. */
  path: string;
  /** Path shown in the Indonesian message; defaults to `path`. */
  pathId?: string;
  message: string;
  messageEn: string;
}

/** Builds an issue whose messages start with the path in each language. */
export function makeIssue(options: MakeIssueOptions): CatalogIssue {
  const pathId = options.pathId ?? options.path;
  return {
    code: options.code,
    path: options.path,
    message: options.path ? `${pathId}: ${options.message}` : options.message,
    messageEn: options.path ? `${options.path}: ${options.messageEn}` : options.messageEn,
  };
}

/**
 * The one error registry. Every error a client can see has a stable code, an HTTP status and a
 * message in Bahasa Indonesia and English; `http/error-handler.ts` is the only place that turns
 * them into responses. Add new codes here, never ad hoc in a module. Documented in docs/ERRORS.md.
 */
export const ERROR_REGISTRY = {
  VALIDATION_FAILED: {
    status: 400,
    id: 'Permintaan tidak valid: {detail}',
    en: 'Invalid request: {detail}',
  },
  MALFORMED_BODY: {
    status: 400,
    id: 'Isi permintaan tidak dapat dibaca.',
    en: 'The request body could not be parsed.',
  },
  NOT_FOUND: {
    status: 404,
    id: 'Alamat tidak ditemukan.',
    en: 'No such address.',
  },
  REGION_NOT_FOUND: {
    status: 404,
    id: 'Wilayah dengan kode {code} tidak ditemukan.',
    en: 'No region has the code {code}.',
  },
  METHOD_NOT_ALLOWED: {
    status: 405,
    id: 'Metode tidak diizinkan untuk alamat ini.',
    en: 'Method not allowed for this address.',
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    id: 'Isi permintaan terlalu besar.',
    en: 'The request body is too large.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    id: 'Jenis isi permintaan tidak didukung.',
    en: 'Unsupported content type.',
  },
  RATE_LIMITED: {
    status: 429,
    id: 'Terlalu banyak permintaan. Coba lagi dalam {retryAfter}.',
    en: 'Too many requests. Try again in {retryAfter}.',
  },
  INTERNAL: {
    status: 500,
    id: 'Terjadi kesalahan pada server. Kode rujukan: {requestId}.',
    en: 'Something went wrong on the server. Reference: {requestId}.',
  },
  NOT_READY: {
    status: 503,
    id: 'Layanan belum siap: {detail}',
    en: 'Service not ready: {detail}',
  },
} as const satisfies Record<string, { status: number; id: string; en: string }>;

export type ErrorCode = keyof typeof ERROR_REGISTRY;
export type { Lang } from '@layan/domain';
import type { Lang } from '@layan/domain';

/** An error meant for the client: a registry code plus the values its message names. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: Record<string, string | number>;
  readonly details: unknown;

  constructor(code: ErrorCode, params: Record<string, string | number> = {}, details?: unknown) {
    super(formatErrorMessage(code, params, 'en'));
    this.name = 'AppError';
    this.code = code;
    this.params = params;
    this.details = details;
  }

  get status(): number {
    return ERROR_REGISTRY[this.code].status;
  }
}

/** The message of `code` in `lang`, with `{name}` placeholders filled from `params`. */
export function formatErrorMessage(code: ErrorCode, params: Record<string, string | number>, lang: Lang): string {
  const template = ERROR_REGISTRY[code][lang];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

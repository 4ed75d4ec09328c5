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
  AUTH_REQUIRED: {
    status: 401,
    id: 'Silakan masuk terlebih dahulu.',
    en: 'Please sign in first.',
  },
  SIGN_IN_FAILED: {
    status: 401,
    id: 'Email atau kata sandi salah.',
    en: 'Wrong e-mail or password.',
  },
  OTP_REQUIRED: {
    status: 401,
    id: 'Masukkan kode 6 digit dari aplikasi autentikator.',
    en: 'Enter the 6-digit code from your authenticator app.',
  },
  OTP_INVALID: {
    status: 401,
    id: 'Kode autentikator salah atau sudah kedaluwarsa.',
    en: 'The authenticator code is wrong or has expired.',
  },
  OTP_REUSED: {
    status: 401,
    id: 'Kode autentikator ini sudah dipakai. Tunggu kode berikutnya.',
    en: 'This authenticator code has already been used. Wait for the next one.',
  },
  FORBIDDEN: {
    status: 403,
    id: 'Anda tidak berwenang melakukan ini.',
    en: 'You are not allowed to do this.',
  },
  CSRF_REJECTED: {
    status: 403,
    id: 'Permintaan ditolak: header X-Layan-CSRF tidak ada.',
    en: 'Request refused: the X-Layan-CSRF header is missing.',
  },
  TENANT_NOT_FOUND: {
    status: 404,
    id: 'Pemda dengan kode {code} belum terdaftar di Layan.',
    en: 'No tenant (Pemda) with the code {code} is registered.',
  },
  AGENCY_NOT_FOUND: {
    status: 404,
    id: 'Instansi tidak ditemukan.',
    en: 'No such agency.',
  },
  LOCATION_NOT_FOUND: {
    status: 404,
    id: 'Lokasi layanan tidak ditemukan.',
    en: 'No such service location.',
  },
  COUNTER_NOT_FOUND: {
    status: 404,
    id: 'Loket tidak ditemukan.',
    en: 'No such counter.',
  },
  SESSION_NOT_FOUND: {
    status: 404,
    id: 'Sesi tidak ditemukan.',
    en: 'No such session.',
  },
  TENANT_EXISTS: {
    status: 409,
    id: 'Pemda dengan kode {code} sudah terdaftar.',
    en: 'A tenant with the code {code} already exists.',
  },
  SLUG_TAKEN: {
    status: 409,
    id: 'Kode {slug} sudah dipakai di Pemda ini.',
    en: 'The code {slug} is already used in this tenant.',
  },
  STAFF_EMAIL_TAKEN: {
    status: 409,
    id: 'Email ini sudah dipakai oleh akun petugas lain.',
    en: 'This e-mail is already used by another staff account.',
  },
  TOTP_ALREADY_ENABLED: {
    status: 409,
    id: 'Autentikasi dua langkah sudah aktif.',
    en: 'Two-step verification is already on.',
  },
  TOTP_NOT_ENROLLING: {
    status: 409,
    id: 'Mulai pendaftaran autentikator terlebih dahulu.',
    en: 'Start authenticator enrolment first.',
  },
  SERVICE_NOT_FOUND: {
    status: 404,
    id: 'Layanan tidak ditemukan.',
    en: 'No such service.',
  },
  SERVICE_VERSION_NOT_FOUND: {
    status: 404,
    id: 'Versi {version} standar layanan ini tidak ditemukan.',
    en: 'Version {version} of this service standard does not exist.',
  },
  SERVICE_VERSION_NOT_DRAFT: {
    status: 409,
    id: 'Versi {version} sudah disetujui; hanya draf yang dapat diterbitkan.',
    en: 'Version {version} is already approved; only a draft can be published.',
  },
  CATALOG_STANDARD_INVALID: {
    status: 400,
    id: 'Standar pelayanan tidak valid ({paths}); rinciannya ada di details.',
    en: 'The service standard is invalid ({paths}); see details.',
  },
  CATALOG_FORM_INVALID: {
    status: 400,
    id: 'Definisi formulir tidak valid ({paths}); rinciannya ada di details.',
    en: 'The form definition is invalid ({paths}); see details.',
  },
  INVALID_GRANT: {
    status: 400,
    id: 'Hak akses tidak valid: {detail}',
    en: 'Invalid grant: {detail}',
  },
  REGION_OUTSIDE_TENANT: {
    status: 400,
    id: 'Wilayah {code} tidak berada di Pemda {tenant}.',
    en: 'Region {code} does not lie in tenant {tenant}.',
  },
  NIK_INVALID: {
    status: 400,
    id: 'NIK tidak valid ({codes}); rinciannya ada di details.',
    en: 'The NIK is not valid ({codes}); see details.',
  },
  DESTINATION_INVALID: {
    status: 400,
    id: 'Tujuan pengiriman tidak sesuai dengan saluran {channel}: isi alamat email atau nomor ponsel Indonesia (08… atau +628…).',
    en: 'The destination does not fit the channel {channel}: give an e-mail address or an Indonesian mobile number (08… or +628…).',
  },
  CHANNEL_UNAVAILABLE: {
    status: 400,
    id: 'Pengiriman kode lewat {channel} belum tersedia. Pilih saluran lain.',
    en: 'Codes cannot be sent by {channel} here yet. Choose another channel.',
  },
  CITIZEN_CODE_MISSING: {
    status: 401,
    id: 'Tidak ada kode yang berlaku untuk NIK ini. Minta kode baru.',
    en: 'There is no valid code for this NIK. Ask for a new code.',
  },
  CITIZEN_CODE_WRONG: {
    status: 401,
    id: 'Kode salah. Sisa percobaan: {remaining}.',
    en: 'Wrong code. Attempts left: {remaining}.',
  },
  CITIZEN_CODE_EXPIRED: {
    status: 401,
    id: 'Kode sudah kedaluwarsa. Minta kode baru.',
    en: 'The code has expired. Ask for a new code.',
  },
  CITIZEN_CODE_USED: {
    status: 401,
    id: 'Kode ini sudah dipakai. Minta kode baru.',
    en: 'This code has already been used. Ask for a new code.',
  },
  CITIZEN_CODE_LOCKED: {
    status: 423,
    id: 'Terlalu banyak kode salah; kode ini tidak berlaku lagi. Minta kode baru.',
    en: 'Too many wrong codes; this code no longer works. Ask for a new code.',
  },
  CITIZEN_NAME_REQUIRED: {
    status: 400,
    id: 'NIK ini belum terdaftar. Isi nama Anda untuk mendaftar.',
    en: 'This NIK is not registered yet. Give your name to sign up.',
  },
  CITIZEN_SIGN_IN_FAILED: {
    status: 401,
    id: 'NIK atau kata sandi salah.',
    en: 'Wrong NIK or password.',
  },
  CURRENT_PASSWORD_WRONG: {
    status: 403,
    id: 'Kata sandi saat ini salah.',
    en: 'The current password is wrong.',
  },
  CONSENT_PURPOSE_NOT_FOUND: {
    status: 404,
    id: 'Tidak ada pemberitahuan persetujuan untuk tujuan {purpose}.',
    en: 'There is no consent notice for the purpose {purpose}.',
  },
  CONSENT_NOT_GIVEN: {
    status: 409,
    id: 'Anda tidak sedang memberi persetujuan untuk tujuan {purpose}.',
    en: 'You have no standing consent for the purpose {purpose}.',
  },
  DATA_REQUEST_NOT_FOUND: {
    status: 404,
    id: 'Permintaan data tidak ditemukan.',
    en: 'No such data request.',
  },
  DATA_REQUEST_CLOSED: {
    status: 409,
    id: 'Permintaan data ini sudah ditutup.',
    en: 'This data request is already closed.',
  },
  ACCOUNT_LOCKED: {
    status: 423,
    id: 'Akun dikunci sementara karena terlalu banyak percobaan gagal. Coba lagi dalam {retryAfter}.',
    en: 'The account is locked after too many failed attempts. Try again in {retryAfter}.',
  },
  OIDC_PROVIDER_UNKNOWN: {
    status: 404,
    id: 'Penyedia identitas {provider} tidak dikenal.',
    en: 'No identity provider is configured as {provider}.',
  },
  OIDC_STATE_INVALID: {
    status: 400,
    id: 'Proses masuk tidak dikenali, sudah dipakai atau kedaluwarsa. Mulai lagi dari halaman masuk.',
    en: 'This sign-in attempt is unknown, already used or expired. Start again from the sign-in page.',
  },
  OIDC_DENIED: {
    status: 400,
    id: 'Penyedia identitas tidak mengizinkan masuk ({error}).',
    en: 'The identity provider did not allow the sign-in ({error}).',
  },
  OIDC_FAILED: {
    status: 502,
    id: 'Masuk lewat penyedia identitas gagal ({error}). Coba lagi nanti.',
    en: 'Signing in through the identity provider failed ({error}). Try again later.',
  },
  OIDC_ACCOUNT_UNKNOWN: {
    status: 403,
    id: 'Tidak ada akun petugas aktif untuk identitas ini. Hubungi admin Pemda Anda.',
    en: 'No active staff account matches this identity. Ask your administrator.',
  },
  OIDC_TOTP_REQUIRED: {
    status: 403,
    id: 'Akun ini memakai autentikasi dua langkah: masuk dengan kata sandi dan kode autentikator.',
    en: 'This account uses two-step verification: sign in with your password and authenticator code.',
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

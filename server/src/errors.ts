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
  CITIZEN_NOT_FOUND: {
    status: 404,
    id: 'Warga tidak ditemukan di wilayah Anda.',
    en: 'No such citizen in your region.',
  },
  GRANT_NOT_FOUND: {
    status: 404,
    id: 'Peran tidak ditemukan.',
    en: 'No such role grant.',
  },
  STAFF_NOT_FOUND: {
    status: 404,
    id: 'Akun petugas tidak ditemukan.',
    en: 'No such staff account.',
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
  OUTBOX_MESSAGE_NOT_FOUND: {
    status: 404,
    id: 'Pesan tidak ditemukan di wilayah Anda.',
    en: 'No such message in your region.',
  },
  OUTBOX_MESSAGE_NOT_DEAD: {
    status: 409,
    id: 'Hanya pesan yang gagal terkirim yang dapat dikirim ulang; pesan ini berstatus {status}.',
    en: 'Only messages that failed can be retried; this one is {status}.',
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
  DOCUMENT_NOT_FOUND: {
    status: 404,
    id: 'Dokumen tidak ditemukan.',
    en: 'No such document.',
  },
  DOCUMENT_REVOKED: {
    status: 409,
    id: 'Dokumen ini sudah dicabut.',
    en: 'This document has already been revoked.',
  },
  DOCUMENT_INPUT_INVALID: {
    status: 400,
    id: 'Data dokumen tidak valid: {detail}',
    en: 'Invalid document data: {detail}',
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
  QUEUE_NOT_FOUND: {
    status: 404,
    id: 'Antrean tidak ditemukan.',
    en: 'No such queue.',
  },
  BOOKING_NOT_FOUND: {
    status: 404,
    id: 'Pemesanan dengan kode itu tidak ditemukan.',
    en: 'No booking has that code.',
  },
  TICKET_NOT_FOUND: {
    status: 404,
    id: 'Tiket antrean tidak ditemukan.',
    en: 'No such queue ticket.',
  },
  SLOT_INVALID: {
    status: 400,
    id: 'Waktu {date} pukul {time} tidak tersedia: {reason}',
    en: '{date} at {time} cannot be booked: {reason}',
  },
  SLOT_FULL: {
    status: 409,
    id: 'Kuota waktu {date} pukul {time} sudah penuh. Pilih waktu lain.',
    en: 'The slot {date} at {time} is fully booked. Choose another time.',
  },
  DAY_FULL: {
    status: 409,
    id: 'Kuota pemesanan tanggal {date} sudah penuh. Pilih tanggal lain.',
    en: 'Bookings for {date} are full. Choose another date.',
  },
  BOOKING_CONTACT_REQUIRED: {
    status: 400,
    id: 'Isi nomor HP atau email agar kode pemesanan dapat dikirim.',
    en: 'Give a mobile number or an e-mail address so the booking code can be sent.',
  },
  BOOKING_NOT_CHANGEABLE: {
    status: 409,
    id: 'Pemesanan ini sudah {status} dan tidak dapat diubah.',
    en: 'This booking is already {status} and cannot be changed.',
  },
  BOOKING_WRONG_DAY: {
    status: 409,
    id: 'Pemesanan ini untuk {date} di {location}, bukan hari ini di sini.',
    en: 'This booking is for {date} at {location}, not today here.',
  },
  TICKET_STATE: {
    status: 409,
    id: 'Tiket {ticket} berstatus {status}; tindakan ini tidak dapat dilakukan.',
    en: 'Ticket {ticket} is {status}; this cannot be done now.',
  },
  COUNTER_BUSY: {
    status: 409,
    id: 'Loket {counter} masih menangani tiket {ticket}. Selesaikan dulu.',
    en: 'Counter {counter} is still handling ticket {ticket}. Finish it first.',
  },
  NOT_READY: {
    status: 503,
    id: 'Layanan belum siap: {detail}',
    en: 'Service not ready: {detail}',
  },
  // Applications and uploads (docs/APPLICATIONS.md).
  APPLICATION_NOT_FOUND: {
    status: 404,
    id: 'Permohonan tidak ditemukan.',
    en: 'No such application.',
  },
  TRACKING_CODE_INVALID: {
    status: 400,
    id: 'Kode lacak tidak sah. Periksa kembali, mis. LYN-7KQ4-M9XW-H26.',
    en: 'Not a valid tracking code. Check it again, e.g. LYN-7KQ4-M9XW-H26.',
  },
  APPLICATION_FORM_INVALID: {
    status: 422,
    id: 'Isian formulir belum benar ({paths}); rinciannya ada di details.',
    en: 'The form answers are not right ({paths}); see details.',
  },
  APPLICATION_STALE: {
    status: 409,
    id: 'Permohonan sudah diubah orang lain (versi {current}). Muat ulang lalu coba lagi.',
    en: 'Someone else changed this application (now version {current}). Reload and try again.',
  },
  APPLICATION_NOT_EDITABLE: {
    status: 409,
    id: 'Permohonan berstatus {state} tidak dapat diubah atau diajukan.',
    en: 'An application in state {state} cannot be changed or submitted.',
  },
  SERVICE_NOT_AVAILABLE: {
    status: 409,
    id: 'Layanan ini belum dapat dimohonkan (belum terbit atau tidak aktif).',
    en: 'This service cannot be applied for (not published or not active).',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    id: 'Idempotency-Key ini sudah dipakai untuk permintaan yang berbeda.',
    en: 'This Idempotency-Key was already used for a different request.',
  },
  TRANSITION_NOT_ALLOWED: {
    status: 409,
    id: 'Permohonan berstatus {from} tidak dapat dipindah ke {to}.',
    en: 'An application in state {from} cannot move to {to}.',
  },
  TRANSITION_ROLE_FORBIDDEN: {
    status: 403,
    id: 'Peran Anda tidak berwenang memindah permohonan dari {from} ke {to}.',
    en: 'Your role may not move an application from {from} to {to}.',
  },
  TRANSITION_NOTE_REQUIRED: {
    status: 400,
    id: 'Tulis catatan untuk pemohon (alasan) sebelum memindah ke {to}.',
    en: 'Write a note to the applicant (the reason) before moving to {to}.',
  },
  TRANSITION_OUTPUT_REQUIRED: {
    status: 400,
    id: 'Unggah dokumen hasil layanan sebelum memindah ke {to}.',
    en: 'Upload the service output document before moving to {to}.',
  },
  ASSISTED_CONSENT_REQUIRED: {
    status: 400,
    id: 'Catat persetujuan warga (lisan atau tertulis) sebelum mengajukan atas namanya.',
    en: 'Record the citizen’s consent (spoken or written) before applying on their behalf.',
  },
  ASSISTED_CONTACT_REQUIRED: {
    status: 400,
    id: 'Warga baru memerlukan nomor HP atau email untuk menerima kode lacak.',
    en: 'A new citizen needs a mobile number or e-mail address to receive the tracking code.',
  },
  UPLOAD_NOT_FOUND: {
    status: 404,
    id: 'Berkas unggahan {id} tidak ditemukan.',
    en: 'Upload {id} was not found.',
  },
  UPLOAD_TYPE_NOT_ALLOWED: {
    status: 415,
    id: 'Jenis berkas tidak diterima: isinya bukan {allowed} (nama berkas tidak menentukan jenisnya).',
    en: 'File type not accepted: its content is not {allowed} (the file name does not decide the type).',
  },
  UPLOAD_TOO_LARGE: {
    status: 413,
    id: 'Berkas terlalu besar: paling besar {max}.',
    en: 'The file is too large: at most {max}.',
  },
  UPLOAD_EMPTY: {
    status: 400,
    id: 'Berkas kosong.',
    en: 'The file is empty.',
  },
  COMPLAINT_NOT_FOUND: {
    status: 404,
    id: 'Pengaduan tidak ditemukan. Periksa kode pelacakan Anda.',
    en: 'No such complaint. Check your tracking code.',
  },
  COMPLAINT_CODE_INVALID: {
    status: 400,
    id: 'Kode pelacakan "{code}" tidak sah (bentuknya ADU-XXXXX-XXXXX).',
    en: 'The tracking code "{code}" is not valid (it looks like ADU-XXXXX-XXXXX).',
  },
  COMPLAINT_CATEGORY_UNKNOWN: {
    status: 400,
    id: 'Kategori pengaduan {category} tidak dikenal.',
    en: 'Unknown complaint category {category}.',
  },
  COMPLAINT_ACTION_NOT_ALLOWED: {
    status: 409,
    id: 'Tindakan "{action}" tidak dapat dilakukan pada pengaduan berstatus {status}.',
    en: 'The action "{action}" cannot be taken on a complaint in status {status}.',
  },
  COMPLAINT_REOPEN_EXPIRED: {
    status: 409,
    id: 'Batas waktu untuk membuka kembali pengaduan ini sudah lewat ({until}) atau sudah dibuka kembali {max} kali.',
    en: 'This complaint can no longer be reopened: the window ended on {until} or it was reopened {max} times.',
  },
  COMPLAINT_ALREADY_RATED: {
    status: 409,
    id: 'Jawaban ini sudah Anda nilai.',
    en: 'You have already rated this answer.',
  },
  COMPLAINT_EVIDENCE_TYPE_NOT_ALLOWED: {
    status: 415,
    id: 'Bukti "{name}" tidak diterima: isinya bukan PDF, JPEG, atau PNG (nama berkas tidak menentukan jenisnya).',
    en: 'Evidence "{name}" is not accepted: its content is not PDF, JPEG or PNG (the file name does not decide the type).',
  },
  COMPLAINT_EVIDENCE_TOO_LARGE: {
    status: 413,
    id: 'Bukti "{name}" terlalu besar: paling besar {max} per berkas.',
    en: 'Evidence "{name}" is too large: at most {max} per file.',
  },
  COMPLAINT_EVIDENCE_TOO_MANY: {
    status: 400,
    id: 'Terlalu banyak berkas bukti: paling banyak {max}.',
    en: 'Too many evidence files: at most {max}.',
  },
  COMPLAINT_EVIDENCE_NOT_FOUND: {
    status: 404,
    id: 'Berkas bukti tidak ditemukan.',
    en: 'No such evidence file.',
  },
  SURVEY_NOT_FOUND: {
    status: 404,
    id: 'Survei tidak ditemukan.',
    en: 'No such survey.',
  },
  SURVEY_PERIOD_INVALID: {
    status: 400,
    id: 'Periode survei tidak valid: {detail}',
    en: 'Invalid survey period: {detail}',
  },
  SURVEY_CLOSED: {
    status: 409,
    id: 'Survei ini sudah ditutup; jawaban tidak dapat diterima lagi.',
    en: 'This survey is closed and no longer takes answers.',
  },
  SURVEY_INVITATION_INVALID: {
    status: 404,
    id: 'Tautan survei tidak dikenal atau sudah kedaluwarsa.',
    en: 'This survey link is unknown or has expired.',
  },
  SURVEY_INVITATION_USED: {
    status: 409,
    id: 'Survei dari tautan ini sudah diisi. Terima kasih!',
    en: 'This survey link has already been answered. Thank you!',
  },
  SKM_ANSWERS_INVALID: {
    status: 400,
    id: 'Jawaban survei tidak valid ({fields}); rinciannya ada di details.',
    en: 'The survey answers are invalid ({fields}); see details.',
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

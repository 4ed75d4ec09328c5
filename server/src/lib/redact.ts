/**
 * Personal data must never reach the logs (UU 27/2022 PDP). These patterns mask NIK/KK numbers
 * (16 digits), Indonesian mobile numbers and e-mail addresses wherever they appear in text the
 * logger writes: URLs with query strings, error messages, free-form log lines.
 */
const SIXTEEN_DIGITS = /(?<!\d)\d{16}(?!\d)/g;
// +62 8…, 62 8…, 08… with 7–12 more digits, allowing spaces, dots and dashes between groups.
const PHONE = /(?<![\d])(?:\+?62|0)[\s.-]?8(?:[\s.-]?\d){7,12}(?!\d)/g;
const EMAIL = /[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

/** Returns `text` with NIK, phone numbers and e-mail addresses replaced by placeholders. */
export function redactPersonalData(text: string): string {
  return text.replace(EMAIL, '[EMAIL]').replace(SIXTEEN_DIGITS, '[NIK]').replace(PHONE, '[PHONE]');
}

/** Field names whose values are always masked in structured log objects. */
export const REDACTED_FIELDS = ['nik', 'kk', 'phone', 'phoneNumber', 'email', 'password', 'otp', 'token'];

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  ...REDACTED_FIELDS.flatMap((f) => [`*.${f}`, `*.*.${f}`, `body.${f}`]),
];

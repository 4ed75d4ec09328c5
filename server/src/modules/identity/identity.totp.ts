import { Secret, TOTP } from 'otpauth';

/** RFC 6238 as authenticator apps expect it: SHA-1, 6 digits, 30-second steps. */
const PERIOD = 30;
const ISSUER = 'Layan';

function totpFor(secret: string, label = ''): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secret) });
}

/** A fresh 160-bit secret, base32. */
export function generateTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI an authenticator app reads (as a QR code). */
export function totpUri(secret: string, label: string): string {
  return totpFor(secret, label).toString();
}

/**
 * The time step `code` belongs to when it is valid now (the current step, or one step either side
 * for clock drift), else undefined. Callers reject a step not later than the last one accepted.
 */
export function totpStep(secret: string, code: string, now = Date.now()): number | undefined {
  const delta = totpFor(secret).validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return undefined;
  return Math.floor(now / 1000 / PERIOD) + delta;
}

/** The code of `secret` at `now` (tests and the demo). */
export function totpCode(secret: string, now = Date.now()): string {
  return totpFor(secret).generate({ timestamp: now });
}

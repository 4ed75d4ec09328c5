import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { createRegionLookup, localDateOf, validateNik, type NikRegionLookup } from '@layan/domain';
import type { Env } from '../../env.ts';
import { AppError } from '../../errors.ts';
import { readRegionLevel } from '../region/region.csv.ts';

/**
 * The development key is in the source code, so anything protected by it is not protected. It
 * exists so `npm start` runs without configuration; production refuses to start without
 * LAYAN_NIK_KEY (docs/CITIZENS.md).
 */
export const INSECURE_DEVELOPMENT_NIK_KEY = 'layan-development-nik-key-PUBLIC-NOT-SECRET-never-use-in-production';

/** Keys derived (HKDF-SHA256) from LAYAN_NIK_KEY, one per use, so none can stand in for another. */
export interface CitizenKeys {
  nikHmac: Buffer;
  nikAes: Buffer;
  otpHmac: Buffer;
}

/** Keys from `env.nikKey`; the public development key outside production; throws in production without one. */
export function resolveCitizenKeys(env: Env): CitizenKeys {
  if (!env.nikKey && env.production) {
    throw new Error('LAYAN_NIK_KEY must be set in production: it protects every stored NIK (docs/CITIZENS.md)');
  }
  const secret = Buffer.from(env.nikKey ?? INSECURE_DEVELOPMENT_NIK_KEY, 'utf8');
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', secret, 'layan-citizen', info, 32));
  return { nikHmac: derive('nik-hmac-v1'), nikAes: derive('nik-aes-256-gcm-v1'), otpHmac: derive('otp-hmac-v1') };
}

/** The lookup key of a NIK: hex HMAC-SHA256. Equal NIKs give equal hashes; nothing else can. */
export function hashNik(keys: CitizenKeys, nik: string): string {
  return createHmac('sha256', keys.nikHmac).update(nik).digest('hex');
}

/** AES-256-GCM with a random 96-bit IV, bound to the citizen's id (associated data): `v1.<iv>.<ciphertext+tag>`. */
export function encryptNik(keys: CitizenKeys, nik: string, citizenId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.nikAes, iv);
  cipher.setAAD(Buffer.from(citizenId));
  const body = Buffer.concat([cipher.update(nik, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `v1.${iv.toString('base64url')}.${body.toString('base64url')}`;
}

/** The NIK stored for `citizenId`; throws when the ciphertext was altered, moved to another row, or the key is wrong. */
export function decryptNik(keys: CitizenKeys, stored: string, citizenId: string): string {
  const [version, iv, body] = stored.split('.');
  if (version !== 'v1' || !iv || !body) throw new Error('Unknown NIK ciphertext format');
  const bytes = Buffer.from(body, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', keys.nikAes, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(citizenId));
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString('utf8');
}

/** What is shown of a NIK anywhere in the API: the last four digits (`************0001`). */
export function maskNik(nik: string): string {
  return `${'*'.repeat(nik.length - 4)}${nik.slice(-4)}`;
}

/** hex HMAC-SHA256 of a one-time code, salted with its row id (a 6-digit code alone is trivially brute-forced). */
export function hashOtp(keys: CitizenKeys, otpId: string, code: string): string {
  return createHmac('sha256', keys.otpHmac).update(`${otpId}:${code}`).digest('hex');
}

let regions: NikRegionLookup | undefined;

// The districts CSV has 7,000+ rows: read once per process (static reference data, the same
// tree the region import loads).
function regionLookup(): NikRegionLookup {
  regions ??= createRegionLookup({
    provinces: readRegionLevel('provinces'),
    regencies: readRegionLevel('regencies'),
    districts: readRegionLevel('districts'),
  });
  return regions;
}

/**
 * The NIK with whitespace removed, when the domain rules find it plausible (REFERENCE §6); throws
 * NIK_INVALID whose details are the domain issues ({ code, message, messageEn }).
 */
export function checkNik(input: string, now = new Date()): string {
  const result = validateNik(input, { regions: regionLookup(), today: localDateOf(now, 'Asia/Jakarta') });
  if (!result.valid) {
    throw new AppError('NIK_INVALID', { codes: result.errors.map((e) => e.code).join(', ') }, result.errors);
  }
  return result.nik;
}

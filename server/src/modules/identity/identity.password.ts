import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import type { AuthConfig } from './identity.config.ts';

// @node-rs/argon2 defaults to argon2id; the cost comes from the config.

/** An argon2id PHC string for `password`. */
export function hashPassword(password: string, config: AuthConfig): Promise<string> {
  return hash(password, config.argon2);
}

/** True when `password` matches `passwordHash`; false (never throws) for a malformed hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Spends the time of one verification, so an unknown e-mail answers as slowly as a wrong password. */
export async function verifyAgainstDummy(password: string, config: AuthConfig): Promise<void> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'), config);
  await verifyPassword(await dummyHash, password);
}

/** A random password for a new account: 20 characters from an unambiguous alphabet (~115 bits). */
export function generatePassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(20);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

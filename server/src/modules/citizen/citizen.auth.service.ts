import { createHash, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import { setCitizenInTx, withScope, type Scope } from '../../db/scope.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { appendAuditInTx } from '../audit/audit.service.ts';
import { AUTH_DEFAULTS, type AuthConfig } from '../identity/identity.config.ts';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '../identity/identity.password.ts';
import { lockedError, type RequestContext } from '../identity/identity.service.ts';
import type { Channels, ChannelKind } from '../notification/notification.channel.ts';
import type { CitizenConfig } from './citizen.config.ts';
import { checkNik, encryptNik, hashNik, hashOtp, type CitizenKeys } from './citizen.nik.ts';
import * as repo from './citizen.repo.ts';

/** A signed-in citizen, as the citizen plugin puts it on `request.citizen`. */
export interface CitizenPrincipal {
  kind: 'citizen';
  citizenId: string;
  sessionId: string;
}

export interface CitizenServices {
  db: Kysely<DB>;
  config: CitizenConfig;
  keys: CitizenKeys;
  channels: Channels;
  log: FastifyBaseLogger;
}

type Trx = Transaction<DB>;

/** The password helpers take the staff config; only its argon2 cost is read. */
function argon2Config(config: CitizenConfig): AuthConfig {
  return { ...AUTH_DEFAULTS, argon2: config.argon2 };
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Only the rows of the NIK being authenticated are visible (docs/CITIZENS.md). */
function authScope(nikHmac: string): Scope {
  return { regions: [], authNikHash: nikHmac };
}

/** The caller as a citizen; throws AUTH_REQUIRED. */
export function requireCitizen(principal: CitizenPrincipal | undefined): CitizenPrincipal {
  if (!principal) throw new AppError('AUTH_REQUIRED');
  return principal;
}

/** The destination in stored form: lower-cased e-mail, or an Indonesian mobile number as E.164 (+628…). Throws DESTINATION_INVALID. */
export function normalizeDestination(channel: ChannelKind, destination: string): string {
  const trimmed = destination.trim();
  if (channel === 'email') {
    const email = trimmed.toLowerCase();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254) throw new AppError('DESTINATION_INVALID', { channel });
    return email;
  }
  const digits = trimmed.replace(/[\s.()-]/g, '');
  const national = digits.startsWith('+62')
    ? digits.slice(3)
    : digits.startsWith('62')
      ? digits.slice(2)
      : digits.replace(/^0/, '');
  if (!/^8\d{7,12}$/.test(national)) throw new AppError('DESTINATION_INVALID', { channel });
  return `+62${national}`;
}

function contactMatches(citizen: repo.CitizenRow, channel: ChannelKind, destination: string): boolean {
  return channel === 'email' ? citizen.email === destination : citizen.phone === destination;
}

function codeMessage(code: string, ttlMinutes: number) {
  return {
    subject: 'Kode masuk Layan / Layan sign-in code',
    text:
      `Kode masuk Layan Anda: ${code}\nBerlaku ${ttlMinutes} menit. Jangan berikan kode ini kepada siapa pun, termasuk petugas.\n\n` +
      `Your Layan sign-in code: ${code}\nValid for ${ttlMinutes} minutes. Never give it to anyone, staff included.`,
  };
}

export interface RequestCodeInput {
  nik: string;
  channel: ChannelKind;
  destination: string;
}

/**
 * Issues a sign-in code for a NIK and sends it, after the transaction, without waiting for the
 * far end (so the answer takes as long whether or not anything is sent). A NIK that already has
 * an account gets a code only at its own contact for that channel; the answer never says which
 * case applied. Throws NIK_INVALID, DESTINATION_INVALID, CHANNEL_UNAVAILABLE, RATE_LIMITED.
 */
export async function requestCode(services: CitizenServices, input: RequestCodeInput, context: RequestContext): Promise<void> {
  const { config, keys } = services;
  const nik = checkNik(input.nik);
  const destination = normalizeDestination(input.channel, input.destination);
  const channel = services.channels[input.channel];
  if (!channel) throw new AppError('CHANNEL_UNAVAILABLE', { channel: input.channel });
  const nikHmac = hashNik(keys, nik);
  const now = new Date();

  const issued = await withScope(services.db, authScope(nikHmac), async (trx) => {
    const recent = await repo.countOtpsSinceInTx(trx, { nikHmac, since: new Date(now.getTime() - 3_600_000) });
    if (recent >= config.otpPerNikPerHour) throw new AppError('RATE_LIMITED', { retryAfter: '1 jam/hour' });
    const citizen = await repo.findCitizenByNikHashInTx(trx, nikHmac);
    const audit = (action: string, target: { type: string; id: string }, detail: Record<string, unknown>) =>
      appendAuditInTx(trx, {
        action,
        actor: { type: 'citizen', id: citizen?.id ?? null },
        target,
        ip: context.ip,
        requestId: context.requestId,
        detail,
      });
    if (citizen && !contactMatches(citizen, input.channel, destination)) {
      // Someone asked for a code to another contact than the account's: send nothing, say nothing.
      await audit(
        'citizen.otp_refused',
        { type: 'citizen', id: citizen.id },
        { channel: input.channel, reason: 'destination_mismatch' },
      );
      return undefined;
    }
    const id = randomUUID();
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await repo.insertOtpInTx(trx, {
      id,
      nik_hmac: nikHmac,
      citizen_id: citizen?.id ?? null,
      channel: input.channel,
      destination,
      code_hash: hashOtp(keys, id, code),
      created_at: now,
      expires_at: new Date(now.getTime() + config.otpTtlMs),
      ip: context.ip,
    });
    await audit('citizen.otp_request', { type: 'citizen_otp', id }, { channel: input.channel, signUp: !citizen });
    return { id, code };
  });

  if (!issued) return;
  const message = codeMessage(issued.code, Math.round(config.otpTtlMs / 60_000));
  // Never inside the transaction, and not awaited: the outbox (issue 6) will make this durable.
  channel.send({ to: destination, ...message, idempotencyKey: issued.id }).catch((error: unknown) => {
    services.log.warn({ err: error, channel: input.channel, otpId: issued.id }, 'sending a sign-in code failed');
  });
}

export interface VerifyCodeInput {
  nik: string;
  code: string;
  /** Required when the NIK has no account yet (sign-up). */
  name?: string;
}

export interface CitizenSignIn {
  token: string;
  expiresAt: Date;
  principal: CitizenPrincipal;
  signedUp: boolean;
}

async function openSessionInTx(
  trx: Trx,
  options: { services: CitizenServices; citizenId: string; method: 'otp' | 'password'; context: RequestContext },
) {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + options.services.config.sessionAbsoluteMs);
  const session = await repo.insertCitizenSessionInTx(trx, {
    citizen_id: options.citizenId,
    token_hash: hashToken(token),
    method: options.method,
    expires_at: expiresAt,
    ip: options.context.ip,
    user_agent: options.context.userAgent?.slice(0, 300) ?? null,
  });
  return { token, expiresAt, session };
}

function sameHash(a: string, b: string): boolean {
  return timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));
}

/**
 * Checks a sign-in code: on the NIK's first use it creates the account (with the code's
 * destination as its verified contact), otherwise it signs in. Throws NIK_INVALID,
 * CITIZEN_CODE_MISSING, CITIZEN_CODE_WRONG (attempts left), CITIZEN_CODE_LOCKED,
 * CITIZEN_CODE_EXPIRED, CITIZEN_CODE_USED, CITIZEN_NAME_REQUIRED.
 */
export async function verifyCode(
  services: CitizenServices,
  input: VerifyCodeInput,
  context: RequestContext,
): Promise<CitizenSignIn> {
  const { config, keys } = services;
  const nik = checkNik(input.nik);
  const nikHmac = hashNik(keys, nik);
  const now = new Date();

  // A wrong code must be counted even though the request fails, so failures are returned from
  // the transaction (which commits) and thrown after it.
  const outcome = await withScope(services.db, authScope(nikHmac), async (trx): Promise<AppError | CitizenSignIn> => {
    const otp = await repo.findLatestOtpForUpdateInTx(trx, nikHmac);
    if (!otp) return new AppError('CITIZEN_CODE_MISSING');
    const matches = sameHash(hashOtp(keys, otp.id, input.code), otp.code_hash);
    if (otp.used_at) return new AppError(matches ? 'CITIZEN_CODE_USED' : 'CITIZEN_CODE_MISSING');
    if (otp.attempts >= config.otpMaxAttempts) return new AppError('CITIZEN_CODE_LOCKED');
    if (otp.expires_at <= now) return new AppError('CITIZEN_CODE_EXPIRED');
    if (!matches) {
      const attempts = await repo.recordOtpAttemptInTx(trx, otp.id);
      const remaining = Math.max(0, config.otpMaxAttempts - attempts);
      await appendAuditInTx(trx, {
        action: 'citizen.sign_in_failed',
        actor: { type: 'citizen', id: otp.citizen_id },
        target: { type: 'citizen_otp', id: otp.id },
        ip: context.ip,
        requestId: context.requestId,
        detail: { method: 'otp', reason: remaining === 0 ? 'code_locked' : 'code_wrong', attemptsLeft: remaining },
      });
      return remaining === 0 ? new AppError('CITIZEN_CODE_LOCKED') : new AppError('CITIZEN_CODE_WRONG', { remaining });
    }

    const existing = await repo.findCitizenByNikHashInTx(trx, nikHmac);
    // Only a holder of a valid code learns that the NIK is new; the code stays usable.
    if (!existing && !input.name?.trim()) return new AppError('CITIZEN_NAME_REQUIRED');
    if (!(await repo.markOtpUsedInTx(trx, otp.id))) return new AppError('CITIZEN_CODE_USED');

    let citizenId: string;
    if (existing) {
      citizenId = existing.id;
      await setCitizenInTx(trx, citizenId);
      await repo.recordCitizenSignInInTx(trx, citizenId);
    } else {
      citizenId = randomUUID();
      await setCitizenInTx(trx, citizenId);
      await repo.insertCitizenInTx(trx, {
        id: citizenId,
        nik_hmac: nikHmac,
        nik_ciphertext: encryptNik(keys, nik, citizenId),
        name: input.name!.trim(),
        email: otp.channel === 'email' ? otp.destination : null,
        phone: otp.channel === 'email' ? null : otp.destination,
      });
      await repo.linkOtpsToCitizenInTx(trx, { nikHmac, citizenId });
      await repo.recordCitizenSignInInTx(trx, citizenId);
    }
    const opened = await openSessionInTx(trx, { services, citizenId, method: 'otp', context });
    await appendAuditInTx(trx, {
      action: existing ? 'citizen.sign_in' : 'citizen.sign_up',
      actor: { type: 'citizen', id: citizenId },
      target: { type: 'citizen_session', id: opened.session.id },
      ip: context.ip,
      requestId: context.requestId,
      detail: { method: 'otp', channel: otp.channel },
    });
    return {
      token: opened.token,
      expiresAt: opened.expiresAt,
      principal: { kind: 'citizen', citizenId, sessionId: opened.session.id },
      signedUp: !existing,
    };
  });
  if (outcome instanceof AppError) throw outcome;
  return outcome;
}

/**
 * NIK + password sign-in (for citizens who set one). Unknown NIK, no password set and a wrong
 * password answer alike. Throws NIK_INVALID, CITIZEN_SIGN_IN_FAILED, ACCOUNT_LOCKED.
 */
export async function signInWithPassword(
  services: CitizenServices,
  input: { nik: string; password: string },
  context: RequestContext,
): Promise<CitizenSignIn> {
  const { config, keys, db } = services;
  const nik = checkNik(input.nik);
  const nikHmac = hashNik(keys, nik);
  const scope = authScope(nikHmac);
  const citizen = await withScope(db, scope, (trx) => repo.findCitizenByNikHashInTx(trx, nikHmac));
  const audit = (trx: Trx, action: string, detail: Record<string, unknown>) =>
    appendAuditInTx(trx, {
      action,
      actor: { type: 'citizen', id: citizen?.id ?? null },
      target: citizen ? { type: 'citizen', id: citizen.id } : null,
      ip: context.ip,
      requestId: context.requestId,
      detail: { method: 'password', ...detail },
    });

  if (!citizen || !citizen.password_hash) {
    await verifyAgainstDummy(input.password, argon2Config(config));
    await withScope(db, scope, (trx) =>
      audit(trx, 'citizen.sign_in_failed', { reason: citizen ? 'no_password' : 'unknown_nik' }),
    );
    throw new AppError('CITIZEN_SIGN_IN_FAILED');
  }
  if (citizen.locked_until && citizen.locked_until > new Date()) {
    await withScope(db, scope, (trx) => audit(trx, 'citizen.sign_in_refused', { reason: 'locked' }));
    throw lockedError(citizen.locked_until);
  }
  if (!(await verifyPassword(citizen.password_hash, input.password))) {
    const lockedUntil = await withScope(db, scope, async (trx) => {
      const after = await repo.recordCitizenFailedSignInInTx(trx, {
        id: citizen.id,
        max: config.maxFailedAttempts,
        lockUntil: new Date(Date.now() + config.lockoutMs),
      });
      const locked = after.locked_until !== null && after.locked_until > new Date();
      await audit(trx, locked ? 'citizen.locked' : 'citizen.sign_in_failed', { reason: 'password' });
      return locked ? after.locked_until : undefined;
    });
    if (lockedUntil) throw lockedError(lockedUntil);
    throw new AppError('CITIZEN_SIGN_IN_FAILED');
  }
  return withScope(db, { ...scope, citizenId: citizen.id }, async (trx) => {
    await repo.recordCitizenSignInInTx(trx, citizen.id);
    const opened = await openSessionInTx(trx, { services, citizenId: citizen.id, method: 'password', context });
    await appendAuditInTx(trx, {
      action: 'citizen.sign_in',
      actor: { type: 'citizen', id: citizen.id },
      target: { type: 'citizen_session', id: opened.session.id },
      ip: context.ip,
      requestId: context.requestId,
      detail: { method: 'password' },
    });
    return {
      token: opened.token,
      expiresAt: opened.expiresAt,
      principal: { kind: 'citizen' as const, citizenId: citizen.id, sessionId: opened.session.id },
      signedUp: false,
    };
  });
}

/** The citizen a session token belongs to, or undefined when unknown, revoked or expired (idle or absolute). */
export async function resolveCitizenSession(
  services: Pick<CitizenServices, 'db' | 'config'>,
  token: string,
): Promise<CitizenPrincipal | undefined> {
  if (!/^[\w-]{43}$/.test(token)) return undefined;
  const tokenHash = hashToken(token);
  // One round trip for the common case; a transaction only when last_seen_at is due a touch.
  const session = await repo.findCitizenSessionByTokenHash(services.db, tokenHash);
  const now = Date.now();
  if (!session || session.revoked_at || session.expires_at.getTime() <= now) return undefined;
  if (session.last_seen_at.getTime() + services.config.sessionIdleMs <= now) return undefined;
  if (session.last_seen_at.getTime() + services.config.sessionTouchMs <= now) {
    await withScope(services.db, { regions: [], authTokenHash: tokenHash }, (trx) =>
      repo.touchCitizenSessionInTx(trx, session.id),
    );
  }
  return { kind: 'citizen', citizenId: session.citizen_id, sessionId: session.id };
}

/** Ends the current session. */
export async function signOut(services: CitizenServices, principal: CitizenPrincipal, context: RequestContext): Promise<void> {
  await withScope(services.db, { regions: [], citizenId: principal.citizenId }, async (trx) => {
    if (!(await repo.revokeCitizenSessionInTx(trx, { id: principal.sessionId, citizenId: principal.citizenId }))) return;
    await appendAuditInTx(trx, {
      action: 'citizen.sign_out',
      actor: { type: 'citizen', id: principal.citizenId },
      target: { type: 'citizen_session', id: principal.sessionId },
      ip: context.ip,
      requestId: context.requestId,
    });
  });
}

/**
 * Sets or changes the optional password; changing needs the current one. Signs out the
 * citizen's other sessions. Throws CURRENT_PASSWORD_WRONG.
 */
export async function setPassword(
  services: CitizenServices,
  principal: CitizenPrincipal,
  input: { currentPassword?: string; newPassword: string },
  context: RequestContext,
): Promise<void> {
  const scope: Scope = { regions: [], citizenId: principal.citizenId };
  const citizen = await withScope(services.db, scope, (trx) => repo.findCitizenInTx(trx, principal.citizenId));
  if (!citizen) throw new AppError('AUTH_REQUIRED');
  if (citizen.password_hash && !(await verifyPassword(citizen.password_hash, input.currentPassword ?? ''))) {
    throw new AppError('CURRENT_PASSWORD_WRONG');
  }
  const passwordHash = await hashPassword(input.newPassword, argon2Config(services.config));
  await withScope(services.db, scope, async (trx) => {
    await repo.setCitizenPasswordInTx(trx, { id: citizen.id, passwordHash });
    const revoked = await repo.revokeOtherCitizenSessionsInTx(trx, { citizenId: citizen.id, keepId: principal.sessionId });
    await appendAuditInTx(trx, {
      action: citizen.password_hash ? 'citizen.password_change' : 'citizen.password_set',
      actor: { type: 'citizen', id: citizen.id },
      target: { type: 'citizen', id: citizen.id },
      ip: context.ip,
      requestId: context.requestId,
      detail: { otherSessionsRevoked: revoked },
    });
  });
}

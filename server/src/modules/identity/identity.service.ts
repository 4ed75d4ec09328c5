import { createHash, randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { setActorInTx, withScope } from '../../db/scope.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { appendAuditInTx } from '../audit/audit.service.ts';
import type { AuthConfig } from './identity.config.ts';
import type { Grant, StaffPrincipal } from './identity.authorize.ts';
import { verifyAgainstDummy, verifyPassword } from './identity.password.ts';
import * as repo from './identity.repo.ts';
import { generateTotpSecret, totpStep, totpUri } from './identity.totp.ts';

/** Where a request came from, for sessions and the audit trail. */
export interface RequestContext {
  ip: string;
  userAgent?: string;
  requestId: string;
}

export interface AuthServices {
  db: Kysely<DB>;
  config: AuthConfig;
}

/** The tenant code an account's region lies in (its kab/kota or province), null for national. */
export function tenantOfRegion(regionCode: string | null): string | null {
  return regionCode === null ? null : regionCode.slice(0, 5);
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface OpenStaffSessionOptions {
  account: { id: string; region_code: string | null };
  context: RequestContext;
  sessionAbsoluteMs: number;
  /** The TOTP time step just used, so the same code cannot sign in twice. */
  totpStep?: number;
  /** What the audit entry says about how the member signed in. */
  detail: Record<string, unknown>;
}

/**
 * A successful staff sign-in, whatever the method (password, OIDC): records it, opens a session
 * and audits it, inside the caller's transaction (scoped to the account as actor). Returns
 * undefined, writing nothing, when `totpStep` was already used.
 */
export async function openStaffSessionInTx(trx: Transaction<DB>, options: OpenStaffSessionOptions) {
  const { account, context } = options;
  if (!(await repo.recordSignInInTx(trx, { id: account.id, totpStep: options.totpStep }))) return undefined;
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + options.sessionAbsoluteMs);
  const session = await repo.insertSessionInTx(trx, {
    staff_id: account.id,
    region_code: account.region_code,
    token_hash: hashToken(token),
    expires_at: expiresAt,
    ip: context.ip,
    user_agent: context.userAgent?.slice(0, 300) ?? null,
  });
  await appendAuditInTx(trx, {
    action: 'staff.sign_in',
    actor: { type: 'staff', id: account.id },
    tenantCode: tenantOfRegion(account.region_code),
    target: { type: 'staff_session', id: session.id },
    ip: context.ip,
    requestId: context.requestId,
    detail: options.detail,
  });
  return { token, expiresAt, session };
}

export function toGrants(rows: repo.GrantRow[]): Grant[] {
  return rows.map((g) => ({
    role: g.role,
    regionCode: g.region_code,
    ...(g.agency_id ? { agencyId: g.agency_id } : {}),
    ...(g.location_id ? { locationId: g.location_id } : {}),
  }));
}

export interface SignInInput {
  email: string;
  password: string;
  otp?: string;
}

export interface SignInResult {
  token: string;
  principal: StaffPrincipal;
  expiresAt: Date;
  totpEnabled: boolean;
}

function secondsUntil(date: Date): number {
  return Math.max(1, Math.ceil((date.getTime() - Date.now()) / 1000));
}

/** ACCOUNT_LOCKED carrying the seconds to wait (the route sends them as Retry-After). */
export function lockedError(until: Date): AppError {
  const seconds = secondsUntil(until);
  return new AppError('ACCOUNT_LOCKED', { retryAfter: `${Math.ceil(seconds / 60)} menit/min` }, { retryAfterSeconds: seconds });
}

/**
 * Password (and, once enrolled, TOTP) sign-in. Creates a session and returns its token. Throws
 * SIGN_IN_FAILED (unknown e-mail, wrong password, disabled account: indistinguishable),
 * ACCOUNT_LOCKED, OTP_REQUIRED, OTP_INVALID, OTP_REUSED. Every outcome except OTP_REQUIRED is audited.
 */
export async function signIn(services: AuthServices, input: SignInInput, context: RequestContext): Promise<SignInResult> {
  const { db, config } = services;
  const email = input.email.trim().toLowerCase();
  // Only the account this e-mail names is visible to this transaction.
  const authScope = { regions: [], authEmail: email };
  const account = await withScope(db, authScope, (trx) => repo.findAccountByEmailInTx(trx, email));
  const audit = (trx: Parameters<typeof appendAuditInTx>[0], action: string, detail: Record<string, unknown>) =>
    appendAuditInTx(trx, {
      action,
      actor: { type: 'staff', id: account?.id ?? null },
      tenantCode: tenantOfRegion(account?.region_code ?? null),
      target: account ? { type: 'staff_account', id: account.id } : null,
      ip: context.ip,
      requestId: context.requestId,
      detail,
    });

  if (!account || account.disabled_at) {
    await verifyAgainstDummy(input.password, config);
    // No e-mail in the trail (personal data): an unknown account is recorded without a name.
    await withScope(db, authScope, (trx) =>
      audit(trx, 'staff.sign_in_failed', { reason: account ? 'disabled' : 'unknown_account' }),
    );
    throw new AppError('SIGN_IN_FAILED');
  }
  if (account.locked_until && account.locked_until > new Date()) {
    await withScope(db, authScope, (trx) => audit(trx, 'staff.sign_in_refused', { reason: 'locked' }));
    throw lockedError(account.locked_until);
  }

  const passwordOk = await verifyPassword(account.password_hash, input.password);
  let step: number | undefined;
  let failure: 'password' | 'otp_invalid' | undefined = passwordOk ? undefined : 'password';
  if (passwordOk && account.totp_secret) {
    if (!input.otp) throw new AppError('OTP_REQUIRED');
    step = totpStep(account.totp_secret, input.otp);
    if (step === undefined) failure = 'otp_invalid';
  }

  if (failure) {
    const locked = await withScope(db, authScope, async (trx) => {
      const after = await repo.recordFailedSignInInTx(trx, {
        id: account.id,
        max: config.maxFailedAttempts,
        lockUntil: new Date(Date.now() + config.lockoutMs),
      });
      const nowLocked = after.locked_until !== null && after.locked_until > new Date();
      await audit(trx, nowLocked ? 'staff.locked' : 'staff.sign_in_failed', {
        reason: failure,
        ...(nowLocked ? { lockedUntil: after.locked_until!.toISOString(), attempts: config.maxFailedAttempts } : {}),
      });
      return nowLocked ? after.locked_until : undefined;
    });
    if (locked) throw lockedError(locked);
    throw new AppError(failure === 'password' ? 'SIGN_IN_FAILED' : 'OTP_INVALID');
  }

  const outcome = await withScope(db, { ...authScope, actorId: account.id }, async (trx) => {
    const opened = await openStaffSessionInTx(trx, {
      account,
      context,
      sessionAbsoluteMs: config.sessionAbsoluteMs,
      totpStep: step,
      detail: { totp: step !== undefined },
    });
    if (!opened) return undefined;
    return { ...opened, grants: toGrants(await repo.listGrantsInTx(trx, [account.id])) };
  });
  if (!outcome) {
    await withScope(db, authScope, (trx) => audit(trx, 'staff.sign_in_failed', { reason: 'otp_reused' }));
    throw new AppError('OTP_REUSED');
  }
  return {
    token: outcome.token,
    expiresAt: outcome.expiresAt,
    totpEnabled: !!account.totp_secret,
    principal: {
      kind: 'staff',
      staffId: account.id,
      sessionId: outcome.session.id,
      name: account.name,
      regionCode: account.region_code,
      grants: outcome.grants,
    },
  };
}

/** The staff member a session token belongs to, or undefined when it is unknown, revoked, expired or the account is disabled. */
export async function resolveSession(services: AuthServices, token: string): Promise<StaffPrincipal | undefined> {
  const { db, config } = services;
  if (!/^[\w-]{43}$/.test(token)) return undefined;
  const tokenHash = hashToken(token);
  return withScope(db, { regions: [], authTokenHash: tokenHash }, async (trx) => {
    const session = await repo.findSessionByTokenHashInTx(trx, tokenHash);
    const now = Date.now();
    if (!session || session.revoked_at || session.expires_at.getTime() <= now) return undefined;
    if (session.last_seen_at.getTime() + config.sessionIdleMs <= now) return undefined;
    await setActorInTx(trx, session.staff_id);
    const account = await repo.findAccountInTx(trx, session.staff_id);
    if (!account || account.disabled_at) return undefined;
    const grants = toGrants(await repo.listGrantsInTx(trx, [account.id]));
    if (session.last_seen_at.getTime() + config.sessionTouchMs <= now) await repo.touchSessionInTx(trx, session.id);
    return {
      kind: 'staff',
      staffId: account.id,
      sessionId: session.id,
      name: account.name,
      regionCode: account.region_code,
      grants,
    };
  });
}

/** Ends the caller's current session (sign-out) or another of their own sessions. Throws SESSION_NOT_FOUND. */
export async function revokeSession(
  services: AuthServices,
  principal: StaffPrincipal,
  sessionId: string,
  context: RequestContext,
): Promise<void> {
  await withScope(services.db, { regions: [], actorId: principal.staffId }, async (trx) => {
    if (!(await repo.revokeSessionInTx(trx, { id: sessionId, staffId: principal.staffId })))
      throw new AppError('SESSION_NOT_FOUND');
    await appendAuditInTx(trx, {
      action: sessionId === principal.sessionId ? 'staff.sign_out' : 'staff.session_revoke',
      actor: { type: 'staff', id: principal.staffId },
      tenantCode: tenantOfRegion(principal.regionCode),
      target: { type: 'staff_session', id: sessionId },
      ip: context.ip,
      requestId: context.requestId,
    });
  });
}

/** The caller's open sessions, newest first. */
export async function listOwnSessions(services: AuthServices, principal: StaffPrincipal) {
  const rows = await withScope(services.db, { regions: [], actorId: principal.staffId }, (trx) =>
    repo.listOpenSessionsInTx(trx, principal.staffId),
  );
  const idleCutoff = Date.now() - services.config.sessionIdleMs;
  return rows
    .filter((s) => s.last_seen_at.getTime() > idleCutoff)
    .map((s) => ({
      id: s.id,
      current: s.id === principal.sessionId,
      createdAt: s.created_at.toISOString(),
      lastSeenAt: s.last_seen_at.toISOString(),
      expiresAt: s.expires_at.toISOString(),
      ip: s.ip,
      userAgent: s.user_agent,
    }));
}

/** Starts TOTP enrolment: a new pending secret and its otpauth URI. Throws TOTP_ALREADY_ENABLED. */
export async function startTotpEnrolment(services: AuthServices, principal: StaffPrincipal, context: RequestContext) {
  const secret = generateTotpSecret();
  const email = await withScope(services.db, { regions: [], actorId: principal.staffId }, async (trx) => {
    const account = await repo.findAccountInTx(trx, principal.staffId);
    if (!account) throw new AppError('AUTH_REQUIRED');
    if (account.totp_secret) throw new AppError('TOTP_ALREADY_ENABLED');
    await repo.setPendingTotpInTx(trx, { id: account.id, secret });
    await appendAuditInTx(trx, {
      action: 'staff.totp_enrol_start',
      actor: { type: 'staff', id: principal.staffId },
      tenantCode: tenantOfRegion(principal.regionCode),
      target: { type: 'staff_account', id: principal.staffId },
      ip: context.ip,
      requestId: context.requestId,
    });
    return account.email;
  });
  return { uri: totpUri(secret, email), secret };
}

/** Confirms enrolment with a current code; from then on sign-in needs one. Throws TOTP_NOT_ENROLLING, OTP_INVALID. */
export async function confirmTotpEnrolment(
  services: AuthServices,
  principal: StaffPrincipal,
  otp: string,
  context: RequestContext,
) {
  await withScope(services.db, { regions: [], actorId: principal.staffId }, async (trx) => {
    const account = await repo.findAccountInTx(trx, principal.staffId);
    if (!account) throw new AppError('AUTH_REQUIRED');
    if (account.totp_secret) throw new AppError('TOTP_ALREADY_ENABLED');
    if (!account.totp_pending_secret) throw new AppError('TOTP_NOT_ENROLLING');
    const step = totpStep(account.totp_pending_secret, otp);
    if (step === undefined) throw new AppError('OTP_INVALID');
    await repo.enableTotpInTx(trx, { id: account.id, step });
    await appendAuditInTx(trx, {
      action: 'staff.totp_enable',
      actor: { type: 'staff', id: principal.staffId },
      tenantCode: tenantOfRegion(principal.regionCode),
      target: { type: 'staff_account', id: principal.staffId },
      ip: context.ip,
      requestId: context.requestId,
    });
  });
}

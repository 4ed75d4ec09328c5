import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import * as oidc from 'openid-client';
import { setCitizenInTx, withScope } from '../../db/scope.ts';
import type { DB } from '../../db/schema.ts';
import type { Env } from '../../env.ts';
import { AppError } from '../../errors.ts';
import { appendAuditInTx } from '../audit/audit.service.ts';
import { normalizeDestination } from '../citizen/citizen.auth.service.ts';
import type { CitizenConfig } from '../citizen/citizen.config.ts';
import { checkNik, encryptNik, hashNik, type CitizenKeys } from '../citizen/citizen.nik.ts';
import * as citizenRepo from '../citizen/citizen.repo.ts';
import type { AuthConfig } from '../identity/identity.config.ts';
import * as identityRepo from '../identity/identity.repo.ts';
import { lockedError, openStaffSessionInTx, tenantOfRegion, type RequestContext } from '../identity/identity.service.ts';
import { isLoopbackIssuer, providerReachesRegion, type OidcProviderConfig } from './sso.config.ts';
import * as repo from './sso.repo.ts';

/** How long a started sign-in may take at the provider. */
export const LOGIN_TTL_MS = 10 * 60_000;

export interface SsoServices {
  db: Kysely<DB>;
  /** Read at each request (providers, public URL). */
  env: Env;
  authConfig: AuthConfig;
  citizenConfig: CitizenConfig;
  citizenKeys: CitizenKeys;
  log: FastifyBaseLogger;
  /** Discovered provider configurations, per provider and client. */
  discovered: Map<string, Promise<oidc.Configuration>>;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The configured provider `id`; throws OIDC_PROVIDER_UNKNOWN. */
export function findProvider(env: Env, id: string): OidcProviderConfig {
  const provider = env.oidcProviders.find((p) => p.id === id);
  if (!provider) throw new AppError('OIDC_PROVIDER_UNKNOWN', { provider: id.slice(0, 40) });
  return provider;
}

/**
 * `raw` when it is a path on this site (`/x`, `/x?y#z`), else `/`: never a scheme, a host, a
 * protocol-relative `//host`, a backslash (browsers read `/\host` as `//host`), nor control characters.
 */
export function safeReturnTo(raw: string | undefined): string {
  if (!raw || raw.length > 2000 || !raw.startsWith('/') || raw.includes('\\') || hasControl(raw)) return '/';
  const base = 'http://layan.invalid';
  const url = new URL(raw, base);
  if (url.origin !== base) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** The redirect URI registered at the provider: `<origin>/api/v1/auth/oidc/<id>/callback`. */
export function callbackUrl(origin: string, provider: OidcProviderConfig): string {
  return `${origin}/api/v1/auth/oidc/${provider.id}/callback`;
}

/** An error code from a provider, safe to log and show (they are short ASCII tokens). */
function providerCode(value: unknown): string {
  return typeof value === 'string' && /^[\w.-]{1,64}$/.test(value) ? value : 'invalid_response';
}

function clientAuth(provider: OidcProviderConfig): oidc.ClientAuth {
  switch (provider.tokenEndpointAuthMethod) {
    case 'none':
      return oidc.None();
    case 'client_secret_post':
      return oidc.ClientSecretPost(provider.clientSecret);
    default:
      return oidc.ClientSecretBasic(provider.clientSecret);
  }
}

/**
 * Discovery, once per provider and client (a failure is not cached). Plain http is allowed only
 * for an issuer on this machine (the tests' provider, local development): openid-client refuses
 * http otherwise, and the config parser refuses non-loopback http issuers before we get here.
 */
function configuration(services: SsoServices, provider: OidcProviderConfig): Promise<oidc.Configuration> {
  const key = `${provider.id}|${provider.issuer}|${provider.clientId}|${provider.tokenEndpointAuthMethod}`;
  let pending = services.discovered.get(key);
  if (!pending) {
    const issuer = new URL(provider.issuer);
    const insecure = issuer.protocol === 'http:' && isLoopbackIssuer(provider.issuer);
    pending = oidc.discovery(
      issuer,
      provider.clientId,
      provider.clientSecret,
      clientAuth(provider),
      insecure ? { execute: [oidc.allowInsecureRequests], timeout: 10 } : { timeout: 10 },
    );
    services.discovered.set(key, pending);
    pending.catch(() => services.discovered.delete(key));
  }
  return pending.catch((error: unknown) => {
    services.log.warn({ provider: provider.id, code: (error as { code?: string }).code }, 'OIDC discovery failed');
    throw new AppError('OIDC_FAILED', { error: 'discovery' });
  });
}

export interface StartedLogin {
  url: URL;
  state: string;
}

/** Starts an authorization-code + PKCE (S256) sign-in: stores verifier, nonce and return path under sha256(state). */
export async function startLogin(
  services: SsoServices,
  input: { providerId: string; returnTo: string | undefined; origin: string },
): Promise<StartedLogin> {
  const provider = findProvider(services.env, input.providerId);
  const config = await configuration(services, provider);
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const now = new Date();
  await withScope(services.db, { regions: [] }, async (trx) => {
    await repo.sweepExpiredInTx(trx, now);
    await repo.insertLoginInTx(trx, {
      state_hash: sha256(state),
      provider: provider.id,
      code_verifier: verifier,
      nonce,
      return_to: safeReturnTo(input.returnTo),
      expires_at: new Date(now.getTime() + LOGIN_TTL_MS),
    });
  });
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: callbackUrl(input.origin, provider),
    response_type: 'code',
    scope: provider.scopes,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url, state };
}

export type FinishedLogin =
  | { audience: 'staff'; token: string; expiresAt: Date; returnTo: string; staffId: string }
  | { audience: 'citizen'; token: string; expiresAt: Date; returnTo: string; citizenId: string; signedUp: boolean };

export interface CallbackInput {
  providerId: string;
  /** The callback's query string as received (without `?`). */
  search: string;
  /** The state in the browser-binding cookie set by start. */
  cookieState: string | undefined;
  origin: string;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

type Claims = Record<string, unknown> & { sub: string };

/**
 * Finishes a sign-in: checks the state (known, unused, unexpired, for this provider, and the one
 * this browser started), exchanges the code with the PKCE verifier, validates the ID token
 * (signature, issuer, audience, expiry, nonce) and signs in staff or a citizen. Throws
 * OIDC_STATE_INVALID, OIDC_DENIED, OIDC_FAILED, OIDC_ACCOUNT_UNKNOWN, OIDC_TOTP_REQUIRED,
 * ACCOUNT_LOCKED, NIK_INVALID.
 */
export async function finishLogin(services: SsoServices, input: CallbackInput, context: RequestContext): Promise<FinishedLogin> {
  const provider = findProvider(services.env, input.providerId);
  const params = new URLSearchParams(input.search);
  const state = params.get('state');
  if (!state || !input.cookieState || !sameText(state, input.cookieState)) throw new AppError('OIDC_STATE_INVALID');
  const stateHash = sha256(state);
  const login = await withScope(services.db, { regions: [], authTokenHash: stateHash }, (trx) =>
    repo.takeLoginInTx(trx, stateHash),
  );
  if (!login || login.provider !== provider.id || login.expires_at.getTime() <= Date.now()) {
    throw new AppError('OIDC_STATE_INVALID');
  }

  const failed = async (reason: string, error: AppError): Promise<never> => {
    await withScope(services.db, { regions: [] }, (trx) =>
      appendAuditInTx(trx, {
        action: `${provider.audience}.sign_in_failed`,
        actor: { type: provider.audience, id: null },
        ip: context.ip,
        requestId: context.requestId,
        detail: { method: 'oidc', provider: provider.id, reason },
      }),
    );
    throw error;
  };

  if (params.has('error')) {
    const code = providerCode(params.get('error'));
    return failed(`provider:${code}`, new AppError('OIDC_DENIED', { error: code }));
  }

  const config = await configuration(services, provider);
  let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
  try {
    tokens = await oidc.authorizationCodeGrant(config, new URL(`${callbackUrl(input.origin, provider)}?${input.search}`), {
      pkceCodeVerifier: login.code_verifier,
      expectedState: state,
      expectedNonce: login.nonce,
      idTokenExpected: true,
    });
  } catch (error) {
    // Only codes are logged: never the code, tokens or the provider's free-text description.
    const e = error as { code?: string; error?: string; name?: string };
    const code = providerCode(e.error ?? e.code);
    services.log.warn({ provider: provider.id, name: e.name, code: e.code, error: e.error }, 'OIDC code exchange failed');
    if (error instanceof oidc.AuthorizationResponseError) {
      return failed(`provider:${code}`, new AppError('OIDC_DENIED', { error: code }));
    }
    return failed(`exchange:${code}`, new AppError('OIDC_FAILED', { error: code }));
  }

  let claims = tokens.claims() as Claims | undefined;
  if (!claims) return failed('no_id_token', new AppError('OIDC_FAILED', { error: 'no_id_token' }));
  const wanted = provider.audience === 'staff' ? ['email', 'email_verified'] : [provider.nikClaim, 'name'];
  if (wanted.some((claim) => claims![claim] === undefined) && config.serverMetadata().userinfo_endpoint) {
    try {
      const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
      claims = { ...info, ...claims } as Claims;
    } catch (error) {
      services.log.warn({ provider: provider.id, code: (error as { code?: string }).code }, 'OIDC userinfo failed');
      return failed('userinfo', new AppError('OIDC_FAILED', { error: 'userinfo' }));
    }
  }

  if (provider.audience === 'staff') {
    const signedIn = await signInStaff(services, provider, claims, context, failed);
    return { audience: 'staff', returnTo: login.return_to, ...signedIn };
  }
  const signedIn = await signInCitizen(services, provider, claims, context, failed);
  return { audience: 'citizen', returnTo: login.return_to, ...signedIn };
}

type Fail = (reason: string, error: AppError) => Promise<never>;

/** Staff: the existing, enabled account whose e-mail the provider asserts as verified. Never creates one. */
async function signInStaff(
  services: SsoServices,
  provider: OidcProviderConfig,
  claims: Claims,
  context: RequestContext,
  failed: Fail,
) {
  const { db, authConfig } = services;
  if (typeof claims.email !== 'string' || claims.email_verified !== true) {
    return failed('email_unverified', new AppError('OIDC_ACCOUNT_UNKNOWN'));
  }
  const email = claims.email.trim().toLowerCase();
  const authScope = { regions: [] as string[], authEmail: email };
  const account = await withScope(db, authScope, (trx) => identityRepo.findAccountByEmailInTx(trx, email));
  const audit = (action: string, detail: Record<string, unknown>) =>
    withScope(db, authScope, (trx) =>
      appendAuditInTx(trx, {
        action,
        actor: { type: 'staff', id: account?.id ?? null },
        tenantCode: tenantOfRegion(account?.region_code ?? null),
        target: account ? { type: 'staff_account', id: account.id } : null,
        ip: context.ip,
        requestId: context.requestId,
        detail: { method: 'oidc', provider: provider.id, ...detail },
      }),
    );
  if (!account || account.disabled_at) {
    await audit('staff.sign_in_failed', { reason: account ? 'disabled' : 'unknown_account' });
    throw new AppError('OIDC_ACCOUNT_UNKNOWN');
  }
  if (!providerReachesRegion(provider, account.region_code)) {
    await audit('staff.sign_in_failed', { reason: 'outside_provider_regions' });
    throw new AppError('OIDC_ACCOUNT_UNKNOWN');
  }
  if (account.locked_until && account.locked_until > new Date()) {
    await audit('staff.sign_in_refused', { reason: 'locked' });
    throw lockedError(account.locked_until);
  }
  const amr = Array.isArray(claims.amr) ? claims.amr.filter((v): v is string => typeof v === 'string') : [];
  const providerMfa = amr.some((v) => provider.mfaAmr.includes(v));
  if (account.totp_secret && !providerMfa) {
    await audit('staff.sign_in_refused', { reason: 'totp_required' });
    throw new AppError('OIDC_TOTP_REQUIRED');
  }

  const opened = await withScope(db, { ...authScope, actorId: account.id }, (trx) =>
    openStaffSessionInTx(trx, {
      account,
      context,
      sessionAbsoluteMs: authConfig.sessionAbsoluteMs,
      detail: { method: 'oidc', provider: provider.id, totp: false, providerMfa, amr },
    }),
  );
  // Without a TOTP step the sign-in is always recorded.
  const { token, expiresAt } = opened!;
  return { token, expiresAt, staffId: account.id };
}

/** Citizens: found by the NIK claim, or created from it (name and a verified e-mail or phone from the claims). */
async function signInCitizen(
  services: SsoServices,
  provider: OidcProviderConfig,
  claims: Claims,
  context: RequestContext,
  failed: Fail,
) {
  const { db, citizenKeys: keys, citizenConfig: config } = services;
  const raw = claims[provider.nikClaim];
  if (typeof raw !== 'string') return failed('nik_claim_missing', new AppError('OIDC_FAILED', { error: 'nik_claim_missing' }));
  let nik: string;
  try {
    nik = checkNik(raw);
  } catch (error) {
    return failed('nik_invalid', error as AppError);
  }
  const nikHmac = hashNik(keys, nik);
  const existing = await withScope(db, { regions: [], authNikHash: nikHmac }, (trx) =>
    citizenRepo.findCitizenByNikHashInTx(trx, nikHmac),
  );
  let profile: { name: string; email: string | null; phone: string | null } | undefined;
  if (!existing) {
    const name = typeof claims.name === 'string' ? claims.name.trim() : '';
    if (name.length < 2 || name.length > 200) {
      return failed('name_claim_missing', new AppError('OIDC_FAILED', { error: 'name_claim_missing' }));
    }
    const email =
      typeof claims.email === 'string' && claims.email_verified === true ? verifiedContact('email', claims.email) : null;
    const phone =
      typeof claims.phone_number === 'string' && claims.phone_number_verified === true
        ? verifiedContact('sms', claims.phone_number)
        : null;
    if (!email && !phone) {
      return failed('contact_claim_missing', new AppError('OIDC_FAILED', { error: 'contact_claim_missing' }));
    }
    profile = { name, email, phone };
  }

  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + config.sessionAbsoluteMs);
  return withScope(db, { regions: [], authNikHash: nikHmac }, async (trx) => {
    let citizenId: string;
    if (existing) {
      citizenId = existing.id;
      await setCitizenInTx(trx, citizenId);
    } else {
      citizenId = randomUUID();
      await setCitizenInTx(trx, citizenId);
      await citizenRepo.insertCitizenInTx(trx, {
        id: citizenId,
        nik_hmac: nikHmac,
        nik_ciphertext: encryptNik(keys, nik, citizenId),
        ...profile!,
      });
      await citizenRepo.linkOtpsToCitizenInTx(trx, { nikHmac, citizenId });
    }
    await citizenRepo.recordCitizenSignInInTx(trx, citizenId);
    const session = await repo.insertOidcCitizenSessionInTx(trx, {
      citizen_id: citizenId,
      token_hash: sha256(token),
      expires_at: expiresAt,
      ip: context.ip,
      user_agent: context.userAgent?.slice(0, 300) ?? null,
    });
    await appendAuditInTx(trx, {
      action: existing ? 'citizen.sign_in' : 'citizen.sign_up',
      actor: { type: 'citizen', id: citizenId },
      target: { type: 'citizen_session', id: session.id },
      ip: context.ip,
      requestId: context.requestId,
      detail: { method: 'oidc', provider: provider.id },
    });
    return { token, expiresAt, citizenId, signedUp: !existing };
  });
}

function verifiedContact(channel: 'email' | 'sms', value: string): string | null {
  try {
    return normalizeDestination(channel, value);
  } catch {
    return null;
  }
}

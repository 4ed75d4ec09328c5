import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withScope } from '../../db/scope.ts';
import { CSRF_HEADER, STAFF_SESSION_COOKIE } from './identity.plugin.ts';
import { createAuthTestApp, makeStaff, makeTenants, signIn, TEST_PASSWORD, type AuthTestApp } from './identity.testing.ts';
import { totpCode } from './identity.totp.ts';

let t: AuthTestApp;
const CSRF = { [CSRF_HEADER]: '1' };

beforeAll(async () => {
  t = await createAuthTestApp({ maxFailedAttempts: 3, signInPerAccountMax: 1000, signInPerIpMax: 1000 });
  await makeTenants(t.deps, [{ code: '35.10', name: 'Pemerintah Kabupaten Banyuwangi' }]);
  await makeStaff(t.deps, {
    email: 'admin@banyuwangi.test',
    regionCode: '35.10',
    grants: [{ role: 'admin_pemda', regionCode: '35.10' }],
  });
  await makeStaff(t.deps, {
    email: 'lock@banyuwangi.test',
    regionCode: '35.10',
    grants: [{ role: 'petugas_loket', regionCode: '35.10' }],
  });
  await makeStaff(t.deps, {
    email: 'totp@banyuwangi.test',
    regionCode: '35.10',
    grants: [{ role: 'petugas_loket', regionCode: '35.10' }],
  });
});
afterAll(() => t.close());

function post(url: string, payload: unknown, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url, payload: payload as object, headers: { ...CSRF, ...headers } });
}

async function auditActions(action: string) {
  const rows = await t.deps.database.db
    .selectFrom('audit_log')
    .select(['action', 'detail', 'actor_id'])
    .where('action', '=', action)
    .execute();
  return rows;
}

describe('POST /api/v1/auth/staff/sign-in', () => {
  it('signs in with the right password: httpOnly SameSite cookie, grants, audited', async () => {
    const response = await post('/api/v1/auth/staff/sign-in', { email: 'Admin@Banyuwangi.test', password: TEST_PASSWORD });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.grants).toEqual([{ role: 'admin_pemda', regionCode: '35.10' }]);
    expect(body.staff.totpEnabled).toBe(false);
    const cookie = response.cookies.find((c) => c.name === STAFF_SESSION_COOKIE)!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.path).toBe('/');
    expect(cookie.value).toMatch(/^[\w-]{43}$/);
    // Only a hash of the token is stored.
    const stored = await withScope(t.deps.database.db, '*', (trx) =>
      trx.selectFrom('staff_session').select('token_hash').execute(),
    );
    expect(stored.map((s) => s.token_hash)).not.toContain(cookie.value);
    expect((await auditActions('staff.sign_in')).length).toBeGreaterThan(0);
  });

  it('answers the same 401 for a wrong password and an unknown e-mail, both audited without the e-mail', async () => {
    const wrong = await post('/api/v1/auth/staff/sign-in', { email: 'admin@banyuwangi.test', password: 'salah-sekali-123' });
    const unknown = await post('/api/v1/auth/staff/sign-in', { email: 'nobody@banyuwangi.test', password: 'salah-sekali-123' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('SIGN_IN_FAILED');
    expect(unknown.json().error.code).toBe('SIGN_IN_FAILED');
    const failed = await auditActions('staff.sign_in_failed');
    expect(failed.map((f) => f.detail.reason)).toEqual(expect.arrayContaining(['password', 'unknown_account']));
    expect(JSON.stringify(failed)).not.toContain('nobody@');
  });

  it('locks the account after N failures (audited), even for the right password, with Retry-After', async () => {
    for (let i = 0; i < 2; i++) {
      expect(
        (await post('/api/v1/auth/staff/sign-in', { email: 'lock@banyuwangi.test', password: 'salah-sekali-123' })).statusCode,
      ).toBe(401);
    }
    const third = await post('/api/v1/auth/staff/sign-in', { email: 'lock@banyuwangi.test', password: 'salah-sekali-123' });
    expect(third.statusCode).toBe(423);
    expect(third.json().error.code).toBe('ACCOUNT_LOCKED');
    const right = await post('/api/v1/auth/staff/sign-in', { email: 'lock@banyuwangi.test', password: TEST_PASSWORD });
    expect(right.statusCode).toBe(423);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(800);
    expect((await auditActions('staff.locked')).length).toBe(1);
    expect((await auditActions('staff.sign_in_refused')).length).toBe(1);
  });

  it.each([
    ['an unknown field', { email: 'a@b.test', password: 'x', remember: true }],
    ['a malformed e-mail', { email: 'not-an-email', password: 'x' }],
    ['a malformed code', { email: 'a@b.test', password: 'x', otp: '12ab56' }],
    ['a missing password', { email: 'a@b.test' }],
  ])('answers 400 VALIDATION_FAILED for %s', async (_what, payload) => {
    const response = await post('/api/v1/auth/staff/sign-in', payload);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('answers 413 for an oversized body', async () => {
    const response = await post('/api/v1/auth/staff/sign-in', { email: 'a@b.test', password: 'x'.repeat(1024 * 1024 + 10) });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a cross-site form post (no X-Layan-CSRF header) with 403 CSRF_REJECTED', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/staff/sign-in',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      payload: 'email=admin%40banyuwangi.test&password=x',
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('CSRF_REJECTED');
  });
});

describe('sessions', () => {
  it('GET /auth/session names the caller; anonymous gets 401 AUTH_REQUIRED', async () => {
    const cookie = await signIn(t.app, 'admin@banyuwangi.test');
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().grants).toEqual([{ role: 'admin_pemda', regionCode: '35.10' }]);
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('AUTH_REQUIRED');
    const forged = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/session',
      headers: { cookie: `${STAFF_SESSION_COOKIE}=${'x'.repeat(43)}` },
    });
    expect(forged.statusCode).toBe(401);
  });

  it('lists own sessions and revokes another device; the revoked cookie gets 401', async () => {
    const laptop = await signIn(t.app, 'admin@banyuwangi.test');
    const phone = await signIn(t.app, 'admin@banyuwangi.test');
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/auth/sessions', headers: { cookie: laptop } });
    expect(list.statusCode).toBe(200);
    const items = list.json().items as Array<{ id: string; current: boolean }>;
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(items.filter((i) => i.current)).toHaveLength(1);
    const phoneSession = (await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: phone } })).json()
      .session.id;
    const revoke = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/auth/sessions/${phoneSession}`,
      headers: { cookie: laptop, ...CSRF },
    });
    expect(revoke.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: phone } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: laptop } })).statusCode).toBe(
      200,
    );
    const again = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/auth/sessions/${phoneSession}`,
      headers: { cookie: laptop, ...CSRF },
    });
    expect(again.statusCode).toBe(404);
    expect((await auditActions('staff.session_revoke')).length).toBe(1);
  });

  it('cannot revoke someone else’s session (404, not revealed)', async () => {
    const mine = await signIn(t.app, 'admin@banyuwangi.test');
    const theirs = await signIn(t.app, 'totp@banyuwangi.test');
    const theirId = (await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: theirs } })).json()
      .session.id;
    const response = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/auth/sessions/${theirId}`,
      headers: { cookie: mine, ...CSRF },
    });
    expect(response.statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: theirs } })).statusCode).toBe(
      200,
    );
  });

  it('refuses a cookie-authenticated state change without the CSRF header', async () => {
    const cookie = await signIn(t.app, 'admin@banyuwangi.test');
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/staff/sign-out', headers: { cookie } });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('CSRF_REJECTED');
    const admin = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/tenants/35.10/agencies',
      headers: { cookie },
      payload: { slug: 'x', name: 'X instansi', kind: 'daerah' },
    });
    expect(admin.statusCode).toBe(403);
    expect(admin.json().error.code).toBe('CSRF_REJECTED');
  });

  it('signs out: the cookie is cleared and no longer works', async () => {
    const cookie = await signIn(t.app, 'admin@banyuwangi.test');
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/staff/sign-out', headers: { cookie, ...CSRF } });
    expect(response.statusCode).toBe(204);
    expect(response.cookies.find((c) => c.name === STAFF_SESSION_COOKIE)?.value).toBe('');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie } })).statusCode).toBe(401);
    expect((await auditActions('staff.sign_out')).length).toBe(1);
  });

  it('expires idle sessions and sessions past their absolute lifetime', async () => {
    const idle = await signIn(t.app, 'admin@banyuwangi.test');
    const absolute = await signIn(t.app, 'admin@banyuwangi.test');
    const idOf = async (cookie: string) =>
      (await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie } })).json().session.id;
    const [idleId, absoluteId] = [await idOf(idle), await idOf(absolute)];
    const db = t.deps.database.db;
    await db
      .updateTable('staff_session')
      .set({ last_seen_at: new Date(Date.now() - 2 * 3600_000) })
      .where('id', '=', idleId)
      .execute();
    // expires_at is not updatable by the app role; the connection user backdates it here.
    await sql`UPDATE staff_session SET expires_at = now() - interval '1 second' WHERE id = ${absoluteId}`.execute(db);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: idle } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: absolute } })).statusCode).toBe(
      401,
    );
  });
});

describe('TOTP', () => {
  it('enrols, confirms, then requires a code at sign-in and refuses its replay', async () => {
    const cookie = await signIn(t.app, 'totp@banyuwangi.test');
    const enrol = await t.app.inject({ method: 'POST', url: '/api/v1/auth/staff/totp/enrol', headers: { cookie, ...CSRF } });
    expect(enrol.statusCode).toBe(200);
    const { uri, secret } = enrol.json();
    expect(uri).toMatch(/^otpauth:\/\/totp\/Layan:/);
    const wrong = await post('/api/v1/auth/staff/totp/confirm', { otp: '000000' }, { cookie });
    expect([401]).toContain(wrong.statusCode);
    expect(wrong.json().error.code).toBe('OTP_INVALID');
    // The confirming code's step is remembered: the next accepted code must be a later one.
    const confirmAt = Date.now() - 30_000;
    const confirm = await post('/api/v1/auth/staff/totp/confirm', { otp: totpCode(secret, confirmAt) }, { cookie });
    expect(confirm.statusCode).toBe(204);
    expect((await post('/api/v1/auth/staff/totp/enrol', {}, { cookie })).json().error.code).toBe('TOTP_ALREADY_ENABLED');

    const noCode = await post('/api/v1/auth/staff/sign-in', { email: 'totp@banyuwangi.test', password: TEST_PASSWORD });
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().error.code).toBe('OTP_REQUIRED');
    const reused = await post('/api/v1/auth/staff/sign-in', {
      email: 'totp@banyuwangi.test',
      password: TEST_PASSWORD,
      otp: totpCode(secret, confirmAt),
    });
    expect(reused.json().error.code).toBe('OTP_REUSED');
    const code = totpCode(secret);
    const ok = await post('/api/v1/auth/staff/sign-in', { email: 'totp@banyuwangi.test', password: TEST_PASSWORD, otp: code });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().staff.totpEnabled).toBe(true);
    const replay = await post('/api/v1/auth/staff/sign-in', {
      email: 'totp@banyuwangi.test',
      password: TEST_PASSWORD,
      otp: code,
    });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('OTP_REUSED');
    const expired = await post('/api/v1/auth/staff/sign-in', {
      email: 'totp@banyuwangi.test',
      password: TEST_PASSWORD,
      otp: totpCode(secret, Date.now() - 10 * 60_000),
    });
    expect(expired.json().error.code).toBe('OTP_INVALID');
    expect((await auditActions('staff.totp_enable')).length).toBe(1);
  });
});

describe('rate limits', () => {
  it('answers 429 RATE_LIMITED with Retry-After once a client exceeds the sign-in limit', async () => {
    const limited = await createAuthTestApp({ signInPerIpMax: 3, signInWindowMs: 60_000 });
    try {
      const attempt = () =>
        limited.app.inject({
          method: 'POST',
          url: '/api/v1/auth/staff/sign-in',
          headers: CSRF,
          payload: { email: `x${Math.random()}@b.test`, password: 'x' },
        });
      for (let i = 0; i < 3; i++) expect((await attempt()).statusCode).toBe(401);
      const over = await attempt();
      expect(over.statusCode).toBe(429);
      expect(over.json().error.code).toBe('RATE_LIMITED');
      expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });

  it('limits attempts per account across client addresses', async () => {
    const limited = await createAuthTestApp({ signInPerAccountMax: 2 });
    try {
      const attempt = (ip: string) =>
        limited.app.inject({
          method: 'POST',
          url: '/api/v1/auth/staff/sign-in',
          remoteAddress: ip,
          headers: CSRF,
          payload: { email: 'target@b.test', password: 'x' },
        });
      expect((await attempt('203.0.113.1')).statusCode).toBe(401);
      expect((await attempt('203.0.113.2')).statusCode).toBe(401);
      expect((await attempt('203.0.113.3')).statusCode).toBe(429);
    } finally {
      await limited.close();
    }
  });

  it('limits the other auth routes per client too', async () => {
    const limited = await createAuthTestApp({ authRoutePerIpMax: 2 });
    try {
      for (let i = 0; i < 2; i++)
        expect((await limited.app.inject({ method: 'GET', url: '/api/v1/auth/session' })).statusCode).toBe(401);
      const over = await limited.app.inject({ method: 'GET', url: '/api/v1/auth/session' });
      expect(over.statusCode).toBe(429);
      expect(over.headers['retry-after']).toBeDefined();
    } finally {
      await limited.close();
    }
  });
});

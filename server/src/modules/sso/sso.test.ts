import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withScope } from '../../db/scope.ts';
import { CITIZEN_SESSION_COOKIE } from '../citizen/citizen.plugin.ts';
import { STAFF_SESSION_COOKIE } from '../identity/identity.plugin.ts';
import { createAuthTestApp, makeStaff, makeTenants, type AuthTestApp } from '../identity/identity.testing.ts';
import { parseOidcProviders } from './sso.config.ts';
import { OIDC_STATE_COOKIE } from './sso.routes.ts';
import { safeReturnTo } from './sso.service.ts';

// A real OpenID Connect provider (oidc-provider v8) on 127.0.0.1, and the Layan app listening on
// a real port, driven like a browser: redirects followed by hand, cookies carried, the provider's
// development login and consent forms submitted over HTTP.

const NIK = '3510014708900001';

const accounts: Record<string, Record<string, unknown>> = {
  petugas: { email: 'Petugas@Banyuwangi.test', email_verified: true, name: 'Petugas Uji', amr: ['pwd'] },
  totp: { email: 'totp@banyuwangi.test', email_verified: true, name: 'Petugas TOTP' },
  nasional: { email: 'admin@kemenpan.test', email_verified: true, name: 'Admin Nasional' },
  asing: { email: 'orang.lain@example.test', email_verified: true, name: 'Orang Lain' },
  belum: { email: 'petugas@banyuwangi.test', email_verified: false, name: 'Belum Terverifikasi' },
  warga: { nik: NIK, name: 'Siti Aminah', email: 'siti@example.test', email_verified: true },
};

let t: AuthTestApp;
let layan: string;
let issuer: string;
let providerServer: http.Server;

async function listen(server: http.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  t = await createAuthTestApp({ authRoutePerIpMax: 10_000 });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  layan = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;

  providerServer = http.createServer();
  issuer = `http://127.0.0.1:${await listen(providerServer)}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'layan-staff',
        client_secret: 'rahasia-klien-petugas-untuk-uji-saja',
        token_endpoint_auth_method: 'client_secret_basic',
        redirect_uris: [`${layan}/api/v1/auth/oidc/pemda/callback`],
      },
      {
        client_id: 'layan-warga',
        token_endpoint_auth_method: 'none',
        redirect_uris: [`${layan}/api/v1/auth/oidc/inapas/callback`],
      },
    ],
    pkce: { required: () => true, methods: ['S256'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], nik: ['nik'], amr: null },
    findAccount: (_ctx: unknown, sub: string) =>
      accounts[sub] ? { accountId: sub, claims: () => ({ sub, ...accounts[sub] }) } : undefined,
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), use: 'sig', kid: 'uji' }] },
    cookies: { keys: ['kunci-cookie-penyedia-uji'] },
    features: { devInteractions: { enabled: true } },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
  });
  providerServer.on('request', provider.callback());

  await makeTenants(t.deps, [{ code: '35.10', name: 'Pemerintah Kabupaten Banyuwangi' }]);
  await makeStaff(t.deps, {
    email: 'petugas@banyuwangi.test',
    regionCode: '35.10',
    grants: [{ role: 'petugas_loket', regionCode: '35.10' }],
  });
  await makeStaff(t.deps, {
    email: 'admin@kemenpan.test',
    regionCode: null,
    grants: [{ role: 'admin_nasional', regionCode: null }],
  });
  const totpId = await makeStaff(t.deps, {
    email: 'totp@banyuwangi.test',
    regionCode: '35.10',
    grants: [{ role: 'petugas_loket', regionCode: '35.10' }],
  });
  await t.deps.database.db
    .updateTable('staff_account')
    .set({ totp_secret: 'JBSWY3DPEHPK3PXP', totp_enabled_at: new Date() })
    .where('id', '=', totpId)
    .execute();

  Object.assign(t.deps.env, {
    publicUrl: layan,
    oidcProviders: parseOidcProviders(
      JSON.stringify([
        {
          id: 'pemda',
          label: 'SSO Pemda',
          issuer,
          clientId: 'layan-staff',
          clientSecret: 'rahasia-klien-petugas-untuk-uji-saja',
          audience: 'staff',
          scopes: 'openid email profile',
          staffRegions: ['35.10'],
        },
        {
          id: 'inapas',
          label: 'INApas',
          issuer,
          clientId: 'layan-warga',
          audience: 'citizen',
          scopes: 'openid profile email nik',
        },
      ]),
    ),
  });
});

afterAll(async () => {
  await new Promise((resolve) => providerServer.close(resolve));
  providerServer.closeAllConnections();
  await t.close();
});

/** A browser: one cookie jar per host (paths ignored), redirects not followed. */
class Browser {
  readonly jar = new Map<string, Map<string, string>>();

  setCookie(base: string, name: string, value: string) {
    const host = new URL(base).host;
    if (!this.jar.has(host)) this.jar.set(host, new Map());
    this.jar.get(host)!.set(name, value);
  }

  cookie(base: string, name: string): string | undefined {
    return this.jar.get(new URL(base).host)?.get(name);
  }

  async request(url: URL, body?: URLSearchParams): Promise<Response> {
    const cookies = this.jar.get(url.host);
    const headers: Record<string, string> = {};
    if (cookies?.size) headers.cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (body) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(url, { method: body ? 'POST' : 'GET', headers, body, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const name = pair.slice(0, pair.indexOf('=')).trim();
      const value = pair.slice(pair.indexOf('=') + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /expires=.*1970/i.test(a));
      if (expired || value === '') this.jar.get(url.host)?.delete(name);
      else this.setCookie(url.href, name, value);
    }
    return response;
  }
}

/**
 * Starts a sign-in at Layan and walks through the provider (log in as `login`, consent, or
 * cancel) until the provider sends the browser back; returns that callback URL, not yet followed.
 */
async function throughProvider(
  browser: Browser,
  options: { provider: string; login: string; returnTo?: string; cancel?: boolean },
): Promise<URL> {
  const query = options.returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(options.returnTo)}`;
  const start = await browser.request(new URL(`${layan}/api/v1/auth/oidc/${options.provider}/start${query}`));
  expect(start.status).toBe(302);
  let url = new URL(start.headers.get('location')!);
  expect(url.origin).toBe(issuer);
  expect(url.searchParams.get('code_challenge_method')).toBe('S256');
  expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
  expect(url.searchParams.get('nonce')).toBeTruthy();
  expect(url.searchParams.get('state')).toBe(browser.cookie(layan, OIDC_STATE_COOKIE));
  for (let hop = 0; hop < 20; hop++) {
    if (url.origin === layan) return url;
    const response = await browser.request(url);
    if (response.status >= 300 && response.status < 400) {
      url = new URL(response.headers.get('location')!, url);
      continue;
    }
    const html = await response.text();
    if (response.status !== 200) throw new Error(`provider answered ${response.status} at ${url.pathname}: ${html}`);
    if (options.cancel) {
      url = new URL(/href="([^"]*\/abort)"/.exec(html)![1]!, url);
      continue;
    }
    const action = /<form[^>]*action="([^"]+)"/.exec(html)![1]!;
    const prompt = /name="prompt" value="(\w+)"/.exec(html)![1]!;
    const form = new URLSearchParams({ prompt, ...(prompt === 'login' ? { login: options.login, password: 'apa-saja' } : {}) });
    const submitted = await browser.request(new URL(action, url), form);
    expect(submitted.status).toBeGreaterThanOrEqual(300);
    url = new URL(submitted.headers.get('location')!, url);
  }
  throw new Error('too many redirects');
}

function cookieOf(response: Response, name: string): string | undefined {
  const line = response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  return line?.split(';')[0];
}

async function audits(action: string) {
  return t.deps.database.db.selectFrom('audit_log').select(['actor_id', 'detail']).where('action', '=', action).execute();
}

describe('staff single sign-on', () => {
  it('signs in the existing account with the verified e-mail; the session works like a password one', async () => {
    const browser = new Browser();
    const callback = await throughProvider(browser, { provider: 'pemda', login: 'petugas', returnTo: '/petugas?tab=antrean' });
    expect(callback.searchParams.get('code')).toBeTruthy();
    const response = await browser.request(callback);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/petugas?tab=antrean');
    const cookie = cookieOf(response, STAFF_SESSION_COOKIE)!;
    expect(cookie).toMatch(new RegExp(`^${STAFF_SESSION_COOKIE}=[\\w-]{43}$`));
    const setCookie = response.headers.getSetCookie().find((c) => c.startsWith(`${STAFF_SESSION_COOKIE}=`))!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);

    const session = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie } });
    expect(session.statusCode).toBe(200);
    expect(session.json().grants).toEqual([{ role: 'petugas_loket', regionCode: '35.10' }]);
    const signIns = await audits('staff.sign_in');
    expect(signIns.at(-1)!.detail).toMatchObject({ method: 'oidc', provider: 'pemda', totp: false });
    expect(JSON.stringify(signIns)).not.toContain(callback.searchParams.get('code')!);
  });

  it('refuses an e-mail with no staff account (403): SSO never creates staff', async () => {
    const browser = new Browser();
    const response = await browser.request(await throughProvider(browser, { provider: 'pemda', login: 'asing' }));
    expect(response.status).toBe(403);
    expect((await response.json()).error.code).toBe('OIDC_ACCOUNT_UNKNOWN');
    expect(cookieOf(response, STAFF_SESSION_COOKIE)).toBeUndefined();
    const count = await withScope(t.deps.database.db, '*', (trx) =>
      trx
        .selectFrom('staff_account')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    );
    expect(Number(count.n)).toBe(3);
    expect((await audits('staff.sign_in_failed')).at(-1)!.detail).toMatchObject({ method: 'oidc', reason: 'unknown_account' });
  });

  it('refuses an account homed outside the provider staffRegions (a Pemda IdP cannot sign in a national admin)', async () => {
    const browser = new Browser();
    const response = await browser.request(await throughProvider(browser, { provider: 'pemda', login: 'nasional' }));
    expect(response.status).toBe(403);
    expect((await response.json()).error.code).toBe('OIDC_ACCOUNT_UNKNOWN');
    expect((await audits('staff.sign_in_failed')).at(-1)!.detail).toMatchObject({ reason: 'outside_provider_regions' });
  });

  it('refuses an e-mail the provider has not verified', async () => {
    const browser = new Browser();
    const response = await browser.request(await throughProvider(browser, { provider: 'pemda', login: 'belum' }));
    expect(response.status).toBe(403);
    expect((await response.json()).error.code).toBe('OIDC_ACCOUNT_UNKNOWN');
  });

  it('refuses an account with TOTP enrolled unless the provider asserts MFA', async () => {
    const browser = new Browser();
    const response = await browser.request(await throughProvider(browser, { provider: 'pemda', login: 'totp' }));
    expect(response.status).toBe(403);
    expect((await response.json()).error.code).toBe('OIDC_TOTP_REQUIRED');
  });
});

describe('citizen single sign-on', () => {
  it('creates the citizen from the NIK claim, then signs the same citizen in again', async () => {
    const first = new Browser();
    const response = await first.request(
      await throughProvider(first, { provider: 'inapas', login: 'warga', returnTo: '/warga' }),
    );
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/warga');
    const cookie = cookieOf(response, CITIZEN_SESSION_COOKIE)!;
    expect(cookie).toBeTruthy();
    expect(cookieOf(response, STAFF_SESSION_COOKIE)).toBeUndefined();
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ name: 'Siti Aminah' });
    const id = me.json().id as string;
    expect((await audits('citizen.sign_up')).map((a) => a.actor_id)).toContain(id);

    const second = new Browser();
    const again = await second.request(await throughProvider(second, { provider: 'inapas', login: 'warga' }));
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe('/');
    const me2 = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { cookie: cookieOf(again, CITIZEN_SESSION_COOKIE)! },
    });
    expect(me2.json().id).toBe(id);
    const citizens = await withScope(t.deps.database.db, '*', (trx) => trx.selectFrom('citizen').select('id').execute());
    expect(citizens.map((c) => c.id)).toEqual([id]);
    expect((await audits('citizen.sign_in')).at(-1)).toMatchObject({
      actor_id: id,
      detail: { method: 'oidc', provider: 'inapas' },
    });
    const sessions = await t.deps.database.db.selectFrom('citizen_session').select('method').execute();
    expect(sessions.map((s) => s.method)).toEqual(['oidc', 'oidc']);
  });
});

describe('state, return path and provider errors', () => {
  it('refuses a state used twice (400)', async () => {
    const browser = new Browser();
    const callback = await throughProvider(browser, { provider: 'pemda', login: 'petugas' });
    const state = callback.searchParams.get('state')!;
    expect((await browser.request(callback)).status).toBe(303);
    // Even with the binding cookie put back, the server-side row is gone.
    browser.setCookie(layan, OIDC_STATE_COOKIE, state);
    const replay = await browser.request(callback);
    expect(replay.status).toBe(400);
    expect((await replay.json()).error.code).toBe('OIDC_STATE_INVALID');
  });

  it('refuses a tampered state, and a state from another browser (login CSRF)', async () => {
    const browser = new Browser();
    const callback = await throughProvider(browser, { provider: 'pemda', login: 'petugas' });
    const state = callback.searchParams.get('state')!;

    const tampered = new URL(callback);
    tampered.searchParams.set('state', `${state.slice(0, -2)}xx`);
    browser.setCookie(layan, OIDC_STATE_COOKIE, tampered.searchParams.get('state')!);
    const forged = await browser.request(tampered);
    expect(forged.status).toBe(400);
    expect((await forged.json()).error.code).toBe('OIDC_STATE_INVALID');

    // The victim's browser never started this sign-in: no binding cookie.
    const victim = new Browser();
    const csrf = await victim.request(callback);
    expect(csrf.status).toBe(400);
    expect((await csrf.json()).error.code).toBe('OIDC_STATE_INVALID');
    expect(cookieOf(csrf, STAFF_SESSION_COOKIE)).toBeUndefined();
  });

  it('never redirects off the site: an absolute returnTo becomes /', async () => {
    const browser = new Browser();
    const response = await browser.request(
      await throughProvider(browser, { provider: 'pemda', login: 'petugas', returnTo: 'https://evil.example/ambil' }),
    );
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/');
    for (const raw of ['//evil.example', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)', '/a\nb', '']) {
      expect(safeReturnTo(raw)).toBe('/');
    }
    expect(safeReturnTo('/layanan/ktp?langkah=2#berkas')).toBe('/layanan/ktp?langkah=2#berkas');
    expect(safeReturnTo('/../../x')).toBe('/x');
  });

  it('answers 404 for an unknown provider', async () => {
    for (const url of ['/api/v1/auth/oidc/tidak-ada/start', '/api/v1/auth/oidc/tidak-ada/callback?code=x&state=y']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('OIDC_PROVIDER_UNKNOWN');
    }
  });

  it('handles the provider sending error=access_denied (the user cancelled)', async () => {
    const browser = new Browser();
    const callback = await throughProvider(browser, { provider: 'inapas', login: 'warga', cancel: true });
    expect(callback.searchParams.get('error')).toBe('access_denied');
    const response = await browser.request(callback);
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error.code).toBe('OIDC_DENIED');
    expect(body.error.message).toContain('access_denied');
    expect(cookieOf(response, CITIZEN_SESSION_COOKIE)).toBeUndefined();
  });

  it('lists the providers for sign-in buttons, without secrets', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/auth/oidc/providers' });
    expect(response.statusCode).toBe(200);
    expect(response.json().items).toEqual([
      { id: 'pemda', label: 'SSO Pemda', audience: 'staff', startUrl: '/api/v1/auth/oidc/pemda/start' },
      { id: 'inapas', label: 'INApas', audience: 'citizen', startUrl: '/api/v1/auth/oidc/inapas/start' },
    ]);
    expect(response.body).not.toContain('rahasia');
  });
});

describe('OIDC_PROVIDERS', () => {
  it('refuses configurations that cannot be right', () => {
    const base = { id: 'x', issuer: 'https://id.example.go.id', clientId: 'c', audience: 'citizen' };
    expect(parseOidcProviders(JSON.stringify([base]))[0]).toMatchObject({
      label: 'x',
      scopes: 'openid profile email',
      nikClaim: 'nik',
      tokenEndpointAuthMethod: 'none',
    });
    expect(() => parseOidcProviders(JSON.stringify([{ ...base, issuer: 'http://id.example.go.id' }]))).toThrow(/https/);
    expect(() => parseOidcProviders(JSON.stringify([{ ...base, audience: 'admin' }]))).toThrow(/audience/);
    expect(() => parseOidcProviders(JSON.stringify([base, base]))).toThrow(/twice/);
    expect(() => parseOidcProviders(JSON.stringify([{ ...base, secret: 's' }]))).toThrow(/unknown key/);
    expect(() => parseOidcProviders('{')).toThrow(/JSON array/);
    expect(() => parseOidcProviders(JSON.stringify([{ ...base, staffRegions: ['35.1'] }]))).toThrow(/staffRegions/);
    expect(parseOidcProviders(undefined)).toEqual([]);
  });
});

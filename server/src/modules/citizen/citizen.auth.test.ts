import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER } from '../identity/identity.plugin.ts';
import { makeStaff, signIn as staffSignIn } from '../identity/identity.testing.ts';
import { citizenCookie, createCitizenTestApp, requestEmailCode, signUpCitizen, type CitizenTestApp } from './citizen.testing.ts';

// Sign-up and sign-in with NIK + one-time code over a real SMTP server and a real HTTP SMS
// gateway, password sign-in, and every bad path the issue names. The log of the whole file is
// captured and checked for personal data at the end.

let t: CitizenTestApp;
const logLines: string[] = [];
const CSRF = { [CSRF_HEADER]: '1' };
// Every NIK, contact and code used here: none may ever reach the log.
const secrets = new Set<string>();

// Plausible NIKs: kecamatan Pesanggaran (35.10.01), born 7 Aug 1990 (female: day 47), serial n.
const nik = (serial: number) => {
  const value = `351001470890${String(serial).padStart(4, '0')}`;
  secrets.add(value);
  return value;
};
const email = (name: string) => {
  const value = `${name}@warga.test`;
  secrets.add(value);
  return value;
};

beforeAll(async () => {
  const logStream = new Writable({
    write(chunk, _encoding, callback) {
      logLines.push(String(chunk));
      callback();
    },
  });
  t = await createCitizenTestApp({
    logStream,
    logLevel: 'info',
    citizenConfig: { otpPerNikPerHour: 4, otpRequestPerIpMax: 1000, signInPerIpMax: 1000 },
  });
});
afterAll(() => t.close());

function post(url: string, payload: unknown, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url, payload: payload as object, headers: { ...CSRF, ...headers } });
}

async function code(nikValue: string, to: string) {
  const value = await requestEmailCode(t, nikValue, to);
  secrets.add(value);
  return value;
}

async function audit(action: string) {
  return t.deps.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('seq').execute();
}

describe('sign-up and sign-in with NIK + e-mail code', () => {
  it('sends a 6-digit code over real SMTP, asks for a name on first use, then signs up', async () => {
    const n = nik(1);
    const to = email('sari');
    const from = t.smtp.inbox.items.length;
    const response = await post('/api/v1/auth/citizen/otp', { nik: n, channel: 'email', destination: 'Sari@Warga.test' });
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ expiresInSeconds: 600 });
    const mail = await t.smtp.inbox.waitFor((m) => m.to.includes(to), { from });
    expect(mail.from).toBe('no-reply@layan.test');
    expect(mail.raw).not.toContain(n);
    const value = await t.smtp.nextCode(to, from);
    secrets.add(value);

    const noName = await post('/api/v1/auth/citizen/verify', { nik: n, code: value });
    expect(noName.statusCode).toBe(400);
    expect(noName.json().error.code).toBe('CITIZEN_NAME_REQUIRED');

    const signedUp = await post('/api/v1/auth/citizen/verify', { nik: n, code: value, name: 'Sari Wulandari' });
    expect(signedUp.statusCode).toBe(200);
    const body = signedUp.json();
    expect(body.signedUp).toBe(true);
    expect(body.citizen).toMatchObject({
      name: 'Sari Wulandari',
      nik: '************0001',
      email: to,
      phone: null,
      hasPassword: false,
    });
    const cookie = signedUp.cookies.find((c) => c.name === 'layan_citizen_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(signedUp.cookies.find((c) => c.name === 'layan_staff_session')).toBeUndefined();

    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: citizenCookie(signedUp) } });
    expect(me.statusCode).toBe(200);
    expect(me.json().id).toBe(body.citizen.id);
    expect(me.headers['cache-control']).toBe('no-store');
    expect((await audit('citizen.sign_up')).map((a) => a.actor_id)).toContain(body.citizen.id);
  });

  it('stores the NIK only as a keyed hash and an AES-GCM ciphertext, and the code only hashed', async () => {
    const n = nik(1);
    const rows = await sql<{ row: string }>`SELECT row_to_json(c)::text AS row FROM citizen c`.execute(t.deps.database.db);
    expect(rows.rows.length).toBeGreaterThan(0);
    for (const { row } of rows.rows) {
      expect(row).not.toContain(n);
      expect(row).not.toContain(n.slice(0, 12));
      expect(row).toMatch(/"nik_ciphertext":"v1\./);
    }
    const otps = await sql<{ row: string }>`SELECT row_to_json(o)::text AS row FROM citizen_otp o`.execute(t.deps.database.db);
    for (const { row } of otps.rows) {
      expect(row).not.toContain(n);
      for (const secret of secrets) if (/^\d{6}$/.test(secret)) expect(row).not.toContain(`"${secret}"`);
    }
  });

  it('signs the same citizen in with a new code', async () => {
    const value = await code(nik(1), email('sari'));
    const response = await post('/api/v1/auth/citizen/verify', { nik: nik(1), code: value });
    expect(response.statusCode).toBe(200);
    expect(response.json().signedUp).toBe(false);
    expect(response.json().citizen.name).toBe('Sari Wulandari');
  });

  it('sends nothing to another contact for a registered NIK, and answers exactly as for a new NIK', async () => {
    const from = t.smtp.inbox.items.length;
    const response = await post('/api/v1/auth/citizen/otp', { nik: nik(1), channel: 'email', destination: email('penyusup') });
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ expiresInSeconds: 600 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(t.smtp.inbox.items.slice(from).filter((m) => m.to.includes(email('penyusup')))).toEqual([]);
    const refused = await audit('citizen.otp_refused');
    expect(refused).toHaveLength(1);
    expect(refused[0]!.detail).toEqual({ channel: 'email', reason: 'destination_mismatch' });
  });
});

describe('SMS and WhatsApp through the HTTP gateway', () => {
  it('POSTs {to (E.164), text, channel, idempotencyKey} with the bearer token and signs up with the phone', async () => {
    const n = nik(2);
    secrets.add('081234567890').add('+6281234567890').add('6281234567890');
    const from = t.gateway.inbox.items.length;
    const response = await post('/api/v1/auth/citizen/otp', { nik: n, channel: 'sms', destination: '0812-3456-7890' });
    expect(response.statusCode).toBe(202);
    const message = await t.gateway.inbox.waitFor((m) => m.body.to === '+6281234567890', { from });
    expect(message.authorization).toBe('Bearer gateway-token');
    expect(message.body).toEqual({
      to: '+6281234567890',
      text: expect.stringContaining('Kode masuk Layan Anda: '),
      channel: 'sms',
      idempotencyKey: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    const value = await t.gateway.nextCode('+6281234567890', from);
    secrets.add(value);
    const verified = await post('/api/v1/auth/citizen/verify', { nik: n, code: value, name: 'Budi Santoso' });
    expect(verified.statusCode).toBe(200);
    expect(verified.json().citizen).toMatchObject({ phone: '+6281234567890', email: null });

    const wa = t.gateway.inbox.items.length;
    expect(
      (await post('/api/v1/auth/citizen/otp', { nik: n, channel: 'whatsapp', destination: '+62 812 3456 7890' })).statusCode,
    ).toBe(202);
    expect((await t.gateway.inbox.waitFor((m) => m.body.to === '+6281234567890', { from: wa })).body.channel).toBe('whatsapp');
  });

  it('refuses a destination that does not fit the channel', async () => {
    const bad = await post('/api/v1/auth/citizen/otp', { nik: nik(3), channel: 'sms', destination: 'bukan-nomor' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('DESTINATION_INVALID');
    const badMail = await post('/api/v1/auth/citizen/otp', { nik: nik(3), channel: 'email', destination: '0812345678' });
    expect(badMail.json().error.code).toBe('DESTINATION_INVALID');
  });

  it('still answers 202 when the gateway fails, and logs the failure without personal data', async () => {
    t.gateway.status = 500;
    try {
      const from = t.gateway.inbox.items.length;
      secrets.add('+6281299990000');
      const response = await post('/api/v1/auth/citizen/otp', { nik: nik(4), channel: 'sms', destination: '081299990000' });
      expect(response.statusCode).toBe(202);
      await t.gateway.inbox.waitFor((m) => m.body.to === '+6281299990000', { from });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(logLines.join('')).toContain('sending a sign-in code failed');
    } finally {
      t.gateway.status = 202;
    }
  });
});

describe('malformed NIK: 400 NIK_INVALID with the domain issues', () => {
  // 31 December of this year: in the future every day but that one.
  const year = String(new Date().getUTCFullYear() % 100).padStart(2, '0');
  const cases: Array<[string, string]> = [
    ['NIK_FORMAT', '35100147089O0001'],
    ['NIK_LENGTH', '35100147089000'],
    ['NIK_DISTRICT_UNKNOWN', '9999994708900001'],
    ['NIK_DAY', '3510013208900001'],
    ['NIK_MONTH', '3510014713900001'],
    ['NIK_DATE', '3510013102900001'],
    ['NIK_DATE_FUTURE', `3510013112${year}0001`],
    ['NIK_SERIAL', '3510014708900000'],
  ];
  it.each(cases)('%s', async (issue, value) => {
    for (const url of ['/api/v1/auth/citizen/otp', '/api/v1/auth/citizen/verify', '/api/v1/auth/citizen/sign-in']) {
      const payload = url.endsWith('otp')
        ? { nik: value, channel: 'email', destination: email('x') }
        : url.endsWith('verify')
          ? { nik: value, code: '123456' }
          : { nik: value, password: 'apa-saja-12345' };
      const response = await post(url, payload);
      expect(response.statusCode, url).toBe(400);
      const error = response.json().error;
      expect(error.code).toBe('NIK_INVALID');
      expect(error.details.map((d: { code: string }) => d.code)).toContain(issue);
      expect(error.details[0]).toMatchObject({ message: expect.any(String), messageEn: expect.any(String) });
    }
  });
});

describe('one-time code rules', () => {
  it('counts wrong codes down, then locks the code (even the right one)', async () => {
    const n = nik(10);
    const value = await code(n, email('salah'));
    const wrong = value === '000000' ? '111111' : '000000';
    for (const remaining of [4, 3, 2, 1]) {
      const response = await post('/api/v1/auth/citizen/verify', { nik: n, code: wrong, name: 'Salah Kode' });
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('CITIZEN_CODE_WRONG');
      expect(response.json().error.message).toContain(`Sisa percobaan: ${remaining}`);
    }
    const fifth = await post('/api/v1/auth/citizen/verify', { nik: n, code: wrong, name: 'Salah Kode' });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error.code).toBe('CITIZEN_CODE_LOCKED');
    const right = await post('/api/v1/auth/citizen/verify', { nik: n, code: value, name: 'Salah Kode' });
    expect(right.statusCode).toBe(423);
    // A new code works again.
    const fresh = await code(n, email('salah'));
    expect((await post('/api/v1/auth/citizen/verify', { nik: n, code: fresh, name: 'Salah Kode' })).statusCode).toBe(200);
  });

  it('refuses an expired code', async () => {
    const n = nik(11);
    const value = await code(n, email('lambat'));
    await sql`UPDATE citizen_otp SET expires_at = now() - interval '1 minute'`.execute(t.deps.database.db);
    const response = await post('/api/v1/auth/citizen/verify', { nik: n, code: value, name: 'Lambat' });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('CITIZEN_CODE_EXPIRED');
  });

  it('refuses a code used before, and a NIK without any code', async () => {
    const n = nik(12);
    const value = await code(n, email('ulang'));
    expect((await post('/api/v1/auth/citizen/verify', { nik: n, code: value, name: 'Ulang' })).statusCode).toBe(200);
    const again = await post('/api/v1/auth/citizen/verify', { nik: n, code: value });
    expect(again.statusCode).toBe(401);
    expect(again.json().error.code).toBe('CITIZEN_CODE_USED');
    const none = await post('/api/v1/auth/citizen/verify', { nik: nik(13), code: '123456' });
    expect(none.json().error.code).toBe('CITIZEN_CODE_MISSING');
  });

  it('limits codes per NIK in the database (all processes share it): 429', async () => {
    const n = nik(14);
    for (let i = 0; i < 4; i++) await code(n, email('sering'));
    const fifth = await post('/api/v1/auth/citizen/otp', { nik: n, channel: 'email', destination: email('sering') });
    expect(fifth.statusCode).toBe(429);
    expect(fifth.json().error.code).toBe('RATE_LIMITED');
  });
});

describe('password sign-in (optional)', () => {
  it('sets a password, signs in with NIK + password, refuses wrong ones alike, locks after 5', async () => {
    const n = nik(20);
    const { cookie } = await signUpCitizen(t, { nik: n, email: email('sandi'), name: 'Pemilik Sandi' });
    secrets.add('kata-sandi-warga-123');
    const set = await post('/api/v1/me/password', { newPassword: 'kata-sandi-warga-123' }, { cookie });
    expect(set.statusCode).toBe(204);
    const change = await post('/api/v1/me/password', { newPassword: 'kata-sandi-baru-456' }, { cookie });
    expect(change.statusCode).toBe(403);
    expect(change.json().error.code).toBe('CURRENT_PASSWORD_WRONG');

    const ok = await post('/api/v1/auth/citizen/sign-in', { nik: n, password: 'kata-sandi-warga-123' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().citizen.hasPassword).toBe(true);

    const unknown = await post('/api/v1/auth/citizen/sign-in', { nik: nik(21), password: 'kata-sandi-warga-123' });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().error.code).toBe('CITIZEN_SIGN_IN_FAILED');
    for (let i = 0; i < 4; i++) {
      const wrong = await post('/api/v1/auth/citizen/sign-in', { nik: n, password: 'salah-salah-123' });
      expect(wrong.json().error.code).toBe('CITIZEN_SIGN_IN_FAILED');
    }
    const locked = await post('/api/v1/auth/citizen/sign-in', { nik: n, password: 'salah-salah-123' });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe('ACCOUNT_LOCKED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await post('/api/v1/auth/citizen/sign-in', { nik: n, password: 'kata-sandi-warga-123' })).statusCode).toBe(423);
  });

  it('signs out: the cookie stops working', async () => {
    const { cookie } = await signUpCitizen(t, { nik: nik(22), email: email('keluar') });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(200);
    expect((await post('/api/v1/auth/citizen/sign-out', {}, { cookie })).statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('AUTH_REQUIRED');
  });
});

describe('bad requests', () => {
  it('anonymous /me is 401; a staff session is not a citizen session', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/me' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('AUTH_REQUIRED');
    await makeStaff(t.deps, {
      email: 'nasional@layan.test',
      regionCode: null,
      grants: [{ role: 'admin_nasional', regionCode: null }],
    });
    const staff = await staffSignIn(t.app, 'nasional@layan.test');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: staff } })).statusCode).toBe(401);
  });

  it('unknown fields are 400 VALIDATION_FAILED', async () => {
    const response = await post('/api/v1/auth/citizen/otp', {
      nik: nik(30),
      channel: 'email',
      destination: email('x'),
      role: 'admin',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
    const { cookie } = await signUpCitizen(t, { nik: nik(31), email: email('field') });
    const patch = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: { ...CSRF, cookie },
      payload: { name: 'Baru', nik: '1' },
    });
    expect(patch.statusCode).toBe(400);
    expect(patch.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('oversized bodies are 413 PAYLOAD_TOO_LARGE', async () => {
    const response = await post('/api/v1/auth/citizen/verify', { nik: nik(32), code: '123456', name: 'x'.repeat(20_000) });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses auth routes and cookie-authenticated writes without X-Layan-CSRF', async () => {
    const otp = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/citizen/otp',
      payload: { nik: nik(33), channel: 'email', destination: email('csrf') },
    });
    expect(otp.statusCode).toBe(403);
    expect(otp.json().error.code).toBe('CSRF_REJECTED');
    const { cookie } = await signUpCitizen(t, { nik: nik(34), email: email('csrf2') });
    const patch = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: { cookie },
      payload: { name: 'Tanpa Header' },
    });
    expect(patch.statusCode).toBe(403);
    expect(patch.json().error.code).toBe('CSRF_REJECTED');
  });
});

describe('rate limits (per process)', () => {
  let limited: CitizenTestApp;
  beforeAll(async () => {
    limited = await createCitizenTestApp({
      citizenConfig: { otpRequestPerIpMax: 4, otpRequestPerNikMax: 2, signInPerNikMax: 3, signInPerIpMax: 1000 },
    });
  });
  afterAll(() => limited.close());
  const postTo = (url: string, payload: object) => limited.app.inject({ method: 'POST', url, payload, headers: CSRF });

  it('per NIK and per address on code requests, per NIK on code checks: 429 with Retry-After', async () => {
    const body = (n: string) => ({ nik: n, channel: 'email', destination: email('batas') });
    expect((await postTo('/api/v1/auth/citizen/otp', body(nik(40)))).statusCode).toBe(202);
    expect((await postTo('/api/v1/auth/citizen/otp', body(nik(40)))).statusCode).toBe(202);
    const perNik = await postTo('/api/v1/auth/citizen/otp', body(nik(40)));
    expect(perNik.statusCode).toBe(429);
    expect(perNik.json().error.code).toBe('RATE_LIMITED');
    expect(Number(perNik.headers['retry-after'])).toBeGreaterThan(0);
    expect((await postTo('/api/v1/auth/citizen/otp', body(nik(41)))).statusCode).toBe(202);
    expect((await postTo('/api/v1/auth/citizen/otp', body(nik(42)))).statusCode).toBe(429);

    for (let i = 0; i < 3; i++) {
      expect((await postTo('/api/v1/auth/citizen/verify', { nik: nik(43), code: '123456' })).statusCode).toBe(401);
    }
    expect((await postTo('/api/v1/auth/citizen/verify', { nik: nik(43), code: '123456' })).statusCode).toBe(429);
  });
});

describe('the log', () => {
  it('never contains a NIK, an e-mail address, a phone number or a code', async () => {
    // Let fire-and-forget sends finish and log.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const log = logLines.join('');
    expect(log.length).toBeGreaterThan(1000);
    for (const secret of secrets) expect(log, secret).not.toContain(secret);
    expect(log).not.toMatch(/@warga\.test/);
  });
});

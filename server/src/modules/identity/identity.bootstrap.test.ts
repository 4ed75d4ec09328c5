import { BANYUWANGI_AGENCIES } from '@layan/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdmin } from '../../cli/commands/create-admin.ts';
import { DEMO_PASSWORD } from '../../db/seeds/demo-structure.ts';
import { seedDemo } from '../../db/seeds/demo.ts';
import { createAuthTestApp, signIn, type AuthTestApp } from './identity.testing.ts';

let t: AuthTestApp;
beforeAll(async () => {
  t = await createAuthTestApp();
});
afterAll(() => t.close());

function captureIO() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) }, out, err };
}

describe('bootstrap', () => {
  it('layan create-admin makes the first admin nasional, with a generated password shown once', async () => {
    const { io, out } = captureIO();
    expect(await createAdmin(t.deps, { email: 'Admin@Layan.test', name: 'Admin Nasional' }, io)).toBe(0);
    const password = out
      .find((l) => l.includes('password'))!
      .split(': ')
      .pop()!;
    const cookie = await signIn(t.app, 'admin@layan.test', password);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie } });
    expect(me.json().grants).toEqual([{ role: 'admin_nasional', regionCode: null }]);
    const again = captureIO();
    expect(await createAdmin(t.deps, { email: 'admin@layan.test', name: 'Lagi' }, again.io)).toBe(1);
    expect(again.err.join('\n')).toMatch(/already used/);
    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .select(['actor_type'])
      .where('action', '=', 'staff.create')
      .execute();
    expect(audit.map((a) => a.actor_type)).toEqual(['system']);
  });

  it('accepts a password given on standard input', async () => {
    const { io, out } = captureIO();
    expect(
      await createAdmin(t.deps, { email: 'kedua@layan.test', name: 'Admin Kedua', password: 'sandi-dari-stdin-123' }, io),
    ).toBe(0);
    expect(out.join('\n')).not.toMatch(/password/);
    await signIn(t.app, 'kedua@layan.test', 'sandi-dari-stdin-123');
  });

  it('the demo seed adds Banyuwangi’s structure and staff once; the demo admin signs in and sees them', async () => {
    const first = await seedDemo(t.deps.database.db);
    expect(first.created).toEqual(
      expect.arrayContaining(['tenant 35.10', 'agency disdukcapil', 'location mpp-banyuwangi', 'location kantor-desa-kemiren']),
    );
    expect((await seedDemo(t.deps.database.db)).created).toEqual([]);
    const cookie = await signIn(t.app, 'admin.pemda@banyuwangi.demo.layan.id', DEMO_PASSWORD);
    const agencies = await t.app.inject({ method: 'GET', url: '/api/v1/admin/tenants/35.10/agencies', headers: { cookie } });
    expect(agencies.json().items).toHaveLength(BANYUWANGI_AGENCIES.length);
    const counters = await t.app.inject({ method: 'GET', url: '/api/v1/admin/tenants/35.10/counters', headers: { cookie } });
    expect(counters.json().items).toHaveLength(14);
    await signIn(t.app, 'loket.mpp@banyuwangi.demo.layan.id', DEMO_PASSWORD);
    await signIn(t.app, 'operator.kemiren@banyuwangi.demo.layan.id', DEMO_PASSWORD);
    const villages = await t.app.inject({ method: 'GET', url: '/api/v1/locations?region=35.10.24.2003' });
    expect(villages.json().items.map((l: { name: string }) => l.name)).toEqual(['Kantor Desa Licin']);
  });
});

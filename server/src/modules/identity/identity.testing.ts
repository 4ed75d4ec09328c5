import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.ts';
import { closeDeps, createTestDeps } from '../../../../test/db.ts';
import type { Deps } from '../../deps.ts';
import { NATIONAL, withScope } from '../../db/scope.ts';
import type { Grant } from './identity.authorize.ts';
import type { AuthConfig, AuthDeps } from './identity.config.ts';
import { resolveAuthConfig } from './identity.config.ts';
import { CSRF_HEADER, STAFF_SESSION_COOKIE } from './identity.plugin.ts';
import { createStaff } from './identity.staff.service.ts';

/** Test helpers for staff and sessions (not a test file itself). */

/** Cheap hashing for tests; the format (argon2id) is the same as in production. */
export const FAST_ARGON2 = { memoryCost: 1024, timeCost: 1, parallelism: 1 };

export interface AuthTestApp {
  app: FastifyInstance;
  deps: Deps;
  close(): Promise<void>;
}

/** The whole app over a fresh database, with auth settings overridden. */
export async function createAuthTestApp(overrides: Partial<AuthConfig> = {}): Promise<AuthTestApp> {
  const base = await createTestDeps();
  const deps: AuthDeps = { ...base, authConfig: { argon2: FAST_ARGON2, ...overrides } };
  const app = await buildApp(deps, { web: false, logLevel: 'silent' });
  await app.ready();
  return {
    app,
    deps,
    async close() {
      await app.close();
      await closeDeps(base);
    },
  };
}

export const TEST_PASSWORD = 'kata-sandi-uji-coba-123';

/** Creates a staff account directly (as the bootstrap does), returning its id. */
export async function makeStaff(
  deps: Deps,
  options: { email: string; regionCode: string | null; grants: Grant[]; password?: string; name?: string },
) {
  const { staff } = await createStaff({
    db: deps.database.db,
    config: resolveAuthConfig(deps),
    principal: null,
    input: {
      email: options.email,
      name: options.name ?? options.email.split('@')[0]!,
      regionCode: options.regionCode,
      password: options.password ?? TEST_PASSWORD,
      grants: options.grants,
    },
    context: { ip: '127.0.0.1', requestId: 'test' },
  });
  return staff.id;
}

/** Registers tenants directly (no RLS on `tenant`; the connection user may). */
export async function makeTenants(deps: Deps, tenants: Array<{ code: string; name: string }>) {
  await deps.database.db
    .insertInto('tenant')
    .values(tenants.map((t) => ({ region_code: t.code, name: t.name })))
    .onConflict((oc) => oc.column('region_code').doNothing())
    .execute();
}

/** Inserts an agency as a national unit of work; returns its id. */
export async function makeAgency(deps: Deps, tenant: string, slug: string, name = `Instansi ${slug}`) {
  const row = await withScope(deps.database.db, NATIONAL, (trx) =>
    trx
      .insertInto('agency')
      .values({ tenant_code: tenant, slug, name, kind: 'daerah' })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  return row.id;
}

/** Inserts a location as a national unit of work; returns its id. */
export async function makeLocation(deps: Deps, tenant: string, slug: string, regionCode = tenant) {
  const row = await withScope(deps.database.db, NATIONAL, (trx) =>
    trx
      .insertInto('location')
      .values({
        tenant_code: tenant,
        slug,
        name: `Lokasi ${slug}`,
        kind: 'mpp',
        region_code: regionCode,
        address: 'Jl. Uji',
        opening_hours: '[]',
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  return row.id;
}

/** Signs in through the API; returns the session cookie header value ("name=token"). */
export async function signIn(app: FastifyInstance, email: string, password = TEST_PASSWORD, otp?: string): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/staff/sign-in',
    headers: { [CSRF_HEADER]: '1' },
    payload: { email, password, ...(otp ? { otp } : {}) },
  });
  if (response.statusCode !== 200) throw new Error(`sign-in of ${email} failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === STAFF_SESSION_COOKIE);
  if (!cookie) throw new Error('no session cookie');
  return `${cookie.name}=${cookie.value}`;
}

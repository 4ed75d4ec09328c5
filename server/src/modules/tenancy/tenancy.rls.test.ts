import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDeps, createTestDeps, testDatabaseKind } from '../../../../test/db.ts';
import type { Deps } from '../../deps.ts';
import type { DB } from '../../db/schema.ts';
import { withScope } from '../../db/scope.ts';

// The database layer alone: row-level security must hold even for queries that carry no tenant
// condition at all, on PGlite and on PostgreSQL (CI runs this file on both).
let deps: Deps;
let db: Kysely<DB>;
const FAKE_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo';
const ids: Record<string, string> = {};

async function insertStaff(key: string, email: string, regionCode: string | null) {
  const row = await db
    .insertInto('staff_account')
    .values({ email, name: key, region_code: regionCode, password_hash: FAKE_HASH })
    .returning('id')
    .executeTakeFirstOrThrow();
  ids[key] = row.id;
}

beforeAll(async () => {
  deps = await createTestDeps();
  db = deps.database.db;
  // Set up as the connection's own user (a superuser in dev and CI), which bypasses RLS.
  await db
    .insertInto('tenant')
    .values([
      { region_code: '35.10', name: 'Pemerintah Kabupaten Banyuwangi' },
      { region_code: '35.09', name: 'Pemerintah Kabupaten Jember' },
    ])
    .execute();
  await db
    .insertInto('agency')
    .values([
      { tenant_code: '35.10', slug: 'disdukcapil', name: 'Dinas Kependudukan dan Pencatatan Sipil', kind: 'daerah' },
      { tenant_code: '35.09', slug: 'disdukcapil', name: 'Dinas Kependudukan dan Pencatatan Sipil', kind: 'daerah' },
    ])
    .execute();
  await insertStaff('bwi', 'admin@banyuwangi.test', '35.10');
  await insertStaff('bwiDesa', 'desa@banyuwangi.test', '35.10.15.2004');
  await insertStaff('jember', 'admin@jember.test', '35.09');
  await insertStaff('national', 'admin@nasional.test', null);
  await db
    .insertInto('staff_session')
    .values([
      { staff_id: ids.bwi!, region_code: '35.10', token_hash: 'a'.repeat(64), expires_at: new Date(Date.now() + 3600_000) },
      { staff_id: ids.jember!, region_code: '35.09', token_hash: 'b'.repeat(64), expires_at: new Date(Date.now() + 3600_000) },
    ])
    .execute();
});
afterAll(() => closeDeps(deps));

async function staffEmailsIn(scope: Parameters<typeof withScope>[1]) {
  // Deliberately unscoped: no WHERE on region or tenant.
  const rows = await withScope(db, scope, (trx) => trx.selectFrom('staff_account').select('email').orderBy('email').execute());
  return rows.map((r) => r.email);
}

describe(`row-level security (${testDatabaseKind})`, () => {
  it('runs scoped work as layan_app, not as the connection user', async () => {
    const user = await withScope(
      db,
      '35.10',
      async (trx) => (await sql<{ u: string }>`SELECT current_user AS u`.execute(trx)).rows[0]!.u,
    );
    expect(user).toBe('layan_app');
  });

  it('a query without any tenant condition sees only the scope’s staff (35.10, its desa below)', async () => {
    expect(await staffEmailsIn('35.10')).toEqual(['admin@banyuwangi.test', 'desa@banyuwangi.test']);
  });

  it('a desa grant reaches only accounts homed at or below that desa', async () => {
    expect(await staffEmailsIn('35.10.15.2004')).toEqual(['desa@banyuwangi.test']);
  });

  it('a province grant reaches its kab/kota; national reaches national accounts too', async () => {
    expect(await staffEmailsIn('35')).toEqual(['admin@banyuwangi.test', 'admin@jember.test', 'desa@banyuwangi.test']);
    expect(await staffEmailsIn('*')).toHaveLength(4);
  });

  it('several grant nodes combine', async () => {
    expect(await staffEmailsIn('35.09,35.10.15.2004')).toEqual(['admin@jember.test', 'desa@banyuwangi.test']);
  });

  it('an empty scope sees nothing, but the actor sees their own account', async () => {
    expect(await staffEmailsIn('')).toEqual([]);
    expect(await staffEmailsIn({ regions: [], actorId: ids.jember })).toEqual(['admin@jember.test']);
  });

  it('sessions of another region are invisible without a WHERE', async () => {
    const rows = await withScope(db, '35.10', (trx) => trx.selectFrom('staff_session').select('staff_id').execute());
    expect(rows.map((r) => r.staff_id)).toEqual([ids.bwi]);
  });

  it('a transaction as layan_app without the scope setting returns nothing', async () => {
    const counts = await db.transaction().execute(async (trx) => {
      await sql`SET LOCAL ROLE layan_app`.execute(trx);
      const staff = await trx
        .selectFrom('staff_account')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const grants = await trx
        .selectFrom('staff_grant')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const sessions = await trx
        .selectFrom('staff_session')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return [Number(staff.n), Number(grants.n), Number(sessions.n)];
    });
    expect(counts).toEqual([0, 0, 0]);
  });

  it('public structure (agencies) is readable in any scope, even none', async () => {
    const rows = await withScope(db, '', (trx) =>
      trx.selectFrom('agency').select('tenant_code').orderBy('tenant_code').execute(),
    );
    expect(rows.map((r) => r.tenant_code)).toEqual(['35.09', '35.10']);
  });

  it('writing an agency into another tenant fails with an RLS error', async () => {
    const attempt = withScope(db, '35.10', (trx) =>
      trx
        .insertInto('agency')
        .values({ tenant_code: '35.09', slug: 'dpmptsp', name: 'DPMPTSP Jember', kind: 'daerah' })
        .execute(),
    );
    await expect(attempt).rejects.toThrow(/row-level security/);
  });

  it('writing into its own tenant succeeds; without a scope it fails', async () => {
    await withScope(db, '35.10', (trx) =>
      trx
        .insertInto('agency')
        .values({ tenant_code: '35.10', slug: 'dpmptsp', name: 'DPMPTSP Banyuwangi', kind: 'daerah' })
        .execute(),
    );
    const attempt = withScope(db, '', (trx) =>
      trx
        .insertInto('agency')
        .values({ tenant_code: '35.10', slug: 'dinkes', name: 'Dinas Kesehatan', kind: 'daerah' })
        .execute(),
    );
    await expect(attempt).rejects.toThrow(/row-level security/);
  });

  it('an update without a tenant condition changes only in-scope rows', async () => {
    const result = await withScope(db, '35.10', (trx) => trx.updateTable('agency').set({ active: false }).executeTakeFirst());
    expect(Number(result.numUpdatedRows)).toBe(2);
    const jember = await db.selectFrom('agency').select('active').where('tenant_code', '=', '35.09').executeTakeFirstOrThrow();
    expect(jember.active).toBe(true);
  });

  it('a grant cannot be written at a node outside the scope', async () => {
    const attempt = withScope(db, '35.10', (trx) =>
      trx.insertInto('staff_grant').values({ staff_id: ids.jember!, role: 'admin_pemda', region_code: '35.09' }).execute(),
    );
    await expect(attempt).rejects.toThrow(/row-level security/);
  });

  it('an account cannot be created in another region', async () => {
    const attempt = withScope(db, '35.10', (trx) =>
      trx
        .insertInto('staff_account')
        .values({ email: 'x@jember.test', name: 'X', region_code: '35.09', password_hash: FAKE_HASH })
        .execute(),
    );
    await expect(attempt).rejects.toThrow(/row-level security/);
  });

  it('the app role cannot move an account to another region, nor rewrite the audit log', async () => {
    const move = withScope(db, '*', (trx) =>
      sql`UPDATE staff_account SET region_code = '35.09' WHERE id = ${ids.bwi}`.execute(trx),
    );
    await expect(move).rejects.toThrow(/permission denied/);
    const erase = withScope(db, '*', (trx) => sql`DELETE FROM audit_log`.execute(trx));
    await expect(erase).rejects.toThrow(/permission denied/);
    const drop = withScope(db, '*', (trx) => sql`DROP TABLE staff_session`.execute(trx));
    await expect(drop).rejects.toThrow(/must be owner|permission denied/);
  });

  it('a session is visible by its token hash alone while authenticating', async () => {
    const rows = await withScope(db, { regions: [], authTokenHash: 'b'.repeat(64) }, (trx) =>
      trx.selectFrom('staff_session').select('staff_id').execute(),
    );
    expect(rows.map((r) => r.staff_id)).toEqual([ids.jember]);
  });

  it('the tenant filter can use the primary key (policy evaluated once per statement)', async () => {
    const plan = await withScope(db, '35.10', async (trx) =>
      (await sql<{ 'QUERY PLAN': string }>`EXPLAIN UPDATE agency SET active = true`.execute(trx)).rows
        .map((r) => r['QUERY PLAN'])
        .join('\n'),
    );
    expect(plan).toMatch(/InitPlan/);
  });
});

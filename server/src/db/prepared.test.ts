import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/db.ts';
import type { Database } from './database.ts';
import { param, prepared } from './prepared.ts';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database?.close());

const byCode = prepared<{ code: string }, { code: string; name: string }>((db) =>
  db.selectFrom('region').select(['code', 'name']).where('code', '=', param<string>('code')).where('active', '=', true),
);

describe('prepared statements', () => {
  it('compile once and answer each call with its own values', async () => {
    const db = database.db;
    const first = await byCode.execute(db, { code: '35.10' });
    const second = await byCode.execute(db, { code: '35.09' });
    expect(first.rows).toEqual([{ code: '35.10', name: 'Kabupaten Banyuwangi' }]);
    expect(second.rows).toEqual([{ code: '35.09', name: 'Kabupaten Jember' }]);
    // The same as the query builder answers, in a transaction as well.
    const built = await db.selectFrom('region').select(['code', 'name']).where('code', '=', '35.09').execute();
    expect(await db.transaction().execute(async (trx) => (await byCode.execute(trx, { code: '35.09' })).rows)).toEqual(built);
  });

  it('send the values as parameters, never as SQL', async () => {
    const hostile = "35.10' OR '1'='1";
    expect((await byCode.execute(database.db, { code: hostile })).rows).toEqual([]);
  });

  it('use one placeholder in several places', async () => {
    const twice = prepared<{ n: number }, { a: number; b: number }>((db) =>
      db.selectNoFrom([sql<number>`${param<number>('n')}::int`.as('a'), sql<number>`${param<number>('n')}::int + 1`.as('b')]),
    );
    expect((await twice.execute(database.db, { n: 41 })).rows).toEqual([{ a: 41, b: 42 }]);
  });

  it('refuse a value without a placeholder, and a placeholder without a value', async () => {
    const statement = prepared<{ code: string; extra?: string }, { code: string }>((db) =>
      db.selectFrom('region').select('code').where('code', '=', param<string>('code')),
    );
    await expect(statement.execute(database.db, { code: '35.10', extra: 'x' })).rejects.toThrow(/no param\(\) for extra/);
    const fresh = prepared<{ code: string }, { code: string }>((db) =>
      db.selectFrom('region').select('code').where('code', '=', param<string>('code')),
    );
    await expect(fresh.execute(database.db, {} as { code: string })).rejects.toThrow(/needs a value for "code"/);
  });
});

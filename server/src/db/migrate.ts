import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.ts';

export const migrationsDir = path.join(import.meta.dirname, 'migrations');

/** Migration files are `<yyyymmddhhmmss>_<name>.sql`, applied in name order, forward only. */
const FILE_PATTERN = /^\d{14}_[a-z0-9_]+\.sql$/;

// Any fixed number works; it only has to be the same in every process so two starting at once
// apply each migration exactly once.
const MIGRATION_LOCK_KEY = 7_042_020_001;

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

/** Lists migration file names in order; throws on a file that breaks the naming rule. */
export function listMigrations(dir = migrationsDir): string[] {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const bad = files.find((f) => !FILE_PATTERN.test(f));
  if (bad) throw new Error(`Migration file name "${bad}" must look like 20260101120000_name.sql`);
  return files;
}

/**
 * Applies pending migrations, each in its own transaction together with its bookkeeping row.
 * Throws (after rolling back that migration) when a migration fails.
 */
export async function migrate(db: Kysely<DB>, dir = migrationsDir): Promise<MigrationResult> {
  await sql`CREATE TABLE IF NOT EXISTS schema_migration (
    name text PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`.execute(db);
  const files = listMigrations(dir);
  const applied: string[] = [];
  let alreadyApplied = 0;
  for (const name of files) {
    const done = await db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(trx);
      const existing = await trx.selectFrom('schema_migration').select('name').where('name', '=', name).executeTakeFirst();
      if (existing) return false;
      await sql.raw(fs.readFileSync(path.join(dir, name), 'utf8')).execute(trx);
      await trx.insertInto('schema_migration').values({ name }).execute();
      return true;
    });
    if (done) applied.push(name);
    else alreadyApplied++;
  }
  return { applied, alreadyApplied };
}

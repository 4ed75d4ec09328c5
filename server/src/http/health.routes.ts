import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';
import type { Deps } from '../deps.ts';
import { listMigrations } from '../db/migrate.ts';
import { AppError } from '../errors.ts';
import type { App } from './types.ts';

const Health = Type.Object({ status: Type.Literal('ok') });
const Ready = Type.Object({
  status: Type.Literal('ready'),
  database: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
  migrations: Type.Integer(),
  regions: Type.Integer(),
});

/** Liveness (the process answers) and readiness (database reachable, migrated, regions loaded). */
export function healthRoutes(deps: Deps) {
  return async function register(app: App) {
    app.get('/healthz', { schema: { tags: ['ops'], summary: 'Liveness', response: { 200: Health } } }, async () => ({
      status: 'ok' as const,
    }));

    app.get('/readyz', { schema: { tags: ['ops'], summary: 'Readiness', response: { 200: Ready } } }, async () => {
      const { db } = deps.database;
      let migrations: number;
      let regions: number;
      try {
        const applied = await db
          .selectFrom('schema_migration')
          .select(sql<number>`count(*)::int`.as('n'))
          .executeTakeFirstOrThrow();
        const loaded = await db
          .selectFrom('region_import')
          .select(sql<number>`count(*)::int`.as('n'))
          .executeTakeFirstOrThrow();
        migrations = applied.n;
        regions = loaded.n;
      } catch {
        throw new AppError('NOT_READY', { detail: 'database' });
      }
      if (migrations < listMigrations().length) throw new AppError('NOT_READY', { detail: 'migrations' });
      if (regions === 0) throw new AppError('NOT_READY', { detail: 'regions' });
      return { status: 'ready' as const, database: deps.database.kind, migrations, regions };
    });
  };
}

import fs from 'node:fs';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Env } from '../env.ts';
import { lockDataDir, type DataDirLock } from './data-dir-lock.ts';
import type { DB } from './schema.ts';

export type DatabaseKind = 'pglite' | 'postgres';

/** One data layer over both databases: Kysely's PostgresDialect over a `pg` Pool. */
export interface Database {
  db: Kysely<DB>;
  kind: DatabaseKind;
  /** Where the data lives, for messages: a directory for PGlite, the URL without password otherwise. */
  location: string;
  /** PGlite only: the whole data directory as a tarball, to start other instances from (tests). */
  dump?: () => Promise<Blob>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** For tests: an in-memory PGlite, optionally loaded from a dumped data directory. */
  memory?: boolean;
  loadDataDir?: Blob;
  /** Size of the pg pool for PostgreSQL (PGlite is always a single connection). */
  poolSize?: number;
}

// PostgreSQL's bigint (int8) and numeric arrive as strings by default; counts and sizes in Layan
// fit in a JS number, so parse int8 as number once here rather than at every call site.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/** Opens the database named by `env`: PostgreSQL when DATABASE_URL is set, else PGlite in DATA_DIR. */
export async function openDatabase(
  env: Pick<Env, 'databaseUrl' | 'dataDir'>,
  options: OpenDatabaseOptions = {},
): Promise<Database> {
  if (env.databaseUrl && !options.memory) return openPostgres(env.databaseUrl, options.poolSize ?? 20);
  return openPglite(options.memory ? undefined : env.dataDir, options.loadDataDir);
}

function openPostgres(url: string, poolSize: number): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const safe = new URL(url);
  safe.password = '';
  return { db, kind: 'postgres', location: safe.toString(), close: () => db.destroy() };
}

async function openPglite(dataDir: string | undefined, loadDataDir: Blob | undefined): Promise<Database> {
  let lock: DataDirLock | undefined;
  if (dataDir) {
    lock = lockDataDir(dataDir);
    fs.mkdirSync(dataDir, { recursive: true });
  }
  try {
    const [{ PGlite }, { pg_trgm }, { createPgConfig }] = await Promise.all([
      import('@electric-sql/pglite'),
      import('@electric-sql/pglite/contrib/pg_trgm'),
      import('@electric-sql/pglite/node-postgres'),
    ]);
    const pglite = await PGlite.create({
      dataDir: dataDir ? `${dataDir}/pgdata` : undefined,
      extensions: { pg_trgm },
      loadDataDir,
    });
    const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      kind: 'pglite',
      location: dataDir ?? 'memory://',
      dump: () => pglite.dumpDataDir('none'),
      close: async () => {
        await db.destroy();
        await pglite.close();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

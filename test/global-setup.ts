import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../server/src/db/database.ts';
import { migrate } from '../server/src/db/migrate.ts';
import { importRegions } from '../server/src/modules/region/region.import.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PGlite: path of a tarball of a migrated database with the region tree loaded. */
    pgliteSnapshot: string;
    /** PostgreSQL: name of a template database in the same state. */
    pgTemplate: string;
  }
}

/**
 * Prepares one database in the state every test starts from (migrated, full Kemendagri tree),
 * once per run; each test file then gets its own copy (see test/db.ts). On PostgreSQL the copy is
 * `CREATE DATABASE … TEMPLATE`, on PGlite a load of the dumped data directory.
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = `${new URL(url).pathname.slice(1) || 'layan'}_tpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${template}"`);
    await admin.query(`CREATE DATABASE "${template}"`);
    const templateUrl = new URL(url);
    templateUrl.pathname = `/${template}`;
    const database = await openDatabase({ databaseUrl: templateUrl.toString(), dataDir: '' });
    await migrate(database.db);
    await importRegions(database.db);
    await database.close();
    project.provide('pgTemplate', template);
    project.provide('pgliteSnapshot', '');
    return async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
      await admin.end();
    };
  }
  const database = await openDatabase({ databaseUrl: undefined, dataDir: '' }, { memory: true });
  await migrate(database.db);
  await importRegions(database.db);
  const blob = await database.dump!();
  await database.close();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layan-test-'));
  const file = path.join(dir, 'snapshot.tar');
  fs.writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  project.provide('pgliteSnapshot', file);
  project.provide('pgTemplate', '');
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

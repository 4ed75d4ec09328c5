import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../server/src/db/database.ts';
import { closeDeps, type Deps } from '../server/src/deps.ts';
import { readEnv, type Env } from '../server/src/env.ts';

/** Which database this run tests: CI runs the suite once with each. */
export const testDatabaseKind = process.env.DATABASE_URL ? 'postgres' : 'pglite';

/**
 * A fresh database for one test file, already migrated and holding the region tree. On PostgreSQL
 * it is a new database copied from the run's template and dropped on close.
 */
export async function openTestDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const snapshot = fs.readFileSync(inject('pgliteSnapshot'));
    return openDatabase({ databaseUrl: undefined, dataDir: '' }, { memory: true, loadDataDir: new Blob([snapshot]) });
  }
  const copy = await copyTemplateDatabase();
  const database = await openDatabase({ databaseUrl: copy.url, dataDir: '' }, { poolSize: 10 });
  return {
    ...database,
    async close() {
      await database.close();
      await copy.drop();
    },
  };
}

/**
 * On PostgreSQL (DATABASE_URL set): a new database copied from the run's template (migrated,
 * regions loaded), named `<template>_<label>_<random>`, with its URL and a drop. For tests that
 * also start real server processes on it.
 */
export async function copyTemplateDatabase(label?: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('copyTemplateDatabase needs DATABASE_URL');
  const name = [inject('pgTemplate'), label, randomBytes(4).toString('hex')].filter(Boolean).join('_');
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${inject('pgTemplate')}"`);
  } finally {
    await admin.end();
  }
  const copyUrl = new URL(url);
  copyUrl.pathname = `/${name}`;
  return {
    url: copyUrl.toString(),
    async drop() {
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

/** Deps over a fresh test database; the env points nowhere real (no data dir is touched). */
export async function createTestDeps(overrides: Partial<Env> = {}): Promise<Deps> {
  const env = { ...readEnv({ ...process.env, DATA_DIR: '/nonexistent-test-data-dir' }), logLevel: 'silent', ...overrides };
  return { env, database: await openTestDatabase() };
}

export { closeDeps };

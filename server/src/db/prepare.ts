import type { Deps } from '../deps.ts';
import { importRegions, type ImportProgress } from '../modules/region/region.import.ts';
import { findLatestImport } from '../modules/region/region.repo.ts';
import { migrate } from './migrate.ts';
import { seedDemo } from './seeds/demo.ts';

export interface PrepareOptions {
  seedDemo: boolean;
  log: (line: string) => void;
  progress?: ImportProgress;
}

/** What `start` does before serving: migrate, load the region tree if absent, seed demo data. */
export async function prepareDatabase(deps: Deps, options: PrepareOptions): Promise<void> {
  const { db } = deps.database;
  const migrations = await migrate(db);
  if (migrations.applied.length) options.log(`Migrasi diterapkan / migrations applied: ${migrations.applied.join(', ')}`);
  if (!(await findLatestImport(db))) {
    options.log('Memuat pohon wilayah Kemendagri / loading the Kemendagri region tree…');
    const result = await importRegions(db, options.progress);
    options.log(`Wilayah / regions: ${JSON.stringify(result.counts)}`);
  }
  if (options.seedDemo) {
    const seeded = await seedDemo(db);
    if (seeded.created.length) options.log(`Data demo / demo data: ${seeded.created.join(', ')}`);
  }
}

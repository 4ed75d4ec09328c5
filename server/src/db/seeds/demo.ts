import type { Kysely } from 'kysely';
import { insertTenantIfAbsent } from '../../modules/tenant/tenant.repo.ts';
import type { DB } from '../schema.ts';
import { seedDemoCatalog } from './demo-catalog.ts';
import { seedDemoQueue } from './demo-queue.ts';
import { seedDemoStructure } from './demo-structure.ts';
import { seedDemoSurvey } from './demo-survey.ts';

/** Kabupaten Banyuwangi (35.10), one of the four MPP pilots, is the demo tenant. */
export const DEMO_TENANT = { region_code: '35.10', name: 'Pemerintah Kabupaten Banyuwangi' };

export interface SeedResult {
  created: string[];
}

/**
 * Demo data for `npm start`. Idempotent: running it again changes nothing. Each capability adds
 * its demo records here as it lands (catalog, queues, …).
 */
export async function seedDemo(db: Kysely<DB>): Promise<SeedResult> {
  const created: string[] = [];
  if (await insertTenantIfAbsent(db, { ...DEMO_TENANT, demo: true })) created.push(`tenant ${DEMO_TENANT.region_code}`);
  created.push(...(await seedDemoStructure(db)));
  created.push(...(await seedDemoCatalog(db)));
  created.push(...(await seedDemoQueue(db)));
  created.push(...(await seedDemoSurvey(db)));
  return { created };
}

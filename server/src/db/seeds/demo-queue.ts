import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';
import { withScope } from '../scope.ts';

/**
 * Demo queues of the MPP Banyuwangi (docs/QUEUE.md): one queue per agency, served by that agency's
 * counters, holding the agency's services of the demo catalog. Idempotent: a queue is added only
 * when its code is absent at the location. Needs the demo structure and catalog first.
 */
const TENANT = '35.10';
const LOCATION = 'mpp-banyuwangi';

// Queue letter, name, agency slug, the counters (codes of demo-structure.ts) that serve it.
const QUEUES = [
  { code: 'A', name: 'Kependudukan (Disdukcapil)', agency: 'disdukcapil', counters: ['A1', 'A2'] },
  { code: 'B', name: 'Perizinan (DPMPTSP)', agency: 'dpmptsp', counters: ['B1'] },
  { code: 'C', name: 'SKCK (Polresta)', agency: 'polresta', counters: ['C1'] },
  { code: 'D', name: 'Paspor (Kantor Imigrasi)', agency: 'imigrasi', counters: ['D1'] },
  { code: 'E', name: 'BPJS Kesehatan', agency: 'bpjs-kesehatan', counters: ['E1'] },
  { code: 'K', name: 'BPJS Ketenagakerjaan', agency: 'bpjs-ketenagakerjaan', counters: ['E2'] },
  { code: 'F', name: 'Samsat', agency: 'samsat', counters: ['F1'] },
  { code: 'G', name: 'Kemenag', agency: 'kemenag', counters: ['G1'] },
  { code: 'H', name: 'Pertanahan (BPN)', agency: 'bpn', counters: ['H1'] },
  { code: 'I', name: 'Ketenagakerjaan (Disnaker)', agency: 'disnaker', counters: ['I1'] },
  { code: 'J', name: 'Kesehatan (Dinkes)', agency: 'dinkes', counters: ['J1'] },
] as const;

/** Adds what is missing of the demo queues; returns what it created. */
export async function seedDemoQueue(db: Kysely<DB>): Promise<string[]> {
  return withScope(db, { regions: [TENANT] }, async (trx) => {
    const created: string[] = [];
    const location = await trx
      .selectFrom('location')
      .select('id')
      .where('tenant_code', '=', TENANT)
      .where('slug', '=', LOCATION)
      .executeTakeFirst();
    if (!location) return created;
    const agencies = new Map(
      (await trx.selectFrom('agency').select(['slug', 'id']).where('tenant_code', '=', TENANT).execute()).map((a) => [
        a.slug,
        a.id,
      ]),
    );
    const counters = new Map(
      (
        await trx
          .selectFrom('counter')
          .select(['code', 'id'])
          .where('tenant_code', '=', TENANT)
          .where('location_id', '=', location.id)
          .execute()
      ).map((c) => [c.code, c.id]),
    );
    const existing = new Set(
      (
        await trx
          .selectFrom('queue')
          .select('code')
          .where('tenant_code', '=', TENANT)
          .where('location_id', '=', location.id)
          .execute()
      ).map((q) => q.code),
    );
    for (const spec of QUEUES) {
      const agencyId = agencies.get(spec.agency);
      if (existing.has(spec.code) || !agencyId) continue;
      const queue = await trx
        .insertInto('queue')
        .values({
          tenant_code: TENANT,
          location_id: location.id,
          agency_id: agencyId,
          code: spec.code,
          name: spec.name,
          slot_minutes: 30,
          slot_quota: 4,
          daily_quota: 60,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const services = await trx
        .selectFrom('service')
        .select('id')
        .where('tenant_code', '=', TENANT)
        .where('agency_id', '=', agencyId)
        .execute();
      if (services.length > 0) {
        await trx
          .insertInto('queue_service')
          .values(services.map((s) => ({ tenant_code: TENANT, queue_id: queue.id, service_id: s.id })))
          .execute();
      }
      const counterIds = spec.counters.map((code) => counters.get(code)).filter((id): id is string => id !== undefined);
      if (counterIds.length > 0) {
        await trx
          .insertInto('queue_counter')
          .values(counterIds.map((counterId) => ({ tenant_code: TENANT, counter_id: counterId, queue_id: queue.id })))
          .execute();
      }
      created.push(`queue ${LOCATION}/${spec.code}`);
    }
    return created;
  });
}

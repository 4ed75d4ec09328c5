import { param, prepared } from '../../db/prepared.ts';
import { localDateOf, timeZoneOfRegion } from '@layan/domain';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

// Daily use counters per service (migration 20261122150300_service_usage.sql). Any scope may add
// to a counter; everyone may read them (aggregates, no personal data).

export type ServiceUseKind = 'application' | 'ticket';

/** Stripes per counter (the CHECK on service_usage.slot). */
const USAGE_SLOTS = 16;

export interface RecordServiceUseOptions {
  tenantCode: string;
  serviceId: string;
  kind: ServiceUseKind;
  /** Defaults to now; the day counted is the tenant's local day of this instant. */
  at?: Date;
}

/**
 * Adds one use of a service to today's counter, in the caller's transaction: the applications
 * module calls it when an application is submitted, the queue module when a ticket is taken.
 * The row written is the stripe of this database connection, so concurrent uses of one service
 * (each on its own connection) rarely wait on each other's row lock until commit.
 */
export async function recordServiceUseInTx(trx: Transaction<DB>, options: RecordServiceUseOptions): Promise<void> {
  const day = localDateOf(options.at ?? new Date(), timeZoneOfRegion(options.tenantCode) ?? 'Asia/Jakarta');
  await recordUse.execute(trx, { tenantCode: options.tenantCode, serviceId: options.serviceId, day, kind: options.kind });
}

// On every first submission and every queue ticket: prepared (server/src/db/prepared.ts).
const recordUse = prepared<{ tenantCode: string; serviceId: string; day: string; kind: string }, never>((db) =>
  db
    .insertInto('service_usage')
    .values({
      tenant_code: param('tenantCode'),
      service_id: param('serviceId'),
      day: param('day'),
      kind: param('kind'),
      count: 1,
      slot: sql<number>`pg_backend_pid() % ${USAGE_SLOTS}`,
    })
    .onConflict((oc) =>
      oc
        .columns(['tenant_code', 'service_id', 'day', 'kind', 'slot'])
        .doUpdateSet((eb) => ({ count: eb('service_usage.count', '+', 1) })),
    ),
);

export interface UsageTotal {
  tenant_code: string;
  service_id: string;
  uses: number;
  demo: boolean;
}

/** Uses per service of `tenants` from `since` (a local date) on, most used first. */
export async function listUsageTotalsInTx(
  trx: Transaction<DB>,
  options: { tenants: string[]; since: string; limit: number },
): Promise<UsageTotal[]> {
  if (options.tenants.length === 0) return [];
  const rows = await trx
    .selectFrom('service_usage')
    .select([
      'tenant_code',
      'service_id',
      (eb) => eb.fn.sum<number>('count').as('uses'),
      (eb) => eb.fn.max<number>(sql`demo::int`).as('demo'),
    ])
    .where('tenant_code', 'in', options.tenants)
    .where('day', '>=', options.since)
    .groupBy(['tenant_code', 'service_id'])
    .orderBy('uses', 'desc')
    .orderBy('service_id')
    .limit(options.limit)
    .execute();
  return rows.map((r) => ({ ...r, uses: Number(r.uses), demo: Number(r.demo) === 1 }));
}

/** Seeds counters for the demo (marked demo); rows that exist are left alone. */
export async function insertDemoUsageInTx(
  trx: Transaction<DB>,
  rows: Array<{ tenant_code: string; service_id: string; day: string; kind: ServiceUseKind; count: number }>,
): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await trx
    .insertInto('service_usage')
    .values(rows.map((r) => ({ ...r, demo: true })))
    .onConflict((oc) => oc.doNothing())
    .returning('day')
    .execute();
  return inserted.length;
}

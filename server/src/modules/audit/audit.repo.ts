import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AuditRecord } from './audit.chain.ts';

// Any fixed number works, as long as every process uses the same one (migrate.ts uses …001).
const AUDIT_CHAIN_LOCK_KEY = 7_042_020_002;

export interface AuditHeadRow {
  seq: number;
  hash: string;
  occurred_at: string;
}

// occurred_at as text in the canonical form (audit.chain.ts formatOccurredAt), microseconds
// included: reading it as a JS Date would drop them and hide a change to them.
const occurredAtText = sql<string>`to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * Takes the chain's lock until the caller's transaction ends. Appends are serialised so each one
 * reads the true last entry; the lock must be taken in its own statement, before the read, so the
 * read's snapshot is taken after the previous holder committed.
 */
export async function lockAuditChainInTx(trx: Transaction<DB>): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_KEY})`.execute(trx);
}

/** The last entry (highest seq), or undefined when the log is empty. */
export async function findAuditHead(db: Kysely<DB>): Promise<AuditHeadRow | undefined> {
  return db
    .selectFrom('audit_log')
    .select(['seq', 'hash', occurredAtText.as('occurred_at')])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Inserts one entry exactly as hashed. */
export async function insertAuditInTx(trx: Transaction<DB>, record: AuditRecord): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({ ...record, detail: JSON.stringify(record.detail) })
    .execute();
}

export interface ListAuditPageOptions {
  /** Entries with seq greater than this… */
  afterSeq: number;
  /** …and at most this… */
  toSeq: number;
  /** …at most this many, in seq order. */
  limit: number;
}

/** One page of the log in chain order, every column as hashed. */
export async function listAuditPage(db: Kysely<DB>, options: ListAuditPageOptions): Promise<AuditRecord[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select([
      'seq',
      'id',
      occurredAtText.as('occurred_at'),
      'tenant_code',
      'actor_type',
      'actor_id',
      'actor_role',
      'action',
      'target_type',
      'target_id',
      'ip',
      'request_id',
      'detail',
      'prev_hash',
      'hash',
    ])
    .where('seq', '>', options.afterSeq)
    .where('seq', '<=', options.toSeq)
    .orderBy('seq')
    .limit(options.limit)
    .execute();
  return rows;
}

/** False before the audit migration has run (verification must not create the table). */
export async function auditLogExists(db: Kysely<DB>): Promise<boolean> {
  const result = await sql<{ present: boolean }>`SELECT to_regclass('audit_log') IS NOT NULL AS present`.execute(db);
  return result.rows[0]?.present ?? false;
}

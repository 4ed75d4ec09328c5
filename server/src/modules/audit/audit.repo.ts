import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AuditContent, AuditRecord } from './audit.chain.ts';

export interface AuditHeadRow {
  seq: number;
  hash: string;
  occurred_at: string;
}

// occurred_at as text in the canonical form (audit.chain.ts formatOccurredAt), microseconds
// included: reading it as a JS Date would drop them and hide a change to them.
const occurredAtText = sql<string>`to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const AUDIT_COLUMNS = [
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
] as const;

/**
 * Adds one entry to the caller's transaction in one statement and without a lock: the row goes to
 * `audit_pending`, and the deferred trigger `audit_pending_seal` (migration
 * 20261122190000_audit_seal_at_commit.sql) seals it when the transaction commits — takes the
 * chain's advisory lock 7042020002 (migrate.ts uses …001), reads the last entry, numbers and
 * times the new one, hashes the canonical text the caller sent in pieces (audit.chain.ts
 * canonicalAuditPieces) and moves it to `audit_log`. A transaction that rolls back leaves nothing.
 */
export async function insertPendingAuditInTx(
  trx: Transaction<DB>,
  content: AuditContent,
  pieces: readonly [string, string, string],
): Promise<void> {
  await sql`
    INSERT INTO audit_pending (id, tenant_code, actor_type, actor_id, actor_role, action, target_type, target_id,
                               ip, request_id, detail, before_occurred_at, before_seq, after_seq)
    VALUES (${content.id}, ${content.tenant_code}, ${content.actor_type}, ${content.actor_id}, ${content.actor_role},
            ${content.action}, ${content.target_type}, ${content.target_id}, ${content.ip}, ${content.request_id},
            ${JSON.stringify(content.detail)}, ${pieces[0]}, ${pieces[1]}, ${pieces[2]})`.execute(trx);
}

/** One sealed entry by id, every column as hashed, or undefined (not committed, or unknown). */
export async function findAuditEntry(db: Kysely<DB>, id: string): Promise<AuditRecord | undefined> {
  return db.selectFrom('audit_log').select(AUDIT_COLUMNS).where('id', '=', id).executeTakeFirst();
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
    .select(AUDIT_COLUMNS)
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

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

/** What the database decided when it appended an entry. */
export interface AppendedAuditRow {
  seq: number;
  occurred_at: string;
  prev_hash: string;
  hash: string;
}

/**
 * Appends one entry in one round trip: `layan_audit_append()` (migration
 * 20261122180000_round_trips.sql) takes the chain's advisory lock 7042020002 until the caller's
 * transaction ends (migrate.ts uses …001), reads the last entry with a snapshot taken after the
 * previous holder committed, numbers and times the new one, hashes the canonical text the caller
 * sent in pieces (audit.chain.ts canonicalAuditPieces) and inserts it.
 */
export async function appendAuditRowInTx(
  trx: Transaction<DB>,
  content: AuditContent,
  pieces: readonly [string, string, string],
): Promise<AppendedAuditRow> {
  const result = await sql<AppendedAuditRow>`
    SELECT seq, occurred_at, prev_hash, hash FROM layan_audit_append(
      ${content.id}::uuid, ${content.tenant_code}, ${content.actor_type}, ${content.actor_id}, ${content.actor_role},
      ${content.action}, ${content.target_type}, ${content.target_id}, ${content.ip}, ${content.request_id},
      ${JSON.stringify(content.detail)}::jsonb, ${pieces[0]}, ${pieces[1]}, ${pieces[2]})`.execute(trx);
  return result.rows[0]!;
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

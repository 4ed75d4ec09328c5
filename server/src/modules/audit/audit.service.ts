import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import {
  ACTOR_TYPES,
  auditHash,
  canonicalAuditPieces,
  GENESIS_HASH,
  toAuditJson,
  type ActorType,
  type AuditContent,
  type AuditRecord,
} from './audit.chain.ts';
import * as repo from './audit.repo.ts';

export { GENESIS_HASH, type ActorType, type AuditRecord };

/** What a caller records: who, in which role, did what to what, for which tenant, from where. */
export interface AuditEntryInput {
  /** Dotted lower-case verb: `region.import`, `citizen.read`, `application.transition`. */
  action: string;
  actor: { type: ActorType; id?: string | null; role?: string | null };
  /** Region code of the tenant concerned; omit for national or system actions. */
  tenantCode?: string | null;
  target?: { type: string; id: string } | null;
  /** Client address as Fastify resolved it (request.ip). */
  ip?: string | null;
  requestId?: string | null;
  /** Anything else worth keeping (a transition's from/to, counts); never secrets or whole records. */
  detail?: Record<string, unknown>;
}

const ACTION_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

function checkInput(entry: AuditEntryInput): void {
  if (!ACTION_PATTERN.test(entry.action)) throw new Error(`Audit action "${entry.action}" must look like "citizen.read"`);
  if (!ACTOR_TYPES.includes(entry.actor.type)) {
    throw new Error(`Audit actor type "${entry.actor.type}" is not one of ${ACTOR_TYPES}`);
  }
  if (entry.ip && !isIP(entry.ip)) throw new Error(`Audit ip "${entry.ip}" is not an IP address`);
}

/**
 * Adds one entry to the caller's transaction, so the entry commits or rolls back with the state
 * change it records; the database chains it (numbers, times, hashes) as the transaction commits.
 * Returns the entry's content: its `seq`, `occurred_at` and hashes exist only after the commit.
 * Throws on malformed input (a programming error).
 *
 * Cost: one statement and no lock here. Audited commits on one database still run their seal one
 * at a time (docs/AUDIT.md), but no round trip to the application happens while the chain is
 * locked, so call it wherever it reads best.
 */
export async function appendAuditInTx(trx: Transaction<DB>, entry: AuditEntryInput): Promise<AuditContent> {
  checkInput(entry);
  const content: AuditContent = {
    id: randomUUID(),
    tenant_code: entry.tenantCode ?? null,
    actor_type: entry.actor.type,
    actor_id: entry.actor.id ?? null,
    actor_role: entry.actor.role ?? null,
    action: entry.action,
    target_type: entry.target?.type ?? null,
    target_id: entry.target?.id ?? null,
    ip: entry.ip ?? null,
    request_id: entry.requestId ?? null,
    detail: toAuditJson(entry.detail ?? {}),
  };
  // Everything but seq and occurred_at is made canonical here; the seal finishes the text.
  await repo.insertPendingAuditInTx(trx, content, canonicalAuditPieces(content));
  return content;
}

/** Appends one entry in a transaction of its own (for actions that change nothing else); returns it as sealed. */
export async function appendAudit(db: Kysely<DB>, entry: AuditEntryInput): Promise<AuditRecord> {
  const content = await db.transaction().execute((trx) => appendAuditInTx(trx, entry));
  const sealed = await repo.findAuditEntry(db, content.id);
  if (!sealed) throw new Error(`Audit entry ${content.id} was committed but is not in audit_log`);
  return sealed;
}

export interface AuditHead {
  seq: number;
  hash: string;
  occurredAt: string;
}

/** The last entry's seq and hash (record them elsewhere as an anchor), or undefined when empty. */
export async function findAuditHead(db: Kysely<DB>): Promise<AuditHead | undefined> {
  const head = await repo.findAuditHead(db);
  return head && { seq: head.seq, hash: head.hash, occurredAt: head.occurred_at };
}

/** True once the audit migration has run. */
export function auditLogExists(db: Kysely<DB>): Promise<boolean> {
  return repo.auditLogExists(db);
}

export type AuditBreakReason =
  /** The entry's content does not produce its stored hash: it was altered. */
  | 'hash_mismatch'
  /** seq jumps: the entries in between were removed. */
  | 'gap'
  /** The entry does not point at the previous entry's hash: the previous one was rewritten. */
  | 'prev_hash_mismatch'
  /** The entry at an anchor's seq has another hash than the one recorded. */
  | 'anchor_mismatch'
  /** The log ends before an anchor's seq: entries at its end were removed. */
  | 'truncated';

export interface AuditBreak {
  seq: number;
  /** The broken entry's id; null when it is missing (truncated). */
  id: string | null;
  reason: AuditBreakReason;
  expected?: string;
  found?: string;
}

export interface AuditVerification {
  ok: boolean;
  /** Entries found intact, in order, before the first break (all of them when ok). */
  checked: number;
  /** seq and hash of the last intact entry (0 and the genesis hash when none). */
  lastSeq: number;
  lastHash: string;
  firstBroken?: AuditBreak;
}

export interface VerifyAuditChainOptions {
  /** Entries read per query (default 5,000): memory stays flat however long the log is. */
  pageSize?: number;
  /** An anchor recorded earlier (`layan audit head`); catches removal of the newest entries. */
  expectHead?: { seq: number; hash: string };
  onProgress?: (checked: number, total: number) => void;
}

/**
 * Re-computes the chain from the first entry to the head as it was when verification started,
 * page by page, and reports the first entry that breaks it. Reads only; never throws for a broken
 * chain (that is a result), only for database errors.
 */
export async function verifyAuditChain(db: Kysely<DB>, options: VerifyAuditChainOptions = {}): Promise<AuditVerification> {
  const pageSize = options.pageSize ?? 5000;
  // Entries appended while we read are left for the next run: appends take seqs in order under
  // the lock, so the entries up to this head are a fixed prefix of the log.
  const head = await repo.findAuditHead(db);
  const toSeq = head?.seq ?? 0;
  let checked = 0;
  let lastSeq = 0;
  let lastHash = GENESIS_HASH;
  const broken = (b: AuditBreak): AuditVerification => ({ ok: false, checked, lastSeq, lastHash, firstBroken: b });

  for (;;) {
    const page = await repo.listAuditPage(db, { afterSeq: lastSeq, toSeq, limit: pageSize });
    for (const row of page) {
      const { prev_hash: prevHash, hash, ...fields } = row;
      if (row.seq !== lastSeq + 1) {
        return broken({ seq: row.seq, id: row.id, reason: 'gap', expected: String(lastSeq + 1), found: String(row.seq) });
      }
      if (prevHash !== lastHash) {
        return broken({ seq: row.seq, id: row.id, reason: 'prev_hash_mismatch', expected: lastHash, found: prevHash });
      }
      const computed = auditHash(prevHash, fields);
      if (computed !== hash) {
        return broken({ seq: row.seq, id: row.id, reason: 'hash_mismatch', expected: computed, found: hash });
      }
      const anchor = options.expectHead;
      if (anchor && anchor.seq === row.seq && anchor.hash !== hash) {
        return broken({ seq: row.seq, id: row.id, reason: 'anchor_mismatch', expected: anchor.hash, found: hash });
      }
      checked++;
      lastSeq = row.seq;
      lastHash = hash;
    }
    options.onProgress?.(lastSeq, toSeq);
    if (page.length < pageSize) break;
  }
  if (options.expectHead && options.expectHead.seq > lastSeq) {
    return broken({ seq: options.expectHead.seq, id: null, reason: 'truncated', expected: options.expectHead.hash });
  }
  return { ok: true, checked, lastSeq, lastHash };
}

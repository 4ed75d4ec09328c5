import { createHash } from 'node:crypto';

/**
 * The audit chain's hashing, pure (no I/O) so that appending and verifying cannot disagree about
 * it. The rule, also in docs/AUDIT.md:
 *
 *   hash = hex(sha256(utf8(prev_hash + canonicalJson(fields))))
 *
 * where `prev_hash` is the previous entry's `hash` (64 zeros for the first entry) and `fields` is
 * the entry's row without `prev_hash` and `hash`, keyed by column name. The canonical JSON is
 * RFC 8785 (JCS): object keys sorted by UTF-16 code units at every depth, no whitespace, strings
 * and numbers as ECMAScript's JSON.stringify writes them. `occurred_at` is written as
 * `YYYY-MM-DDTHH:MM:SS.ffffffZ` (UTC, always six fractional digits: PostgreSQL keeps
 * microseconds, and a change in the last of them must change the hash).
 */

/** `prev_hash` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export const ACTOR_TYPES = ['staff', 'citizen', 'partner', 'system'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

/** The hashed content of one entry: every column except `prev_hash` and `hash`. */
export interface AuditFields {
  seq: number;
  id: string;
  /** Canonical UTC timestamp, see {@link formatOccurredAt}. */
  occurred_at: string;
  tenant_code: string | null;
  actor_type: ActorType;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  request_id: string | null;
  detail: Record<string, unknown>;
}

/** One entry as stored and as read back. */
export interface AuditRecord extends AuditFields {
  prev_hash: string;
  hash: string;
}

/**
 * The canonical timestamp of a JS Date (whole milliseconds, so the last three digits are 0).
 * The verifier reads the same form from the database with to_char(… 'US'), so the two agree.
 */
export function formatOccurredAt(date: Date): string {
  const iso = date.toISOString(); // 2026-11-22T03:04:05.678Z
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(iso)) throw new Error(`Audit time out of range: ${iso}`);
  return `${iso.slice(0, -1)}000Z`;
}

/** RFC 8785 canonical JSON; throws on values JSON cannot represent faithfully. */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`Audit data cannot hold the number ${value}`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
      if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) {
        throw new Error('Audit data must be plain JSON: normalise it with toAuditJson first');
      }
      // Default sort compares UTF-16 code units, which is what RFC 8785 asks for.
      const keys = Object.keys(value).sort();
      const record = value as Record<string, unknown>;
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
    }
    default:
      throw new Error(`Audit data cannot hold a ${typeof value}`);
  }
}

/**
 * The JSON value `detail` will have once stored in jsonb and read back (Dates become strings,
 * undefined members disappear), so the hash is computed from what verification will see.
 */
export function toAuditJson(detail: Record<string, unknown>): Record<string, unknown> {
  const json = JSON.stringify(detail, (_key, value: unknown) => {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`Audit data cannot hold the number ${value}`);
    if (typeof value === 'bigint') throw new Error('Audit data cannot hold a bigint; pass it as a string');
    return value;
  });
  const parsed: unknown = JSON.parse(json);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('Audit detail must be an object');
  return parsed as Record<string, unknown>;
}

/** The string that is hashed after `prev_hash`: the canonical JSON of the entry's fields. */
export function canonicalAuditFields(fields: AuditFields): string {
  const content: Record<keyof AuditFields, unknown> = {
    seq: fields.seq,
    id: fields.id,
    occurred_at: fields.occurred_at,
    tenant_code: fields.tenant_code,
    actor_type: fields.actor_type,
    actor_id: fields.actor_id,
    actor_role: fields.actor_role,
    action: fields.action,
    target_type: fields.target_type,
    target_id: fields.target_id,
    ip: fields.ip,
    request_id: fields.request_id,
    detail: fields.detail,
  };
  return canonicalJson(content);
}

/** The hash of an entry following `prevHash`. */
export function auditHash(prevHash: string, fields: AuditFields): string {
  return createHash('sha256')
    .update(prevHash + canonicalAuditFields(fields), 'utf8')
    .digest('hex');
}

/** The content of an entry that is known before the chain's lock is taken. */
export type AuditContent = Omit<AuditFields, 'seq' | 'occurred_at'>;

/**
 * The canonical JSON of an entry in the three pieces around the two values only known under the
 * chain's lock, so that the database can finish it (layan_audit_append):
 *
 *   pieces[0] + JSON.stringify(occurred_at) + pieces[1] + String(seq) + pieces[2]
 *
 * equals {@link canonicalAuditFields} of the whole entry (audit.test.ts checks it for arbitrary entries).
 */
export function canonicalAuditPieces(content: AuditContent): [string, string, string] {
  const values: Record<keyof AuditFields, unknown> = { ...content, seq: undefined, occurred_at: undefined };
  const pieces = [''];
  Object.keys(values)
    .sort()
    .forEach((key, i) => {
      const member = `${i === 0 ? '{' : ','}${JSON.stringify(key)}:`;
      if (key === 'occurred_at' || key === 'seq') {
        pieces[pieces.length - 1] += member;
        pieces.push('');
      } else {
        pieces[pieces.length - 1] += member + canonicalJson(values[key as keyof AuditFields]);
      }
    });
  pieces[pieces.length - 1] += '}';
  const [beforeOccurredAt, beforeSeq, afterSeq] = pieces;
  // occurred_at sorts before seq; anything else would be a change of the fields, caught here.
  if (pieces.length !== 3 || !beforeOccurredAt!.endsWith('"occurred_at":') || !beforeSeq!.endsWith('"seq":')) {
    throw new Error('Audit fields changed: canonicalAuditPieces needs occurred_at before seq');
  }
  return [beforeOccurredAt!, beforeSeq!, afterSeq!];
}

import { randomUUID } from 'node:crypto';
import { sql, type ExpressionBuilder, type Transaction } from 'kysely';
import type { DB, OutboxChannel, OutboxStatus } from '../../db/schema.ts';

type Trx = Transaction<DB>;

/** A message to write in the same transaction as the change that causes it (docs/NOTIFICATIONS.md). */
export interface OutboxMessageInput {
  /** The Pemda whose event it is; null for a citizen's own account messages. */
  tenantCode: string | null;
  channel: OutboxChannel;
  /** A lower-cased e-mail address or an E.164 phone number. */
  recipient: string;
  /** A template id known to the notification templates, e.g. 'application.submitted'. */
  template: string;
  language: 'id' | 'en';
  /** What the template fills in; no NIK, ever (messages leave the country's control). */
  data: Record<string, unknown>;
  /** Names the causing event (e.g. `application:<id>:submitted:email`) so it is enqueued once. */
  dedupeKey?: string;
}

/**
 * Writes `message` for the worker to send after commit. With a `dedupeKey` already used it does
 * nothing, so a retried transaction or replayed request cannot send the message twice. Works in
 * every scope, a citizen's or an anonymous one too (see below).
 */
export async function enqueueInTx(trx: Trx, message: OutboxMessageInput): Promise<void> {
  const values = {
    id: randomUUID(),
    tenant_code: message.tenantCode,
    channel: message.channel,
    recipient: message.recipient,
    template: message.template,
    language: message.language,
    data: JSON.stringify(message.data),
  };
  if (message.dedupeKey === undefined) {
    // No RETURNING: the enqueuing scope may not be allowed to read the row back.
    await trx.insertInto('outbox_message').values(values).execute();
    return;
  }
  // Not ON CONFLICT DO NOTHING: under row-level security PostgreSQL checks the SELECT policy for
  // it, which a citizen's or an anonymous scope does not pass. layan_outbox_enqueue (migration
  // 20261122180000_round_trips.sql) inserts in a subtransaction and swallows only a used dedupe
  // key, in one round trip, so the caller's transaction stays usable either way.
  await sql`SELECT layan_outbox_enqueue(${values.id}::uuid, ${values.tenant_code}, ${values.channel}, ${values.recipient},
                                        ${values.template}, ${values.language}, ${values.data}::jsonb, ${message.dedupeKey})`.execute(
    trx,
  );
}

/** A message the worker has claimed: its lease runs until `next_attempt_at`. */
export interface ClaimedMessage {
  id: string;
  tenant_code: string | null;
  channel: OutboxChannel;
  recipient: string;
  template: string;
  language: 'id' | 'en';
  data: Record<string, unknown>;
  /** This attempt's number (1 for the first). */
  attempts: number;
}

/**
 * Claims up to `limit` due messages (pending and due, or `sending` whose lease lapsed because a
 * worker died mid-send): marks them `sending` with a lease of `leaseMs` and counts the attempt.
 * `FOR UPDATE SKIP LOCKED` lets several workers claim at once without taking the same message.
 * While sending, `next_attempt_at` = `locked_until`, so one partial index finds both kinds of due.
 */
export async function claimDueMessagesInTx(trx: Trx, options: { limit: number; leaseMs: number }): Promise<ClaimedMessage[]> {
  const result = await sql<ClaimedMessage>`
    UPDATE outbox_message m
       SET status = 'sending',
           attempts = m.attempts + 1,
           locked_until = now() + ${options.leaseMs}::float8 * interval '1 millisecond',
           next_attempt_at = now() + ${options.leaseMs}::float8 * interval '1 millisecond'
      FROM (SELECT id FROM outbox_message
             WHERE status IN ('pending', 'sending') AND next_attempt_at <= now()
             ORDER BY next_attempt_at
             LIMIT ${options.limit}
             FOR UPDATE SKIP LOCKED) due
     WHERE m.id = due.id
    RETURNING m.id, m.tenant_code, m.channel, m.recipient, m.template, m.language, m.data, m.attempts`.execute(trx);
  return result.rows;
}

/**
 * Records the outcome of attempt `attempts` of message `id`. Does nothing when the message is no
 * longer that attempt (its lease lapsed and another worker claimed it again), so a slow worker
 * cannot overwrite a newer outcome. Returns whether it recorded.
 */
export async function settleMessageInTx(
  trx: Trx,
  options:
    | { id: string; attempts: number; outcome: 'sent' }
    | { id: string; attempts: number; outcome: 'retry'; delayMs: number; error: string }
    | { id: string; attempts: number; outcome: 'dead'; error: string },
): Promise<boolean> {
  const base = trx
    .updateTable('outbox_message')
    .where('id', '=', options.id)
    .where('status', '=', 'sending')
    .where('attempts', '=', options.attempts);
  const result =
    options.outcome === 'sent'
      ? await base.set({ status: 'sent', sent_at: sql<string>`now()`, locked_until: null }).executeTakeFirst()
      : options.outcome === 'retry'
        ? await base
            .set({
              status: 'pending',
              locked_until: null,
              next_attempt_at: sql<string>`now() + ${options.delayMs}::float8 * interval '1 millisecond'`,
              last_error: options.error,
            })
            .executeTakeFirst()
        : await base.set({ status: 'dead', locked_until: null, last_error: options.error }).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export const OUTBOX_STATUSES: readonly OutboxStatus[] = ['pending', 'sending', 'sent', 'dead'];

/** Tenants at or below `nodes`; null: every tenant and the national messages. */
function inNodes(nodes: string[] | null) {
  return (eb: ExpressionBuilder<DB, 'outbox_message'>) =>
    nodes === null
      ? eb.lit(true)
      : eb.or(nodes.flatMap((node) => [eb('tenant_code', '=', node), eb('tenant_code', 'like', `${node}.%`)]));
}

/** How many messages are in each status, of the tenants at or below `nodes` (null: all). */
export async function countByStatusInTx(trx: Trx, nodes: string[] | null): Promise<Record<OutboxStatus, number>> {
  const rows = await trx
    .selectFrom('outbox_message')
    .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
    .where(inNodes(nodes))
    .groupBy('status')
    .execute();
  const counts = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as Record<OutboxStatus, number>;
  for (const row of rows) counts[row.status] = Number(row.count);
  return counts;
}

export interface OutboxRow {
  id: string;
  tenant_code: string | null;
  channel: OutboxChannel;
  recipient: string;
  template: string;
  language: 'id' | 'en';
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
}

const ROW_COLUMNS = [
  'id',
  'tenant_code',
  'channel',
  'recipient',
  'template',
  'language',
  'status',
  'attempts',
  'next_attempt_at',
  'last_error',
  'created_at',
  'sent_at',
] as const;

/**
 * Messages in `status`, newest first, of the tenants at or below `nodes` (null: every tenant and
 * the national messages). Row-level security applies the same scope again.
 */
export async function listMessagesInTx(
  trx: Trx,
  options: { status: OutboxStatus; nodes: string[] | null; limit: number },
): Promise<OutboxRow[]> {
  return trx
    .selectFrom('outbox_message')
    .select(ROW_COLUMNS)
    .where('status', '=', options.status)
    .where(inNodes(options.nodes))
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(options.limit)
    .execute();
}

/** One message, locked for a change; undefined when it does not exist or lies outside the scope. */
export async function findMessageForUpdateInTx(trx: Trx, id: string): Promise<OutboxRow | undefined> {
  return trx.selectFrom('outbox_message').select(ROW_COLUMNS).where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Dead → pending, due now, with a fresh count of attempts. */
export async function requeueDeadInTx(trx: Trx, id: string): Promise<OutboxRow> {
  return trx
    .updateTable('outbox_message')
    .set({ status: 'pending', attempts: 0, next_attempt_at: sql<string>`now()`, locked_until: null })
    .where('id', '=', id)
    .where('status', '=', 'dead')
    .returning(ROW_COLUMNS)
    .executeTakeFirstOrThrow();
}

/** Every dead message (of one tenant, or all) back to pending; returns their ids. */
export async function requeueAllDeadInTx(trx: Trx, tenantCode?: string): Promise<string[]> {
  let query = trx
    .updateTable('outbox_message')
    .set({ status: 'pending', attempts: 0, next_attempt_at: sql<string>`now()`, locked_until: null })
    .where('status', '=', 'dead');
  if (tenantCode) query = query.where('tenant_code', '=', tenantCode);
  const rows = await query.returning('id').execute();
  return rows.map((r) => r.id);
}

import type { Kysely } from 'kysely';
import { withScope } from '../../db/scope.ts';
import type { DB, OutboxStatus } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { appendAuditInTx } from '../audit/audit.service.ts';
import { actingRole, authorize, nodeCovers, scopeOfGrants, type Principal } from '../identity/identity.authorize.ts';
import type { RequestContext } from '../identity/identity.service.ts';
import * as repo from './outbox.repo.ts';
import type { OutboxList, OutboxMessageView } from './outbox.schemas.ts';

// Administrators of a Pemda see the messages of their tenant, admin nasional all of them
// (`outbox.manage`, docs/NOTIFICATIONS.md). Recipients are shown masked, so listing is not a read
// of a citizen's record and is not audited; a retry is a change and is.

/**
 * An address or number with enough left to recognise it, not to use it:
 * `wulan@example.com` → `w•••@example.com`, `+6281234567890` → `+62812•••890`.
 */
export function maskRecipient(recipient: string): string {
  const at = recipient.lastIndexOf('@');
  if (at > 0) return `${recipient[0]}•••${recipient.slice(at)}`;
  if (recipient.length <= 8) return '•••';
  return `${recipient.slice(0, 6)}•••${recipient.slice(-3)}`;
}

function view(row: repo.OutboxRow): OutboxMessageView {
  return {
    id: row.id,
    tenantCode: row.tenant_code,
    channel: row.channel,
    recipient: maskRecipient(row.recipient),
    template: row.template,
    language: row.language,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at.toISOString(),
    lastError: row.last_error,
    createdAt: row.created_at.toISOString(),
    sentAt: row.sent_at?.toISOString() ?? null,
  };
}

/** Messages in `status` (dead letters by default), newest first. Throws AUTH_REQUIRED, FORBIDDEN. */
export async function listMessages(
  db: Kysely<DB>,
  options: { principal: Principal; status: OutboxStatus; limit: number },
): Promise<OutboxList> {
  const grants = authorize(options.principal, 'outbox.manage');
  const scope = scopeOfGrants(grants, options.principal!.staffId);
  const nodes = scope.regions === '*' ? null : [...scope.regions];
  return withScope(db, scope, async (trx) => {
    const rows = await repo.listMessagesInTx(trx, { status: options.status, nodes, limit: options.limit });
    return { items: rows.map(view), counts: await repo.countByStatusInTx(trx, nodes) };
  });
}

/**
 * Sends a dead letter again: dead → pending, due now, with a fresh count of attempts (audited).
 * Throws AUTH_REQUIRED, FORBIDDEN, OUTBOX_MESSAGE_NOT_FOUND (also for another region's message),
 * OUTBOX_MESSAGE_NOT_DEAD.
 */
export async function retryMessage(
  db: Kysely<DB>,
  options: { principal: Principal; id: string; context: RequestContext },
): Promise<OutboxMessageView> {
  const grants = authorize(options.principal, 'outbox.manage');
  const staffId = options.principal!.staffId;
  return withScope(db, scopeOfGrants(grants, staffId), async (trx) => {
    const message = await repo.findMessageForUpdateInTx(trx, options.id);
    // Row-level security hides other regions' messages; the grant check says the same in code.
    if (!message || !grants.some((g) => nodeCovers(g.regionCode, message.tenant_code))) {
      throw new AppError('OUTBOX_MESSAGE_NOT_FOUND');
    }
    if (message.status !== 'dead') throw new AppError('OUTBOX_MESSAGE_NOT_DEAD', { status: message.status });
    const requeued = await repo.requeueDeadInTx(trx, message.id);
    await appendAuditInTx(trx, {
      action: 'outbox.retry',
      actor: { type: 'staff', id: staffId, role: actingRole(grants) },
      tenantCode: message.tenant_code,
      target: { type: 'outbox_message', id: message.id },
      ip: options.context.ip,
      requestId: options.context.requestId,
      detail: { template: message.template, channel: message.channel, attempts: message.attempts, lastError: message.last_error },
    });
    return view(requeued);
  });
}

import type { Kysely } from 'kysely';
import { withScope } from '../../db/scope.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { appendAuditInTx } from '../audit/audit.service.ts';
import { actingRole, authorize, scopeOfGrants, type Principal } from '../identity/identity.authorize.ts';
import type { RequestContext } from '../identity/identity.service.ts';
import * as rights from './citizen.rights.repo.ts';
import { dataRequestView } from './citizen.service.ts';

// The officers' side of data-subject requests. Citizens are national records, so the action is
// allowed to national grants only (`data_request.handle`, docs/CITIZENS.md), whose scope `*` is
// what row-level security lets read data requests and the requester's name.

const LIST_LIMIT = 200;

/**
 * Data requests soonest due first, overdue ones flagged. Showing who asked is a staff read of
 * citizens' records, so it is audited (one `citizen.read` entry naming the citizens' ids).
 * Throws AUTH_REQUIRED, FORBIDDEN.
 */
export async function listDataRequestsForOfficer(
  db: Kysely<DB>,
  options: { principal: Principal; status: 'open' | 'closed' | 'all'; context: RequestContext },
) {
  const grants = authorize(options.principal, 'data_request.handle');
  const staffId = options.principal!.staffId;
  return withScope(db, scopeOfGrants(grants, staffId), async (trx) => {
    const rows = await rights.listDataRequestsInTx(trx, { status: options.status, limit: LIST_LIMIT });
    const citizenIds = [...new Set(rows.map((r) => r.citizen_id))];
    if (citizenIds.length > 0) {
      await appendAuditInTx(trx, {
        action: 'citizen.read',
        actor: { type: 'staff', id: staffId, role: actingRole(grants) },
        ip: options.context.ip,
        requestId: options.context.requestId,
        detail: { via: 'data_request.list', citizenIds },
      });
    }
    const now = new Date();
    return rows.map((r) => ({ ...dataRequestView(r, now), citizen: { id: r.citizen_id, name: r.citizen_name } }));
  });
}

/**
 * Closes a request with its outcome and what was done (the answer the citizen sees). Throws
 * AUTH_REQUIRED, FORBIDDEN, DATA_REQUEST_NOT_FOUND, DATA_REQUEST_CLOSED.
 */
export async function closeDataRequest(
  db: Kysely<DB>,
  options: {
    principal: Principal;
    id: string;
    outcome: 'completed' | 'rejected';
    resolution: string;
    context: RequestContext;
  },
) {
  const grants = authorize(options.principal, 'data_request.handle');
  const staffId = options.principal!.staffId;
  return withScope(db, scopeOfGrants(grants, staffId), async (trx) => {
    const request = await rights.findDataRequestForUpdateInTx(trx, options.id);
    if (!request) throw new AppError('DATA_REQUEST_NOT_FOUND');
    if (request.status === 'closed') throw new AppError('DATA_REQUEST_CLOSED');
    const now = new Date();
    const closed = await rights.closeDataRequestInTx(trx, {
      id: request.id,
      outcome: options.outcome,
      resolution: options.resolution.trim(),
      handledBy: staffId,
      at: now,
    });
    await appendAuditInTx(trx, {
      action: 'data_request.close',
      actor: { type: 'staff', id: staffId, role: actingRole(grants) },
      target: { type: 'data_request', id: request.id },
      ip: options.context.ip,
      requestId: options.context.requestId,
      detail: { outcome: options.outcome, kind: request.kind, overdue: now > request.due_at },
    });
    return dataRequestView(closed, now);
  });
}

import type { Kysely } from 'kysely';
import { NATIONAL, withScope } from '../../db/scope.ts';
import type { DB } from '../../db/schema.ts';
import { appendAuditInTx } from '../audit/audit.service.ts';
import * as repo from './application.repo.ts';

export interface EscalationResult {
  escalated: Array<{ tenantCode: string; applicationId: string; dueAt: string; agencyId: string }>;
}

/**
 * Records every open application past its deadline at `now`, once per application and deadline
 * (a deadline moved by a return and resubmission can breach again), and audits each. Safe to run
 * from several processes at once: the key of `sla_escalation` decides who records a breach.
 * Supervisors see the breaches in their summary (GET /staff/applications/summary).
 */
export async function escalateBreachesOnce(db: Kysely<DB>, now: Date = new Date()): Promise<EscalationResult> {
  return withScope(db, NATIONAL, async (trx) => {
    const rows = await repo.recordBreachesInTx(trx, now);
    for (const row of rows) {
      await appendAuditInTx(trx, {
        action: 'application.sla_breach',
        actor: { type: 'system' },
        tenantCode: row.tenant_code,
        target: { type: 'application', id: row.application_id },
        detail: { dueAt: new Date(row.due_at).toISOString(), agencyId: row.agency_id },
      });
    }
    return {
      escalated: rows.map((r) => ({
        tenantCode: r.tenant_code,
        applicationId: r.application_id,
        dueAt: new Date(r.due_at).toISOString(),
        agencyId: r.agency_id,
      })),
    };
  });
}

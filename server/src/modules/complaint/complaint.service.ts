import {
  COMPLAINT_STATUS_LABELS,
  complaintTransition,
  isPastDueDate,
  localDateOf,
  type ComplaintAction,
  type ComplaintActor,
  type ComplaintResponseClass,
  type ComplaintStatus,
} from '@layan/domain';
import type { Kysely, Transaction } from 'kysely';
import { NATIONAL, withScope, type Scope } from '../../db/scope.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { appendAuditInTx, type AuditEntryInput } from '../audit/audit.service.ts';
import { actingRole, isAllowed, requireStaff, scopeOfGrants, type Grant } from '../identity/identity.authorize.ts';
import type { Caller } from '../tenancy/tenancy.service.ts';
import { tenantCalendar } from './complaint.calendar.ts';
import { listEvidenceInTx, readEvidenceInTx, staffEvidenceView } from './complaint.evidence.ts';
import * as repo from './complaint.repo.ts';
import type { ActionBody } from './complaint.schemas.ts';
import { deadlineDate, publicView, refuse, trackUrl, type ComplaintDeps } from './complaint.view.ts';
import { findAgencyInTx, findLocationInTx } from '../tenancy/tenancy.repo.ts';

export { fileComplaint, rateComplaint, reopenComplaint, trackComplaint } from './complaint.public.service.ts';
export type { ComplaintDeps } from './complaint.view.ts';

// The staff side: the coordinator's and the agencies' steps, escalation.

interface StaffRoleInTenant {
  grants: Grant[];
  coordinator: boolean;
  /** Agencies whose complaints the caller handles; undefined = every agency (an unnarrowed handler grant). */
  agencies: string[] | undefined;
}

function roleInTenant(caller: Caller, tenant: string): StaffRoleInTenant {
  const staff = requireStaff(caller.principal);
  const resource = { regionCode: tenant };
  const coordinate = staff.grants.filter((g) => isAllowed({ ...staff, grants: [g] }, 'complaint.coordinate', resource));
  const handle = staff.grants.filter((g) => isAllowed({ ...staff, grants: [g] }, 'complaint.handle', resource));
  if (coordinate.length === 0 && handle.length === 0) throw new AppError('FORBIDDEN');
  const agencies = handle.some((g) => !g.agencyId) ? undefined : handle.map((g) => g.agencyId!);
  return { grants: coordinate.length > 0 ? coordinate : handle, coordinator: coordinate.length > 0, agencies };
}

function staffScope(caller: Caller, role: StaffRoleInTenant): Scope {
  return scopeOfGrants(role.grants, requireStaff(caller.principal).staffId);
}

function handles(role: StaffRoleInTenant, agencyId: string | null): boolean {
  if (!agencyId) return false;
  return role.agencies === undefined || role.agencies.includes(agencyId);
}

async function staffView(
  trx: Transaction<DB>,
  row: repo.ComplaintRow,
  options: { role: StaffRoleInTenant; caller: Caller; now: Date },
) {
  const events = await repo.listEventsInTx(trx, row.tenant_code, row.id);
  // RLS answers: an agency never gets a row, and nobody gets the row of an anonim complaint.
  const reporter = await repo.findReporterInTx(trx, row.tenant_code, row.id);
  // RLS answers here too: the coordinator and the handlers of the agency it is disposed to.
  const evidence = await listEvidenceInTx(trx, row.tenant_code, row.id);
  const calendar = tenantCalendar(row.tenant_code);
  const status = row.status as ComplaintStatus;
  const runningDue = status === 'belum_terverifikasi' ? row.verify_due_date : row.response_due_date;
  const actor: ComplaintActor = options.role.coordinator ? 'coordinator' : 'agency';
  return {
    id: row.id,
    ...publicView(row, events, options.now, evidence),
    evidence: staffEvidenceView(evidence),
    responseClass: row.response_class as ComplaintResponseClass,
    relatedAgency: row.agency_id ? { id: row.agency_id, name: row.agency_name } : null,
    relatedService: row.service_id ? { id: row.service_id, name: row.service_name } : null,
    applicationCode: row.application_code,
    location: row.assigned_location_id ? { id: row.assigned_location_id, name: row.assigned_location_name } : null,
    overdue:
      runningDue !== null && ['belum_terverifikasi', 'terverifikasi', 'terdisposisi', 'ditindaklanjuti'].includes(status)
        ? isPastDueDate(calendar, runningDue, options.now)
        : false,
    escalationLevel: row.escalation_level,
    ratingNote: row.rating_note,
    reporter: reporter
      ? { name: reporter.name, email: reporter.email, phone: reporter.phone, hasAccount: reporter.citizen_id !== null }
      : null,
    reporterHidden: reporter === undefined,
    actions: (['verify', 'reject', 'archive', 'dispose', 'follow_up', 'answer'] as const).filter(
      (a) =>
        complaintTransition(status, a, actor).ok && (actor === 'coordinator' || handles(options.role, row.assigned_agency_id)),
    ),
    history: events.map((e) => ({
      seq: e.seq,
      action: e.action,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      actorKind: e.actor_kind,
      agency: e.agency_id ? { id: e.agency_id, name: e.agency_name } : null,
      location: e.location_id ? { id: e.location_id, name: e.location_name } : null,
      note: e.note,
      dueDate: e.due_date,
      at: e.at.toISOString(),
    })),
    reporterRow: reporter,
  };
}

async function auditReporterRead(
  trx: Transaction<DB>,
  options: { caller: Caller; role: StaffRoleInTenant; row: repo.ComplaintRow; citizenId: string | null },
) {
  await appendAuditInTx(trx, {
    action: options.citizenId ? 'citizen.read' : 'complaint.reporter_read',
    actor: { type: 'staff', id: requireStaff(options.caller.principal).staffId, role: actingRole(options.role.grants) },
    tenantCode: options.row.tenant_code,
    target: options.citizenId ? { type: 'citizen', id: options.citizenId } : { type: 'complaint', id: options.row.id },
    ip: options.caller.context.ip,
    requestId: options.caller.context.requestId,
    detail: { via: 'complaint', complaintId: options.row.id },
  });
}

/** A tenant's complaints for staff: all for a coordinator, those disposed to their agencies for an agency. Throws AUTH_REQUIRED, FORBIDDEN. */
export async function listComplaints(
  deps: ComplaintDeps,
  options: { caller: Caller; tenant: string; status?: string; limit: number; offset: number; now?: Date },
) {
  const role = roleInTenant(options.caller, options.tenant);
  const now = options.now ?? new Date();
  return withScope(deps.db, staffScope(options.caller, role), async (trx) => {
    const rows = await repo.listComplaintsInTx(trx, {
      tenantCode: options.tenant,
      status: options.status,
      assignedAgencies: role.coordinator ? undefined : role.agencies,
      limit: options.limit,
      offset: options.offset,
    });
    const calendar = tenantCalendar(options.tenant);
    return {
      role: role.coordinator ? ('coordinator' as const) : ('agency' as const),
      items: rows.map((row) => {
        const due = row.status === 'belum_terverifikasi' ? row.verify_due_date : row.response_due_date;
        const open = ['belum_terverifikasi', 'terverifikasi', 'terdisposisi', 'ditindaklanjuti'].includes(row.status);
        return {
          id: row.id,
          trackingCode: row.tracking_code,
          title: row.title,
          category: row.category,
          status: row.status as ComplaintStatus,
          statusLabel: COMPLAINT_STATUS_LABELS[row.status as ComplaintStatus],
          anonymous: row.anonymous,
          confidential: row.confidential,
          filedAt: row.filed_at.toISOString(),
          dueDate: open ? due : null,
          overdue: open && due !== null && isPastDueDate(calendar, due, now),
          escalationLevel: row.escalation_level,
          agency: row.assigned_agency_id ? { id: row.assigned_agency_id, name: row.assigned_agency_name } : null,
        };
      }),
    };
  });
}

async function staffComplaintInTx(
  trx: Transaction<DB>,
  options: { tenant: string; id: string; role: StaffRoleInTenant; lock?: boolean },
) {
  const row = await repo.findComplaintInTx(trx, { tenantCode: options.tenant, id: options.id }, { lock: options.lock });
  // An agency sees only what was disposed to it: anything else is, for it, not there.
  if (!row || (!options.role.coordinator && !handles(options.role, row.assigned_agency_id)))
    throw new AppError('COMPLAINT_NOT_FOUND');
  return row;
}

/** One complaint for staff, with the reporter only where RLS allows (audited). Throws AUTH_REQUIRED, FORBIDDEN, COMPLAINT_NOT_FOUND. */
export async function getComplaint(deps: ComplaintDeps, options: { caller: Caller; tenant: string; id: string; now?: Date }) {
  const role = roleInTenant(options.caller, options.tenant);
  return withScope(deps.db, staffScope(options.caller, role), async (trx) => {
    const row = await staffComplaintInTx(trx, { tenant: options.tenant, id: options.id, role });
    const { reporterRow, ...view } = await staffView(trx, row, { role, caller: options.caller, now: options.now ?? new Date() });
    if (reporterRow && (reporterRow.name || reporterRow.email || reporterRow.phone || reporterRow.citizen_id)) {
      await auditReporterRead(trx, { caller: options.caller, role, row, citizenId: reporterRow.citizen_id });
    }
    return view;
  });
}

/**
 * One evidence file of a complaint for staff who may see the complaint (the coordinator, the
 * handlers of the agency it is disposed to; RLS enforces the same). Audited as
 * complaint.evidence_read. Throws AUTH_REQUIRED, FORBIDDEN, COMPLAINT_NOT_FOUND,
 * COMPLAINT_EVIDENCE_NOT_FOUND.
 */
export async function readComplaintEvidence(
  deps: ComplaintDeps,
  options: { caller: Caller; tenant: string; id: string; evidenceId: string },
) {
  const role = roleInTenant(options.caller, options.tenant);
  return withScope(deps.db, staffScope(options.caller, role), async (trx) => {
    const row = await staffComplaintInTx(trx, { tenant: options.tenant, id: options.id, role });
    const found = await readEvidenceInTx(trx, { tenantCode: row.tenant_code, complaintId: row.id, id: options.evidenceId });
    if (!found) throw new AppError('COMPLAINT_EVIDENCE_NOT_FOUND');
    await appendAuditInTx(trx, {
      action: 'complaint.evidence_read',
      actor: { type: 'staff', id: requireStaff(options.caller.principal).staffId, role: actingRole(role.grants) },
      tenantCode: row.tenant_code,
      target: { type: 'complaint', id: row.id },
      ip: options.caller.context.ip,
      requestId: options.caller.context.requestId,
      detail: { evidenceId: found.row.id, sha256: found.row.sha256 },
    });
    return { fileName: found.row.file_name, mediaType: found.row.media_type, bytes: found.bytes };
  });
}

export interface ActOptions {
  caller: Caller;
  tenant: string;
  id: string;
  action: Exclude<ComplaintAction, 'reopen'>;
  input: ActionBody;
  now?: Date;
}

/**
 * One staff step: verify, reject (bukan wewenang), archive, dispose, follow_up or answer, each
 * checked against the lifecycle table and the caller's role. Throws AUTH_REQUIRED, FORBIDDEN,
 * COMPLAINT_NOT_FOUND, COMPLAINT_ACTION_NOT_ALLOWED, VALIDATION_FAILED, AGENCY_NOT_FOUND,
 * LOCATION_NOT_FOUND.
 */
export async function actOnComplaint(deps: ComplaintDeps, options: ActOptions) {
  const role = roleInTenant(options.caller, options.tenant);
  const now = options.now ?? new Date();
  const { action, input } = options;
  const staffId = requireStaff(options.caller.principal).staffId;
  return withScope(deps.db, staffScope(options.caller, role), async (trx) => {
    const row = await staffComplaintInTx(trx, { tenant: options.tenant, id: options.id, role, lock: true });
    const status = row.status as ComplaintStatus;
    // A coordinator who also handles the assigned agency acts as the agency for the agency's steps.
    const asCoordinator = role.coordinator && complaintTransition(status, action, 'coordinator').ok;
    const actor: ComplaintActor = asCoordinator ? 'coordinator' : 'agency';
    if (actor === 'agency' && !handles(role, row.assigned_agency_id)) throw refuse(action, status);
    const step = complaintTransition(status, action, actor);
    if (!step.ok) throw refuse(action, status);

    const calendar = tenantCalendar(row.tenant_code);
    const key = { tenantCode: row.tenant_code, id: row.id };
    const patch: repo.ComplaintPatch = { status: step.to };
    let agencyId: string | null = null;
    let locationId: string | null = null;
    let dueDate: string | null = null;
    const needs = (field: string, value: unknown) => {
      if (value === undefined || value === null || value === '')
        throw new AppError('VALIDATION_FAILED', { detail: `${action} needs ${field}` });
    };

    switch (action) {
      case 'verify': {
        const responseClass = (input.responseClass ?? row.response_class) as ComplaintResponseClass;
        dueDate = deadlineDate({ calendar, stage: 'respond', start: now, responseClass });
        Object.assign(patch, { verified_at: now, response_class: responseClass, response_due_date: dueDate });
        break;
      }
      case 'reject':
      case 'archive':
        needs('note', input.note);
        patch.closed_note = input.note!.trim();
        break;
      case 'dispose': {
        if (actor === 'coordinator') {
          needs('agencyId', input.agencyId);
          if (!(await findAgencyInTx(trx, row.tenant_code, input.agencyId!))) throw new AppError('AGENCY_NOT_FOUND');
          agencyId = input.agencyId!;
        } else {
          // Further down inside the agency: to one of its locations (units).
          if (input.agencyId && input.agencyId !== row.assigned_agency_id) throw new AppError('FORBIDDEN');
          needs('locationId', input.locationId);
          agencyId = row.assigned_agency_id;
        }
        if (input.locationId) {
          if (!(await findLocationInTx(trx, row.tenant_code, input.locationId))) throw new AppError('LOCATION_NOT_FOUND');
          locationId = input.locationId;
        }
        dueDate = row.response_due_date;
        Object.assign(patch, { assigned_agency_id: agencyId, assigned_location_id: locationId });
        break;
      }
      case 'follow_up':
        agencyId = row.assigned_agency_id;
        break;
      case 'answer': {
        needs('answer', input.answer);
        const reopenUntil = deadlineDate({ calendar, stage: 'reopen_window', start: now });
        Object.assign(patch, { answer: input.answer!.trim(), answered_at: now, reopen_until: reopenUntil });
        agencyId = row.assigned_agency_id;
        dueDate = reopenUntil;
        break;
      }
    }
    await repo.updateComplaintInTx(trx, key, patch);
    await repo.insertEventInTx(trx, {
      tenantCode: row.tenant_code,
      complaintId: row.id,
      action,
      fromStatus: status,
      toStatus: step.to,
      actorKind: actor,
      actorId: staffId,
      agencyId,
      locationId,
      note: input.note?.trim() || null,
      dueDate,
      at: now,
    });
    if (action === 'answer') {
      await repo.notifyReporterInTx(trx, {
        tenantCode: row.tenant_code,
        complaintId: row.id,
        template: 'complaint.answered',
        data: {
          trackingCode: row.tracking_code,
          title: row.title,
          agencyName: row.assigned_agency_name,
          trackUrl: trackUrl(deps, row.tracking_code),
          reopenUntil: patch.reopen_until,
          timeZone: calendar.timeZone,
        },
        dedupeKey: `complaint:${row.id}:answered:${row.reopen_count}`,
      });
    }
    await appendAuditInTx(trx, {
      action: `complaint.${action}`,
      actor: { type: 'staff', id: staffId, role: actingRole(role.grants) },
      tenantCode: row.tenant_code,
      target: { type: 'complaint', id: row.id },
      ip: options.caller.context.ip,
      requestId: options.caller.context.requestId,
      detail: { from: status, to: step.to, ...(agencyId ? { agencyId } : {}), ...(locationId ? { locationId } : {}) },
    });
    const updated = (await repo.findComplaintInTx(trx, key))!;
    const { reporterRow: _omit, ...view } = await staffView(trx, updated, { role, caller: options.caller, now });
    return view;
  });
}

/**
 * Raises the escalation level of every complaint of `tenant` whose running stage is past its
 * deadline (at most once per local day each), records it in the history and audits the run as
 * `actor`. Shared by the coordinator's action and the scheduled job.
 */
async function escalateOverdueInTx(
  trx: Transaction<DB>,
  options: { tenant: string; now: Date; actor: AuditEntryInput['actor']; ip?: string | null; requestId?: string | null },
) {
  const { tenant, now } = options;
  const calendar = tenantCalendar(tenant);
  const today = localDateOf(now, calendar.timeZone);
  const overdue = await repo.listOverdueInTx(trx, tenant, today);
  const escalated: string[] = [];
  for (const c of overdue) {
    const events = await repo.listEventsInTx(trx, tenant, c.id);
    const last = events.filter((e) => e.action === 'escalate').at(-1);
    if (last && localDateOf(last.at, calendar.timeZone) === today) continue;
    await repo.updateComplaintInTx(
      trx,
      { tenantCode: tenant, id: c.id },
      {
        escalation_level: c.escalation_level + 1,
        escalated_at: now,
      },
    );
    await repo.insertEventInTx(trx, {
      tenantCode: tenant,
      complaintId: c.id,
      action: 'escalate',
      fromStatus: c.status,
      toStatus: c.status,
      actorKind: 'system',
      agencyId: c.assigned_agency_id,
      dueDate: c.status === 'belum_terverifikasi' ? c.verify_due_date : c.response_due_date,
      at: now,
    });
    escalated.push(c.id);
  }
  await appendAuditInTx(trx, {
    action: 'complaint.escalate',
    actor: options.actor,
    tenantCode: tenant,
    ip: options.ip ?? null,
    requestId: options.requestId ?? null,
    detail: { escalated: escalated.length, today },
  });
  return { today, escalated };
}

/**
 * The coordinator's "escalate now" for one tenant (see escalateOverdueInTx). Throws AUTH_REQUIRED,
 * FORBIDDEN.
 */
export async function escalateOverdue(deps: ComplaintDeps, options: { caller: Caller; tenant: string; now?: Date }) {
  const role = roleInTenant(options.caller, options.tenant);
  if (!role.coordinator) throw new AppError('FORBIDDEN');
  const staffId = requireStaff(options.caller.principal).staffId;
  return withScope(deps.db, staffScope(options.caller, role), (trx) =>
    escalateOverdueInTx(trx, {
      tenant: options.tenant,
      now: options.now ?? new Date(),
      actor: { type: 'staff', id: staffId, role: actingRole(role.grants) },
      ip: options.caller.context.ip,
      requestId: options.caller.context.requestId,
    }),
  );
}

/**
 * The scheduled job (`layan sla-escalate`, from cron): escalates overdue complaints in every tenant,
 * one transaction per tenant, as the system. Safe to run repeatedly: a complaint rises at most once
 * per local day.
 */
export async function escalateOverdueEverywhere(db: Kysely<DB>, now = new Date()) {
  const tenants = await withScope(db, NATIONAL, (trx) => trx.selectFrom('tenant').select('region_code').execute());
  const results: Array<{ tenant: string; escalated: string[] }> = [];
  for (const { region_code: tenant } of tenants) {
    const { escalated } = await withScope(db, NATIONAL, (trx) =>
      escalateOverdueInTx(trx, { tenant, now, actor: { type: 'system', id: null, role: null } }),
    );
    results.push({ tenant, escalated });
  }
  return results;
}

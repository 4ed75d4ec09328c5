import {
  COMPLAINT_RULES,
  complaintTransition,
  findComplaintCategory,
  isPastDueDate,
  makeComplaintCode,
  normalizeComplaintCode,
  type ComplaintAction,
  type ComplaintResponseClass,
  type ComplaintStatus,
} from '@layan/domain';
import type { Transaction } from 'kysely';
import { randomBytes, randomUUID } from 'node:crypto';
import { withScope, type Scope } from '../../db/scope.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { appendAuditInTx } from '../audit/audit.service.ts';
import { normalizeDestination, type CitizenPrincipal } from '../citizen/citizen.auth.service.ts';
import { linkCitizenInTx } from '../citizen/citizen.link.repo.ts';
import type { RequestContext } from '../identity/identity.service.ts';
import { tenantCalendar } from './complaint.calendar.ts';
import { checkEvidence, insertEvidenceInTx, listEvidenceInTx, type EvidenceFile } from './complaint.evidence.ts';
import * as repo from './complaint.repo.ts';
import type { FileComplaintBody } from './complaint.schemas.ts';
import { deadlineDate, publicView, refuse, trackUrl, type ComplaintDeps } from './complaint.view.ts';
import { findServiceRefInTx } from '../catalog/catalog.repo.ts';
import { findAgencyInTx } from '../tenancy/tenancy.repo.ts';

// The reporter's side: filing (with or without an account) and everything done with the tracking code.

function normalizeContact(input: { email?: string; phone?: string }) {
  return {
    email: input.email ? normalizeDestination('email', input.email) : null,
    phone: input.phone ? normalizeDestination('sms', input.phone) : null,
  };
}

export interface FileComplaintOptions {
  input: FileComplaintBody;
  citizen?: CitizenPrincipal;
  /** Evidence files sent with the filing (multipart); all are written with it or none. */
  evidence?: readonly EvidenceFile[];
  context: RequestContext;
  language: 'id' | 'en';
  now?: Date;
}

/**
 * Files a complaint, with or without an account, and returns its tracking code. The identity goes
 * to complaint_reporter only; a signed-in, non-anonim reporter is linked to the tenant. Throws
 * TENANT_NOT_FOUND, REGION_NOT_FOUND, REGION_OUTSIDE_TENANT, COMPLAINT_CATEGORY_UNKNOWN,
 * AGENCY_NOT_FOUND, SERVICE_NOT_FOUND, DESTINATION_INVALID, and for evidence
 * COMPLAINT_EVIDENCE_TOO_MANY, COMPLAINT_EVIDENCE_TOO_LARGE, COMPLAINT_EVIDENCE_TYPE_NOT_ALLOWED,
 * UPLOAD_EMPTY (checked before anything is written).
 */
export async function fileComplaint(deps: ComplaintDeps, options: FileComplaintOptions) {
  const { input, citizen } = options;
  const now = options.now ?? new Date();
  const category = findComplaintCategory(input.category);
  if (!category) throw new AppError('COMPLAINT_CATEGORY_UNKNOWN', { category: input.category });
  const contact = normalizeContact(input);
  const evidence = checkEvidence(options.evidence ?? []);
  const tenantCode = input.tenantCode;
  const scope: Scope = { regions: [], citizenId: citizen?.citizenId };
  return withScope(deps.db, scope, async (trx) => {
    if (!(await repo.findTenantInTx(trx, tenantCode))) throw new AppError('TENANT_NOT_FOUND', { code: tenantCode });
    const region = await repo.findRegionInTx(trx, input.regionCode);
    if (!region) throw new AppError('REGION_NOT_FOUND', { code: input.regionCode });
    if (region.code !== tenantCode && !region.code.startsWith(`${tenantCode}.`))
      throw new AppError('REGION_OUTSIDE_TENANT', { code: region.code, tenant: tenantCode });
    if (input.agencyId && !(await findAgencyInTx(trx, tenantCode, input.agencyId))) throw new AppError('AGENCY_NOT_FOUND');
    if (input.serviceId && !(await findServiceRefInTx(trx, tenantCode, input.serviceId))) throw new AppError('SERVICE_NOT_FOUND');

    const calendar = tenantCalendar(tenantCode);
    const verifyDue = deadlineDate({ calendar, stage: 'verify', start: now });
    const id = randomUUID();
    const trackingCode = makeComplaintCode(randomBytes(9));
    await repo.presentTrackingCodeInTx(trx, trackingCode);
    await repo.insertComplaintInTx(trx, {
      tenant_code: tenantCode,
      id,
      tracking_code: trackingCode,
      kind: input.kind,
      category: category.code,
      response_class: category.defaultClass,
      title: input.title.trim(),
      body: input.body.trim(),
      incident_date: input.incidentDate ?? null,
      region_code: region.code,
      agency_id: input.agencyId ?? null,
      service_id: input.serviceId ?? null,
      application_code: input.applicationCode?.trim() || null,
      anonymous: input.anonymous,
      confidential: input.confidential,
      channel: 'web',
      filed_at: now,
      verify_due_date: verifyDue,
    });
    // Evidence names nobody: no citizen id, no IP (migration 20261122170200).
    await insertEvidenceInTx(trx, { tenantCode, complaintId: id, files: evidence });
    const own = citizen ? await repo.findCitizenContactInTx(trx, citizen.citizenId) : undefined;
    const email = contact.email ?? own?.email ?? null;
    const phone = contact.phone ?? own?.phone ?? null;
    await repo.insertReporterInTx(trx, {
      tenant_code: tenantCode,
      complaint_id: id,
      anonymous: input.anonymous,
      citizen_id: citizen?.citizenId ?? null,
      name: input.name?.trim() || own?.name || null,
      email,
      phone,
      language: options.language,
    });
    await repo.insertEventInTx(trx, {
      tenantCode,
      complaintId: id,
      action: 'file',
      fromStatus: null,
      toStatus: 'belum_terverifikasi',
      actorKind: 'reporter',
      dueDate: verifyDue,
      at: now,
    });
    if (citizen && !input.anonymous) {
      await linkCitizenInTx(trx, { tenantCode, citizenId: citizen.citizenId, regionCode: tenantCode, via: 'complaint' });
    }
    const data = {
      trackingCode,
      title: input.title.trim(),
      trackUrl: trackUrl(deps, trackingCode),
      verifyDueDate: verifyDue,
      timeZone: calendar.timeZone,
    };
    // Through the database function, like every complaint message: enqueueInTx's ON CONFLICT needs
    // a scope that may read the outbox, which an anonymous reporter's is not.
    await repo.notifyReporterInTx(trx, {
      tenantCode,
      complaintId: id,
      template: 'complaint.received',
      data,
      dedupeKey: `complaint:${id}:received`,
    });
    await appendAuditInTx(trx, {
      action: 'complaint.file',
      // An anonim reporter stays unnamed in the trail too.
      actor: { type: 'citizen', id: input.anonymous ? null : (citizen?.citizenId ?? null) },
      tenantCode,
      target: { type: 'complaint', id },
      ip: options.context.ip,
      requestId: options.context.requestId,
      detail: {
        category: category.code,
        anonymous: input.anonymous,
        confidential: input.confidential,
        evidence: evidence.length,
      },
    });
    return { trackingCode, status: 'belum_terverifikasi' as const, verifyDueDate: verifyDue, trackUrl: data.trackUrl };
  });
}

function parseCode(code: string): string {
  const normalized = normalizeComplaintCode(code);
  if (!normalized) throw new AppError('COMPLAINT_CODE_INVALID', { code: code.slice(0, 40) });
  return normalized;
}

async function byCodeInTx(trx: Transaction<DB>, code: string, lock = false) {
  await repo.presentTrackingCodeInTx(trx, code);
  const row = await repo.findComplaintInTx(trx, { trackingCode: code }, { lock });
  if (!row) throw new AppError('COMPLAINT_NOT_FOUND');
  return row;
}

/** The reporter's view by tracking code. Throws COMPLAINT_CODE_INVALID, COMPLAINT_NOT_FOUND. */
export async function trackComplaint(deps: ComplaintDeps, options: { code: string; now?: Date }) {
  const code = parseCode(options.code);
  return withScope(deps.db, { regions: [] }, async (trx) => {
    const row = await byCodeInTx(trx, code);
    return publicView(
      row,
      await repo.listEventsInTx(trx, row.tenant_code, row.id),
      options.now ?? new Date(),
      await listEvidenceInTx(trx, row.tenant_code, row.id),
    );
  });
}

export async function reopenComplaint(
  deps: ComplaintDeps,
  options: { code: string; reason: string; context: RequestContext; now?: Date },
) {
  const code = parseCode(options.code);
  const now = options.now ?? new Date();
  return withScope(deps.db, { regions: [] }, async (trx) => {
    const row = await byCodeInTx(trx, code, true);
    const step = complaintTransition(row.status as ComplaintStatus, 'reopen', 'reporter');
    if (!step.ok) throw refuse('reopen', row.status);
    const calendar = tenantCalendar(row.tenant_code);
    if (
      row.reopen_until === null ||
      isPastDueDate(calendar, row.reopen_until, now) ||
      row.reopen_count >= COMPLAINT_RULES.maxReopens
    ) {
      throw new AppError('COMPLAINT_REOPEN_EXPIRED', { until: row.reopen_until ?? '-', max: COMPLAINT_RULES.maxReopens });
    }
    const due = deadlineDate({
      calendar,
      stage: 'respond',
      start: now,
      responseClass: row.response_class as ComplaintResponseClass,
    });
    const key = { tenantCode: row.tenant_code, id: row.id };
    await repo.updateComplaintInTx(trx, key, {
      status: step.to,
      response_due_date: due,
      reopen_count: row.reopen_count + 1,
      reopen_until: null,
      rating: null,
      rating_note: null,
      rated_at: null,
    });
    await repo.insertEventInTx(trx, {
      tenantCode: row.tenant_code,
      complaintId: row.id,
      action: 'reopen',
      fromStatus: row.status,
      toStatus: step.to,
      actorKind: 'reporter',
      agencyId: row.assigned_agency_id,
      locationId: row.assigned_location_id,
      note: options.reason,
      dueDate: due,
      at: now,
    });
    await appendAuditInTx(trx, {
      action: 'complaint.reopen',
      actor: { type: 'citizen', id: null },
      tenantCode: row.tenant_code,
      target: { type: 'complaint', id: row.id },
      ip: options.context.ip,
      requestId: options.context.requestId,
      detail: { responseDueDate: due, reopenCount: row.reopen_count + 1 },
    });
    const updated = (await repo.findComplaintInTx(trx, key))!;
    return publicView(
      updated,
      await repo.listEventsInTx(trx, row.tenant_code, row.id),
      now,
      await listEvidenceInTx(trx, row.tenant_code, row.id),
    );
  });
}

/** The reporter rates the answer (1–4) once per answer. Throws like reopenComplaint and COMPLAINT_ALREADY_RATED. */
export async function rateComplaint(
  deps: ComplaintDeps,
  options: { code: string; rating: number; note?: string; context: RequestContext; now?: Date },
) {
  const code = parseCode(options.code);
  const now = options.now ?? new Date();
  return withScope(deps.db, { regions: [] }, async (trx) => {
    const row = await byCodeInTx(trx, code, true);
    if (row.status !== 'selesai') throw refuse('rate' as ComplaintAction, row.status);
    if (row.rating !== null) throw new AppError('COMPLAINT_ALREADY_RATED');
    const key = { tenantCode: row.tenant_code, id: row.id };
    await repo.updateComplaintInTx(trx, key, {
      rating: options.rating,
      rating_note: options.note?.trim() || null,
      rated_at: now,
    });
    await repo.insertEventInTx(trx, {
      tenantCode: row.tenant_code,
      complaintId: row.id,
      action: 'rate',
      fromStatus: row.status,
      toStatus: row.status,
      actorKind: 'reporter',
      at: now,
    });
    await appendAuditInTx(trx, {
      action: 'complaint.rate',
      actor: { type: 'citizen', id: null },
      tenantCode: row.tenant_code,
      target: { type: 'complaint', id: row.id },
      ip: options.context.ip,
      requestId: options.context.requestId,
      detail: { rating: options.rating },
    });
    const updated = (await repo.findComplaintInTx(trx, key))!;
    return publicView(
      updated,
      await repo.listEventsInTx(trx, row.tenant_code, row.id),
      now,
      await listEvidenceInTx(trx, row.tenant_code, row.id),
    );
  });
}

/** What the caller may do on a tenant's complaints: coordinate (all), handle (their agencies), or nothing. */

import { availableTransitions, checkTransition, normalizeIndonesianMobile, type SlaRisk } from '@layan/domain';
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { setCitizenInTx, withScope } from '../../db/scope.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { appendAuditInTx } from '../audit/audit.service.ts';
import { checkNik, decryptNik, encryptNik, hashNik, maskNik, type CitizenKeys } from '../citizen/citizen.nik.ts';
import * as citizens from '../citizen/citizen.repo.ts';
import {
  actingRole,
  authorize,
  isAllowed,
  nodeCovers,
  requireStaff,
  scopeOfGrants,
  type Grant,
  type Principal,
  type StaffPrincipal,
} from '../identity/identity.authorize.ts';
import type { RequestContext } from '../identity/identity.service.ts';
import * as uploads from '../upload/upload.repo.ts';
import {
  applicationView,
  citizenRecipientsInTx,
  documentsOfApplicationInTx,
  enqueueForRecipientsInTx,
  requestHash,
  riskOf,
  stateLabel,
  newApplicationViewInTx,
  submitInTx,
  trackUrl,
  workflowOf,
  type Recipient,
} from './application.core.ts';
import * as repo from './application.repo.ts';
import { claimOrReplayInTx, serviceForApplicationInTx, type ApplicationServices, type Created } from './application.service.ts';
import { findLocationInTx } from '../tenancy/tenancy.repo.ts';

type Trx = Transaction<DB>;

export interface StaffApplicationServices extends ApplicationServices {
  keys: CitizenKeys;
}

/** Whether one of `grants` reaches the application: its region and, for a narrowed grant, its agency. */
function reaches(grants: readonly Grant[], row: { region_code: string; agency_id: string }): boolean {
  return grants.some((g) => nodeCovers(g.regionCode, row.region_code) && (!g.agencyId || g.agencyId === row.agency_id));
}

/** The agencies every grant is narrowed to, or undefined when one grant reaches every agency. */
function agencyFilter(grants: readonly Grant[]): string[] | undefined {
  if (grants.some((g) => !g.agencyId)) return undefined;
  return [...new Set(grants.map((g) => g.agencyId!))];
}

export interface InboxQuery {
  tenant?: string;
  agencyId?: string;
  state?: string;
  risk?: SlaRisk;
  limit?: number;
}

/**
 * The officer's inbox: open applications their grants reach, most at risk first (overdue, due
 * today, due soon, on track, then those waiting on the citizen). No personal data: the citizen's
 * record is read only when one application is opened.
 */
export async function listInbox(db: Kysely<DB>, options: { principal: Principal; query: InboxQuery }) {
  const staff = requireStaff(options.principal);
  const grants = authorize(staff, 'application.handle');
  const now = new Date();
  const narrowed = agencyFilter(grants);
  const agencyIds = options.query.agencyId
    ? narrowed && !narrowed.includes(options.query.agencyId)
      ? []
      : [options.query.agencyId]
    : narrowed;
  const rows = await withScope(db, scopeOfGrants(grants, staff.staffId), (trx) =>
    repo.listInboxInTx(trx, {
      tenantCode: options.query.tenant,
      agencyIds,
      state: options.query.state,
      limit: Math.min(options.query.limit ?? 100, 500),
    }),
  );
  const items = rows
    .filter((row) => reaches(grants, row))
    .map((row) => ({
      id: row.id,
      trackingCode: row.tracking_code!,
      tenantCode: row.tenant_code,
      service: { id: row.service_id, slug: row.service_slug, name: row.service_name },
      agency: { id: row.agency_id, name: row.agency_name },
      state: row.state,
      stateLabel: stateLabel(workflowOf(row.workflow), row.state),
      channel: row.channel,
      rowVersion: row.row_version,
      submittedAt: row.submitted_at!.toISOString(),
      dueAt: row.due_at?.toISOString() ?? null,
      dueDate: row.due_date,
      risk: riskOf(row, now)!,
    }))
    .filter((item) => !options.query.risk || item.risk === options.query.risk);
  return { items, generatedAt: now.toISOString() };
}

const RISK_KEYS: readonly SlaRisk[] = ['overdue', 'due_today', 'due_soon', 'on_track', 'paused', 'closed'];

/**
 * The supervisor's view per agency: open applications by state and by SLA risk, those closed in
 * the last 30 days by outcome, and SLA breaches recorded in that time.
 */
export async function supervisorSummary(db: Kysely<DB>, options: { principal: Principal; tenant?: string }) {
  const staff = requireStaff(options.principal);
  const grants = authorize(staff, 'application.supervise');
  const now = new Date();
  const since = new Date(now.getTime() - 30 * 24 * 3600 * 1000);
  const narrowed = agencyFilter(grants);
  const { rows, escalations } = await withScope(db, scopeOfGrants(grants, staff.staffId), async (trx) => ({
    rows: await repo.listForSummaryInTx(trx, { tenantCode: options.tenant, agencyIds: narrowed, closedSince: since }),
    escalations: await repo.countEscalationsInTx(trx, { tenantCode: options.tenant, since }),
  }));
  const agencies = new Map<
    string,
    {
      agencyId: string;
      agencyName: string;
      tenantCode: string;
      open: number;
      byState: Record<string, number>;
      byRisk: Record<string, number>;
      closed: { completed: number; rejected: number };
      escalations: number;
    }
  >();
  for (const row of rows) {
    let entry = agencies.get(row.agency_id);
    if (!entry) {
      entry = {
        agencyId: row.agency_id,
        agencyName: row.agency_name,
        tenantCode: row.tenant_code,
        open: 0,
        byState: {},
        byRisk: Object.fromEntries(RISK_KEYS.filter((k) => k !== 'closed').map((k) => [k, 0])),
        closed: { completed: 0, rejected: 0 },
        escalations: escalations.get(row.agency_id) ?? 0,
      };
      agencies.set(row.agency_id, entry);
    }
    if (row.closed) {
      if (row.outcome === 'rejected') entry.closed.rejected++;
      else entry.closed.completed++;
      continue;
    }
    entry.open++;
    entry.byState[row.state] = (entry.byState[row.state] ?? 0) + 1;
    const risk = riskOf({ ...row, closed_at: null }, now)!;
    entry.byRisk[risk] = (entry.byRisk[risk] ?? 0) + 1;
  }
  return {
    generatedAt: now.toISOString(),
    agencies: [...agencies.values()].sort(
      (a, b) => b.byRisk.overdue! - a.byRisk.overdue! || a.agencyName.localeCompare(b.agencyName),
    ),
  };
}

async function reachableApplicationInTx(trx: Trx, grants: readonly Grant[], id: string) {
  const row = await repo.findApplicationInTx(trx, id);
  // Out of reach answers exactly like a missing id: which applications exist elsewhere is not the caller's business.
  if (!row || row.state === 'draft' || !reaches(grants, row)) throw new AppError('APPLICATION_NOT_FOUND');
  return row;
}

async function staffViewInTx(
  trx: Trx,
  services: StaffApplicationServices,
  row: repo.ApplicationRow,
  roles: readonly string[],
  now: Date,
) {
  const [events, files, citizen, documents] = await Promise.all([
    repo.listEventsInTx(trx, row.tenant_code, row.id),
    uploads.listUploadsOfApplicationInTx(trx, row.tenant_code, row.id),
    citizens.findCitizenInTx(trx, row.citizen_id),
    documentsOfApplicationInTx(trx, row.tenant_code, row.id),
  ]);
  const workflow = workflowOf(row.workflow);
  return {
    ...applicationView(row, events, files, now, documents),
    citizen: citizen
      ? {
          id: citizen.id,
          name: citizen.name,
          nik: maskNik(decryptNik(services.keys, citizen.nik_ciphertext, citizen.id)),
          email: citizen.email,
          phone: citizen.phone,
        }
      : null,
    assisted: row.assisted_by
      ? {
          by: row.assisted_by,
          locationId: row.assisted_location_id,
          regionCode: row.region_code,
          consentMethod: row.consent_method,
          consentAt: row.consent_at?.toISOString() ?? null,
        }
      : null,
    transitions: availableTransitions(workflow, row.state, roles).map((t) => ({
      to: t.to,
      label: stateLabel(workflow, t.to),
      requiresNote: t.requires?.note === true,
      requiresOutput: t.requires?.output === true,
    })),
  };
}

function handleGrantsFor(staff: StaffPrincipal, row: { region_code: string; agency_id: string }): Grant[] {
  try {
    return authorize(staff, 'application.handle', { regionCode: row.region_code, agencyId: row.agency_id });
  } catch {
    return [];
  }
}

/**
 * One application as an officer (or supervisor) sees it, with the citizen's name, masked NIK and
 * contacts: a staff read of a citizen's record, audited as citizen.read. Throws APPLICATION_NOT_FOUND.
 */
export async function getForStaff(
  services: StaffApplicationServices,
  options: { principal: Principal; id: string; context: RequestContext },
) {
  const staff = requireStaff(options.principal);
  // Officers who work applications and supervisors who oversee them may open one — but the view
  // holds the citizen's record, so only grants that may read citizens (not pemantau, docs/CITIZENS.md).
  const grants = staff.grants.filter((g) => {
    const one = { ...staff, grants: [g] };
    return (isAllowed(one, 'application.handle') || isAllowed(one, 'application.supervise')) && isAllowed(one, 'citizen.read');
  });
  if (grants.length === 0) throw new AppError('FORBIDDEN');
  const now = new Date();
  return withScope(services.db, scopeOfGrants(grants, staff.staffId), async (trx) => {
    const row = await reachableApplicationInTx(trx, grants, options.id);
    const roles = handleGrantsFor(staff, row).map((g) => g.role);
    const view = await staffViewInTx(trx, services, row, roles, now);
    await appendAuditInTx(trx, {
      action: 'citizen.read',
      actor: { type: 'staff', id: staff.staffId, role: actingRole(grants) },
      tenantCode: row.tenant_code,
      target: { type: 'citizen', id: row.citizen_id },
      ip: options.context.ip,
      requestId: options.context.requestId,
      detail: { via: 'application', applicationId: row.id },
    });
    return view;
  });
}

export interface TransitionInput {
  to: string;
  note?: string;
  outputUploadId?: string;
  expectedVersion: number;
}

const TRANSITION_ERRORS = {
  WORKFLOW_STATE_UNKNOWN: 'TRANSITION_NOT_ALLOWED',
  TRANSITION_NOT_ALLOWED: 'TRANSITION_NOT_ALLOWED',
  TRANSITION_ROLE_FORBIDDEN: 'TRANSITION_ROLE_FORBIDDEN',
  TRANSITION_NOTE_REQUIRED: 'TRANSITION_NOTE_REQUIRED',
  TRANSITION_OUTPUT_REQUIRED: 'TRANSITION_OUTPUT_REQUIRED',
} as const;

/**
 * Moves an application along its workflow, in one transaction with its history row, its output
 * upload attached, the citizen's message(s) in the outbox, the completion hook and the audit entry.
 * Optimistic: `expectedVersion` must be the current version, else APPLICATION_STALE (of two
 * officers acting at once exactly one wins). Throws APPLICATION_NOT_FOUND, APPLICATION_STALE,
 * TRANSITION_NOT_ALLOWED, TRANSITION_ROLE_FORBIDDEN, TRANSITION_NOTE_REQUIRED,
 * TRANSITION_OUTPUT_REQUIRED, UPLOAD_NOT_FOUND.
 */
export async function transitionApplication(
  services: StaffApplicationServices,
  options: { principal: Principal; id: string; input: TransitionInput; context: RequestContext },
) {
  const staff = requireStaff(options.principal);
  const grants = authorize(staff, 'application.handle');
  const { input } = options;
  const now = new Date();
  const note = input.note?.trim() || null;
  return withScope(services.db, scopeOfGrants(grants, staff.staffId), async (trx) => {
    const row = await reachableApplicationInTx(trx, grants, options.id);
    const allowed = handleGrantsFor(staff, row);
    if (allowed.length === 0) throw new AppError('APPLICATION_NOT_FOUND');
    const roles = allowed.map((g) => g.role);
    if (input.expectedVersion !== row.row_version) throw new AppError('APPLICATION_STALE', { current: row.row_version });
    const workflow = workflowOf(row.workflow);
    const check = checkTransition(workflow, { from: row.state, to: input.to, roles, note, outputUploadId: input.outputUploadId });
    if (!check.ok) throw new AppError(TRANSITION_ERRORS[check.code], { from: row.state, to: input.to });
    const role = allowed.find((g) => (check.transition.roles as readonly string[]).includes(g.role))!.role;
    const target = check.state;

    const changed = await repo.updateApplicationInTx(trx, {
      tenantCode: row.tenant_code,
      id: row.id,
      expectedVersion: row.row_version,
      at: now,
      change: {
        state: target.key,
        ...(target.waitingOnCitizen ? { due_at: null, due_date: null } : {}),
        ...(target.terminal ? { closed_at: now, outcome: target.outcome ?? 'completed' } : {}),
      },
    });
    if (!changed) throw new AppError('APPLICATION_STALE', { current: row.row_version + 1 });

    if (input.outputUploadId) {
      const output = await uploads.findUploadInTx(trx, input.outputUploadId);
      const usable = output && (output.application_id === null || output.application_id === row.id);
      if (!usable) throw new AppError('UPLOAD_NOT_FOUND', { id: input.outputUploadId });
      if (output.application_id === null) {
        await uploads.attachUploadsInTx(trx, { ids: [output.id], tenantCode: row.tenant_code, applicationId: row.id, at: now });
      }
    }
    const events = await repo.listEventsInTx(trx, row.tenant_code, row.id);
    const seq = events.length + 1;
    await repo.insertEventInTx(trx, {
      tenantCode: row.tenant_code,
      applicationId: row.id,
      seq,
      from: row.state,
      to: target.key,
      actorType: 'staff',
      actorId: staff.staffId,
      actorRole: role,
      note,
      outputUploadId: input.outputUploadId ?? null,
      at: now,
    });

    let documentUrl: string | undefined;
    if (target.terminal && (target.outcome ?? 'completed') === 'completed' && services.hooks.onCompletedInTx) {
      const issued = await services.hooks.onCompletedInTx(trx, {
        tenantCode: row.tenant_code,
        applicationId: row.id,
        trackingCode: row.tracking_code!,
        serviceId: row.service_id,
        serviceVersion: row.service_version,
        citizenId: row.citizen_id,
        outputUploadId: input.outputUploadId ?? null,
        actor: { type: 'staff', id: staff.staffId, role },
      });
      documentUrl = issued?.documentUrl;
    }

    const recipients = await citizenRecipientsInTx(trx, row.citizen_id);
    const url = trackUrl(services.baseUrl, row.tracking_code!);
    const base = { trackingCode: row.tracking_code, serviceName: row.service_name, trackUrl: url };
    const label = stateLabel(workflow, target.key);
    const message = target.waitingOnCitizen
      ? { template: 'application.returned', data: { ...base, note } }
      : target.terminal && target.outcome === 'rejected'
        ? { template: 'application.rejected', data: { ...base, note } }
        : target.terminal
          ? { template: 'application.completed', data: { ...base, ...(documentUrl ? { documentUrl } : {}) } }
          : {
              template: 'application.status_changed',
              data: { ...base, status: target.key, statusLabelId: label.id, statusLabelEn: label.en, ...(note ? { note } : {}) },
            };
    await enqueueForRecipientsInTx(trx, {
      tenantCode: row.tenant_code,
      applicationId: row.id,
      seq,
      recipients,
      template: message.template,
      language: row.language,
      data: message.data,
    });

    const updated = (await repo.findApplicationInTx(trx, row.id))!;
    const view = await staffViewInTx(trx, services, updated, roles, now);
    await appendAuditInTx(trx, {
      action: 'application.transition',
      actor: { type: 'staff', id: staff.staffId, role },
      tenantCode: row.tenant_code,
      target: { type: 'application', id: row.id },
      ip: options.context.ip,
      requestId: options.context.requestId,
      detail: {
        from: row.state,
        to: target.key,
        seq,
        rowVersion: updated.row_version,
        ...(input.outputUploadId ? { outputUploadId: input.outputUploadId } : {}),
      },
    });
    return view;
  });
}

export interface AssistedInput {
  nik: string;
  name: string;
  phone?: string;
  email?: string;
  serviceId: string;
  answers: Record<string, unknown>;
  /** Where it is taken: a location of the tenant, or a region code (a desa) inside the staff member's grants. */
  locationId?: string;
  regionCode?: string;
  consent?: { method: 'lisan' | 'tertulis' };
}

function assistedContacts(input: AssistedInput): Recipient[] {
  const out: Recipient[] = [];
  if (input.email?.trim()) {
    const email = input.email.trim().toLowerCase();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(email)) throw new AppError('DESTINATION_INVALID', { channel: 'email' });
    out.push({ channel: 'email', to: email });
  }
  if (input.phone?.trim()) {
    const phone = normalizeIndonesianMobile(input.phone);
    if (!phone) throw new AppError('DESTINATION_INVALID', { channel: 'sms' });
    out.push({ channel: 'sms', to: phone });
  }
  return out;
}

/**
 * A petugas loket or operator desa submits on behalf of a citizen identified by NIK (created when
 * new), recording the citizen's consent, who assisted and where; the citizen gets the tracking
 * code at the contact given (or their verified contacts). Honours an Idempotency-Key like the
 * citizen's own route. Throws NIK_INVALID, ASSISTED_CONSENT_REQUIRED, ASSISTED_CONTACT_REQUIRED,
 * DESTINATION_INVALID, LOCATION_NOT_FOUND, FORBIDDEN, SERVICE_NOT_FOUND, SERVICE_NOT_AVAILABLE,
 * APPLICATION_FORM_INVALID, IDEMPOTENCY_KEY_REUSED.
 */
export async function submitAssisted(
  services: StaffApplicationServices,
  options: { principal: Principal; input: AssistedInput; idempotencyKey?: string; context: RequestContext },
): Promise<Created> {
  const staff = requireStaff(options.principal);
  const anyGrants = authorize(staff, 'application.assist');
  const { input, context } = options;
  const consent = input.consent;
  if (!consent?.method) throw new AppError('ASSISTED_CONSENT_REQUIRED');
  const nik = checkNik(input.nik);
  const nikHmac = hashNik(services.keys, nik);
  const contacts = assistedContacts(input);
  const now = new Date();
  const scope = { ...scopeOfGrants(anyGrants, staff.staffId), authNikHash: nikHmac };
  return withScope(services.db, scope, async (trx) => {
    const key = options.idempotencyKey;
    if (key) {
      const { nik: _nik, ...rest } = input;
      const replay = await claimOrReplayInTx(trx, {
        ownerType: 'staff',
        ownerId: staff.staffId,
        key,
        requestHash: requestHash('POST /assisted-applications', { ...rest, nikHmac }),
      });
      if (replay) return replay;
    }
    const service = await serviceForApplicationInTx(trx, input.serviceId);
    let regionCode: string;
    let locationId: string | null = null;
    if (input.locationId) {
      const location = await findLocationInTx(trx, service.tenant_code, input.locationId);
      if (!location) throw new AppError('LOCATION_NOT_FOUND');
      regionCode = location.region_code;
      locationId = location.id;
    } else if (input.regionCode) {
      regionCode = input.regionCode;
    } else {
      const nodes = [...new Set(anyGrants.map((g) => g.regionCode))];
      regionCode = nodes.length === 1 && nodes[0] ? nodes[0] : service.tenant_code;
    }
    if (!(regionCode === service.tenant_code || regionCode.startsWith(`${service.tenant_code}.`))) {
      throw new AppError('REGION_OUTSIDE_TENANT', { code: regionCode, tenant: service.tenant_code });
    }
    const grants = authorize(staff, 'application.assist', { regionCode, locationId, agencyId: service.agency_id });
    const role = actingRole(grants);

    let citizen = await citizens.findCitizenByNikHashInTx(trx, nikHmac);
    const created = !citizen;
    if (!citizen) {
      if (contacts.length === 0) throw new AppError('ASSISTED_CONTACT_REQUIRED');
      const citizenId = randomUUID();
      await setCitizenInTx(trx, citizenId);
      citizen = await citizens.insertCitizenInTx(trx, {
        id: citizenId,
        nik_hmac: nikHmac,
        nik_ciphertext: encryptNik(services.keys, nik, citizenId),
        name: input.name.trim(),
        email: contacts.find((c) => c.channel === 'email')?.to ?? null,
        phone: contacts.find((c) => c.channel === 'sms')?.to ?? null,
      });
    }

    const id = randomUUID();
    const app = await repo.insertApplicationInTx(trx, service, {
      id,
      citizen_id: citizen.id,
      region_code: regionCode,
      answers: input.answers,
      channel: role === 'operator_desa' ? 'desa' : 'loket',
      assisted_by: staff.staffId,
      assisted_location_id: locationId,
      consent_method: consent.method,
      consent_at: now,
      created_at: now,
    });
    const submitted = await submitInTx(trx, {
      app,
      service,
      answers: input.answers,
      actor: { type: 'staff', id: staff.staffId, role },
      now,
      baseUrl: services.baseUrl,
      recipients: contacts.length > 0 ? contacts : undefined,
      via: 'assisted',
    });
    const body = await newApplicationViewInTx(trx, submitted, now);
    if (key) await repo.storeIdempotentResponseInTx(trx, { ownerId: staff.staffId, key, statusCode: 201, response: body });
    await appendAuditInTx(trx, {
      action: 'application.assisted_submit',
      actor: { type: 'staff', id: staff.staffId, role },
      tenantCode: service.tenant_code,
      target: { type: 'application', id },
      ip: context.ip,
      requestId: context.requestId,
      detail: {
        citizenId: citizen.id,
        citizenCreated: created,
        consentMethod: consent.method,
        regionCode,
        locationId,
        trackingCode: submitted.trackingCode,
      },
    });
    return { status: 201, body, replayed: false };
  });
}

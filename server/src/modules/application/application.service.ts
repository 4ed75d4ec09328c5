import { parseTrackingCode, type FormField, type WorkflowDefinition } from '@layan/domain';
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { withScope, type Scope } from '../../db/scope.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { appendAuditInTx } from '../audit/audit.service.ts';
import type { CitizenPrincipal } from '../citizen/citizen.auth.service.ts';
import type { RequestContext } from '../identity/identity.service.ts';
import * as uploads from '../upload/upload.repo.ts';
import {
  applicationView,
  attachUsableInTx,
  documentsOfApplicationInTx,
  formOf,
  requestHash,
  stateLabel,
  newApplicationViewInTx,
  submitInTx,
  usableUploadsInTx,
  workflowOf,
  type ApplicationHooks,
  type ApplicationView,
  type Submitted,
} from './application.core.ts';
import * as repo from './application.repo.ts';

type Trx = Transaction<DB>;

export interface ApplicationServices {
  db: Kysely<DB>;
  /** LAYAN_PUBLIC_URL or http://localhost:3000, for the links in messages. */
  baseUrl: string;
  hooks: ApplicationHooks;
}

function citizenScope(principal: CitizenPrincipal): Scope {
  return { regions: [], citizenId: principal.citizenId };
}

/** The idempotent answer of a creation: its status and body, and whether it was replayed. */
export interface Created {
  status: number;
  body: ApplicationView;
  replayed: boolean;
}

export interface IdempotencyClaim {
  ownerType: 'citizen' | 'staff';
  ownerId: string;
  key: string;
  requestHash: string;
}

/**
 * Claims the key in the caller's transaction. The unique key decides: a concurrent duplicate
 * waits for the first request's transaction and then finds its stored answer. Returns that
 * answer when the key was used before; throws IDEMPOTENCY_KEY_REUSED when it was used for a
 * different request.
 */
export async function claimOrReplayInTx(trx: Trx, claim: IdempotencyClaim): Promise<Created | undefined> {
  if (await repo.claimIdempotencyKeyInTx(trx, claim)) return undefined;
  const existing = await repo.findIdempotencyKeyInTx(trx, claim.ownerId, claim.key);
  if (!existing || existing.request_hash !== claim.requestHash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
  return { status: existing.status_code ?? 201, body: existing.response as ApplicationView, replayed: true };
}

/** Loads a service to apply for. Throws SERVICE_NOT_FOUND, SERVICE_NOT_AVAILABLE. */
export async function serviceForApplicationInTx(trx: Trx, serviceId: string) {
  const service = await repo.findServiceForApplicationInTx(trx, serviceId);
  if (!service) throw new AppError('SERVICE_NOT_FOUND');
  if (!service.active || service.current_version === null) throw new AppError('SERVICE_NOT_AVAILABLE');
  return service;
}

export async function viewInTx(trx: Trx, id: string, now: Date): Promise<ApplicationView> {
  const row = await repo.findApplicationInTx(trx, id);
  if (!row) throw new AppError('APPLICATION_NOT_FOUND');
  const [events, files, documents] = await Promise.all([
    repo.listEventsInTx(trx, row.tenant_code, row.id),
    uploads.listUploadsOfApplicationInTx(trx, row.tenant_code, row.id),
    documentsOfApplicationInTx(trx, row.tenant_code, row.id),
  ]);
  return applicationView(row, events, files, now, documents);
}

export interface CreateInput {
  serviceId: string;
  answers?: Record<string, unknown>;
  submit?: boolean;
}

/**
 * Creates the citizen's application for a service: a draft, or (with `submit`) submitted at
 * once. With an Idempotency-Key the same request answers the same, and concurrent duplicates
 * create one application. Throws SERVICE_NOT_FOUND, SERVICE_NOT_AVAILABLE,
 * APPLICATION_FORM_INVALID, IDEMPOTENCY_KEY_REUSED.
 */
export async function createApplication(
  services: ApplicationServices,
  options: { principal: CitizenPrincipal; input: CreateInput; idempotencyKey?: string; context: RequestContext },
): Promise<Created> {
  const { principal, input, context } = options;
  const now = new Date();
  return withScope(services.db, citizenScope(principal), async (trx) => {
    const key = options.idempotencyKey;
    if (key) {
      const replay = await claimOrReplayInTx(trx, {
        ownerType: 'citizen',
        ownerId: principal.citizenId,
        key,
        requestHash: requestHash('POST /applications', input),
      });
      if (replay) return replay;
    }
    const service = await serviceForApplicationInTx(trx, input.serviceId);
    const id = randomUUID();
    const answers = input.answers ?? {};
    const app = await repo.insertApplicationInTx(trx, service, {
      id,
      citizen_id: principal.citizenId,
      region_code: service.tenant_code,
      answers,
      channel: 'online',
      created_at: now,
    });
    let submitted: Submitted | undefined;
    let body: ApplicationView;
    if (input.submit) {
      submitted = await submitInTx(trx, {
        app,
        service,
        answers,
        actor: { type: 'citizen', id: principal.citizenId },
        now,
        baseUrl: services.baseUrl,
        via: 'application',
      });
      body = await newApplicationViewInTx(trx, submitted, now);
    } else {
      const usable = await usableUploadsInTx(trx, {
        form: formOf(service),
        answers,
        tenantCode: service.tenant_code,
        applicationId: id,
      });
      await attachUsableInTx(trx, { usable, tenantCode: service.tenant_code, applicationId: id, at: now });
      body = await viewInTx(trx, id, now);
    }
    if (key) await repo.storeIdempotentResponseInTx(trx, { ownerId: principal.citizenId, key, statusCode: 201, response: body });
    await appendAuditInTx(trx, {
      action: submitted ? 'application.submit' : 'application.create',
      actor: { type: 'citizen', id: principal.citizenId },
      tenantCode: service.tenant_code,
      target: { type: 'application', id },
      ip: context.ip,
      requestId: context.requestId,
      detail: {
        serviceId: service.id,
        serviceVersion: service.current_version,
        ...(submitted ? { trackingCode: submitted.trackingCode } : {}),
      },
    });
    return { status: 201, body, replayed: false };
  });
}

async function ownApplicationInTx(trx: Trx, principal: CitizenPrincipal, id: string) {
  const app = await repo.findApplicationInTx(trx, id);
  if (!app || app.citizen_id !== principal.citizenId) throw new AppError('APPLICATION_NOT_FOUND');
  return app;
}

function checkVersion(app: repo.ApplicationRow, expected: number | undefined) {
  if (expected !== undefined && expected !== app.row_version)
    throw new AppError('APPLICATION_STALE', { current: app.row_version });
}

/**
 * Saves a draft's answers (or those of an application returned for a fix) without checking them:
 * the citizen may stop and resume later. Throws APPLICATION_NOT_FOUND, APPLICATION_NOT_EDITABLE,
 * APPLICATION_STALE.
 */
export async function saveAnswers(
  services: ApplicationServices,
  options: {
    principal: CitizenPrincipal;
    id: string;
    answers: Record<string, unknown>;
    expectedVersion?: number;
    context: RequestContext;
  },
) {
  const now = new Date();
  return withScope(services.db, citizenScope(options.principal), async (trx) => {
    const app = await ownApplicationInTx(trx, options.principal, options.id);
    const waiting = workflowOf(app.workflow).states.find((s) => s.key === app.state)?.waitingOnCitizen === true;
    if (app.state !== 'draft' && !waiting) throw new AppError('APPLICATION_NOT_EDITABLE', { state: app.state });
    checkVersion(app, options.expectedVersion);
    const service = await serviceForApplicationInTx(trx, app.service_id);
    const usable = await usableUploadsInTx(trx, {
      form: formOf(service),
      answers: options.answers,
      tenantCode: app.tenant_code,
      applicationId: app.id,
    });
    const changed = await repo.updateApplicationInTx(trx, {
      tenantCode: app.tenant_code,
      id: app.id,
      expectedVersion: app.row_version,
      at: now,
      change: { answers: options.answers },
    });
    if (!changed) throw new AppError('APPLICATION_STALE', { current: app.row_version + 1 });
    await attachUsableInTx(trx, { usable, tenantCode: app.tenant_code, applicationId: app.id, at: now });
    const view = await viewInTx(trx, app.id, now);
    await appendAuditInTx(trx, {
      action: 'application.update',
      actor: { type: 'citizen', id: options.principal.citizenId },
      tenantCode: app.tenant_code,
      target: { type: 'application', id: app.id },
      ip: options.context.ip,
      requestId: options.context.requestId,
      detail: { rowVersion: view.rowVersion },
    });
    return view;
  });
}

/**
 * Submits a draft, or resubmits an application returned for a fix (with new answers, or the
 * saved ones). Throws APPLICATION_NOT_FOUND, APPLICATION_NOT_EDITABLE, APPLICATION_STALE,
 * APPLICATION_FORM_INVALID, SERVICE_NOT_AVAILABLE.
 */
export async function submitApplication(
  services: ApplicationServices,
  options: {
    principal: CitizenPrincipal;
    id: string;
    answers?: Record<string, unknown>;
    expectedVersion?: number;
    context: RequestContext;
  },
) {
  const now = new Date();
  return withScope(services.db, citizenScope(options.principal), async (trx) => {
    const app = await ownApplicationInTx(trx, options.principal, options.id);
    checkVersion(app, options.expectedVersion);
    const waiting = workflowOf(app.workflow).states.find((s) => s.key === app.state)?.waitingOnCitizen === true;
    if (app.state !== 'draft' && !waiting) throw new AppError('APPLICATION_NOT_EDITABLE', { state: app.state });
    const service = await serviceForApplicationInTx(trx, app.service_id);
    const resubmit = app.state !== 'draft';
    const submitted = await submitInTx(trx, {
      app,
      service,
      answers: options.answers ?? app.answers,
      actor: { type: 'citizen', id: options.principal.citizenId },
      now,
      baseUrl: services.baseUrl,
      via: 'application',
    });
    const view = await viewInTx(trx, app.id, now);
    await appendAuditInTx(trx, {
      action: resubmit ? 'application.resubmit' : 'application.submit',
      actor: { type: 'citizen', id: options.principal.citizenId },
      tenantCode: app.tenant_code,
      target: { type: 'application', id: app.id },
      ip: options.context.ip,
      requestId: options.context.requestId,
      detail: { trackingCode: submitted.trackingCode, seq: submitted.seq, serviceVersion: service.current_version },
    });
    return view;
  });
}

/** One of the citizen's own applications. Throws APPLICATION_NOT_FOUND. */
export async function getOwnApplication(services: ApplicationServices, principal: CitizenPrincipal, id: string) {
  return withScope(services.db, citizenScope(principal), async (trx) => {
    await ownApplicationInTx(trx, principal, id);
    return viewInTx(trx, id, new Date());
  });
}

/** The citizen's applications, newest first (drafts included), without answers or history. */
export async function listOwnApplications(services: ApplicationServices, principal: CitizenPrincipal) {
  const now = new Date();
  return withScope(services.db, citizenScope(principal), async (trx) => {
    const rows = await repo.listCitizenApplicationsInTx(trx, principal.citizenId);
    return rows.map((row) => {
      const {
        answers: _answers,
        uploads: _uploads,
        history: _history,
        documents: _documents,
        ...summary
      } = applicationView(row, [], [], now);
      return summary;
    });
  });
}

function findFileField(fields: readonly FormField[], key: string): Extract<FormField, { type: 'file' }> | undefined {
  for (const field of fields) {
    if (field.type === 'file' && field.key === key) return field;
    if (field.type === 'group') {
      const inner = findFileField(field.fields, key);
      if (inner) return inner;
    }
  }
  return undefined;
}

/** The accepted types and size limit of a file field of a service's published form. Throws SERVICE_NOT_FOUND, SERVICE_NOT_AVAILABLE, VALIDATION_FAILED. */
export async function fileFieldLimits(db: Kysely<DB>, options: { serviceId: string; field: string }) {
  const service = await withScope(db, { regions: [] }, (trx) => serviceForApplicationInTx(trx, options.serviceId));
  const field = findFileField(formOf(service).fields, options.field);
  if (!field) throw new AppError('VALIDATION_FAILED', { detail: `no file field "${options.field}" in this service's form` });
  return { accept: field.accept, maxBytes: field.maxBytes };
}

/**
 * The public tracking answer: service, agency, status, dates and history, nothing personal and no
 * notes. Throws TRACKING_CODE_INVALID, APPLICATION_NOT_FOUND.
 */
export async function trackApplication(db: Kysely<DB>, input: string) {
  const code = parseTrackingCode(input);
  if (!code) throw new AppError('TRACKING_CODE_INVALID');
  const record = await withScope(db, { regions: [] }, (trx) => repo.trackApplicationInTx(trx, code));
  if (!record) throw new AppError('APPLICATION_NOT_FOUND');
  const workflow: WorkflowDefinition = workflowOf(record.workflow);
  return {
    trackingCode: record.trackingCode,
    tenantCode: record.tenantCode,
    service: { id: record.serviceId, slug: record.serviceSlug, name: record.serviceName },
    agencyName: record.agencyName,
    state: record.state,
    stateLabel: stateLabel(workflow, record.state),
    submittedAt: new Date(record.submittedAt).toISOString(),
    dueAt: record.dueAt ? new Date(record.dueAt).toISOString() : null,
    dueDate: record.dueDate,
    closedAt: record.closedAt ? new Date(record.closedAt).toISOString() : null,
    outcome: record.outcome,
    history: record.history.map((h) => ({
      state: h.state,
      label: stateLabel(workflow, h.state),
      at: new Date(h.at).toISOString(),
    })),
  };
}

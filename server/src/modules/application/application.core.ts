import { enqueueInTx } from '../outbox/outbox.repo.ts';
/**
 * What every application path shares: the workflow and calendar of an application, answers
 * with their uploads resolved, the submission step, the outbox messages, and the views.
 */
import { recordServiceUseInTx } from '../catalog/catalog.usage.repo.ts';
import { listDocumentsForSubjectInTx } from '../document/document.service.ts';
import {
  applicationDeadline,
  createWorkCalendar,
  DEFAULT_WORKFLOW,
  generateTrackingCode,
  localDateOf,
  slaRisk,
  timeZoneOfRegion,
  validateFormAnswers,
  workflowState,
  type FormDefinition,
  type FormField,
  type SlaUnit,
  type WorkCalendar,
  type WorkflowDefinition,
} from '@layan/domain';
import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { linkCitizenInTx } from '../citizen/citizen.link.repo.ts';
import { findCitizenContactsInTx } from '../citizen/citizen.repo.ts';
import * as uploads from '../upload/upload.repo.ts';
import * as repo from './application.repo.ts';

type Trx = Transaction<DB>;

/** Who acts: the citizen themselves, a staff member (with the role used), or the scheduler. */
export type Actor = { type: 'citizen'; id: string } | { type: 'staff'; id: string; role: string } | { type: 'system'; id: null };

export interface Recipient {
  channel: 'email' | 'sms';
  to: string;
}

/** Extension points wired by the lead (docs/APPLICATIONS.md, "Completion"). */
export interface ApplicationHooks {
  /**
   * Runs inside the transaction that moves an application to a completed state, before its audit
   * entry: e.g. the documents module's issueDocumentInTx. May return the URL of the document issued,
   * which goes into the citizen's message.
   */
  onCompletedInTx?: (
    trx: Trx,
    completed: {
      tenantCode: string;
      applicationId: string;
      trackingCode: string;
      serviceId: string;
      serviceVersion: number;
      citizenId: string;
      outputUploadId: string | null;
      actor: Actor;
    },
  ) => Promise<{ documentUrl?: string } | void>;
}

export function workflowOf(stored: Record<string, unknown> | null | undefined): WorkflowDefinition {
  return (stored as WorkflowDefinition | null | undefined) ?? DEFAULT_WORKFLOW;
}

const calendars = new Map<string, WorkCalendar>();

/** The tenant's working calendar: national holidays and cuti bersama in the tenant's time zone. */
export function calendarOf(tenantCode: string): WorkCalendar {
  const zone = timeZoneOfRegion(tenantCode) ?? 'Asia/Jakarta';
  let calendar = calendars.get(zone);
  if (!calendar) {
    calendar = createWorkCalendar({ timeZone: zone });
    calendars.set(zone, calendar);
  }
  return calendar;
}

export function stateLabel(workflow: WorkflowDefinition, state: string) {
  if (state === 'draft') return { id: 'Draf', en: 'Draft' };
  const label = workflowState(workflow, state)?.label;
  return { id: label?.id ?? state, en: label?.en ?? label?.id ?? state };
}

export function riskOf(
  row: Pick<repo.ApplicationRow, 'tenant_code' | 'due_date' | 'due_at' | 'sla_unit' | 'closed_at' | 'state'>,
  now: Date,
) {
  if (row.state === 'draft') return null;
  return slaRisk({
    calendar: calendarOf(row.tenant_code),
    now,
    dueDate: row.due_date,
    dueAt: row.due_at,
    unit: (row.sla_unit ?? undefined) as SlaUnit | undefined,
    closed: row.closed_at !== null,
  });
}

/** Stable JSON (sorted keys) for request hashes. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export function requestHash(route: string, body: unknown): string {
  return createHash('sha256')
    .update(`${route}\n${canonicalJson(body)}`)
    .digest('hex');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The upload id an answer item names: the id itself, `{ uploadId }` or a stored FileValue `{ ref }`. */
function uploadIdOf(item: unknown): string | undefined {
  if (typeof item === 'string' && UUID.test(item)) return item.toLowerCase();
  if (item && typeof item === 'object') {
    const record = item as Record<string, unknown>;
    const id = record.uploadId ?? record.ref;
    if (typeof id === 'string' && UUID.test(id)) return id.toLowerCase();
  }
  return undefined;
}

/** Calls `visit` for every file field's answer list (groups included), letting it replace the list. */
function mapFileAnswers(
  fields: readonly FormField[],
  answers: Record<string, unknown>,
  visit: (items: unknown[]) => unknown[],
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...answers };
  for (const field of fields) {
    const value = answers[field.key];
    if (value === undefined || value === null) continue;
    if (field.type === 'file') {
      out[field.key] = visit(Array.isArray(value) ? value : [value]);
    } else if (field.type === 'group' && Array.isArray(value)) {
      out[field.key] = value.map((item) =>
        item && typeof item === 'object' && !Array.isArray(item)
          ? mapFileAnswers(field.fields, item as Record<string, unknown>, visit)
          : item,
      );
    }
  }
  return out;
}

/** The upload ids the answers name. */
export function uploadIdsIn(form: FormDefinition, answers: Record<string, unknown>): string[] {
  const ids = new Set<string>();
  mapFileAnswers(form.fields, answers, (items) => {
    for (const item of items) {
      const id = uploadIdOf(item);
      if (id) ids.add(id);
    }
    return items;
  });
  return [...ids];
}

/**
 * Replaces upload ids in file answers by what the form rules check (name, sniffed type, size,
 * ref = upload id). An id the caller cannot use (unknown, or attached to another application)
 * becomes an invalid file, which the form rules report at its path.
 */
export function resolveFileAnswers(
  form: FormDefinition,
  answers: Record<string, unknown>,
  usable: ReadonlyMap<string, uploads.UploadRow>,
): Record<string, unknown> {
  return mapFileAnswers(form.fields, answers, (items) =>
    items.map((item) => {
      const id = uploadIdOf(item);
      const row = id ? usable.get(id) : undefined;
      if (!row) return { unknownUpload: id ?? String(item) };
      return { name: row.file_name, mimeType: row.media_type, size: row.size, ref: row.id };
    }),
  );
}

/** The uploads the answers name that this application may use: the caller's unattached ones, or its own. */
export async function usableUploadsInTx(
  trx: Trx,
  options: { form: FormDefinition; answers: Record<string, unknown>; tenantCode: string; applicationId: string },
): Promise<Map<string, uploads.UploadRow>> {
  const rows = await uploads.findUploadsInTx(trx, uploadIdsIn(options.form, options.answers));
  return new Map(
    rows
      .filter(
        (r) => r.application_id === null || (r.application_id === options.applicationId && r.tenant_code === options.tenantCode),
      )
      .map((r) => [r.id, r]),
  );
}

export async function attachUsableInTx(
  trx: Trx,
  options: { usable: ReadonlyMap<string, uploads.UploadRow>; tenantCode: string; applicationId: string; at: Date },
): Promise<void> {
  const ids = [...options.usable.values()].filter((r) => r.application_id === null).map((r) => r.id);
  await uploads.attachUploadsInTx(trx, {
    ids,
    tenantCode: options.tenantCode,
    applicationId: options.applicationId,
    at: options.at,
  });
}

export function formOf(service: repo.ServiceForApplication): FormDefinition {
  return (
    (service.form_definition as FormDefinition | null) ?? {
      id: service.slug,
      version: 1,
      title: { id: service.name },
      fields: [],
    }
  );
}

export function publicUrl(base: string | undefined): string {
  return (base ?? 'http://localhost:3000').replace(/\/$/, '');
}

export function trackUrl(base: string, code: string): string {
  return `${base}/lacak/${code}`;
}

/** The citizen's verified contacts, as message recipients. */
export async function citizenRecipientsInTx(trx: Trx, citizenId: string): Promise<Recipient[]> {
  const citizen = await findCitizenContactsInTx(trx, citizenId);
  const out: Recipient[] = [];
  if (citizen?.email) out.push({ channel: 'email', to: citizen.email });
  if (citizen?.phone) out.push({ channel: 'sms', to: citizen.phone });
  return out;
}

export async function enqueueForRecipientsInTx(
  trx: Trx,
  options: {
    tenantCode: string;
    applicationId: string;
    seq: number;
    recipients: readonly Recipient[];
    template: string;
    language: 'id' | 'en';
    data: Record<string, unknown>;
  },
): Promise<void> {
  for (const r of options.recipients) {
    await enqueueInTx(trx, {
      tenantCode: options.tenantCode,
      channel: r.channel,
      recipient: r.to,
      template: options.template,
      language: options.language,
      data: options.data,
      dedupeKey: `application:${options.applicationId}:${options.seq}:${r.channel}`,
    });
  }
}

export interface SubmitOptions {
  app: repo.ApplicationRow;
  service: repo.ServiceForApplication;
  answers: Record<string, unknown>;
  actor: Actor;
  now: Date;
  baseUrl: string;
  /** Who hears about it; default the citizen's verified contacts. */
  recipients?: readonly Recipient[];
  via: 'application' | 'assisted';
}

/**
 * Submits a draft, or resubmits an application returned to the citizen, in the caller's
 * transaction: checks the answers against the service's published form (pinning that version),
 * gives the tracking code, computes the deadline with the domain clock (the citizen's waits
 * removed), attaches the uploads, writes the history row, links the citizen to the region and
 * enqueues the citizen's messages. The caller appends the audit entry. Throws
 * APPLICATION_NOT_EDITABLE, APPLICATION_FORM_INVALID, APPLICATION_STALE.
 */
export interface Submitted {
  seq: number;
  trackingCode: string;
  /** The application as this submission left it. */
  app: repo.ApplicationRow;
  /** The history row it wrote. */
  event: repo.EventRow;
  /** How many uploads the answers use (attached now or before). */
  uploadCount: number;
}

export async function submitInTx(trx: Trx, options: SubmitOptions): Promise<Submitted> {
  const { app, service, now } = options;
  const first = app.submitted_at === null;
  const workflow = first ? workflowOf(service.workflow) : workflowOf(app.workflow);
  const waiting = workflowState(workflow, app.state)?.waitingOnCitizen === true;
  if (!first && !waiting) throw new AppError('APPLICATION_NOT_EDITABLE', { state: app.state });
  if (!service.active || service.current_version === null) throw new AppError('SERVICE_NOT_AVAILABLE');

  const form = formOf(service);
  const usable = await usableUploadsInTx(trx, {
    form,
    answers: options.answers,
    tenantCode: app.tenant_code,
    applicationId: app.id,
  });
  const calendar = calendarOf(app.tenant_code);
  const checked = validateFormAnswers(form, resolveFileAnswers(form, options.answers, usable), {
    today: localDateOf(now, calendar.timeZone),
  });
  if (!checked.ok) {
    throw new AppError(
      'APPLICATION_FORM_INVALID',
      { paths: checked.issues.map((i) => i.path).join(', ') },
      { issues: checked.issues.map((i) => ({ path: i.path, code: i.code, message: i.message, messageEn: i.messageEn })) },
    );
  }

  // A first submission counts towards the service's "most used" ranking (docs/CATALOG.md).
  if (first)
    await recordServiceUseInTx(trx, { tenantCode: app.tenant_code, serviceId: app.service_id, kind: 'application', at: now });
  const events = first ? [] : await repo.listEventsInTx(trx, app.tenant_code, app.id);
  const seq = events.length + 1;
  const history = [...events.map((e) => ({ state: e.to_state, at: e.at })), { state: workflow.initial, at: now }];
  const serviceTime = (service.standard as { serviceTime?: { amount: number; unit: SlaUnit } } | null)?.serviceTime;
  const deadline = serviceTime
    ? applicationDeadline({ calendar, submittedAt: app.submitted_at ?? now, serviceTime, history, workflow })
    : undefined;
  const trackingCode = app.tracking_code ?? generateTrackingCode();
  const changed = await repo.submitApplicationInTx(trx, {
    tenantCode: app.tenant_code,
    id: app.id,
    expectedVersion: app.row_version,
    at: now,
    change: {
      state: workflow.initial,
      answers: checked.values as Record<string, unknown>,
      service_version: service.current_version,
      // A resubmission keeps the code, the first submission time and the workflow it was given.
      tracking_code: trackingCode,
      submitted_at: app.submitted_at ?? now,
      workflow: first ? (service.workflow ? (workflow as unknown as Record<string, unknown>) : null) : app.workflow,
      sla_amount: serviceTime?.amount ?? null,
      sla_unit: serviceTime?.unit ?? null,
      due_at: deadline?.dueAt ?? null,
      due_date: deadline?.dueDate ?? null,
      calendar_version: deadline?.calendarVersion ?? null,
    },
  });
  if (!changed) throw new AppError('APPLICATION_STALE', { current: app.row_version + 1 });
  await attachUsableInTx(trx, { usable, tenantCode: app.tenant_code, applicationId: app.id, at: now });
  const event: repo.EventRow = {
    seq,
    from_state: first ? null : app.state,
    to_state: workflow.initial,
    actor_type: options.actor.type,
    actor_id: options.actor.id,
    actor_role: options.actor.type === 'staff' ? options.actor.role : null,
    note: null,
    output_upload_id: null,
    at: now,
  };
  await repo.insertEventInTx(trx, {
    tenantCode: app.tenant_code,
    applicationId: app.id,
    seq,
    from: event.from_state,
    to: event.to_state,
    actorType: event.actor_type,
    actorId: event.actor_id,
    actorRole: event.actor_role,
    at: now,
  });
  await linkCitizenInTx(trx, {
    tenantCode: app.tenant_code,
    citizenId: app.citizen_id,
    regionCode: app.region_code,
    via: options.via,
  });
  const recipients = options.recipients ?? (await citizenRecipientsInTx(trx, app.citizen_id));
  const url = trackUrl(options.baseUrl, trackingCode);
  const timeZone = calendar.timeZone;
  if (first) {
    await enqueueForRecipientsInTx(trx, {
      tenantCode: app.tenant_code,
      applicationId: app.id,
      seq,
      recipients,
      template: 'application.submitted',
      language: app.language,
      data: {
        trackingCode,
        serviceName: service.name,
        agencyName: service.agency_name,
        trackUrl: url,
        dueDate: deadline?.dueDate ?? null,
        timeZone,
      },
    });
  } else {
    const label = stateLabel(workflow, workflow.initial);
    await enqueueForRecipientsInTx(trx, {
      tenantCode: app.tenant_code,
      applicationId: app.id,
      seq,
      recipients,
      template: 'application.status_changed',
      language: app.language,
      data: {
        trackingCode,
        serviceName: service.name,
        status: workflow.initial,
        statusLabelId: label.id,
        statusLabelEn: label.en,
        trackUrl: url,
        timeZone,
      },
    });
  }
  const names = { service_name: app.service_name, service_slug: app.service_slug, agency_name: app.agency_name };
  return { seq, trackingCode, app: { ...changed, ...names }, event, uploadCount: usable.size };
}

/**
 * A new application's view from what its transaction wrote, instead of reading it back: the row
 * as inserted and submitted, its one history row, no documents yet; the uploads it attached are
 * read (only when there are any). GET /applications/:id answers the same (tested).
 */
export async function newApplicationViewInTx(trx: Trx, submitted: Submitted, now: Date): Promise<ApplicationView> {
  const files = submitted.uploadCount
    ? await uploads.listUploadsOfApplicationInTx(trx, submitted.app.tenant_code, submitted.app.id)
    : [];
  return applicationView(submitted.app, [submitted.event], files, now, []);
}

/** An output document issued for the application (docs/DOCUMENTS.md), as its views list it. */
export interface DocumentLink {
  id: string;
  title_id: string;
  title_en: string | null;
  decision: string;
  issued_at: Date;
  revoked_at: Date | null;
}

/** The output documents issued for an application, newest first. */
export async function documentsOfApplicationInTx(trx: Trx, tenantCode: string, applicationId: string): Promise<DocumentLink[]> {
  return listDocumentsForSubjectInTx(trx, { tenantCode, type: 'application', id: applicationId });
}

/** The application as its citizen sees it (and, with `staff`, as an officer sees it). */
export function applicationView(
  row: repo.ApplicationRow,
  events: readonly repo.EventRow[],
  files: readonly uploads.UploadRow[],
  now: Date,
  documents: readonly DocumentLink[] = [],
) {
  const workflow = workflowOf(row.workflow);
  return {
    id: row.id,
    trackingCode: row.tracking_code,
    tenantCode: row.tenant_code,
    service: { id: row.service_id, slug: row.service_slug, name: row.service_name, version: row.service_version },
    agency: { id: row.agency_id, name: row.agency_name },
    state: row.state,
    stateLabel: stateLabel(workflow, row.state),
    rowVersion: row.row_version,
    channel: row.channel,
    answers: row.answers,
    uploads: files.map((f) => ({ id: f.id, fileName: f.file_name, mediaType: f.media_type, size: f.size, sha256: f.sha256 })),
    documents: documents.map((d) => ({
      id: d.id,
      title: { id: d.title_id, en: d.title_en ?? d.title_id },
      decision: d.decision,
      issuedAt: d.issued_at.toISOString(),
      revoked: d.revoked_at !== null,
      url: `/api/v1/documents/${d.id}/pdf`,
    })),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    submittedAt: row.submitted_at?.toISOString() ?? null,
    sla: {
      amount: row.sla_amount,
      unit: row.sla_unit,
      dueAt: row.due_at?.toISOString() ?? null,
      dueDate: row.due_date,
      risk: riskOf(row, now),
    },
    closedAt: row.closed_at?.toISOString() ?? null,
    outcome: row.outcome,
    history: events.map((e) => ({
      seq: e.seq,
      from: e.from_state,
      to: e.to_state,
      toLabel: stateLabel(workflow, e.to_state),
      at: e.at.toISOString(),
      by: e.actor_type,
      note: e.note,
      outputUploadId: e.output_upload_id,
    })),
  };
}

export type ApplicationView = ReturnType<typeof applicationView>;

import {
  COMPLAINT_RULES,
  COMPLAINT_STATUS_LABELS,
  complaintDeadline,
  isPastDueDate,
  type ComplaintAction,
  type ComplaintStatus,
} from '@layan/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { absoluteUrl, tenantCalendar } from './complaint.calendar.ts';
import { publicEvidenceView, type EvidenceRow } from './complaint.evidence.ts';
import type * as repo from './complaint.repo.ts';

export interface ComplaintDeps {
  db: Kysely<DB>;
  /** LAYAN_PUBLIC_URL, for the links in messages. */
  publicUrl?: string;
}

export const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function trackUrl(deps: ComplaintDeps, code: string) {
  return absoluteUrl(deps.publicUrl, `/pengaduan/lacak?kode=${encodeURIComponent(code)}`);
}

export function deadlineDate(options: Parameters<typeof complaintDeadline>[0]) {
  return complaintDeadline(options).dueDate!;
}

function agencyName(row: repo.ComplaintRow) {
  return row.assigned_agency_name ?? null;
}

/** The reporter's own view: status, public timeline (no staff, no internal notes), answer, the names of their evidence. */
export function publicView(
  row: repo.ComplaintRow,
  events: Awaited<ReturnType<typeof repo.listEventsInTx>>,
  now: Date,
  evidence: readonly EvidenceRow[],
) {
  const calendar = tenantCalendar(row.tenant_code);
  const status = row.status as ComplaintStatus;
  const canReopen =
    status === 'selesai' &&
    row.reopen_until !== null &&
    !isPastDueDate(calendar, row.reopen_until, now) &&
    row.reopen_count < COMPLAINT_RULES.maxReopens;
  return {
    trackingCode: row.tracking_code,
    tenantCode: row.tenant_code,
    kind: row.kind,
    category: row.category,
    title: row.title,
    body: row.body,
    region: { code: row.region_code, name: row.region_name },
    anonymous: row.anonymous,
    confidential: row.confidential,
    status,
    statusLabel: COMPLAINT_STATUS_LABELS[status],
    filedAt: row.filed_at.toISOString(),
    timeZone: calendar.timeZone,
    verifyDueDate: row.verify_due_date!,
    responseDueDate: row.response_due_date,
    agency: row.assigned_agency_id ? { id: row.assigned_agency_id, name: agencyName(row) } : null,
    answer: row.answer,
    answeredAt: iso(row.answered_at),
    closedNote: row.closed_note,
    reopenUntil: row.reopen_until,
    reopenCount: row.reopen_count,
    canReopen,
    canRate: status === 'selesai' && row.rating === null,
    rating: row.rating,
    evidence: publicEvidenceView(evidence),
    timeline: events
      .filter((e) => e.action !== 'escalate')
      .map((e) => ({
        action: e.action,
        status: e.to_status,
        statusLabel: COMPLAINT_STATUS_LABELS[e.to_status as ComplaintStatus] ?? null,
        agencyName: e.agency_name,
        at: e.at.toISOString(),
        dueDate: e.due_date,
      })),
  };
}

export function refuse(action: ComplaintAction, status: string): AppError {
  return new AppError('COMPLAINT_ACTION_NOT_ALLOWED', { action, status });
}

/**
 * The reporter reopens an answered complaint within the window: it goes back to the agency with a
 * fresh response deadline. Throws COMPLAINT_CODE_INVALID, COMPLAINT_NOT_FOUND,
 * COMPLAINT_ACTION_NOT_ALLOWED, COMPLAINT_REOPEN_EXPIRED.
 */

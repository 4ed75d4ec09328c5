import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_KINDS,
  COMPLAINT_RULES,
  COMPLAINT_STATUS_LABELS,
  COMPLAINT_STATUSES,
  addCalendarDays,
  findComplaintCategory,
  localDateOf,
  startOfLocalDay,
  type ComplaintStatus,
} from '@layan/domain';
import { withScope } from '../../db/scope.ts';
import { AppError } from '../../errors.ts';
import { appendAuditInTx } from '../audit/audit.service.ts';
import { actingRole, authorize, requireStaff, scopeOfGrants } from '../identity/identity.authorize.ts';
import type { Caller } from '../tenancy/tenancy.service.ts';
import { tenantCalendar } from './complaint.calendar.ts';
import * as repo from './complaint.repo.ts';
import type { ComplaintDeps } from './complaint.service.ts';

/** The categories, kinds and deadlines the form and the API accept (public). */
export function listCategories() {
  return {
    kinds: [...COMPLAINT_KINDS],
    categories: COMPLAINT_CATEGORIES.map((c) => ({ ...c, responseDays: COMPLAINT_RULES.responseDays[c.defaultClass] })),
    verifyDays: COMPLAINT_RULES.verifyDays,
    reopenDays: COMPLAINT_RULES.reopenDays,
  };
}

function period(tenantCode: string, from: string | undefined, to: string | undefined, now: Date) {
  const zone = tenantCalendar(tenantCode).timeZone;
  const last = to ?? localDateOf(now, zone);
  const first = from ?? `${last.slice(0, 4)}-01-01`;
  if (first > last) throw new AppError('VALIDATION_FAILED', { detail: 'from is after to' });
  return { first, last, start: startOfLocalDay(first, zone), end: startOfLocalDay(addCalendarDays(last, 1), zone) };
}

/**
 * Public statistics of a tenant's complaints filed in a period (default: this year to date): volume
 * by status and category, the share answered by their deadline, overdue ones, the mean rating.
 * Counts only, never a complaint. Throws TENANT_NOT_FOUND, VALIDATION_FAILED.
 */
export async function complaintStats(deps: ComplaintDeps, options: { tenant: string; from?: string; to?: string; now?: Date }) {
  const now = options.now ?? new Date();
  const { first, last, start, end } = period(options.tenant, options.from, options.to, now);
  const calendar = tenantCalendar(options.tenant);
  const exists = await withScope(deps.db, { regions: [] }, (trx) => repo.findTenantInTx(trx, options.tenant));
  if (!exists) throw new AppError('TENANT_NOT_FOUND', { code: options.tenant });
  // Aggregates need every complaint of the tenant: this unit of work reads them in the tenant's
  // scope and returns counts only (docs/COMPLAINTS.md, "Public statistics").
  return withScope(deps.db, { regions: [options.tenant] }, async (trx) => {
    const today = localDateOf(now, calendar.timeZone);
    const stats = await repo.statsInTx(trx, { tenantCode: options.tenant, from: start, to: end, today });
    const answered = await repo.listAnsweredInTx(trx, { tenantCode: options.tenant, from: start, to: end });
    const onTime = answered.filter(
      (a) => a.response_due_date !== null && localDateOf(a.answered_at!, calendar.timeZone) <= a.response_due_date,
    ).length;
    const counts = new Map(stats.byStatus.map((s) => [s.status, s.n]));
    return {
      tenantCode: options.tenant,
      from: first,
      to: last,
      total: stats.byStatus.reduce((a, s) => a + s.n, 0),
      byStatus: COMPLAINT_STATUSES.map((s) => ({ status: s, label: COMPLAINT_STATUS_LABELS[s], count: counts.get(s) ?? 0 })),
      byCategory: stats.byCategory.map((c) => {
        const category = findComplaintCategory(c.category);
        return { category: c.category, name: category?.name ?? c.category, nameEn: category?.nameEn ?? c.category, count: c.n };
      }),
      answered: answered.length,
      answeredOnTime: onTime,
      onTimeRate: answered.length > 0 ? onTime / answered.length : null,
      overdue: stats.answered.overdue,
      rated: stats.answered.rated,
      ratingAverage: stats.answered.rating_avg === null ? null : Math.round(stats.answered.rating_avg * 100) / 100,
    };
  });
}

/** Column order of the SP4N-LAPOR! export (docs/COMPLAINTS.md documents each). */
export const LAPOR_COLUMNS = [
  'nomor_pelacakan',
  'jenis',
  'kategori',
  'judul',
  'isi',
  'tanggal_laporan',
  'tanggal_kejadian',
  'kode_lokasi',
  'nama_lokasi',
  'instansi_tujuan',
  'anonim',
  'rahasia',
  'status',
  'tanggapan',
  'tanggal_tanggapan',
  'nama_pelapor',
  'email_pelapor',
  'telepon_pelapor',
] as const;

type LaporRecord = Record<(typeof LAPOR_COLUMNS)[number], string | boolean | null>;

function csvCell(value: string | boolean | null): string {
  if (value === null) return '';
  const text = typeof value === 'boolean' ? (value ? 'ya' : 'tidak') : value;
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * A tenant's complaints filed in [from, to] in the shape SP4N-LAPOR! takes, as JSON records or CSV.
 * The reporter's name and contact appear only for named complaints (RLS hides anonim ones even
 * here). Coordinators only; audited. Throws AUTH_REQUIRED, FORBIDDEN, VALIDATION_FAILED.
 */
export async function exportForLapor(
  deps: ComplaintDeps,
  options: { caller: Caller; tenant: string; from: string; to: string; now?: Date },
) {
  const grants = authorize(options.caller.principal, 'complaint.coordinate', { regionCode: options.tenant });
  const staffId = requireStaff(options.caller.principal).staffId;
  const { first, last, start, end } = period(options.tenant, options.from, options.to, options.now ?? new Date());
  return withScope(deps.db, scopeOfGrants(grants, staffId), async (trx) => {
    const rows = await repo.listForExportInTx(trx, { tenantCode: options.tenant, from: start, to: end });
    const records: LaporRecord[] = [];
    let named = 0;
    for (const row of rows) {
      const reporter = await repo.findReporterInTx(trx, row.tenant_code, row.id);
      if (reporter && (reporter.name || reporter.email || reporter.phone)) named++;
      records.push({
        nomor_pelacakan: row.tracking_code,
        jenis: row.kind,
        kategori: findComplaintCategory(row.category)?.name ?? row.category,
        judul: row.title,
        isi: row.body,
        tanggal_laporan: row.filed_at.toISOString(),
        tanggal_kejadian: row.incident_date,
        kode_lokasi: row.region_code,
        nama_lokasi: row.region_name,
        instansi_tujuan: row.assigned_agency_name ?? row.agency_name ?? null,
        anonim: row.anonymous,
        rahasia: row.confidential,
        status: COMPLAINT_STATUS_LABELS[row.status as ComplaintStatus]?.id ?? row.status,
        tanggapan: row.answer,
        tanggal_tanggapan: row.answered_at ? row.answered_at.toISOString() : null,
        nama_pelapor: reporter?.name ?? null,
        email_pelapor: reporter?.email ?? null,
        telepon_pelapor: reporter?.phone ?? null,
      });
    }
    await appendAuditInTx(trx, {
      action: 'complaint.export',
      actor: { type: 'staff', id: staffId, role: actingRole(grants) },
      tenantCode: options.tenant,
      ip: options.caller.context.ip,
      requestId: options.caller.context.requestId,
      detail: { from: first, to: last, complaints: records.length, namedReporters: named, target: 'sp4n-lapor' },
    });
    const csv =
      [LAPOR_COLUMNS.join(','), ...records.map((r) => LAPOR_COLUMNS.map((c) => csvCell(r[c])).join(','))].join('\r\n') + '\r\n';
    return { from: first, to: last, records, csv };
  });
}

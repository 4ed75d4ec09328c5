import type { Kysely } from 'kysely';
import { withScope, type Scope } from '../../db/scope.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { appendAuditInTx } from '../audit/audit.service.ts';
import type { RequestContext } from '../identity/identity.service.ts';
import type { CitizenPrincipal } from './citizen.auth.service.ts';
import { DATA_REQUEST_DUE_MS } from './citizen.config.ts';
import { decryptNik, maskNik, type CitizenKeys } from './citizen.nik.ts';
import { listCitizenLinksInTx } from './citizen.link.repo.ts';
import * as repo from './citizen.repo.ts';
import * as rights from './citizen.rights.repo.ts';

/** What the citizen's own routes need. */
export interface CitizenDataServices {
  db: Kysely<DB>;
  keys: CitizenKeys;
}

function scopeOf(principal: CitizenPrincipal): Scope {
  return { regions: [], citizenId: principal.citizenId };
}

export function profileView(keys: CitizenKeys, row: repo.CitizenRow) {
  return {
    id: row.id,
    name: row.name,
    nik: maskNik(decryptNik(keys, row.nik_ciphertext, row.id)),
    email: row.email,
    phone: row.phone,
    hasPassword: row.password_hash !== null,
    createdAt: row.created_at.toISOString(),
    lastSignInAt: row.last_sign_in_at?.toISOString() ?? null,
  };
}

function consentView(row: rights.ConsentRecordRow, currentVersions: Map<string, number>) {
  return {
    id: row.id,
    purpose: row.purpose,
    version: row.version,
    givenAt: row.given_at.toISOString(),
    withdrawnAt: row.withdrawn_at?.toISOString() ?? null,
    active: row.withdrawn_at === null,
    currentVersion: currentVersions.get(row.purpose) ?? row.version,
  };
}

export function noticeView(row: rights.ConsentNoticeRow) {
  return {
    purpose: row.purpose,
    version: row.version,
    title: { id: row.title_id, en: row.title_en },
    text: { id: row.text_id, en: row.text_en },
    publishedAt: row.published_at.toISOString(),
  };
}

export function dataRequestView(row: rights.DataRequestRow, now = new Date()) {
  return {
    id: row.id,
    kind: row.kind,
    detail: row.detail,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    dueAt: row.due_at.toISOString(),
    overdue: row.status === 'open' && now > row.due_at,
    outcome: row.outcome,
    resolution: row.resolution,
    handledAt: row.handled_at?.toISOString() ?? null,
  };
}

/** `a***@example.com`, `+62812****5678`: enough for the citizen to recognise, not to read someone else's. */
export function maskDestination(destination: string): string {
  const at = destination.indexOf('@');
  if (at > 0) return `${destination[0]}***${destination.slice(at)}`;
  return `${destination.slice(0, 6)}${'*'.repeat(Math.max(0, destination.length - 10))}${destination.slice(-4)}`;
}

/** The signed-in citizen's profile. Throws AUTH_REQUIRED when the account is gone. */
export async function getProfile(services: CitizenDataServices, principal: CitizenPrincipal) {
  const row = await withScope(services.db, scopeOf(principal), (trx) => repo.findCitizenInTx(trx, principal.citizenId));
  if (!row) throw new AppError('AUTH_REQUIRED');
  return profileView(services.keys, row);
}

/** Changes the name (contacts change only through a code sent to them: not built yet). */
export async function updateProfile(
  services: CitizenDataServices,
  principal: CitizenPrincipal,
  input: { name: string },
  context: RequestContext,
) {
  const row = await withScope(services.db, scopeOf(principal), async (trx) => {
    const updated = await repo.updateCitizenNameInTx(trx, { id: principal.citizenId, name: input.name.trim() });
    await appendAuditInTx(trx, {
      action: 'citizen.profile_update',
      actor: { type: 'citizen', id: principal.citizenId },
      target: { type: 'citizen', id: principal.citizenId },
      ip: context.ip,
      requestId: context.requestId,
      detail: { fields: ['name'] },
    });
    return updated;
  });
  return profileView(services.keys, row);
}

/** The current notice of every purpose (public). */
export async function listConsentNotices(db: Kysely<DB>) {
  const rows = await withScope(db, { regions: [] }, (trx) => rights.listCurrentNoticesInTx(trx));
  return rows.map(noticeView);
}

/** Every consent the citizen gave, newest first, withdrawn ones included. */
export async function listConsents(services: CitizenDataServices, principal: CitizenPrincipal) {
  return withScope(services.db, scopeOf(principal), async (trx) => {
    const [records, notices] = await Promise.all([
      rights.listConsentRecordsInTx(trx, principal.citizenId),
      rights.listCurrentNoticesInTx(trx),
    ]);
    const current = new Map(notices.map((n) => [n.purpose, n.version]));
    return records.map((r) => consentView(r, current));
  });
}

/**
 * Records consent to the current notice of `purpose`. Giving it again while it stands changes
 * nothing (`created: false`); a standing consent to an older version is closed and replaced.
 * Throws CONSENT_PURPOSE_NOT_FOUND.
 */
export async function giveConsent(
  services: CitizenDataServices,
  principal: CitizenPrincipal,
  purpose: string,
  context: RequestContext,
) {
  return withScope(services.db, scopeOf(principal), async (trx) => {
    const notice = await rights.findCurrentNoticeInTx(trx, purpose);
    if (!notice) throw new AppError('CONSENT_PURPOSE_NOT_FOUND', { purpose });
    const current = new Map([[purpose, notice.version]]);
    const standing = await rights.findOpenConsentForUpdateInTx(trx, { citizenId: principal.citizenId, purpose });
    if (standing?.version === notice.version) return { consent: consentView(standing, current), created: false };
    const now = new Date();
    if (standing) await rights.withdrawConsentInTx(trx, { id: standing.id, at: now });
    const row = await rights.insertConsentInTx(trx, {
      citizen_id: principal.citizenId,
      purpose,
      version: notice.version,
      given_at: now,
    });
    await appendAuditInTx(trx, {
      action: 'consent.give',
      actor: { type: 'citizen', id: principal.citizenId },
      target: { type: 'consent_record', id: row.id },
      ip: context.ip,
      requestId: context.requestId,
      detail: { purpose, version: notice.version, ...(standing ? { replaces: standing.id } : {}) },
    });
    return { consent: consentView(row, current), created: true };
  });
}

/** Withdraws the standing consent for `purpose` (the record stays, with withdrawnAt). Throws CONSENT_PURPOSE_NOT_FOUND, CONSENT_NOT_GIVEN. */
export async function withdrawConsent(
  services: CitizenDataServices,
  principal: CitizenPrincipal,
  purpose: string,
  context: RequestContext,
) {
  return withScope(services.db, scopeOf(principal), async (trx) => {
    const notice = await rights.findCurrentNoticeInTx(trx, purpose);
    if (!notice) throw new AppError('CONSENT_PURPOSE_NOT_FOUND', { purpose });
    const standing = await rights.findOpenConsentForUpdateInTx(trx, { citizenId: principal.citizenId, purpose });
    if (!standing) throw new AppError('CONSENT_NOT_GIVEN', { purpose });
    const row = await rights.withdrawConsentInTx(trx, { id: standing.id, at: new Date() });
    await appendAuditInTx(trx, {
      action: 'consent.withdraw',
      actor: { type: 'citizen', id: principal.citizenId },
      target: { type: 'consent_record', id: row.id },
      ip: context.ip,
      requestId: context.requestId,
      detail: { purpose, version: row.version },
    });
    return consentView(row, new Map([[purpose, notice.version]]));
  });
}

/** Opens a correction or deletion request, due 72 hours later (calendar time): the officers' task. */
export async function createDataRequest(
  services: CitizenDataServices,
  principal: CitizenPrincipal,
  input: { kind: 'correction' | 'deletion'; detail: string },
  context: RequestContext,
) {
  const now = new Date();
  const row = await withScope(services.db, scopeOf(principal), async (trx) => {
    const created = await rights.insertDataRequestInTx(trx, {
      citizen_id: principal.citizenId,
      kind: input.kind,
      detail: input.detail.trim(),
      created_at: now,
      due_at: new Date(now.getTime() + DATA_REQUEST_DUE_MS),
    });
    await appendAuditInTx(trx, {
      action: 'data_request.create',
      actor: { type: 'citizen', id: principal.citizenId },
      target: { type: 'data_request', id: created.id },
      ip: context.ip,
      requestId: context.requestId,
      detail: { kind: input.kind, dueAt: created.due_at.toISOString() },
    });
    return created;
  });
  return dataRequestView(row, now);
}

export async function listOwnDataRequests(services: CitizenDataServices, principal: CitizenPrincipal) {
  const rows = await withScope(services.db, scopeOf(principal), (trx) =>
    rights.listDataRequestsOfCitizenInTx(trx, principal.citizenId),
  );
  const now = new Date();
  return rows.map((r) => dataRequestView(r, now));
}

/**
 * Everything held about the citizen (UU 27/2022 Pasal 32), as one JSON document. The NIK is
 * masked like everywhere else; the destinations of codes are masked because a code may have been
 * asked for this NIK by someone else before the account existed. The export itself is audited.
 */
export async function exportData(services: CitizenDataServices, principal: CitizenPrincipal, context: RequestContext) {
  return withScope(services.db, scopeOf(principal), async (trx) => {
    const id = principal.citizenId;
    const citizen = await repo.findCitizenInTx(trx, id);
    if (!citizen) throw new AppError('AUTH_REQUIRED');
    const notices = await rights.listCurrentNoticesInTx(trx);
    const current = new Map(notices.map((n) => [n.purpose, n.version]));
    const consents = await rights.listConsentRecordsInTx(trx, id);
    const requests = await rights.listDataRequestsOfCitizenInTx(trx, id);
    const sessions = await repo.listCitizenSessionsInTx(trx, id);
    const codes = await repo.listOtpsOfCitizenInTx(trx, id);
    const activity = await rights.listCitizenActivityInTx(trx, id);
    const links = await listCitizenLinksInTx(trx, id);
    const now = new Date();
    await appendAuditInTx(trx, {
      action: 'citizen.data_export',
      actor: { type: 'citizen', id },
      target: { type: 'citizen', id },
      ip: context.ip,
      requestId: context.requestId,
    });
    return {
      format: 'layan.citizen-data.v1' as const,
      exportedAt: now.toISOString(),
      notes: {
        id: 'NIK ditampilkan tersamar (4 digit terakhir); Layan menyimpannya terenkripsi. Tujuan kode masuk juga disamarkan.',
        en: 'The NIK is shown masked (last 4 digits); Layan stores it encrypted. Sign-in code destinations are masked too.',
      },
      profile: profileView(services.keys, citizen),
      consents: consents.map((r) => consentView(r, current)),
      dataRequests: requests.map((r) => dataRequestView(r, now)),
      sessions: sessions.map((s) => ({
        id: s.id,
        method: s.method,
        createdAt: s.created_at.toISOString(),
        lastSeenAt: s.last_seen_at.toISOString(),
        expiresAt: s.expires_at.toISOString(),
        revokedAt: s.revoked_at?.toISOString() ?? null,
        ip: s.ip,
        userAgent: s.user_agent,
      })),
      signInCodes: codes.map((c) => ({
        channel: c.channel,
        destination: maskDestination(c.destination),
        createdAt: c.created_at.toISOString(),
        expiresAt: c.expires_at.toISOString(),
        usedAt: c.used_at?.toISOString() ?? null,
        wrongAttempts: c.attempts,
      })),
      // Which Pemda (and where) the citizen dealt with: these decide which staff may read them.
      links: links.map((l) => ({
        tenantCode: l.tenant_code,
        regionCode: l.region_code,
        via: l.via,
        firstAt: l.first_at.toISOString(),
      })),
      activity: activity.map((a) => ({
        at: a.occurred_at.toISOString(),
        action: a.action,
        targetType: a.target_type,
        targetId: a.target_id,
      })),
    };
  });
}

import { sql, type Insertable, type Transaction } from 'kysely';
import type { DB, IssuedDocumentTable } from '../../db/schema.ts';

// Runs inside withScope (server/src/db/scope.ts). Public keys and the register are readable by
// every scope; secrets and issued documents only where the scope reaches (migration
// 20261122150200_document.sql).

export interface KeyRow {
  tenant_code: string;
  kid: string;
  public_key: string;
  status: 'active' | 'retired';
  created_at: Date;
  retired_at: Date | null;
}

const KEY_COLUMNS = ['tenant_code', 'kid', 'public_key', 'status', 'created_at', 'retired_at'] as const;

export function findTenantInTx(trx: Transaction<DB>, code: string) {
  return trx.selectFrom('tenant').select(['region_code', 'name']).where('region_code', '=', code).executeTakeFirst();
}

/** Tenant names by code (public). */
export async function tenantNamesInTx(trx: Transaction<DB>, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await trx.selectFrom('tenant').select(['region_code', 'name']).where('region_code', 'in', codes).execute();
  return new Map(rows.map((r) => [r.region_code, r.name]));
}

/** The tenant's active key with its sealed private key, or undefined when it has none yet. */
export function findActiveKeyWithSecretInTx(trx: Transaction<DB>, tenantCode: string) {
  return trx
    .selectFrom('document_signing_key as k')
    .innerJoin('document_signing_secret as s', (join) =>
      join.onRef('s.tenant_code', '=', 'k.tenant_code').onRef('s.kid', '=', 'k.kid'),
    )
    .select(['k.tenant_code', 'k.kid', 'k.public_key', 's.private_key'])
    .where('k.tenant_code', '=', tenantCode)
    .where('k.status', '=', 'active')
    .executeTakeFirst();
}

/**
 * Inserts a new active key unless the tenant already has one (two first issuances racing: the
 * loser's insert does nothing and it uses the winner's key). True when this one was inserted.
 */
export async function insertActiveKeyInTx(
  trx: Transaction<DB>,
  key: { tenantCode: string; kid: string; publicKey: string; sealedPrivateKey: string },
): Promise<boolean> {
  const inserted = await sql<{ kid: string }>`
    INSERT INTO document_signing_key (tenant_code, kid, public_key, status)
    VALUES (${key.tenantCode}, ${key.kid}, ${key.publicKey}, 'active')
    ON CONFLICT (tenant_code) WHERE status = 'active' DO NOTHING
    RETURNING kid`.execute(trx);
  if (inserted.rows.length === 0) return false;
  await trx
    .insertInto('document_signing_secret')
    .values({ tenant_code: key.tenantCode, kid: key.kid, private_key: key.sealedPrivateKey })
    .execute();
  return true;
}

/** Retires the tenant's active key (rotation); returns its kid, or undefined when there was none. */
export async function retireActiveKeyInTx(trx: Transaction<DB>, tenantCode: string): Promise<string | undefined> {
  const row = await trx
    .updateTable('document_signing_key')
    .set({ status: 'retired', retired_at: sql<string>`now()` })
    .where('tenant_code', '=', tenantCode)
    .where('status', '=', 'active')
    .returning('kid')
    .executeTakeFirst();
  return row?.kid;
}

/** Public keys, of one tenant or all, oldest first. */
export function listKeysInTx(trx: Transaction<DB>, tenantCode?: string): Promise<KeyRow[]> {
  let query = trx.selectFrom('document_signing_key').select(KEY_COLUMNS);
  if (tenantCode) query = query.where('tenant_code', '=', tenantCode);
  return query.orderBy('tenant_code').orderBy('created_at').orderBy('kid').execute();
}

export function findKeyInTx(trx: Transaction<DB>, kid: string): Promise<KeyRow | undefined> {
  return trx.selectFrom('document_signing_key').select(KEY_COLUMNS).where('kid', '=', kid).executeTakeFirst();
}

/** Writes the document and its public register entry. */
export async function insertDocumentInTx(trx: Transaction<DB>, row: Insertable<IssuedDocumentTable>): Promise<void> {
  await trx.insertInto('issued_document').values(row).execute();
  await trx
    .insertInto('document_register')
    .values({ tenant_code: row.tenant_code, id: row.id, kid: row.kid, issued_at: row.issued_at })
    .execute();
}

/** The public register entry of a document (no personal data). */
export function findRegisterInTx(trx: Transaction<DB>, id: string) {
  return trx
    .selectFrom('document_register')
    .select(['tenant_code', 'id', 'kid', 'issued_at', 'revoked_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

const DOCUMENT_COLUMNS = [
  'd.tenant_code',
  'd.id',
  'd.region_code',
  'd.subject_type',
  'd.subject_id',
  'd.tracking_code',
  'd.citizen_id',
  'd.title_id',
  'd.title_en',
  'd.decision',
  'd.recipient_name',
  'd.agency_name',
  'd.issued_at',
  'd.issued_by_name',
  'd.kid',
  'd.payload',
  'd.pdf_sha256',
  'd.revoke_reason',
  'r.revoked_at',
] as const;

/** An issued document the scope may see (staff of its region, or its citizen), without the PDF bytes. */
export function findDocumentInTx(trx: Transaction<DB>, key: { tenantCode: string; id: string }) {
  return trx
    .selectFrom('issued_document as d')
    .innerJoin('document_register as r', (join) => join.onRef('r.tenant_code', '=', 'd.tenant_code').onRef('r.id', '=', 'd.id'))
    .select(DOCUMENT_COLUMNS)
    .where('d.tenant_code', '=', key.tenantCode)
    .where('d.id', '=', key.id)
    .executeTakeFirst();
}

export type DocumentRow = NonNullable<Awaited<ReturnType<typeof findDocumentInTx>>>;

/** The stored PDF bytes of a document the scope may see. */
export function findDocumentPdfInTx(trx: Transaction<DB>, key: { tenantCode: string; id: string }) {
  return trx
    .selectFrom('issued_document')
    .select(['pdf', 'pdf_sha256', 'title_id', 'tracking_code'])
    .where('tenant_code', '=', key.tenantCode)
    .where('id', '=', key.id)
    .executeTakeFirst();
}

/** Documents about one subject, newest first. */
export function listDocumentsForSubjectInTx(trx: Transaction<DB>, subject: { tenantCode: string; type: string; id: string }) {
  return trx
    .selectFrom('issued_document as d')
    .innerJoin('document_register as r', (join) => join.onRef('r.tenant_code', '=', 'd.tenant_code').onRef('r.id', '=', 'd.id'))
    .select(DOCUMENT_COLUMNS)
    .where('d.tenant_code', '=', subject.tenantCode)
    .where('d.subject_type', '=', subject.type)
    .where('d.subject_id', '=', subject.id)
    .orderBy('d.issued_at', 'desc')
    .execute();
}

/** Marks a document revoked, in the register (public) and with its reason (private). */
export async function revokeDocumentRowInTx(
  trx: Transaction<DB>,
  revoke: { tenantCode: string; id: string; reason: string; staffId: string | null },
): Promise<Date> {
  await trx
    .updateTable('issued_document')
    .set({ revoke_reason: revoke.reason, revoked_by: revoke.staffId })
    .where('tenant_code', '=', revoke.tenantCode)
    .where('id', '=', revoke.id)
    .execute();
  const row = await trx
    .updateTable('document_register')
    .set({ revoked_at: sql<string>`now()` })
    .where('tenant_code', '=', revoke.tenantCode)
    .where('id', '=', revoke.id)
    .returning('revoked_at')
    .executeTakeFirstOrThrow();
  return row.revoked_at!;
}

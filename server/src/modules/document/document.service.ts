import type { Kysely, Transaction } from 'kysely';
import { withScope } from '../../db/scope.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { appendAuditInTx, type AuditEntryInput } from '../audit/audit.service.ts';
import { actingRole, authorize, requireStaff, scopeOfGrants } from '../identity/identity.authorize.ts';
import { requireCitizen, type CitizenPrincipal } from '../citizen/citizen.auth.service.ts';
import type { Caller } from '../tenancy/tenancy.service.ts';
import { isPdf, verifyPayload, verifyPdf, type InvalidReason, type VerificationKey } from './document.signature.ts';
import { createActiveKeyInTx } from './document.issue.ts';
import type { DocumentSigner } from './document.keys.ts';
import * as repo from './document.repo.ts';

export { issueDocumentInTx, type IssueDocumentInput, type IssuedDocument } from './document.issue.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// The public verify path and key list run with an empty scope: RLS lets them read public keys,
// the register and tenants, nothing personal.
const PUBLIC = { regions: [] as string[] };
const KID_ANYWHERE = /\b\d{2,4}-\d{8}-[0-9a-f]{8}\b/g;

type AuditContext = Pick<AuditEntryInput, 'actor' | 'ip' | 'requestId'>;

function keyView(row: repo.KeyRow) {
  return {
    kid: row.kid,
    tenantCode: row.tenant_code,
    algorithm: 'Ed25519' as const,
    publicKey: row.public_key,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    retiredAt: row.retired_at?.toISOString() ?? null,
  };
}
export type SigningKeyView = ReturnType<typeof keyView>;

/** The stored PDF of a document the transaction's scope may see (its citizen, or staff of its region). Throws DOCUMENT_NOT_FOUND. */
export async function readDocumentPdfInTx(trx: Transaction<DB>, key: { tenantCode: string; documentId: string }) {
  if (!UUID.test(key.documentId)) throw new AppError('DOCUMENT_NOT_FOUND');
  const row = await repo.findDocumentPdfInTx(trx, { tenantCode: key.tenantCode, id: key.documentId });
  if (!row) throw new AppError('DOCUMENT_NOT_FOUND');
  const name = row.tracking_code ?? key.documentId.slice(0, 8);
  return { pdf: row.pdf, sha256: row.pdf_sha256, filename: `dokumen-${name.replace(/[^A-Za-z0-9-]/g, '')}.pdf` };
}

/** The document (without its bytes) the scope may see; throws DOCUMENT_NOT_FOUND. */
export async function getDocumentInTx(trx: Transaction<DB>, key: { tenantCode: string; documentId: string }) {
  if (!UUID.test(key.documentId)) throw new AppError('DOCUMENT_NOT_FOUND');
  const row = await repo.findDocumentInTx(trx, { tenantCode: key.tenantCode, id: key.documentId });
  if (!row) throw new AppError('DOCUMENT_NOT_FOUND');
  return row;
}

/** Documents issued about one subject (e.g. an application), newest first, as the scope may see them. */
export function listDocumentsForSubjectInTx(trx: Transaction<DB>, subject: { tenantCode: string; type: string; id: string }) {
  return repo.listDocumentsForSubjectInTx(trx, subject);
}

/**
 * Withdraws a document: its signature stays valid, but every verifier with the register reports it
 * revoked. Audited (last statement). Throws DOCUMENT_NOT_FOUND, DOCUMENT_REVOKED.
 */
export async function revokeDocumentInTx(
  trx: Transaction<DB>,
  input: { tenantCode: string; documentId: string; reason: string; audit: AuditContext },
) {
  const document = await getDocumentInTx(trx, input);
  if (document.revoked_at) throw new AppError('DOCUMENT_REVOKED');
  const reason = input.reason.trim();
  if (reason.length < 3 || reason.length > 500)
    throw new AppError('DOCUMENT_INPUT_INVALID', { detail: 'reason must be 3–500 characters' });
  const revokedAt = await repo.revokeDocumentRowInTx(trx, {
    tenantCode: input.tenantCode,
    id: input.documentId,
    reason,
    staffId: input.audit.actor.type === 'staff' ? (input.audit.actor.id ?? null) : null,
  });
  await appendAuditInTx(trx, {
    ...input.audit,
    action: 'document.revoke',
    tenantCode: input.tenantCode,
    target: { type: 'document', id: input.documentId },
    detail: { subjectType: document.subject_type, subjectId: document.subject_id, reason },
  });
  return { id: input.documentId, tenantCode: input.tenantCode, revokedAt: revokedAt.toISOString(), reason };
}

/**
 * Retires the tenant's active key and makes a new one; documents signed with the old key keep
 * verifying. Audited (last statement). Throws TENANT_NOT_FOUND.
 */
export async function rotateSigningKeyInTx(
  trx: Transaction<DB>,
  input: { tenantCode: string; signer: DocumentSigner; audit: AuditContext },
) {
  if (!(await repo.findTenantInTx(trx, input.tenantCode))) throw new AppError('TENANT_NOT_FOUND', { code: input.tenantCode });
  const retired = await repo.retireActiveKeyInTx(trx, input.tenantCode);
  const kid = await createActiveKeyInTx(trx, input.signer, input.tenantCode);
  if (!kid) throw new Error(`Tenant ${input.tenantCode} still has an active key after retiring it`);
  await appendAuditInTx(trx, {
    ...input.audit,
    action: 'document.key_rotate',
    tenantCode: input.tenantCode,
    target: { type: 'signing_key', id: kid },
    detail: { retired: retired ?? null },
  });
  const keys = await repo.listKeysInTx(trx, input.tenantCode);
  return { active: kid, retired: retired ?? null, keys: keys.map(keyView) };
}

/** Rotation by an admin of the tenant. Throws AUTH_REQUIRED, FORBIDDEN, TENANT_NOT_FOUND. */
export async function rotateSigningKey(db: Kysely<DB>, options: { caller: Caller; tenant: string; signer: DocumentSigner }) {
  const grants = authorize(options.caller.principal, 'document.key_rotate', { regionCode: options.tenant });
  const staff = requireStaff(options.caller.principal);
  return withScope(db, scopeOfGrants(grants, staff.staffId), (trx) =>
    rotateSigningKeyInTx(trx, {
      tenantCode: options.tenant,
      signer: options.signer,
      audit: {
        actor: { type: 'staff', id: staff.staffId, role: actingRole(grants) },
        ip: options.caller.context.ip,
        requestId: options.caller.context.requestId,
      },
    }),
  );
}

/** Revocation by staff whose grant reaches the tenant. Throws AUTH_REQUIRED, FORBIDDEN, DOCUMENT_NOT_FOUND, DOCUMENT_REVOKED. */
export async function revokeDocument(
  db: Kysely<DB>,
  options: { caller: Caller; tenant: string; documentId: string; reason: string },
) {
  const grants = authorize(options.caller.principal, 'document.revoke', { regionCode: options.tenant });
  const staff = requireStaff(options.caller.principal);
  return withScope(db, scopeOfGrants(grants, staff.staffId), (trx) =>
    revokeDocumentInTx(trx, {
      tenantCode: options.tenant,
      documentId: options.documentId,
      reason: options.reason,
      audit: {
        actor: { type: 'staff', id: staff.staffId, role: actingRole(grants) },
        ip: options.caller.context.ip,
        requestId: options.caller.context.requestId,
      },
    }),
  );
}

/**
 * A citizen's own document, as a download: row-level security shows them only documents issued to
 * their account. Throws AUTH_REQUIRED, DOCUMENT_NOT_FOUND (also for someone else's document).
 */
export async function downloadCitizenDocument(
  db: Kysely<DB>,
  options: { citizen: CitizenPrincipal | undefined; documentId: string },
) {
  const citizen = requireCitizen(options.citizen);
  if (!UUID.test(options.documentId)) throw new AppError('DOCUMENT_NOT_FOUND');
  return withScope(db, { regions: [], citizenId: citizen.citizenId }, async (trx) => {
    const entry = await repo.findRegisterInTx(trx, options.documentId);
    if (!entry) throw new AppError('DOCUMENT_NOT_FOUND');
    return readDocumentPdfInTx(trx, { tenantCode: entry.tenant_code, documentId: options.documentId });
  });
}

/** Every public key (of one tenant when given), for offline verification. */
export async function listSigningKeys(db: Kysely<DB>, tenant?: string) {
  return withScope(db, PUBLIC, async (trx) => {
    if (tenant && !(await repo.findTenantInTx(trx, tenant))) throw new AppError('TENANT_NOT_FOUND', { code: tenant });
    const rows = await repo.listKeysInTx(trx, tenant);
    return { algorithm: 'Ed25519' as const, keys: rows.map(keyView) };
  });
}

export type VerifyReason = InvalidReason | 'not_registered';

export interface VerifyResult {
  valid: boolean;
  reason?: VerifyReason;
  /** Signature valid but withdrawn by the issuer. */
  revoked: boolean;
  revokedAt?: string;
  /** What the signed document says; only when the signature is valid. */
  document?: {
    id: string;
    title: string;
    decision: 'approved' | 'rejected';
    issuedDate: string;
    recipientName: string;
    agency: string;
    tenant: { code: string; name: string | null };
    kid: string;
    keyStatus: 'active' | 'retired';
  };
}

/** Keys named anywhere in the input (a payload, or a PDF's signature lines), looked up at once. */
async function keysNamedInTx(trx: Transaction<DB>, text: string) {
  const kids = [...new Set(text.match(KID_ANYWHERE) ?? [])].slice(0, 4);
  const keys = new Map<string, VerificationKey>();
  for (const kid of kids) {
    const row = await repo.findKeyInTx(trx, kid);
    if (row) keys.set(kid, { kid, tenantCode: row.tenant_code, publicKey: row.public_key, status: row.status });
  }
  return keys;
}

/**
 * Verifies a QR payload (or a verify URL holding it) or a whole PDF against this server's keys and
 * register. Never throws for a bad document: the answer says why it is invalid.
 */
export async function verifyDocument(db: Kysely<DB>, input: { payload: string } | { pdf: Buffer }): Promise<VerifyResult> {
  return withScope(db, PUBLIC, async (trx) => {
    const text = 'pdf' in input ? input.pdf.subarray(Math.max(0, input.pdf.length - 3000)).toString('latin1') : input.payload;
    const keys = await keysNamedInTx(trx, text);
    const lookup = (kid: string) => keys.get(kid);
    const result =
      'pdf' in input
        ? isPdf(input.pdf)
          ? verifyPdf(input.pdf, lookup)
          : ({ valid: false, reason: 'malformed' } as const)
        : verifyPayload(input.payload, lookup);
    if (!result.valid) return { valid: false, reason: result.reason, revoked: false };
    // A valid signature on a document this server never issued means the key was misused.
    const entry = await repo.findRegisterInTx(trx, result.facts.i);
    if (!entry || entry.tenant_code !== result.facts.t || entry.kid !== result.kid) {
      return { valid: false, reason: 'not_registered', revoked: false };
    }
    const names = await repo.tenantNamesInTx(trx, [result.facts.t]);
    return {
      valid: true,
      revoked: entry.revoked_at !== null,
      ...(entry.revoked_at ? { revokedAt: entry.revoked_at.toISOString() } : {}),
      document: {
        id: result.facts.i,
        title: result.facts.ti,
        decision: result.facts.d,
        issuedDate: result.facts.at,
        recipientName: result.facts.r,
        agency: result.facts.a,
        tenant: { code: result.facts.t, name: names.get(result.facts.t) ?? null },
        kid: result.kid,
        keyStatus: result.key.status,
      },
    };
  });
}

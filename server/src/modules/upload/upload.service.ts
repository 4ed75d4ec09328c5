import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { withScope, type Scope } from '../../db/scope.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { appendAuditInTx } from '../audit/audit.service.ts';
import type { CitizenPrincipal } from '../citizen/citizen.auth.service.ts';
import { isAllowed, scopeOfGrants, type Principal } from '../identity/identity.authorize.ts';
import type { RequestContext } from '../identity/identity.service.ts';
import * as repo from './upload.repo.ts';
import { acceptsMediaType, cleanFileName, sniffMediaType, UPLOAD_MEDIA_TYPES } from './upload.sniff.ts';

/** The global cap on one upload; a form's file field may set a lower one. */
export const UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

/** Who uploads: a signed-in citizen, or a staff member who works applications. */
export type Uploader = { type: 'citizen'; id: string; scope: Scope } | { type: 'staff'; id: string; scope: Scope; role: string };

/** The caller as an uploader; citizens first (a browser may carry both cookies). Throws AUTH_REQUIRED, FORBIDDEN. */
export function uploaderOf(citizen: CitizenPrincipal | undefined, principal: Principal): Uploader {
  if (citizen) return { type: 'citizen', id: citizen.citizenId, scope: { regions: [], citizenId: citizen.citizenId } };
  if (!principal) throw new AppError('AUTH_REQUIRED');
  const grants = principal.grants.filter(
    (g) =>
      isAllowed({ ...principal, grants: [g] }, 'application.handle') ||
      isAllowed({ ...principal, grants: [g] }, 'application.assist'),
  );
  if (grants.length === 0) throw new AppError('FORBIDDEN');
  return { type: 'staff', id: principal.staffId, scope: scopeOfGrants(grants, principal.staffId), role: grants[0]!.role };
}

export function uploadView(row: repo.UploadRow) {
  return {
    id: row.id,
    sha256: row.sha256,
    fileName: row.file_name,
    mediaType: row.media_type,
    size: row.size,
    attached: row.application_id !== null,
    createdAt: row.created_at.toISOString(),
  };
}

export interface UploadLimits {
  /** Media types allowed (a form field's `accept`); default every type Layan stores. */
  accept?: readonly string[];
  maxBytes?: number;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB` : `${Math.round(bytes / 1024)} KB`;
}

/**
 * Stores an upload after checking what the bytes are (not what they are called) and their size.
 * Throws UPLOAD_EMPTY, UPLOAD_TOO_LARGE, UPLOAD_TYPE_NOT_ALLOWED.
 */
export async function storeUpload(
  db: Kysely<DB>,
  options: { uploader: Uploader; bytes: Buffer; fileName?: string; limits?: UploadLimits; context: RequestContext },
) {
  const { uploader, bytes } = options;
  if (bytes.length === 0) throw new AppError('UPLOAD_EMPTY');
  const max = Math.min(options.limits?.maxBytes ?? UPLOAD_MAX_BYTES, UPLOAD_MAX_BYTES);
  if (bytes.length > max) throw new AppError('UPLOAD_TOO_LARGE', { max: formatBytes(max) });
  const accept = options.limits?.accept ?? UPLOAD_MEDIA_TYPES;
  const mediaType = sniffMediaType(bytes);
  if (!mediaType || !acceptsMediaType(accept, mediaType)) {
    throw new AppError('UPLOAD_TYPE_NOT_ALLOWED', { allowed: accept.join(', ') }, { detected: mediaType ?? null, accept });
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const row = await withScope(db, uploader.scope, async (trx) => {
    // The upload first: the blob is visible (and so insertable with ON CONFLICT) only through one.
    const inserted = await repo.insertUploadInTx(trx, {
      id: randomUUID(),
      sha256,
      fileName: cleanFileName(options.fileName, mediaType),
      mediaType,
      size: bytes.length,
      uploaderType: uploader.type,
      uploaderId: uploader.id,
    });
    await repo.insertBlobInTx(trx, { sha256, mediaType, bytes });
    await appendAuditInTx(trx, {
      action: 'upload.create',
      actor: { type: uploader.type, id: uploader.id, role: uploader.type === 'staff' ? uploader.role : null },
      target: { type: 'upload', id: inserted.id },
      ip: options.context.ip,
      requestId: options.context.requestId,
      detail: { sha256, mediaType, size: bytes.length },
    });
    return inserted;
  });
  return uploadView(row);
}

/**
 * The bytes of an upload the caller may see (their own, or one attached to an application they
 * may see). A staff member reading a citizen's document is a staff read of the citizen's record:
 * audited as citizen.read. Throws UPLOAD_NOT_FOUND.
 */
export async function readUpload(db: Kysely<DB>, options: { uploader: Uploader; id: string; context: RequestContext }) {
  const { uploader } = options;
  return withScope(db, uploader.scope, async (trx) => {
    const row = await repo.findUploadInTx(trx, options.id);
    if (!row) throw new AppError('UPLOAD_NOT_FOUND', { id: options.id });
    const bytes = await repo.readUploadBytesInTx(trx, row.sha256);
    if (!bytes) throw new AppError('UPLOAD_NOT_FOUND', { id: options.id });
    if (uploader.type === 'staff' && row.application_id && row.uploader_type === 'citizen') {
      await appendAuditInTx(trx, {
        action: 'citizen.read',
        actor: { type: 'staff', id: uploader.id, role: uploader.role },
        tenantCode: row.tenant_code,
        target: { type: 'citizen', id: row.uploader_id },
        ip: options.context.ip,
        requestId: options.context.requestId,
        detail: { via: 'upload', uploadId: row.id, applicationId: row.application_id },
      });
    }
    return { upload: uploadView(row), bytes };
  });
}

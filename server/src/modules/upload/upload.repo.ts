import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

// Runs inside withScope: an upload is visible to its uploader, and once attached to whoever sees
// the application (migration 20261122150100_upload.sql).

type Trx = Transaction<DB>;

export interface UploadRow {
  id: string;
  sha256: string;
  file_name: string;
  media_type: string;
  size: number;
  uploader_type: 'citizen' | 'staff';
  uploader_id: string;
  tenant_code: string | null;
  application_id: string | null;
  attached_at: Date | null;
  created_at: Date;
}

const UPLOAD_COLUMNS = [
  'id',
  'sha256',
  'file_name',
  'media_type',
  'size',
  'uploader_type',
  'uploader_id',
  'tenant_code',
  'application_id',
  'attached_at',
  'created_at',
] as const;

/** Stores the content once per hash; a second upload of the same bytes adds nothing. */
export async function insertBlobInTx(trx: Trx, blob: { sha256: string; mediaType: string; bytes: Buffer }): Promise<void> {
  await trx
    .insertInto('upload_blob')
    .values({ sha256: blob.sha256, media_type: blob.mediaType, size: blob.bytes.length, bytes: blob.bytes })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
}

export function insertUploadInTx(
  trx: Trx,
  upload: {
    id: string;
    sha256: string;
    fileName: string;
    mediaType: string;
    size: number;
    uploaderType: 'citizen' | 'staff';
    uploaderId: string;
  },
): Promise<UploadRow> {
  return trx
    .insertInto('upload')
    .values({
      id: upload.id,
      sha256: upload.sha256,
      file_name: upload.fileName,
      media_type: upload.mediaType,
      size: upload.size,
      uploader_type: upload.uploaderType,
      uploader_id: upload.uploaderId,
    })
    .returning(UPLOAD_COLUMNS)
    .executeTakeFirstOrThrow();
}

export function findUploadsInTx(trx: Trx, ids: readonly string[]): Promise<UploadRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return trx.selectFrom('upload').select(UPLOAD_COLUMNS).where('id', 'in', ids).execute();
}

export function findUploadInTx(trx: Trx, id: string): Promise<UploadRow | undefined> {
  return trx.selectFrom('upload').select(UPLOAD_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** The bytes of an upload the scope may see. */
export async function readUploadBytesInTx(trx: Trx, sha256: string): Promise<Buffer | undefined> {
  const row = await trx.selectFrom('upload_blob').select('bytes').where('sha256', '=', sha256).executeTakeFirst();
  return row?.bytes;
}

/** Attaches the uploader's still-unattached uploads to an application; returns how many. */
export async function attachUploadsInTx(
  trx: Trx,
  options: { ids: readonly string[]; tenantCode: string; applicationId: string; at: Date },
): Promise<number> {
  if (options.ids.length === 0) return 0;
  const result = await trx
    .updateTable('upload')
    .set({ tenant_code: options.tenantCode, application_id: options.applicationId, attached_at: options.at })
    .where('id', 'in', options.ids)
    .where('application_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export function listUploadsOfApplicationInTx(trx: Trx, tenantCode: string, applicationId: string): Promise<UploadRow[]> {
  return trx
    .selectFrom('upload')
    .select(UPLOAD_COLUMNS)
    .where('tenant_code', '=', tenantCode)
    .where('application_id', '=', applicationId)
    .orderBy('created_at')
    .execute();
}

import { sql, type Transaction } from 'kysely';
import { param, prepared } from '../../db/prepared.ts';
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

// Every upload and every submission runs these: prepared (server/src/db/prepared.ts).
const insertBlob = prepared<{ sha256: string; mediaType: string; size: number; bytes: Buffer }, never>((db) =>
  db
    .insertInto('upload_blob')
    .values({ sha256: param('sha256'), media_type: param('mediaType'), size: param('size'), bytes: param('bytes') })
    .onConflict((oc) => oc.column('sha256').doNothing()),
);

/** Stores the content once per hash; a second upload of the same bytes adds nothing. */
export async function insertBlobInTx(trx: Trx, blob: { sha256: string; mediaType: string; bytes: Buffer }): Promise<void> {
  await insertBlob.execute(trx, { ...blob, size: blob.bytes.length });
}

interface NewUpload extends Record<string, unknown> {
  id: string;
  sha256: string;
  fileName: string;
  mediaType: string;
  size: number;
  uploaderType: 'citizen' | 'staff';
  uploaderId: string;
}

const insertUpload = prepared<NewUpload, UploadRow>((db) =>
  db
    .insertInto('upload')
    .values({
      id: param('id'),
      sha256: param('sha256'),
      file_name: param('fileName'),
      media_type: param('mediaType'),
      size: param('size'),
      uploader_type: param('uploaderType'),
      uploader_id: param('uploaderId'),
    })
    .returning(UPLOAD_COLUMNS),
);

export async function insertUploadInTx(trx: Trx, upload: NewUpload): Promise<UploadRow> {
  return (await insertUpload.execute(trx, upload)).rows[0]!;
}

// Ids are checked to be UUIDs before they get here (application.core.ts uploadIdOf).
const uploadsById = prepared<{ ids: readonly string[] }, UploadRow>((db) =>
  db
    .selectFrom('upload')
    .select(UPLOAD_COLUMNS)
    .where('id', '=', sql<string>`ANY(${param<readonly string[]>('ids')}::uuid[])`),
);

export async function findUploadsInTx(trx: Trx, ids: readonly string[]): Promise<UploadRow[]> {
  if (ids.length === 0) return [];
  return (await uploadsById.execute(trx, { ids })).rows;
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
const attachUploads = prepared<{ ids: readonly string[]; tenantCode: string; applicationId: string; at: Date }, never>((db) =>
  db
    .updateTable('upload')
    .set({ tenant_code: param('tenantCode'), application_id: param('applicationId'), attached_at: param<Date>('at') })
    .where('id', '=', sql<string>`ANY(${param<readonly string[]>('ids')}::uuid[])`)
    .where('application_id', 'is', null),
);

export async function attachUploadsInTx(
  trx: Trx,
  options: { ids: readonly string[]; tenantCode: string; applicationId: string; at: Date },
): Promise<number> {
  if (options.ids.length === 0) return 0;
  return Number((await attachUploads.execute(trx, options)).numAffectedRows ?? 0);
}

const uploadsOfApplication = prepared<{ tenantCode: string; applicationId: string }, UploadRow>((db) =>
  db
    .selectFrom('upload')
    .select(UPLOAD_COLUMNS)
    .where('tenant_code', '=', param<string>('tenantCode'))
    .where('application_id', '=', param<string>('applicationId'))
    .orderBy('created_at'),
);

export async function listUploadsOfApplicationInTx(trx: Trx, tenantCode: string, applicationId: string): Promise<UploadRow[]> {
  return (await uploadsOfApplication.execute(trx, { tenantCode, applicationId })).rows;
}

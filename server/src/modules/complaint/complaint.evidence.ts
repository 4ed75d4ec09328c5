import { COMPLAINT_EVIDENCE } from '@layan/domain';
import type { Transaction } from 'kysely';
import { createHash, randomUUID } from 'node:crypto';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { insertBlobInTx, readUploadBytesInTx } from '../upload/upload.repo.ts';
import { acceptsMediaType, cleanFileName, sniffMediaType } from '../upload/upload.sniff.ts';

// Evidence filed with a complaint (docs/COMPLAINTS.md "Evidence", decision 0014): checked like
// uploads (by content, not name), stored in the upload module's content-addressed blobs, and
// written in the filing transaction — a refused file means no complaint. The rows name nobody.

type Trx = Transaction<DB>;

/** One posted file, as the reporter named it. */
export interface EvidenceFile {
  fileName: string;
  bytes: Buffer;
}

export interface CheckedEvidence {
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  bytes: Buffer;
}

/** The largest multipart body a filing may send: every file at its cap plus room for the fields. */
export const EVIDENCE_BODY_LIMIT = COMPLAINT_EVIDENCE.maxFiles * COMPLAINT_EVIDENCE.maxBytes + 1024 * 1024;

const MAX_LABEL = `${COMPLAINT_EVIDENCE.maxBytes / 1024 / 1024} MB`;

/**
 * Checks every file before anything is written: how many, how large, what the bytes are. Throws
 * COMPLAINT_EVIDENCE_TOO_MANY, UPLOAD_EMPTY, COMPLAINT_EVIDENCE_TOO_LARGE,
 * COMPLAINT_EVIDENCE_TYPE_NOT_ALLOWED.
 */
export function checkEvidence(files: readonly EvidenceFile[]): CheckedEvidence[] {
  if (files.length > COMPLAINT_EVIDENCE.maxFiles) {
    throw new AppError('COMPLAINT_EVIDENCE_TOO_MANY', { max: COMPLAINT_EVIDENCE.maxFiles });
  }
  return files.map((file) => {
    const name = file.fileName.slice(0, 100);
    if (file.bytes.length === 0) throw new AppError('UPLOAD_EMPTY');
    if (file.bytes.length > COMPLAINT_EVIDENCE.maxBytes)
      throw new AppError('COMPLAINT_EVIDENCE_TOO_LARGE', { name, max: MAX_LABEL });
    const mediaType = sniffMediaType(file.bytes);
    if (!mediaType || !acceptsMediaType(COMPLAINT_EVIDENCE.mediaTypes, mediaType)) {
      throw new AppError('COMPLAINT_EVIDENCE_TYPE_NOT_ALLOWED', { name }, { detected: mediaType ?? null });
    }
    return {
      fileName: cleanFileName(file.fileName, mediaType),
      mediaType,
      size: file.bytes.length,
      sha256: createHash('sha256').update(file.bytes).digest('hex'),
      bytes: file.bytes,
    };
  });
}

/**
 * Writes the evidence of a complaint being filed (the transaction holds its tracking code). Each
 * row first, then its blob: INSERT … ON CONFLICT checks the blob against its read policy, which
 * the row makes hold (migration 20261122170200).
 */
export async function insertEvidenceInTx(
  trx: Trx,
  options: { tenantCode: string; complaintId: string; files: readonly CheckedEvidence[] },
): Promise<void> {
  let position = 0;
  for (const file of options.files) {
    position += 1;
    await trx
      .insertInto('complaint_evidence')
      .values({
        tenant_code: options.tenantCode,
        complaint_id: options.complaintId,
        id: randomUUID(),
        sha256: file.sha256,
        file_name: file.fileName,
        media_type: file.mediaType,
        size: file.size,
        position,
      })
      .execute();
    await insertBlobInTx(trx, { sha256: file.sha256, mediaType: file.mediaType, bytes: file.bytes });
  }
}

/** The evidence of a complaint that RLS lets this transaction see, in the order it was sent. */
export function listEvidenceInTx(trx: Trx, tenantCode: string, complaintId: string) {
  return trx
    .selectFrom('complaint_evidence')
    .select(['id', 'sha256', 'file_name', 'media_type', 'size', 'created_at'])
    .where('tenant_code', '=', tenantCode)
    .where('complaint_id', '=', complaintId)
    .orderBy('position')
    .execute();
}

export type EvidenceRow = Awaited<ReturnType<typeof listEvidenceInTx>>[number];

/** One file and its bytes, or undefined when RLS hides it. */
export async function readEvidenceInTx(trx: Trx, options: { tenantCode: string; complaintId: string; id: string }) {
  const row = await trx
    .selectFrom('complaint_evidence')
    .select(['id', 'sha256', 'file_name', 'media_type', 'size', 'created_at'])
    .where('tenant_code', '=', options.tenantCode)
    .where('complaint_id', '=', options.complaintId)
    .where('id', '=', options.id)
    .executeTakeFirst();
  if (!row) return undefined;
  const bytes = await readUploadBytesInTx(trx, row.sha256);
  return bytes ? { row, bytes } : undefined;
}

/** What the reporter sees of their files by tracking code: names and sizes, no way to download. */
export function publicEvidenceView(rows: readonly EvidenceRow[]) {
  return rows.map((r) => ({ fileName: r.file_name, mediaType: r.media_type, size: r.size }));
}

/** What staff see: the same, with the id to download it. */
export function staffEvidenceView(rows: readonly EvidenceRow[]) {
  return rows.map((r) => ({ id: r.id, fileName: r.file_name, mediaType: r.media_type, size: r.size }));
}

const BOOLEAN_FIELDS = new Set(['anonymous', 'confidential']);

/**
 * A multipart/form-data filing (the web form, or any client with files) as the JSON body it
 * stands for, and its files. Empty text fields are left out (they are optional ones); the
 * checkboxes `anonymous` and `confidential` are true when sent as on, true or 1. Files come only
 * in the field `evidence` (repeated); an empty file input (no file chosen) is skipped. Throws
 * MALFORMED_BODY, VALIDATION_FAILED.
 */
export async function parseFilingForm(
  bytes: Buffer,
  contentType: string,
): Promise<{ body: Record<string, unknown>; files: EvidenceFile[] }> {
  let form: FormData;
  try {
    form = await new Response(new Blob([new Uint8Array(bytes)]), { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw new AppError('MALFORMED_BODY');
  }
  const body: Record<string, unknown> = { anonymous: false, confidential: false };
  const files: EvidenceFile[] = [];
  const entries: Array<[string, FormDataEntryValue]> = [];
  form.forEach((value, key) => entries.push([key, value]));
  for (const [key, value] of entries) {
    if (typeof value !== 'string') {
      if (key !== 'evidence')
        throw new AppError('VALIDATION_FAILED', { detail: `file field "${key.slice(0, 40)}" (use "evidence")` });
      if (value.size === 0 && !value.name) continue;
      files.push({ fileName: value.name, bytes: Buffer.from(await value.arrayBuffer()) });
    } else if (BOOLEAN_FIELDS.has(key)) {
      body[key] = ['on', 'true', '1'].includes(value.trim().toLowerCase());
    } else if (key === 'evidence') {
      throw new AppError('VALIDATION_FAILED', { detail: '"evidence" must be a file' });
    } else if (value.trim() !== '') {
      body[key] = value;
    }
  }
  return { body, files };
}

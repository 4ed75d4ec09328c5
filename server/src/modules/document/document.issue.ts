import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { formatInstantDate, localDateOf, timeZoneOfRegion } from '@layan/domain';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { appendAuditInTx, type AuditEntryInput } from '../audit/audit.service.ts';
import { openPrivateKey, sealPrivateKey, type DocumentSigner } from './document.keys.ts';
import { renderLetterPdf } from './document.pdf.ts';
import * as repo from './document.repo.ts';
import { generateSigningKeyPair, privateKeyOf, sealPdf, signPayload, type PayloadFacts } from './document.signature.ts';

/** What a module hands over to issue a letter (docs/DOCUMENTS.md, "Issuing"). */
export interface IssueDocumentInput {
  /** From resolveDocumentSigner(deps.env). */
  signer: DocumentSigner;
  tenantCode: string;
  /** Where the matter was handled (the tenant or a region inside it); staff reaching it see the document. Default: tenantCode. */
  regionCode?: string;
  agency: { name: string; address?: string; headerLines: string[] };
  subject: { type: string; id: string; trackingCode?: string };
  /** The citizen the letter is for: they may download it (RLS). */
  citizenId?: string;
  title: { id: string; en?: string };
  recipientName: string;
  decision: 'approved' | 'rejected';
  /** Paragraphs of the letter's body, in Bahasa Indonesia. */
  body: string[];
  issuedAt: Date;
  issuedBy: { staffId?: string | null; name: string; role?: string };
  /** Printed before the date, e.g. "Banyuwangi". */
  placeName?: string;
  /**
   * When given, a `document.issue` entry is appended as the last statement of this call. Leave it
   * out when the caller audits the whole transition itself (and names the document id there).
   */
  audit?: Pick<AuditEntryInput, 'actor' | 'ip' | 'requestId'>;
}

export interface IssuedDocument {
  documentId: string;
  /** The signed QR payload (docs/DOCUMENTS.md). */
  payload: string;
  /** <public url>/verifikasi?d=<payload>, what the QR encodes. */
  verifyUrl: string;
  /** The signed PDF, exactly as stored. */
  pdf: Buffer;
  pdfSha256: string;
  kid: string;
}

const SUBJECT_TYPE = /^[a-z][a-z_]{1,39}$/;

function invalid(detail: string): AppError {
  return new AppError('DOCUMENT_INPUT_INVALID', { detail });
}

function checkInput(input: IssueDocumentInput): void {
  const text = (value: string | undefined, name: string, min: number, max: number) => {
    if (value === undefined || value.trim().length < min || value.length > max)
      throw invalid(`${name} must be ${min}–${max} characters`);
  };
  text(input.agency.name, 'agency.name', 2, 200);
  text(input.title.id, 'title.id', 2, 200);
  if (input.title.en !== undefined) text(input.title.en, 'title.en', 2, 200);
  text(input.recipientName, 'recipientName', 1, 200);
  text(input.issuedBy.name, 'issuedBy.name', 1, 200);
  text(input.subject.id, 'subject.id', 1, 100);
  if (input.subject.trackingCode !== undefined) text(input.subject.trackingCode, 'subject.trackingCode', 1, 40);
  if (!SUBJECT_TYPE.test(input.subject.type)) throw invalid('subject.type must look like "application"');
  if (input.decision !== 'approved' && input.decision !== 'rejected') throw invalid('decision must be approved or rejected');
  if (input.body.length === 0 || input.body.length > 30 || input.body.some((p) => !p.trim() || p.length > 3000)) {
    throw invalid('body must hold 1–30 non-empty paragraphs of at most 3000 characters');
  }
  if (input.agency.headerLines.length > 4) throw invalid('agency.headerLines holds at most 4 lines');
  if (!(input.issuedAt instanceof Date) || Number.isNaN(input.issuedAt.getTime())) throw invalid('issuedAt must be a date');
  const region = input.regionCode ?? input.tenantCode;
  if (region !== input.tenantCode && !region.startsWith(`${input.tenantCode}.`))
    throw invalid('regionCode must lie in the tenant');
}

/** `3510-20261122-9f86d081`: the tenant, the day it was made, and randomness. */
function newKid(tenantCode: string, now: Date): string {
  return `${tenantCode.replaceAll('.', '')}-${now.toISOString().slice(0, 10).replaceAll('-', '')}-${randomBytes(4).toString('hex')}`;
}

/** Makes a key pair for the tenant and stores it (the private half sealed); the kid in force afterwards. */
export async function createActiveKeyInTx(trx: Transaction<DB>, signer: DocumentSigner, tenantCode: string) {
  const pair = generateSigningKeyPair();
  const kid = newKid(tenantCode, new Date());
  const inserted = await repo.insertActiveKeyInTx(trx, {
    tenantCode,
    kid,
    publicKey: pair.publicKey,
    sealedPrivateKey: sealPrivateKey(signer, pair.privateKeyDer, { tenantCode, kid }),
  });
  return inserted ? kid : undefined;
}

/**
 * The tenant's active signing key, made on first use. Throws TENANT_NOT_FOUND; a key sealed under
 * another LAYAN_SIGNING_KEY throws a plain Error (a configuration fault, answered INTERNAL).
 */
async function activeKeyInTx(trx: Transaction<DB>, signer: DocumentSigner, tenantCode: string) {
  let row = await repo.findActiveKeyWithSecretInTx(trx, tenantCode);
  let created: string | undefined;
  if (!row) {
    if (!(await repo.findTenantInTx(trx, tenantCode))) throw new AppError('TENANT_NOT_FOUND', { code: tenantCode });
    created = await createActiveKeyInTx(trx, signer, tenantCode);
    row = await repo.findActiveKeyWithSecretInTx(trx, tenantCode);
    if (!row) throw new Error(`No active signing key for tenant ${tenantCode} after creating one`);
  }
  let der: Buffer;
  try {
    der = openPrivateKey(signer, row.private_key, { tenantCode, kid: row.kid });
  } catch {
    throw new Error(`The signing key ${row.kid} cannot be opened: LAYAN_SIGNING_KEY differs from the one it was sealed with`);
  }
  return { kid: row.kid, privateKey: privateKeyOf(der), created };
}

function sha256(data: string | Uint8Array): Buffer {
  return createHash('sha256').update(data).digest();
}

/**
 * Issues a signed letter inside the caller's transaction: signs the payload with the tenant's
 * active key (made on first use), renders the PDF with the QR, signs the whole file, stores both.
 * Throws DOCUMENT_INPUT_INVALID, TENANT_NOT_FOUND.
 */
export async function issueDocumentInTx(trx: Transaction<DB>, input: IssueDocumentInput): Promise<IssuedDocument> {
  checkInput(input);
  const zone = timeZoneOfRegion(input.tenantCode);
  if (!zone) throw invalid(`tenantCode ${input.tenantCode} is not a region code`);
  const key = await activeKeyInTx(trx, input.signer, input.tenantCode);
  const documentId = randomUUID();
  const issuedDate = localDateOf(input.issuedAt, zone);

  // The letter's content, canonical: what the payload's hash vouches for.
  const content = {
    v: 1,
    documentId,
    tenantCode: input.tenantCode,
    agency: { name: input.agency.name, address: input.agency.address ?? null, headerLines: input.agency.headerLines },
    title: { id: input.title.id, en: input.title.en ?? null },
    subject: { type: input.subject.type, id: input.subject.id, trackingCode: input.subject.trackingCode ?? null },
    recipientName: input.recipientName,
    decision: input.decision,
    body: input.body,
    issuedAt: input.issuedAt.toISOString(),
    issuedBy: { name: input.issuedBy.name, role: input.issuedBy.role ?? null },
  };
  const contentHash = sha256(JSON.stringify(content));
  const facts: PayloadFacts = {
    i: documentId,
    t: input.tenantCode,
    a: input.agency.name,
    ti: input.title.id,
    d: input.decision,
    r: input.recipientName,
    at: issuedDate,
    h: contentHash.toString('base64url'),
  };
  const payload = signPayload(facts, key.kid, key.privateKey);
  const verifyPageUrl = `${input.signer.publicUrl}/verifikasi`;
  const verifyUrl = `${verifyPageUrl}?d=${payload}`;

  const rendered = await renderLetterPdf({
    documentId,
    headerLines: input.agency.headerLines,
    agencyName: input.agency.name,
    agencyAddress: input.agency.address,
    titleId: input.title.id,
    titleEn: input.title.en,
    trackingCode: input.subject.trackingCode,
    recipientName: input.recipientName,
    decision: input.decision,
    paragraphs: input.body,
    issuedDateText: formatInstantDate(input.issuedAt, zone),
    placeName: input.placeName,
    signerName: input.issuedBy.name,
    signerRole: input.issuedBy.role,
    kid: key.kid,
    verifyUrl,
    verifyPageUrl,
  });
  const pdf = sealPdf(rendered, payload, key.kid, key.privateKey);
  const pdfSha256 = sha256(pdf).toString('hex');

  await repo.insertDocumentInTx(trx, {
    tenant_code: input.tenantCode,
    id: documentId,
    region_code: input.regionCode ?? input.tenantCode,
    subject_type: input.subject.type,
    subject_id: input.subject.id,
    tracking_code: input.subject.trackingCode ?? null,
    citizen_id: input.citizenId ?? null,
    title_id: input.title.id,
    title_en: input.title.en ?? null,
    decision: input.decision,
    recipient_name: input.recipientName,
    agency_name: input.agency.name,
    issued_at: input.issuedAt.toISOString(),
    issued_by: input.issuedBy.staffId ?? null,
    issued_by_name: input.issuedBy.name,
    issued_by_role: input.issuedBy.role ?? null,
    kid: key.kid,
    payload,
    content_sha256: contentHash.toString('hex'),
    pdf_sha256: pdfSha256,
    pdf,
  });

  if (input.audit) {
    await appendAuditInTx(trx, {
      ...input.audit,
      action: 'document.issue',
      tenantCode: input.tenantCode,
      target: { type: 'document', id: documentId },
      detail: {
        subjectType: input.subject.type,
        subjectId: input.subject.id,
        decision: input.decision,
        kid: key.kid,
        pdfSha256,
        ...(key.created ? { keyCreated: key.created } : {}),
      },
    });
  }
  return { documentId, payload, verifyUrl, pdf, pdfSha256, kid: key.kid };
}

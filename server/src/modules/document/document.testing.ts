import type { Deps } from '../../deps.ts';
import { NATIONAL, withScope } from '../../db/scope.ts';
import { resolveDocumentSigner } from './document.keys.ts';
import { issueDocumentInTx, type IssueDocumentInput, type IssuedDocument } from './document.issue.ts';

/** A complete issue input for tests; `overrides` replace top-level fields. */
export function sampleIssueInput(deps: Deps, overrides: Partial<IssueDocumentInput> = {}): IssueDocumentInput {
  return {
    signer: resolveDocumentSigner(deps.env),
    tenantCode: '35.10',
    agency: {
      name: 'Dinas Kependudukan dan Pencatatan Sipil',
      address: 'Jl. Jaksa Agung Suprapto No. 1, Banyuwangi',
      headerLines: ['Pemerintah Kabupaten Banyuwangi'],
    },
    subject: { type: 'application', id: 'app-0001', trackingCode: 'LYN-7Q4K2M' },
    title: { id: 'Kutipan Akta Kelahiran', en: 'Birth certificate extract' },
    recipientName: 'Siti Rahayu',
    decision: 'approved',
    body: [
      'Berdasarkan permohonan Saudara, dengan ini kami sampaikan bahwa permohonan tersebut telah diperiksa dan disetujui.',
      'Dokumen dapat diambil di Mal Pelayanan Publik Banyuwangi pada hari kerja.',
    ],
    issuedAt: new Date('2026-11-22T03:00:00Z'),
    issuedBy: { name: 'Budi Santoso', role: 'Kepala Bidang Pelayanan' },
    placeName: 'Banyuwangi',
    ...overrides,
  };
}

/** Issues a sample document as a unit of work scoped to `scope` (national by default). */
export function issueSample(
  deps: Deps,
  overrides: Partial<IssueDocumentInput> = {},
  scope: Parameters<typeof withScope>[1] = NATIONAL,
): Promise<IssuedDocument> {
  return withScope(deps.database.db, scope, (trx) => issueDocumentInTx(trx, sampleIssueInput(deps, overrides)));
}

/** A copy of `bytes` with the byte at `index` changed (every bit flipped, so it always differs). */
export function alterByte(bytes: Uint8Array, index: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[index] = copy[index]! ^ 0xff;
  return copy;
}

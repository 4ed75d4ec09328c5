import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NATIONAL, withScope } from '../../db/scope.ts';
import { AppError } from '../../errors.ts';
import { CSRF_HEADER } from '../identity/identity.plugin.ts';
import { createAuthTestApp, makeStaff, makeTenants, signIn, type AuthTestApp } from '../identity/identity.testing.ts';
import { openPrivateKey, resolveDocumentSigner } from './document.keys.ts';
import { issueDocumentInTx, readDocumentPdfInTx } from './document.service.ts';
import { privateKeyOf, signPayload, type PayloadFacts } from './document.signature.ts';
import { alterByte, issueSample, sampleIssueInput } from './document.testing.ts';

let t: AuthTestApp;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  t = await createAuthTestApp();
  await makeTenants(t.deps, [
    { code: '35.10', name: 'Pemerintah Kabupaten Banyuwangi' },
    { code: '35.09', name: 'Pemerintah Kabupaten Jember' },
  ]);
  const staff = [
    { who: 'pemda', email: 'pemda@banyuwangi.test', role: 'admin_pemda', region: '35.10' },
    { who: 'jember', email: 'pemda@jember.test', role: 'admin_pemda', region: '35.09' },
    { who: 'supervisor', email: 'spv@banyuwangi.test', role: 'supervisor', region: '35.10' },
    { who: 'loket', email: 'loket@banyuwangi.test', role: 'petugas_loket', region: '35.10' },
  ] as const;
  for (const s of staff) {
    await makeStaff(t.deps, { email: s.email, regionCode: s.region, grants: [{ role: s.role, regionCode: s.region }] });
    cookies[s.who] = await signIn(t.app, s.email);
  }
});
afterAll(() => t?.close());

function call(
  method: 'GET' | 'POST',
  url: string,
  options: { who?: string; payload?: object | string | Buffer; type?: string } = {},
) {
  return t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: {
      ...(options.who ? { cookie: cookies[options.who]!, [CSRF_HEADER]: '1' } : {}),
      ...(options.type ? { 'content-type': options.type } : {}),
    },
    ...(options.payload !== undefined ? { payload: options.payload } : {}),
  });
}

const verifyPayload = (payload: string) => call('POST', '/verify', { payload: { payload } });
const verifyPdf = (pdf: Buffer) => call('POST', '/verify', { payload: pdf, type: 'application/pdf' });

async function countDocuments(): Promise<number> {
  const row = await withScope(t.deps.database.db, NATIONAL, (trx) =>
    trx
      .selectFrom('issued_document')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  );
  return Number(row.n);
}

describe('issuing and verifying', () => {
  it('issues a signed letter: the payload and the whole PDF verify, with the facts of the letter and no NIK', async () => {
    const issued = await issueSample(t.deps, {
      audit: { actor: { type: 'staff', id: null, role: 'petugas_back_office' }, requestId: 'test-issue' },
    });
    expect(issued.payload).toMatch(/^L1\.3510-\d{8}-[0-9a-f]{8}\./);
    expect(issued.verifyUrl).toBe(`http://localhost:3000/verifikasi?d=${issued.payload}`);
    expect(issued.pdf.subarray(0, 5).toString()).toBe('%PDF-');

    const byPayload = await verifyPayload(issued.payload);
    expect(byPayload.statusCode).toBe(200);
    expect(byPayload.json()).toEqual({
      valid: true,
      revoked: false,
      document: {
        id: issued.documentId,
        title: 'Kutipan Akta Kelahiran',
        decision: 'approved',
        issuedDate: '2026-11-22',
        recipientName: 'Siti Rahayu',
        agency: 'Dinas Kependudukan dan Pencatatan Sipil',
        tenant: { code: '35.10', name: 'Pemerintah Kabupaten Banyuwangi' },
        kid: issued.kid,
        keyStatus: 'active',
      },
    });
    // The verify URL, as a phone camera hands it over, and the payload as text/plain.
    expect((await verifyPayload(issued.verifyUrl)).json().valid).toBe(true);
    expect((await call('POST', '/verify', { payload: issued.payload, type: 'text/plain' })).json().valid).toBe(true);
    expect((await verifyPdf(issued.pdf)).json()).toEqual(byPayload.json());

    const audit = await withScope(t.deps.database.db, NATIONAL, (trx) =>
      trx.selectFrom('audit_log').select(['action', 'target_id', 'detail']).where('action', '=', 'document.issue').execute(),
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ target_id: issued.documentId, detail: { kid: issued.kid, keyCreated: issued.kid } });
  });

  it('says invalid for one altered byte anywhere in the PDF: header, content, trailer, payload line, signature line', async () => {
    const { pdf } = await issueSample(t.deps);
    const text = pdf.toString('latin1');
    const positions = {
      header: 2,
      content: text.indexOf('stream') + 40,
      middle: Math.floor(pdf.length / 2),
      beforeEof: text.lastIndexOf('%%EOF') - 2,
      payloadBody: text.lastIndexOf('%LAYAN-DOC') + 60,
      signatureKid: text.lastIndexOf('%LAYAN-SIG') + 14,
      signatureHex: pdf.length - 20,
      lastByte: pdf.length - 1,
    };
    for (const [where, index] of Object.entries(positions)) {
      const response = await verifyPdf(alterByte(pdf, index));
      expect(response.statusCode).toBe(200);
      expect(response.json(), where).toMatchObject({ valid: false, revoked: false });
      expect(response.json().document, where).toBeUndefined();
    }
    expect((await verifyPdf(alterByte(pdf, positions.content))).json().reason).toBe('file_altered');
    expect((await verifyPdf(pdf)).json().valid).toBe(true);
  });

  it('says invalid for an altered payload, an unknown kid, and a tenant’s key vouching for another tenant', async () => {
    const { payload, kid, documentId } = await issueSample(t.deps);
    const parts = payload.split('.');
    const body = JSON.parse(Buffer.from(parts[2]!, 'base64url').toString()) as PayloadFacts;
    const reBody = (facts: PayloadFacts) =>
      [parts[0], parts[1], Buffer.from(JSON.stringify(facts)).toString('base64url'), parts[3]].join('.');
    expect((await verifyPayload(reBody({ ...body, d: 'rejected' }))).json()).toMatchObject({
      valid: false,
      reason: 'bad_signature',
    });
    expect((await verifyPayload(reBody({ ...body, r: 'Orang Lain' }))).json()).toMatchObject({
      valid: false,
      reason: 'bad_signature',
    });
    expect((await verifyPayload(payload.replace(kid, '3510-20000101-00000000'))).json()).toMatchObject({
      valid: false,
      reason: 'unknown_key',
    });

    // Banyuwangi's own private key signing a letter that claims to be Jember's.
    const signer = resolveDocumentSigner(t.deps.env);
    const secret = await withScope(t.deps.database.db, NATIONAL, (trx) =>
      trx.selectFrom('document_signing_secret').select('private_key').where('kid', '=', kid).executeTakeFirstOrThrow(),
    );
    const key = privateKeyOf(openPrivateKey(signer, secret.private_key, { tenantCode: '35.10', kid }));
    expect((await verifyPayload(signPayload({ ...body, t: '35.09' }, kid, key))).json()).toMatchObject({
      valid: false,
      reason: 'wrong_tenant',
    });
    // A genuine signature on a document this server never issued: the key was misused.
    const invented = signPayload({ ...body, i: '11111111-2222-4333-8444-555555555555' }, kid, key);
    expect((await verifyPayload(invented)).json()).toMatchObject({ valid: false, reason: 'not_registered' });
    expect((await verifyPayload(signPayload(body, kid, key))).json()).toMatchObject({
      valid: true,
      document: { id: documentId },
    });
  });

  it('rejects unusable verify requests clearly', async () => {
    expect((await call('POST', '/verify', { payload: {} })).json().error.code).toBe('VALIDATION_FAILED');
    expect((await call('POST', '/verify', { payload: { payload: 'x', extra: 1 } })).statusCode).toBe(400);
    expect((await call('POST', '/verify', { payload: Buffer.alloc(0), type: 'application/pdf' })).statusCode).toBe(400);
    expect((await call('POST', '/verify', { payload: 'not a pdf at all', type: 'application/pdf' })).json()).toMatchObject({
      valid: false,
      reason: 'malformed',
    });
    expect((await call('POST', '/verify', { payload: 'garbage', type: 'text/plain' })).json()).toMatchObject({
      valid: false,
      reason: 'malformed',
    });
    const huge = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(6 * 1024 * 1024, 0x20)]);
    expect((await call('POST', '/verify', { payload: huge, type: 'application/pdf' })).statusCode).toBe(413);
    expect((await call('POST', '/verify', { payload: '<x/>', type: 'application/xml' })).statusCode).toBe(415);
  });
});

describe('issuing: bad input and scope', () => {
  it('refuses bad input with DOCUMENT_INPUT_INVALID or TENANT_NOT_FOUND, writing nothing', async () => {
    const before = await countDocuments();
    const bad = [
      { recipientName: '' },
      { body: [] },
      { decision: 'maybe' as 'approved' },
      { subject: { type: 'Application!', id: 'x' } },
      { regionCode: '35.09.01' },
      { issuedAt: new Date('nonsense') },
    ];
    for (const overrides of bad) {
      await expect(issueSample(t.deps, overrides), JSON.stringify(overrides)).rejects.toMatchObject({
        code: 'DOCUMENT_INPUT_INVALID',
      });
    }
    await expect(issueSample(t.deps, { tenantCode: '35.11' })).rejects.toMatchObject({ code: 'TENANT_NOT_FOUND' });
    expect(await countDocuments()).toBe(before);
    const keys = await withScope(t.deps.database.db, NATIONAL, (trx) =>
      trx.selectFrom('document_signing_key').select('kid').where('tenant_code', '=', '35.11').execute(),
    );
    expect(keys).toEqual([]);
  });

  it('lets staff of the region and nobody else read the PDF; the public scope sees no secrets', async () => {
    const { documentId, pdf } = await issueSample(t.deps, { regionCode: '35.10.01' });
    const read = (scope: string) =>
      withScope(t.deps.database.db, scope, (trx) => readDocumentPdfInTx(trx, { tenantCode: '35.10', documentId }));
    expect((await read('35.10')).pdf.equals(pdf)).toBe(true);
    expect((await read('35.10.01')).pdf.equals(pdf)).toBe(true);
    await expect(read('35.10.02')).rejects.toMatchObject({ code: 'DOCUMENT_NOT_FOUND' });
    await expect(read('35.09')).rejects.toMatchObject({ code: 'DOCUMENT_NOT_FOUND' });
    await expect(read('')).rejects.toBeInstanceOf(AppError);
    const publicView = await withScope(t.deps.database.db, { regions: [] }, async (trx) => ({
      secrets: await trx.selectFrom('document_signing_secret').select('kid').execute(),
      documents: await trx.selectFrom('issued_document').select('id').execute(),
      register: await trx.selectFrom('document_register').select('id').where('id', '=', documentId).execute(),
    }));
    expect(publicView).toEqual({ secrets: [], documents: [], register: [{ id: documentId }] });
  });

  it('lets an officer of a kecamatan issue with the tenant’s key, but not a document for another region', async () => {
    const issued = await issueSample(t.deps, { regionCode: '35.10.01' }, '35.10.01');
    expect((await verifyPayload(issued.payload)).json().valid).toBe(true);
    await expect(issueSample(t.deps, { regionCode: '35.10.02' }, '35.10.01')).rejects.toThrow();
  });

  it('is made inside the caller’s transaction: a rollback leaves no document', async () => {
    const before = await countDocuments();
    await expect(
      withScope(t.deps.database.db, NATIONAL, async (trx) => {
        await issueDocumentInTx(trx, sampleIssueInput(t.deps));
        throw new Error('the transition failed after issuing');
      }),
    ).rejects.toThrow('the transition failed');
    expect(await countDocuments()).toBe(before);
  });
});

describe('signing keys and rotation', () => {
  it('lists public keys per tenant without secrets', async () => {
    const all = await call('GET', '/signing-keys');
    expect(all.statusCode).toBe(200);
    const keys = all.json().keys as Array<Record<string, unknown>>;
    expect(keys.length).toBeGreaterThanOrEqual(1);
    expect(Object.keys(keys[0]!).sort()).toEqual([
      'algorithm',
      'createdAt',
      'kid',
      'publicKey',
      'retiredAt',
      'status',
      'tenantCode',
    ]);
    expect((await call('GET', '/signing-keys?tenant=35.09')).json()).toEqual({ algorithm: 'Ed25519', keys: [] });
    expect((await call('GET', '/signing-keys?tenant=35.11')).json().error.code).toBe('TENANT_NOT_FOUND');
    expect((await call('GET', '/signing-keys?tenant=banyuwangi')).statusCode).toBe(400);
  });

  it('rotates: old documents still verify (key retired), new ones carry the new kid; only the tenant’s admins may', async () => {
    const old = await issueSample(t.deps);
    expect((await call('POST', '/admin/tenants/35.10/signing-keys/rotate')).statusCode).toBe(401);
    expect((await call('POST', '/admin/tenants/35.10/signing-keys/rotate', { who: 'loket' })).json().error.code).toBe(
      'FORBIDDEN',
    );
    expect((await call('POST', '/admin/tenants/35.10/signing-keys/rotate', { who: 'jember' })).json().error.code).toBe(
      'FORBIDDEN',
    );

    const rotated = await call('POST', '/admin/tenants/35.10/signing-keys/rotate', { who: 'pemda' });
    expect(rotated.statusCode).toBe(200);
    const { active, retired, keys } = rotated.json();
    expect(retired).toBe(old.kid);
    expect(active).not.toBe(old.kid);
    expect(keys.filter((k: { status: string }) => k.status === 'active')).toHaveLength(1);

    const oldCheck = (await verifyPdf(old.pdf)).json();
    expect(oldCheck).toMatchObject({ valid: true, document: { kid: old.kid, keyStatus: 'retired' } });
    const fresh = await issueSample(t.deps);
    expect(fresh.kid).toBe(active);
    expect((await verifyPdf(fresh.pdf)).json()).toMatchObject({ valid: true, document: { kid: active, keyStatus: 'active' } });

    // Rotating a tenant that has never issued just makes its first key.
    const jember = await call('POST', '/admin/tenants/35.09/signing-keys/rotate', { who: 'jember' });
    expect(jember.json()).toMatchObject({ retired: null, keys: [{ tenantCode: '35.09', status: 'active' }] });

    const audit = await withScope(t.deps.database.db, NATIONAL, (trx) =>
      trx
        .selectFrom('audit_log')
        .select(['target_id', 'tenant_code', 'detail'])
        .where('action', '=', 'document.key_rotate')
        .execute(),
    );
    expect(audit).toEqual([
      { target_id: active, tenant_code: '35.10', detail: { retired: old.kid } },
      { target_id: jember.json().active, tenant_code: '35.09', detail: { retired: null } },
    ]);
  });
});

describe('the API document', () => {
  it('lists the document routes under their tags', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    expect(spec.paths['/api/v1/verify'].post.tags).toEqual(['documents']);
    expect(spec.paths['/api/v1/signing-keys'].get.tags).toEqual(['documents']);
    expect(Object.keys(spec.paths['/api/v1/documents/{id}/pdf'].get.responses['200'].content)).toEqual(['application/pdf']);
  });
});

describe('revocation', () => {
  it('keeps the signature valid but reports the document revoked; audited; once only', async () => {
    const { documentId, pdf, payload } = await issueSample(t.deps);
    const url = `/admin/tenants/35.10/documents/${documentId}/revoke`;
    expect((await call('POST', url, { payload: { reason: 'Diganti dokumen baru' } })).statusCode).toBe(401);
    expect((await call('POST', url, { who: 'loket', payload: { reason: 'Diganti dokumen baru' } })).statusCode).toBe(403);
    expect((await call('POST', url, { who: 'jember', payload: { reason: 'Diganti dokumen baru' } })).statusCode).toBe(403);
    expect((await call('POST', url, { who: 'supervisor', payload: { reason: 'x' } })).statusCode).toBe(400);
    expect(
      (
        await call('POST', '/admin/tenants/35.10/documents/11111111-2222-4333-8444-555555555555/revoke', {
          who: 'supervisor',
          payload: { reason: 'Tidak ada' },
        })
      ).json().error.code,
    ).toBe('DOCUMENT_NOT_FOUND');
    // Named in the wrong tenant: not found there.
    expect(
      (
        await call('POST', `/admin/tenants/35.09/documents/${documentId}/revoke`, { who: 'jember', payload: { reason: 'Salah' } })
      ).json().error.code,
    ).toBe('DOCUMENT_NOT_FOUND');

    const revoked = await call('POST', url, { who: 'supervisor', payload: { reason: 'Diganti dokumen baru' } });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ id: documentId, tenantCode: '35.10', reason: 'Diganti dokumen baru' });

    for (const response of [await verifyPdf(pdf), await verifyPayload(payload)]) {
      expect(response.json()).toMatchObject({
        valid: true,
        revoked: true,
        revokedAt: revoked.json().revokedAt,
        document: { id: documentId },
      });
    }
    const again = await call('POST', url, { who: 'pemda', payload: { reason: 'Sekali lagi' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('DOCUMENT_REVOKED');

    const audit = await withScope(t.deps.database.db, NATIONAL, (trx) =>
      trx
        .selectFrom('audit_log')
        .select(['actor_role', 'detail'])
        .where('action', '=', 'document.revoke')
        .where('target_id', '=', documentId)
        .execute(),
    );
    expect(audit).toEqual([
      { actor_role: 'supervisor', detail: { subjectType: 'application', subjectId: 'app-0001', reason: 'Diganti dokumen baru' } },
    ]);
  });

  it('cannot be undone or faked by the application role', async () => {
    const { documentId } = await issueSample(t.deps);
    // The app role may set revoked_at only through its grants; deleting the register entry is not granted.
    await expect(
      withScope(t.deps.database.db, NATIONAL, (trx) => sql`DELETE FROM document_register WHERE id = ${documentId}`.execute(trx)),
    ).rejects.toThrow(/permission denied/);
    await expect(
      withScope(t.deps.database.db, NATIONAL, (trx) =>
        sql`UPDATE issued_document SET recipient_name = 'X' WHERE id = ${documentId}`.execute(trx),
      ),
    ).rejects.toThrow(/permission denied/);
  });
});

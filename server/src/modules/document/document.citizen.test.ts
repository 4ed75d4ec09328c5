import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizenTestApp, signUpCitizen, type CitizenTestApp } from '../citizen/citizen.testing.ts';
import { makeTenants } from '../identity/identity.testing.ts';
import { issueSample } from './document.testing.ts';

// The citizen's side: they download their own letter, exactly as issued, and it verifies.

let t: CitizenTestApp;
const citizens: Record<'siti' | 'ahmad', { cookie: string; id: string }> = {} as never;

beforeAll(async () => {
  t = await createCitizenTestApp();
  await makeTenants(t.deps, [{ code: '35.10', name: 'Pemerintah Kabupaten Banyuwangi' }]);
  citizens.siti = await signUpCitizen(t, { nik: '3510014708900001', email: 'siti@warga.test', name: 'Siti Rahayu' });
  citizens.ahmad = await signUpCitizen(t, { nik: '3510010202900004', email: 'ahmad@warga.test', name: 'Ahmad Fauzi' });
}, 120_000);
afterAll(() => t?.close());

const download = (id: string, cookie?: string) =>
  t.app.inject({ method: 'GET', url: `/api/v1/documents/${id}/pdf`, headers: cookie ? { cookie } : {} });

describe('GET /documents/:id/pdf', () => {
  it('gives the citizen their own signed PDF, byte for byte, and it verifies', async () => {
    const issued = await issueSample(t.deps, { citizenId: citizens.siti.id });
    const response = await download(issued.documentId, citizens.siti.cookie);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe('attachment; filename="dokumen-LYN-7Q4K2M.pdf"');
    expect(response.rawPayload.equals(issued.pdf)).toBe(true);
    const verified = await t.app.inject({
      method: 'POST',
      url: '/api/v1/verify',
      headers: { 'content-type': 'application/pdf' },
      payload: response.rawPayload,
    });
    expect(verified.json()).toMatchObject({ valid: true, revoked: false, document: { id: issued.documentId } });
  });

  it('answers 401 to the anonymous and 404 for someone else’s document or an unknown id', async () => {
    const issued = await issueSample(t.deps, { citizenId: citizens.siti.id });
    expect((await download(issued.documentId)).statusCode).toBe(401);
    const other = await download(issued.documentId, citizens.ahmad.cookie);
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('DOCUMENT_NOT_FOUND');
    expect((await download('11111111-2222-4333-8444-555555555555', citizens.siti.cookie)).statusCode).toBe(404);
    expect((await download('not-a-uuid', citizens.siti.cookie)).statusCode).toBe(400);
    // A document issued to no account is nobody's download.
    const unlinked = await issueSample(t.deps);
    expect((await download(unlinked.documentId, citizens.siti.cookie)).statusCode).toBe(404);
  });
});

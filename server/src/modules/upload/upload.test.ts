import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApplicationFixture, pdfBytes, pngBytes, type ApplicationFixture } from '../application/application.testing.ts';
import { createCitizenTestApp, signUpCitizen, type CitizenTestApp } from '../citizen/citizen.testing.ts';
import { CSRF_HEADER } from '../identity/identity.plugin.ts';
import { signIn } from '../identity/identity.testing.ts';

let t: CitizenTestApp;
let fx: ApplicationFixture;
let citizen: { cookie: string; id: string };

function upload(cookie: string, bytes: Buffer, name: string, query = '', contentType = 'application/octet-stream') {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/uploads?name=${encodeURIComponent(name)}${query}`,
    headers: { cookie, [CSRF_HEADER]: '1', 'content-type': contentType },
    payload: bytes,
  });
}

beforeAll(async () => {
  t = await createCitizenTestApp();
  fx = await makeApplicationFixture(t.deps);
  citizen = await signUpCitizen(t, { nik: '3510014708900001', email: 'siti@warga.test' });
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('POST /uploads', () => {
  it('stores a PDF by its content, once per sha256', async () => {
    const bytes = pdfBytes(5000, 'sama');
    const first = await upload(citizen.cookie, bytes, 'KTP saya.pdf');
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ fileName: 'KTP saya.pdf', mediaType: 'application/pdf', size: 5000, attached: false });
    const second = await upload(citizen.cookie, bytes, 'salinan.pdf', '', 'application/pdf');
    expect(second.json().sha256).toBe(first.json().sha256);
    expect(second.json().id).not.toBe(first.json().id);
    const blobs = await t.deps.database.db
      .selectFrom('upload_blob')
      .select('sha256')
      .where('sha256', '=', first.json().sha256)
      .execute();
    expect(blobs).toHaveLength(1);

    const download = await t.app.inject({
      method: 'GET',
      url: `/api/v1/uploads/${first.json().id}`,
      headers: { cookie: citizen.cookie },
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(download.rawPayload, bytes)).toBe(0);
  });

  it('refuses a program disguised with a .pdf name and a PDF content type', async () => {
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(2000, 0x90)]);
    const response = await upload(citizen.cookie, exe, 'ktp.pdf', '', 'application/pdf');
    expect(response.statusCode).toBe(415);
    expect(response.json().error.code).toBe('UPLOAD_TYPE_NOT_ALLOWED');
    const html = await upload(citizen.cookie, Buffer.from('<html><script>alert(1)</script></html>'), 'foto.png', '', 'image/png');
    expect(html.statusCode).toBe(415);
  });

  it('refuses a file over the global cap, and over a form field’s own limit', async () => {
    const huge = await upload(citizen.cookie, pdfBytes(10 * 1024 * 1024 + 10), 'besar.pdf');
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('UPLOAD_TOO_LARGE');
    const field = `&serviceId=${fx.serviceId}&field=ktp`;
    const overField = await upload(citizen.cookie, pngBytes(1024 * 1024 + 1), 'foto.png', field);
    expect(overField.statusCode).toBe(413);
    expect(overField.json().error.code).toBe('UPLOAD_TOO_LARGE');
    expect((await upload(citizen.cookie, pngBytes(2048), 'foto.png', field)).statusCode).toBe(201);
    const unknownField = await upload(citizen.cookie, pngBytes(2048), 'foto.png', `&serviceId=${fx.serviceId}&field=tidakada`);
    expect(unknownField.statusCode).toBe(400);
  });

  it('refuses an empty body and the anonymous; staff who assist may upload', async () => {
    expect((await upload(citizen.cookie, Buffer.alloc(0), 'kosong.pdf')).statusCode).toBe(400);
    expect((await upload('', pdfBytes(), 'a.pdf')).statusCode).toBe(401);
    const desa = await signIn(t.app, 'desa@uji.go.id');
    expect((await upload(desa, pdfBytes(), 'a.pdf')).statusCode).toBe(201);
  });

  it('keeps an upload its uploader’s: another citizen gets 404', async () => {
    const mine = (await upload(citizen.cookie, pdfBytes(3000, randomUUID()), 'a.pdf')).json();
    const other = await signUpCitizen(t, { nik: '3510010101900002', email: 'budi@warga.test' });
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/uploads/${mine.id}`, headers: { cookie: other.cookie } });
    expect(response.statusCode).toBe(404);
  });
});

import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '../../env.ts';
import { openPrivateKey, resolveDocumentSigner, sealPrivateKey } from './document.keys.ts';
import { renderLetterPdf } from './document.pdf.ts';
import {
  generateSigningKeyPair,
  privateKeyOf,
  sealPdf,
  signPayload,
  verifyPayload,
  verifyPdf,
  type PayloadFacts,
  type VerificationKey,
} from './document.signature.ts';

const KID_A = '3510-20261122-0a1b2c3d';
const KID_B = '3510-20261201-99aa88bb';
const KID_OTHER_TENANT = '3509-20261122-11223344';
const a = generateSigningKeyPair();
const b = generateSigningKeyPair();
const other = generateSigningKeyPair();
const KEYS = new Map<string, VerificationKey>([
  [KID_A, { kid: KID_A, tenantCode: '35.10', publicKey: a.publicKey, status: 'active' }],
  [KID_B, { kid: KID_B, tenantCode: '35.10', publicKey: b.publicKey, status: 'retired' }],
  [KID_OTHER_TENANT, { kid: KID_OTHER_TENANT, tenantCode: '35.09', publicKey: other.publicKey, status: 'active' }],
]);
const lookup = (kid: string) => KEYS.get(kid);

const FACTS: PayloadFacts = {
  i: '0f8fad5b-d9cb-469f-a165-70867728950e',
  t: '35.10',
  a: 'Dinas Kependudukan dan Pencatatan Sipil',
  ti: 'Kutipan Akta Kelahiran',
  d: 'approved',
  r: 'Siti Rahayu',
  at: '2026-11-22',
  h: 'n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sFbDwCgg',
};

function flip(bytes: Uint8Array, index: number, mask: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[index] = copy[index]! ^ mask;
  return copy;
}

let pdf: Uint8Array;
let sealed: Buffer;
let payload: string;

beforeAll(async () => {
  payload = signPayload(FACTS, KID_A, privateKeyOf(a.privateKeyDer));
  pdf = await renderLetterPdf({
    documentId: FACTS.i,
    headerLines: ['Pemerintah Kabupaten Banyuwangi'],
    agencyName: FACTS.a,
    titleId: FACTS.ti,
    titleEn: 'Birth certificate extract',
    trackingCode: 'LYN-7Q4K2M',
    recipientName: 'Siti Rahayu',
    decision: 'approved',
    paragraphs: ['Permohonan Saudara telah disetujui.'],
    issuedDateText: '22 November 2026',
    signerName: 'Budi Santoso',
    kid: KID_A,
    verifyUrl: `http://localhost:3000/verifikasi?d=${payload}`,
    verifyPageUrl: 'http://localhost:3000/verifikasi',
  });
  sealed = sealPdf(pdf, payload, KID_A, privateKeyOf(a.privateKeyDer));
});

describe('the QR payload', () => {
  it('verifies as itself and inside the verify URL, with the facts it signed', () => {
    const direct = verifyPayload(payload, lookup);
    expect(direct).toMatchObject({ valid: true, kid: KID_A, facts: FACTS });
    expect(verifyPayload(`https://layan.example.go.id/verifikasi?d=${payload}`, lookup)).toMatchObject({ valid: true });
    expect(payload.startsWith(`L1.${KID_A}.`)).toBe(true);
  });

  it('is invalid when any one character changes', () => {
    for (let i = 0; i < payload.length; i++) {
      for (const replacement of ['A', 'z', '_', '.']) {
        if (payload[i] === replacement) continue;
        const altered = payload.slice(0, i) + replacement + payload.slice(i + 1);
        const result = verifyPayload(altered, lookup);
        expect(result.valid, `position ${i} → ${replacement}`).toBe(false);
      }
    }
  });

  it('refuses a signature whose last character carries the same bytes (base64url spare bits)', () => {
    const last = payload.at(-1)!;
    // 64 bytes = 85⅓ characters: the last one's low 4 bits are padding, so its neighbours decode the same.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const index = alphabet.indexOf(last);
    const twin = alphabet[index ^ 1]!;
    expect(Buffer.from(payload.slice(0, -1) + twin, 'base64url').length).toBeGreaterThan(0);
    expect(verifyPayload(payload.slice(0, -1) + twin, lookup)).toMatchObject({ valid: false, reason: 'malformed' });
  });

  it('names why: unknown key, wrong tenant, forged, malformed', () => {
    const unknown = signPayload(FACTS, '3510-20261122-deadbeef', privateKeyOf(a.privateKeyDer));
    expect(verifyPayload(unknown, lookup)).toMatchObject({ valid: false, reason: 'unknown_key' });
    // Jember's key vouching for a Banyuwangi letter.
    const crossTenant = signPayload(FACTS, KID_OTHER_TENANT, privateKeyOf(other.privateKeyDer));
    expect(verifyPayload(crossTenant, lookup)).toMatchObject({ valid: false, reason: 'wrong_tenant' });
    // Signed by key B but claiming key A.
    const forged = signPayload(FACTS, KID_A, privateKeyOf(b.privateKeyDer));
    expect(verifyPayload(forged, lookup)).toMatchObject({ valid: false, reason: 'bad_signature' });
    for (const junk of ['', 'hello', 'L1.x.y.z', `L2.${payload.slice(3)}`, `${payload}.extra`]) {
      expect(verifyPayload(junk, lookup)).toMatchObject({ valid: false, reason: 'malformed' });
    }
  });

  it('will not sign incomplete facts or a malformed kid', () => {
    expect(() => signPayload({ ...FACTS, r: '' }, KID_A, privateKeyOf(a.privateKeyDer))).toThrow(/incomplete/);
    expect(() => signPayload(FACTS, 'kid.with.dots', privateKeyOf(a.privateKeyDer))).toThrow(/malformed/);
  });
});

describe('the signed PDF', () => {
  it('is a PDF readers open (the signature lines are comments after %%EOF), and it verifies', async () => {
    const opened = await PDFDocument.load(sealed);
    expect(opened.getPageCount()).toBe(1);
    expect(opened.getTitle()).toBe('Kutipan Akta Kelahiran');
    const tail = sealed.subarray(sealed.length - 1000).toString('latin1');
    expect(tail).toMatch(/%%EOF\n%LAYAN-DOC L1\.[^\n]+\n%LAYAN-SIG 3510-20261122-0a1b2c3d [0-9a-f]{128}\n$/);
    expect(verifyPdf(sealed, lookup)).toMatchObject({ valid: true, kid: KID_A, facts: FACTS, payload });
  });

  it('is invalid when any byte of the signature lines changes, by one bit or all eight', () => {
    const trailerStart = sealed.lastIndexOf('%%EOF', undefined, 'latin1');
    for (let i = trailerStart; i < sealed.length; i++) {
      for (const mask of [0x01, 0x20, 0xff]) {
        expect(verifyPdf(flip(sealed, i, mask), lookup).valid, `byte ${i} ^ ${mask}`).toBe(false);
      }
    }
  });

  it('is invalid when a byte of the letter itself changes, anywhere', () => {
    const step = Math.max(1, Math.floor(sealed.length / 400));
    for (let i = 0; i < sealed.length - 400; i += step) {
      expect(verifyPdf(flip(sealed, i, 0x01), lookup), `byte ${i}`).toMatchObject({ valid: false });
    }
    // Inside the page's content stream: the reason is the file signature.
    const stream = sealed.indexOf('stream', 0, 'latin1');
    expect(verifyPdf(flip(sealed, stream + 20, 0x01), lookup)).toMatchObject({ valid: false, reason: 'file_altered' });
  });

  it('is invalid when cut short or extended', () => {
    expect(verifyPdf(sealed.subarray(0, sealed.length - 1), lookup).valid).toBe(false);
    expect(verifyPdf(Buffer.concat([sealed, Buffer.from('\n')]), lookup).valid).toBe(false);
    expect(verifyPdf(Buffer.concat([sealed.subarray(0, 100), sealed.subarray(101)]), lookup).valid).toBe(false);
  });

  it('names why: not signed, not a PDF, unknown key, key mismatch', () => {
    expect(verifyPdf(pdf, lookup)).toMatchObject({ valid: false, reason: 'not_signed' });
    expect(verifyPdf(Buffer.from('hello world'), lookup)).toMatchObject({ valid: false, reason: 'malformed' });
    const unknownKids = new Map(KEYS);
    unknownKids.delete(KID_A);
    expect(verifyPdf(sealed, (kid) => unknownKids.get(kid))).toMatchObject({ valid: false, reason: 'unknown_key' });
    // The file signed by key B around a payload signed by key A: both genuine, but not one document.
    const mixed = sealPdf(pdf, payload, KID_B, privateKeyOf(b.privateKeyDer));
    expect(verifyPdf(mixed, lookup)).toMatchObject({ valid: false, reason: 'key_mismatch' });
  });

  it('continues a long letter on a second page, keeps the QR with the signature, and prints what the fonts lack', async () => {
    const long = await renderLetterPdf({
      documentId: FACTS.i,
      headerLines: ['Pemerintah Kabupaten Banyuwangi'],
      agencyName: FACTS.a,
      titleId: FACTS.ti,
      recipientName: 'Nguyễn Thị Ħanh',
      decision: 'rejected',
      paragraphs: Array.from(
        { length: 12 },
        (_, i) => `Paragraf ${i + 1}. ${'Persyaratan belum lengkap sesuai standar pelayanan. '.repeat(8)}`,
      ),
      issuedDateText: '22 November 2026',
      signerName: 'Budi Santoso',
      kid: KID_A,
      verifyUrl: `http://localhost:3000/verifikasi?d=${payload}`,
      verifyPageUrl: 'http://localhost:3000/verifikasi',
    });
    const opened = await PDFDocument.load(long);
    expect(opened.getPageCount()).toBe(2);
    expect(verifyPdf(sealPdf(long, payload, KID_A, privateKeyOf(a.privateKeyDer)), lookup).valid).toBe(true);
  });

  it('refuses to seal bytes that do not end in %%EOF', () => {
    expect(() => sealPdf(Buffer.from('%PDF-1.7\nnot finished'), payload, KID_A, privateKeyOf(a.privateKeyDer))).toThrow(/%%EOF/);
  });
});

describe('private keys at rest', () => {
  const env = readEnv({ LAYAN_SIGNING_KEY: 'x'.repeat(40) });

  it('opens only with the same secret, tenant and kid', () => {
    const signer = resolveDocumentSigner(env);
    const sealedKey = sealPrivateKey(signer, a.privateKeyDer, { tenantCode: '35.10', kid: KID_A });
    expect(openPrivateKey(signer, sealedKey, { tenantCode: '35.10', kid: KID_A }).equals(a.privateKeyDer)).toBe(true);
    expect(() => openPrivateKey(signer, sealedKey, { tenantCode: '35.10', kid: KID_B })).toThrow();
    expect(() => openPrivateKey(signer, sealedKey, { tenantCode: '35.09', kid: KID_A })).toThrow();
    const otherSecret = resolveDocumentSigner(readEnv({ LAYAN_SIGNING_KEY: 'y'.repeat(40) }));
    expect(() => openPrivateKey(otherSecret, sealedKey, { tenantCode: '35.10', kid: KID_A })).toThrow();
  });

  it('needs LAYAN_SIGNING_KEY (≥ 32 characters) in production, and uses LAYAN_PUBLIC_URL for the QR', () => {
    expect(() => resolveDocumentSigner(readEnv({ NODE_ENV: 'production' }))).toThrow(/LAYAN_SIGNING_KEY must be set/);
    expect(() => readEnv({ LAYAN_SIGNING_KEY: 'short' })).toThrow(/at least 32/);
    expect(resolveDocumentSigner(readEnv({})).publicUrl).toBe('http://localhost:3000');
    expect(resolveDocumentSigner(readEnv({ LAYAN_PUBLIC_URL: 'https://layan.example.go.id' })).publicUrl).toBe(
      'https://layan.example.go.id',
    );
  });
});

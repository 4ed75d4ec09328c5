import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

/*
 * The two signatures of an output document (docs/DOCUMENTS.md, decision 0006). Pure: no database,
 * so the server, the CLI and an offline verifier share one implementation.
 *
 * 1. The QR payload:   L1.<kid>.<body>.<sig>
 *    body = base64url(UTF-8 JSON of PayloadFacts), sig = base64url(Ed25519 over
 *    "layan-document-payload\n" + "L1.<kid>.<body>").
 * 2. The PDF file:     <pdf bytes ending in %%EOF\n>%LAYAN-DOC <payload>\n%LAYAN-SIG <kid> <hex sig>\n
 *    sig = Ed25519 over "layan-document-file\n" + every byte before "%LAYAN-SIG". Both lines are
 *    PDF comments after %%EOF, which readers skip.
 */

export const PAYLOAD_VERSION = 'L1';
const PAYLOAD_CONTEXT = 'layan-document-payload\n';
const FILE_CONTEXT = 'layan-document-file\n';
const DOC_MARK = '%LAYAN-DOC ';
const SIG_MARK = '%LAYAN-SIG ';
const KID = /^[0-9]{2,4}-[0-9]{8}-[0-9a-f]{8}$/;
const B64URL = /^[A-Za-z0-9_-]+$/;
// Longest tail the signature line can be: mark + kid (≤ 22) + space + 128 hex + newline.
const SIG_LINE_MAX = SIG_MARK.length + 22 + 1 + 128 + 1;

/** What the payload asserts; short keys keep the QR small. */
export interface PayloadFacts {
  /** document id (uuid) */
  i: string;
  /** tenant code, e.g. 35.10 */
  t: string;
  /** agency name as on the letterhead */
  a: string;
  /** title (Indonesian, as on the letter) */
  ti: string;
  d: 'approved' | 'rejected';
  /** recipient name (no NIK: the payload is readable by anyone holding the paper) */
  r: string;
  /** issue date, YYYY-MM-DD in the tenant's time zone */
  at: string;
  /** base64url SHA-256 of the letter's canonical content */
  h: string;
}

/** A public key as GET /signing-keys serves it. */
export interface VerificationKey {
  kid: string;
  tenantCode: string;
  /** raw 32-byte Ed25519 key, base64url */
  publicKey: string;
  status: 'active' | 'retired';
}

export type KeyLookup = (kid: string) => VerificationKey | undefined;

/** Why a document is not valid; stable codes, explained in docs/DOCUMENTS.md. */
export type InvalidReason =
  | 'malformed' // not a Layan payload / file at all, or cut short
  | 'not_signed' // a PDF without the Layan signature lines
  | 'unknown_key' // signed with a kid this verifier does not know
  | 'wrong_tenant' // the key belongs to another tenant than the document claims
  | 'bad_signature' // the payload's signature does not match: it was altered or forged
  | 'file_altered' // the file's signature does not match: some byte of the file changed
  | 'key_mismatch'; // the file and its payload name different keys

export type Verification =
  | { valid: true; kid: string; facts: PayloadFacts; payload: string; key: VerificationKey }
  | { valid: false; reason: InvalidReason; kid?: string; facts?: PayloadFacts; payload?: string };

export interface SigningKeyPair {
  /** raw public key, base64url */
  publicKey: string;
  /** PKCS#8 DER */
  privateKeyDer: Buffer;
}

/** A fresh Ed25519 key pair. */
export function generateSigningKeyPair(): SigningKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKey: publicKey.export({ format: 'jwk' }).x!,
    privateKeyDer: privateKey.export({ format: 'der', type: 'pkcs8' }),
  };
}

/** The private key object of a PKCS#8 DER. */
export function privateKeyOf(der: Buffer): KeyObject {
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
}

function publicKeyOf(raw: string): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw }, format: 'jwk' });
}

/**
 * base64url that decodes to exactly these bytes and back: Node's decoder ignores stray characters
 * and the spare bits of the last one, so a changed character could otherwise decode the same.
 */
function strictBase64url(text: string): Buffer | undefined {
  if (!B64URL.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : undefined;
}

function isFacts(value: unknown): value is PayloadFacts {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  const keys = Object.keys(v).sort().join(',');
  return (
    keys === 'a,at,d,h,i,r,t,ti' &&
    ['a', 'at', 'h', 'i', 'r', 't', 'ti'].every((k) => typeof v[k] === 'string' && (v[k] as string).length > 0) &&
    (v.d === 'approved' || v.d === 'rejected') &&
    /^\d{4}-\d{2}-\d{2}$/.test(v.at as string)
  );
}

/** Signs the facts with the tenant's active key: the QR payload. */
export function signPayload(facts: PayloadFacts, kid: string, privateKey: KeyObject): string {
  if (!KID.test(kid)) throw new Error(`kid "${kid}" is malformed`);
  if (!isFacts(facts)) throw new Error('payload facts are incomplete');
  const body = Buffer.from(JSON.stringify(facts), 'utf8').toString('base64url');
  const signed = `${PAYLOAD_VERSION}.${kid}.${body}`;
  const sig = sign(null, Buffer.from(PAYLOAD_CONTEXT + signed, 'utf8'), privateKey);
  return `${signed}.${sig.toString('base64url')}`;
}

/** The payload from what a camera or a person hands over: the payload itself, or a verify URL holding it as `d`. */
export function extractPayload(input: string): string {
  const text = input.trim();
  if (/^https?:\/\//i.test(text)) {
    try {
      return new URL(text).searchParams.get('d')?.trim() ?? '';
    } catch {
      return text;
    }
  }
  return text;
}

/** Checks a QR payload (or a verify URL holding one) against the known keys. */
export function verifyPayload(input: string, keys: KeyLookup): Verification {
  const payload = extractPayload(input);
  const parts = payload.split('.');
  if (parts.length !== 4 || parts[0] !== PAYLOAD_VERSION || !KID.test(parts[1]!)) return { valid: false, reason: 'malformed' };
  const [, kid, body, sigText] = parts as [string, string, string, string];
  const bodyBytes = strictBase64url(body);
  const sig = strictBase64url(sigText);
  if (!bodyBytes || !sig || sig.length !== 64) return { valid: false, reason: 'malformed', kid };
  let facts: unknown;
  try {
    facts = JSON.parse(bodyBytes.toString('utf8'));
  } catch {
    return { valid: false, reason: 'malformed', kid };
  }
  if (!isFacts(facts)) return { valid: false, reason: 'malformed', kid };
  const key = keys(kid);
  if (!key) return { valid: false, reason: 'unknown_key', kid, facts, payload };
  const message = Buffer.from(`${PAYLOAD_CONTEXT}${PAYLOAD_VERSION}.${kid}.${body}`, 'utf8');
  if (!verify(null, message, publicKeyOf(key.publicKey), sig))
    return { valid: false, reason: 'bad_signature', kid, facts, payload };
  // A key signs only for its own tenant: tenant A's key must not vouch for a letter of tenant B.
  if (key.tenantCode !== facts.t) return { valid: false, reason: 'wrong_tenant', kid, facts, payload };
  return { valid: true, kid, facts, payload, key };
}

/** The PDF with its payload and file signature appended; `pdf` must end with %%EOF. */
export function sealPdf(pdf: Uint8Array, payload: string, kid: string, privateKey: KeyObject): Buffer {
  const base = Buffer.from(pdf);
  const tail = base.subarray(Math.max(0, base.length - 8)).toString('latin1');
  const ending = /%%EOF\r?\n$/.test(tail) ? '' : /%%EOF$/.test(tail) ? '\n' : undefined;
  if (ending === undefined) throw new Error('the PDF does not end with %%EOF');
  const signed = Buffer.concat([base, Buffer.from(`${ending}${DOC_MARK}${payload}\n`, 'latin1')]);
  const sig = sign(null, Buffer.concat([Buffer.from(FILE_CONTEXT, 'latin1'), signed]), privateKey);
  return Buffer.concat([signed, Buffer.from(`${SIG_MARK}${kid} ${sig.toString('hex')}\n`, 'latin1')]);
}

/**
 * Checks a whole file: the signature over every byte, then the payload it carries. Any changed,
 * added or removed byte makes it invalid.
 */
export function verifyPdf(file: Uint8Array, keys: KeyLookup): Verification {
  const bytes = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (!isPdf(bytes)) return { valid: false, reason: 'malformed' };
  const sigStart = bytes.lastIndexOf(SIG_MARK, undefined, 'latin1');
  if (sigStart <= 0 || bytes[sigStart - 1] !== 0x0a || bytes.length - sigStart > SIG_LINE_MAX) {
    return { valid: false, reason: 'not_signed' };
  }
  const sigLine = /^%LAYAN-SIG ([0-9a-z-]+) ([0-9a-f]{128})\n$/.exec(bytes.subarray(sigStart).toString('latin1'));
  if (!sigLine || !KID.test(sigLine[1]!)) return { valid: false, reason: 'malformed' };
  const kid = sigLine[1]!;
  const signed = bytes.subarray(0, sigStart);
  // The payload line is the last line of the signed part.
  const docStart = signed.lastIndexOf(DOC_MARK, signed.length - 2, 'latin1');
  if (docStart <= 0 || signed[docStart - 1] !== 0x0a) return { valid: false, reason: 'not_signed', kid };
  const payload = signed.subarray(docStart + DOC_MARK.length, signed.length - 1).toString('latin1');
  const key = keys(kid);
  if (!key) return { valid: false, reason: 'unknown_key', kid };
  const message = Buffer.concat([Buffer.from(FILE_CONTEXT, 'latin1'), signed]);
  if (!verify(null, message, publicKeyOf(key.publicKey), Buffer.from(sigLine[2]!, 'hex'))) {
    return { valid: false, reason: 'file_altered', kid };
  }
  const inner = verifyPayload(payload, keys);
  if (!inner.valid) return inner;
  if (inner.kid !== kid) return { valid: false, reason: 'key_mismatch', kid, facts: inner.facts, payload };
  return inner;
}

/** True when the bytes look like a PDF (what the verify endpoints and the CLI branch on). */
export function isPdf(bytes: Uint8Array): boolean {
  return bytes.length >= 5 && Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-';
}

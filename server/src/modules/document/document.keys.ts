import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { Env } from '../../env.ts';

/**
 * The development secret is in the source code, so signing keys sealed with it are not secret. It
 * exists so `npm start` can issue documents without configuration; production refuses to issue
 * without LAYAN_SIGNING_KEY (docs/DOCUMENTS.md).
 */
export const INSECURE_DEVELOPMENT_SIGNING_KEY = 'layan-development-signing-key-PUBLIC-NOT-SECRET-never-use-in-production';

/** What issuing needs from the environment: the key sealing private keys, and where the verify page lives. */
export interface DocumentSigner {
  sealKey: Buffer;
  /** Origin of the verify page printed and encoded in the QR (LAYAN_PUBLIC_URL, else http://localhost:3000). */
  publicUrl: string;
}

/** The signer from `env`; the public development secret outside production; throws in production without LAYAN_SIGNING_KEY. */
export function resolveDocumentSigner(env: Env): DocumentSigner {
  if (!env.signingKey && env.production) {
    throw new Error('LAYAN_SIGNING_KEY must be set in production: it protects the documents’ signing keys (docs/DOCUMENTS.md)');
  }
  const secret = Buffer.from(env.signingKey ?? INSECURE_DEVELOPMENT_SIGNING_KEY, 'utf8');
  return {
    sealKey: Buffer.from(hkdfSync('sha256', secret, 'layan-document', 'signing-key-aes-256-gcm-v1', 32)),
    publicUrl: env.publicUrl ?? 'http://localhost:3000',
  };
}

/** AES-256-GCM bound to the key's tenant and kid (associated data): `v1.<iv>.<ciphertext+tag>`. */
export function sealPrivateKey(signer: DocumentSigner, der: Buffer, binding: { tenantCode: string; kid: string }): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', signer.sealKey, iv);
  cipher.setAAD(Buffer.from(`${binding.tenantCode}:${binding.kid}`));
  const body = Buffer.concat([cipher.update(der), cipher.final(), cipher.getAuthTag()]);
  return `v1.${iv.toString('base64url')}.${body.toString('base64url')}`;
}

/** The PKCS#8 DER sealed for this tenant and kid; throws when altered, moved, or sealed under another secret. */
export function openPrivateKey(signer: DocumentSigner, sealed: string, binding: { tenantCode: string; kid: string }): Buffer {
  const [version, iv, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !body) throw new Error('Unknown signing-key ciphertext format');
  const bytes = Buffer.from(body, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', signer.sealKey, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(`${binding.tenantCode}:${binding.kid}`));
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]);
}

import { Type, type Static } from '@sinclair/typebox';
import { TenantCode } from '../tenancy/tenancy.schemas.ts';

/** Request and response shapes of output documents: validation, types and OpenAPI from one place. */
const Timestamp = Type.String({ format: 'date-time' });

export const SigningKeysQuery = Type.Object({ tenant: Type.Optional(TenantCode) }, { additionalProperties: false });

export const SigningKey = Type.Object({
  kid: Type.String({ description: 'Key id, `<tenant digits>-<yyyymmdd>-<8 hex>`; named in every payload and file signature' }),
  tenantCode: Type.String(),
  algorithm: Type.Literal('Ed25519'),
  publicKey: Type.String({ description: 'The raw 32-byte Ed25519 public key, base64url (the `x` of an OKP JWK)' }),
  status: Type.Union([Type.Literal('active'), Type.Literal('retired')], {
    description: 'active: signs new documents; retired: replaced by a rotation, still verifies what it signed',
  }),
  createdAt: Timestamp,
  retiredAt: Type.Union([Timestamp, Type.Null()]),
});

export const SigningKeyList = Type.Object({ algorithm: Type.Literal('Ed25519'), keys: Type.Array(SigningKey) });

export const VerifyJsonBody = Type.Object(
  {
    payload: Type.String({
      minLength: 1,
      maxLength: 4000,
      description: 'The QR payload (`L1.<kid>.<body>.<sig>`) or the verify URL holding it as `d`',
    }),
  },
  { additionalProperties: false },
);
export type VerifyJsonBody = Static<typeof VerifyJsonBody>;

export const VerifyResponse = Type.Object({
  valid: Type.Boolean(),
  reason: Type.Optional(
    Type.Union(
      [
        'malformed',
        'not_signed',
        'unknown_key',
        'wrong_tenant',
        'bad_signature',
        'file_altered',
        'key_mismatch',
        'not_registered',
      ].map((r) => Type.Literal(r)),
      { description: 'Why it is not valid (docs/DOCUMENTS.md)' },
    ),
  ),
  revoked: Type.Boolean({ description: 'The signature is valid but the issuer withdrew the document' }),
  revokedAt: Type.Optional(Timestamp),
  document: Type.Optional(
    Type.Object(
      {
        id: Type.String({ format: 'uuid' }),
        title: Type.String(),
        decision: Type.Union([Type.Literal('approved'), Type.Literal('rejected')]),
        issuedDate: Type.String({ format: 'date' }),
        recipientName: Type.String({ description: 'As printed on the letter' }),
        agency: Type.String(),
        tenant: Type.Object({ code: Type.String(), name: Type.Union([Type.String(), Type.Null()]) }),
        kid: Type.String(),
        keyStatus: Type.Union([Type.Literal('active'), Type.Literal('retired')]),
      },
      { description: 'What the signed document says; only when the signature is valid' },
    ),
  ),
});

export const TenantParams = Type.Object({ tenant: TenantCode });
export const DocumentParams = Type.Object({ tenant: TenantCode, id: Type.String({ format: 'uuid' }) });

export const CitizenDocumentParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const RevokeBody = Type.Object(
  {
    reason: Type.String({
      minLength: 3,
      maxLength: 500,
      description: 'Why it is withdrawn (kept with the document, not shown publicly)',
    }),
  },
  { additionalProperties: false },
);

export const RevokeResponse = Type.Object({
  id: Type.String({ format: 'uuid' }),
  tenantCode: Type.String(),
  revokedAt: Timestamp,
  reason: Type.String(),
});

export const RotateResponse = Type.Object({
  active: Type.String({ description: 'kid of the new active key' }),
  retired: Type.Union([Type.String(), Type.Null()], { description: 'kid of the key it replaced, if any' }),
  keys: Type.Array(SigningKey),
});

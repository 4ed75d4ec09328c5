import { Value } from '@sinclair/typebox/value';
import type { FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { errorResponses } from '../../http/openapi.ts';
import type { App } from '../../http/types.ts';
import { requestContext } from '../identity/identity.plugin.ts';
import type { Caller } from '../tenancy/tenancy.service.ts';
import { resolveDocumentSigner } from './document.keys.ts';
import {
  CitizenDocumentParams,
  DocumentParams,
  RevokeBody,
  RevokeResponse,
  RotateResponse,
  SigningKeyList,
  SigningKeysQuery,
  TenantParams,
  VerifyJsonBody,
  VerifyResponse,
} from './document.schemas.ts';
import * as service from './document.service.ts';

/** Largest PDF the verify endpoint reads; issued letters are a few tens of kilobytes. */
export const VERIFY_PDF_LIMIT = 5 * 1024 * 1024;

const caller = (request: FastifyRequest): Caller => ({ principal: request.principal, context: requestContext(request) });

/** Output documents: public keys and verification (public), revocation and key rotation (staff). */
export function documentRoutes(deps: Deps) {
  const { db } = deps.database;
  // Resolved at registration: production without LAYAN_SIGNING_KEY fails at start-up, not at the first decision.
  const signer = resolveDocumentSigner(deps.env);
  return async function register(app: App) {
    // Encapsulated in this plugin: only these routes take a raw PDF body.
    app.addContentTypeParser('application/pdf', { parseAs: 'buffer', bodyLimit: VERIFY_PDF_LIMIT }, (_request, body, done) =>
      done(null, body),
    );

    app.get(
      '/signing-keys',
      {
        schema: {
          tags: ['documents'],
          summary: 'Public keys that sign output documents, per tenant (public)',
          description:
            'Save this answer to verify documents offline: `layan verify <file> --keys keys.json`. Retired keys stay listed: documents they signed remain valid.',
          querystring: SigningKeysQuery,
          response: { 200: SigningKeyList, ...errorResponses(400, 404, 500) },
        },
      },
      async (request) => service.listSigningKeys(db, request.query.tenant),
    );

    app.post(
      '/verify',
      {
        bodyLimit: VERIFY_PDF_LIMIT,
        schema: {
          tags: ['documents'],
          summary: 'Verify an output document: its QR payload or the whole PDF (public)',
          description:
            'Send `application/json` `{ "payload": "L1.…" }` (or the verify URL the QR holds), `text/plain` with the payload, or the PDF itself as `application/pdf`. ' +
            'Answers 200 whatever the verdict: `valid` false carries a `reason`; a valid but withdrawn document has `revoked: true`. One altered byte anywhere in the PDF makes it invalid.',
          response: { 200: VerifyResponse, ...errorResponses(400, 413, 415, 500) },
        },
      },
      async (request) => {
        const body: unknown = request.body;
        if (Buffer.isBuffer(body)) {
          if (body.length === 0) throw new AppError('VALIDATION_FAILED', { detail: 'the PDF is empty' });
          return service.verifyDocument(db, { pdf: body });
        }
        if (typeof body === 'string') {
          if (!body.trim()) throw new AppError('VALIDATION_FAILED', { detail: 'the payload is empty' });
          return service.verifyDocument(db, { payload: body.slice(0, 4000) });
        }
        if (!Value.Check(VerifyJsonBody, body)) {
          throw new AppError('VALIDATION_FAILED', {
            detail: 'send { "payload": "…" } as JSON, the payload as text/plain, or the PDF as application/pdf',
          });
        }
        return service.verifyDocument(db, { payload: body.payload });
      },
    );

    app.get(
      '/documents/:id/pdf',
      {
        schema: {
          tags: ['citizen'],
          summary: 'Download one of my documents (signed PDF) — the signed-in citizen',
          description: 'The file exactly as issued: every byte is signed, so it verifies at /verifikasi and with `layan verify`.',
          params: CitizenDocumentParams,
          response: {
            200: {
              description: 'The signed PDF',
              content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
            },
            ...errorResponses(401, 404, 500),
          },
        },
      },
      async (request, reply) => {
        const file = await service.downloadCitizenDocument(db, { citizen: request.citizen, documentId: request.params.id });
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', `attachment; filename="${file.filename}"`)
          .header('cache-control', 'private, no-store')
          .send(file.pdf);
      },
    );

    app.post(
      '/admin/tenants/:tenant/signing-keys/rotate',
      {
        schema: {
          tags: ['admin'],
          summary: 'Rotate the tenant’s document signing key — admin Pemda',
          description: 'A new active key signs new documents; the old one is retired and keeps verifying what it signed.',
          params: TenantParams,
          response: { 200: RotateResponse, ...errorResponses(400, 401, 403, 404, 500) },
        },
      },
      async (request) => service.rotateSigningKey(db, { caller: caller(request), tenant: request.params.tenant, signer }),
    );

    app.post(
      '/admin/tenants/:tenant/documents/:id/revoke',
      {
        schema: {
          tags: ['admin'],
          summary: 'Revoke an issued document — admin Pemda, supervisor',
          description: 'The signature stays valid; verification answers `revoked: true` from then on.',
          params: DocumentParams,
          body: RevokeBody,
          response: { 200: RevokeResponse, ...errorResponses(400, 401, 403, 404, 409, 500) },
        },
      },
      async (request) =>
        service.revokeDocument(db, {
          caller: caller(request),
          tenant: request.params.tenant,
          documentId: request.params.id,
          reason: request.body.reason,
        }),
    );
  };
}

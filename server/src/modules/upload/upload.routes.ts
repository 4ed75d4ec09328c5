import type { FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { errorResponses } from '../../http/openapi.ts';
import type { App } from '../../http/types.ts';
import { fileFieldLimits } from '../application/application.service.ts';
import { requestContext } from '../identity/identity.plugin.ts';
import * as S from './upload.schemas.ts';
import { readUpload, storeUpload, UPLOAD_MAX_BYTES, uploaderOf } from './upload.service.ts';

/** Content types the upload route reads as raw bytes; what the bytes are is sniffed regardless. */
const RAW_TYPES = ['application/octet-stream', 'application/pdf', 'image/jpeg', 'image/png', 'image/webp'];

/**
 * Uploads (docs/APPLICATIONS.md, "Uploads"): the raw file as the request body, checked by its
 * content, stored once per sha256 in the database.
 */
export function uploadRoutes(deps: Deps) {
  const db = deps.database.db;
  return async function register(app: App) {
    // Read the body ourselves so an oversized file gets the upload's own error, not the generic one.
    app.addContentTypeParser(RAW_TYPES, (request: FastifyRequest, payload, done) => {
      const declared = Number(request.headers['content-length'] ?? 0);
      if (declared > UPLOAD_MAX_BYTES) {
        payload.resume();
        return done(new AppError('UPLOAD_TOO_LARGE', { max: '10 MB' }), undefined);
      }
      const chunks: Buffer[] = [];
      let size = 0;
      let failed = false;
      payload.on('data', (chunk: Buffer) => {
        if (failed) return;
        size += chunk.length;
        if (size > UPLOAD_MAX_BYTES) {
          failed = true;
          done(new AppError('UPLOAD_TOO_LARGE', { max: '10 MB' }), undefined);
          return;
        }
        chunks.push(chunk);
      });
      payload.on('end', () => {
        if (!failed) done(null, Buffer.concat(chunks));
      });
      payload.on('error', (error) => {
        if (!failed) done(error, undefined);
      });
    });

    app.post(
      '/uploads',
      {
        bodyLimit: UPLOAD_MAX_BYTES + 1,
        schema: {
          tags: ['applications'],
          summary: 'Upload a document (PDF, JPEG, PNG or WebP), checked by its content; at most 10 MB',
          description:
            'Send the file itself as the body with Content-Type `application/octet-stream` (or its own type). The type is sniffed from the bytes: a renamed program is refused with 415 `UPLOAD_TYPE_NOT_ALLOWED`. With `serviceId` and `field`, that form field’s accepted types and size limit apply now (they apply again when the upload is attached). Citizens upload for their applications; staff who work applications upload outputs and assisted documents. Requires `X-Layan-CSRF: 1` with a session cookie.',
          querystring: S.UploadQuery,
          response: { 201: S.UploadView, ...errorResponses(400, 401, 403, 404, 413, 415, 500) },
        },
      },
      async (request, reply) => {
        const uploader = uploaderOf(request.citizen, request.principal);
        const body = request.body;
        if (!Buffer.isBuffer(body)) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
        const { serviceId, field, name } = request.query;
        const limits = serviceId && field ? await fileFieldLimits(db, { serviceId, field }) : undefined;
        const view = await storeUpload(db, { uploader, bytes: body, fileName: name, limits, context: requestContext(request) });
        return reply.status(201).send(view);
      },
    );

    app.get(
      '/uploads/:id',
      {
        schema: {
          tags: ['applications'],
          summary: 'Download an upload the caller may see (their own, or attached to an application they may see)',
          params: S.UploadParams,
          response: {
            200: { type: 'string', format: 'binary', description: 'The file' },
            ...errorResponses(400, 401, 403, 404, 500),
          },
        },
      },
      async (request, reply) => {
        const uploader = uploaderOf(request.citizen, request.principal);
        const { upload, bytes } = await readUpload(db, { uploader, id: request.params.id, context: requestContext(request) });
        reply.header('content-type', upload.mediaType);
        reply.header('x-content-type-options', 'nosniff');
        reply.header('cache-control', 'private, no-store');
        // An ASCII fallback and the UTF-8 name (RFC 6266), so names like "Akta Anak – 2026.pdf" survive.
        const ascii = upload.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
        reply.header(
          'content-disposition',
          `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(upload.fileName)}`,
        );
        return reply.send(bytes);
      },
    );
  };
}

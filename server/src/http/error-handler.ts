import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, formatErrorMessage, type ErrorCode } from '../errors.ts';
import { LANGUAGE_COOKIE, pickLanguage } from '../lib/language.ts';

/** The body of every error response. */
export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    requestId: string;
    details?: unknown;
  };
}

function languageOf(request: FastifyRequest) {
  return pickLanguage(request.headers['accept-language'], request.cookies?.[LANGUAGE_COOKIE]);
}

function fromFastifyError(error: FastifyError): AppError | undefined {
  if (error.validation) {
    const detail = error.validation
      .map((v) => `${error.validationContext ?? ''}${v.instancePath || ''} ${v.message ?? ''}`.trim())
      .join('; ');
    return new AppError('VALIDATION_FAILED', { detail }, error.validation);
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('MALFORMED_BODY');
  }
  if (error.statusCode === 429) return new AppError('RATE_LIMITED', { retryAfter: '1 menit' });
  // JSON.parse failures from the content-type parser surface as a 400 SyntaxError.
  if (error.statusCode === 400 && error instanceof SyntaxError) return new AppError('MALFORMED_BODY');
  return undefined;
}

// Codes whose `details` are meant for the client (schema violations, catalog rule issues); any
// other code's details stay on the server.
const DETAILED_ERRORS: ReadonlySet<string> = new Set([
  'VALIDATION_FAILED',
  'CATALOG_STANDARD_INVALID',
  'CATALOG_FORM_INVALID',
  'NIK_INVALID',
  'APPLICATION_FORM_INVALID',
  'UPLOAD_TYPE_NOT_ALLOWED',
]);

/** Sends `error` as the registry says; the one place where errors become HTTP. */
export function sendError(request: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply {
  const lang = languageOf(request);
  const params = { ...error.params, requestId: request.id };
  const body: ErrorBody = {
    error: {
      code: error.code,
      message: formatErrorMessage(error.code, params, lang),
      requestId: request.id,
      ...(DETAILED_ERRORS.has(error.code) && error.details !== undefined ? { details: error.details } : {}),
    },
  };
  return reply.status(error.status).header('content-language', lang).send(body);
}

/** Installs the error and not-found handlers on `app`. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((raw: FastifyError, request, reply) => {
    const known = raw instanceof AppError ? raw : fromFastifyError(raw);
    if (known) {
      if (known.status >= 500) request.log.error({ err: raw }, 'request failed');
      return sendError(request, reply, known);
    }
    // Unknown: log it whole, answer without internals.
    request.log.error({ err: raw }, 'unhandled error');
    return sendError(request, reply, new AppError('INTERNAL'));
  });
}

/** The 404 answer for unknown API routes. */
export function sendNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendError(request, reply, new AppError('NOT_FOUND'));
}

import type { FastifyServerOptions } from 'fastify';
import type { DestinationStream } from 'pino';
import { REDACT_PATHS, redactPersonalData } from '../lib/redact.ts';

export interface LoggerOptions {
  level: string;
  /** Where log lines go; stdout when unset. Tests pass a stream to read what was logged. */
  stream?: DestinationStream;
}

/** Pino settings shared by the server and the worker: JSON lines, personal data masked. */
export function loggerConfig(options: LoggerOptions): FastifyServerOptions['logger'] {
  return {
    level: options.level,
    ...(options.stream ? { stream: options.stream } : {}),
    redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
    serializers: {
      req(request: { method: string; url: string; id: string; ip?: string }) {
        return { method: request.method, url: redactPersonalData(request.url), id: request.id };
      },
      err(error: Error & { code?: string; statusCode?: number }) {
        return {
          type: error.name,
          code: error.code,
          statusCode: error.statusCode,
          message: redactPersonalData(error.message),
          stack: redactPersonalData(error.stack ?? ''),
        };
      },
    },
    hooks: {
      // Free-form messages (log.info('…')) are masked too; structured fields go through redact.
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? redactPersonalData(a) : a)) as Parameters<typeof method>);
      },
    },
  };
}

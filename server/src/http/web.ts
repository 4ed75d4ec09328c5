import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';

type SvelteKitHandler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

/**
 * What the SvelteKit pages get on `platform.req.layan`: the API, called in-process through
 * Fastify's inject, so the pages pass through exactly the validation and authorisation of the
 * public API (ARCHITECTURE.md) without a network hop.
 */
export interface InProcessApi {
  request(options: {
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    url: string;
    headers?: Record<string, string>;
    body?: unknown;
  }): Promise<{ status: number; headers: Record<string, unknown>; body: unknown }>;
}

declare module 'node:http' {
  interface IncomingMessage {
    layan?: InProcessApi;
  }
}

const PROTOCOL_HEADER = 'x-layan-protocol';
const ADDRESS_HEADER = 'x-layan-client-address';

/** True when a built SvelteKit app exists in `buildDir`. */
export function hasWebBuild(buildDir: string): boolean {
  return fs.existsSync(path.join(buildDir, 'handler.js'));
}

function parse(response: LightMyRequestResponse): unknown {
  const type = String(response.headers['content-type'] ?? '');
  return type.includes('json') && response.body ? response.json() : response.body;
}

/**
 * Serves everything outside /api from the SvelteKit build. Requests reach SvelteKit through the
 * not-found handler, after Fastify's own routes, so the API always wins.
 */
export async function mountWeb(app: FastifyInstance, buildDir: string): Promise<void> {
  // adapter-node reads these at import time. Fastify decides protocol and client address (honouring
  // TRUST_PROXY); private headers carry its answer, overwritten on every request so a client cannot
  // forge them. Without this SvelteKit assumes https and refuses same-origin form posts over http.
  process.env.PROTOCOL_HEADER = PROTOCOL_HEADER;
  process.env.ADDRESS_HEADER = ADDRESS_HEADER;
  // Application pages post a form together with its scans (each up to the upload API's own limit);
  // adapter-node's default of 512 KB would refuse them before the API could answer clearly.
  process.env.BODY_SIZE_LIMIT ??= '32M';
  const { handler } = (await import(pathToFileURL(path.join(buildDir, 'handler.js')).href)) as { handler: SvelteKitHandler };
  const api: InProcessApi = {
    async request({ method, url, headers, body }) {
      const response = await app.inject({ method, url, headers, ...(body === undefined ? {} : { payload: body as object }) });
      return { status: response.statusCode, headers: response.headers, body: parse(response) };
    },
  };
  app.setNotFoundHandler((request, reply) => {
    reply.hijack();
    request.raw.headers[PROTOCOL_HEADER] = request.protocol;
    request.raw.headers[ADDRESS_HEADER] = request.ip;
    request.raw.layan = api;
    handler(request.raw, reply.raw, () => {
      reply.raw.statusCode = 404;
      reply.raw.end();
    });
  });
}

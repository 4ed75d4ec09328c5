import cookie from '@fastify/cookie';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { DestinationStream } from 'pino';
import type { Deps } from './deps.ts';
import { installErrorHandling, sendNotFound } from './http/error-handler.ts';
import { healthRoutes } from './http/health.routes.ts';
import { loggerConfig } from './http/logger.ts';
import { registerOpenApi } from './http/openapi.ts';
import { hasWebBuild, mountWeb } from './http/web.ts';
import { onApplicationCompleted } from './modules/application/application.completion.ts';
import { applicationRoutes } from './modules/application/application.routes.ts';
import { catalogRoutes } from './modules/catalog/catalog.routes.ts';
import { citizenPlugin } from './modules/citizen/citizen.plugin.ts';
import { citizenRoutes } from './modules/citizen/citizen.routes.ts';
import { citizenStaffRoutes } from './modules/citizen/citizen.staff.routes.ts';
import { complaintRoutes } from './modules/complaint/complaint.routes.ts';
import { documentRoutes } from './modules/document/document.routes.ts';
import { identityPlugin } from './modules/identity/identity.plugin.ts';
import { identityRoutes } from './modules/identity/identity.routes.ts';
import { outboxRoutes } from './modules/outbox/outbox.routes.ts';
import { queueRoutes } from './modules/queue/queue.routes.ts';
import { regionRoutes } from './modules/region/region.routes.ts';
import { ssoRoutes } from './modules/sso/sso.routes.ts';
import { surveyRoutes } from './modules/survey/survey.routes.ts';
import { tenancyRoutes } from './modules/tenancy/tenancy.routes.ts';
import { uploadRoutes } from './modules/upload/upload.routes.ts';

export interface BuildAppOptions {
  /** Serve the SvelteKit pages when a build exists (default true). API tests turn it off. */
  web?: boolean;
  logStream?: DestinationStream;
  logLevel?: string;
}

/** The whole HTTP application: API under /api/v1, OpenAPI at /api/docs, pages everywhere else. */
export async function buildApp(deps: Deps, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerConfig({ level: options.logLevel ?? deps.env.logLevel, stream: options.logStream }),
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    bodyLimit: 1024 * 1024,
    trustProxy: deps.env.trustProxy,
    ajv: {
      customOptions: {
        // Unknown fields are an error, not silently dropped; query strings are coerced from text.
        removeAdditional: false,
        coerceTypes: 'array',
        useDefaults: true,
        allErrors: false,
      },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(cookie);
  installErrorHandling(app);
  await registerOpenApi(app);

  await app.register(healthRoutes(deps));
  await app.register(
    async (api) => {
      await api.register(identityPlugin(deps));
      await api.register(citizenPlugin(deps));
      await api.register(regionRoutes(deps));
      await api.register(identityRoutes(deps));
      await api.register(tenancyRoutes(deps));
      await api.register(queueRoutes(deps));
      await api.register(catalogRoutes(deps));
      await api.register(citizenRoutes(deps));
      await api.register(citizenStaffRoutes(deps));
      await api.register(ssoRoutes(deps));
      await api.register(applicationRoutes(deps, { hooks: { onCompletedInTx: onApplicationCompleted(deps.env) } }));
      await api.register(uploadRoutes(deps));
      await api.register(outboxRoutes(deps));
      await api.register(documentRoutes(deps));
      await api.register(complaintRoutes(deps));
      await api.register(surveyRoutes(deps));
      api.setNotFoundHandler(sendNotFound);
    },
    { prefix: '/api/v1' },
  );

  if (options.web !== false && hasWebBuild(deps.env.webBuildDir)) {
    await mountWeb(app, deps.env.webBuildDir);
  } else {
    app.setNotFoundHandler(sendNotFound);
  }
  return app;
}

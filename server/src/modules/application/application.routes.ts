import rateLimit from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { errorResponses } from '../../http/openapi.ts';
import type { App } from '../../http/types.ts';
import { requireCitizen } from '../citizen/citizen.auth.service.ts';
import { resolveCitizenKeys } from '../citizen/citizen.nik.ts';
import { requestContext } from '../identity/identity.plugin.ts';
import { publicUrl, type ApplicationHooks } from './application.core.ts';
import * as S from './application.schemas.ts';
import * as citizen from './application.service.ts';
import type { Created } from './application.service.ts';
import * as staff from './application.staff.service.ts';

/** Application bodies are answers and upload ids; files go to POST /uploads. */
const BODY_LIMIT = 256 * 1024;

export interface ApplicationRouteOptions {
  hooks?: ApplicationHooks;
  /** Public tracking lookups per IP per minute (default 60). */
  trackPerMinute?: number;
}

function sendCreated(reply: FastifyReply, result: Created) {
  if (result.replayed) reply.header('idempotency-replayed', 'true');
  return reply.status(result.status).send(result.body);
}

/**
 * Applications (docs/APPLICATIONS.md): the citizen's drafts and submissions, assisted submission
 * by staff, the officers' inbox and transitions, the supervisor's summary, public tracking.
 */
export function applicationRoutes(deps: Deps, options: ApplicationRouteOptions = {}) {
  const services: staff.StaffApplicationServices = {
    db: deps.database.db,
    baseUrl: publicUrl(deps.env.publicUrl),
    hooks: options.hooks ?? {},
    keys: resolveCitizenKeys(deps.env),
  };
  const db = deps.database.db;
  return async function register(app: App) {
    app.addHook('onSend', async (_request, reply) => {
      reply.header('cache-control', 'no-store');
    });
    await app.register(rateLimit, { global: false });
    const trackLimiter = app.createRateLimit({
      max: options.trackPerMinute ?? 60,
      timeWindow: 60_000,
      keyGenerator: (r: FastifyRequest) => `track:${r.ip}`,
    });
    const me = (request: FastifyRequest) => requireCitizen(request.citizen);

    app.post(
      '/applications',
      {
        bodyLimit: BODY_LIMIT,
        schema: {
          tags: ['applications'],
          summary: 'Start an application for a service (a draft), or submit it at once with `submit: true`',
          description:
            'Citizen only. With `submit: true` the answers are checked against the service’s published form (422 `APPLICATION_FORM_INVALID` with `details.issues[]` naming each field), the version is pinned, the SLA deadline computed and a tracking code given; the citizen’s verified contacts get `application.submitted`. Honours `Idempotency-Key`. Requires `X-Layan-CSRF: 1`.',
          headers: S.IdempotencyHeaders,
          body: S.CreateApplicationBody,
          response: { 201: S.ApplicationView, ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422, 500) },
        },
      },
      async (request, reply) =>
        sendCreated(
          reply,
          await citizen.createApplication(services, {
            principal: me(request),
            input: request.body,
            idempotencyKey: request.headers['idempotency-key'],
            context: requestContext(request),
          }),
        ),
    );

    app.get(
      '/me/applications',
      {
        schema: {
          tags: ['applications'],
          summary: 'The citizen’s applications, newest first, drafts included',
          response: { 200: S.ApplicationList, ...errorResponses(401, 500) },
        },
      },
      async (request) => ({ items: await citizen.listOwnApplications(services, me(request)) }),
    );

    app.get(
      '/applications/:id',
      {
        schema: {
          tags: ['applications'],
          summary: 'One of the citizen’s applications with answers, uploads and history (notes to the citizen included)',
          params: S.IdParams,
          response: { 200: S.ApplicationView, ...errorResponses(400, 401, 404, 500) },
        },
      },
      async (request) => citizen.getOwnApplication(services, me(request), request.params.id),
    );

    app.patch(
      '/applications/:id',
      {
        bodyLimit: BODY_LIMIT,
        schema: {
          tags: ['applications'],
          summary: 'Save a draft’s answers (not checked yet), or those of an application returned for a fix',
          params: S.IdParams,
          body: S.SaveAnswersBody,
          response: { 200: S.ApplicationView, ...errorResponses(400, 401, 403, 404, 409, 413, 415, 500) },
        },
      },
      async (request) =>
        citizen.saveAnswers(services, {
          principal: me(request),
          id: request.params.id,
          answers: request.body.answers,
          expectedVersion: request.body.expectedVersion,
          context: requestContext(request),
        }),
    );

    app.post(
      '/applications/:id/submit',
      {
        bodyLimit: BODY_LIMIT,
        schema: {
          tags: ['applications'],
          summary: 'Submit a draft, or resubmit an application returned for a fix (dikembalikan → diajukan)',
          params: S.IdParams,
          body: S.SubmitBody,
          response: { 200: S.ApplicationView, ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422, 500) },
        },
      },
      async (request) =>
        citizen.submitApplication(services, {
          principal: me(request),
          id: request.params.id,
          answers: request.body.answers,
          expectedVersion: request.body.expectedVersion,
          context: requestContext(request),
        }),
    );

    app.post(
      '/assisted-applications',
      {
        bodyLimit: BODY_LIMIT,
        schema: {
          tags: ['applications'],
          summary: 'Submit on behalf of a citizen identified by NIK (petugas loket, operator desa), with their consent',
          description:
            'Creates the citizen when the NIK is new (a phone number or e-mail is then required). Records the consent method, the assisting staff member and the location or desa; the citizen gets the tracking code at the contact given. Honours `Idempotency-Key`. Requires `X-Layan-CSRF: 1`.',
          headers: S.IdempotencyHeaders,
          body: S.AssistedBody,
          response: { 201: S.ApplicationView, ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422, 500) },
        },
      },
      async (request, reply) =>
        sendCreated(
          reply,
          await staff.submitAssisted(services, {
            principal: request.principal,
            input: request.body,
            idempotencyKey: request.headers['idempotency-key'],
            context: requestContext(request),
          }),
        ),
    );

    app.get(
      '/staff/applications',
      {
        schema: {
          tags: ['applications'],
          summary: 'The officer’s inbox: open applications their grants reach, overdue first, then due today, due soon, the rest',
          querystring: S.InboxQuery,
          response: { 200: S.InboxResponse, ...errorResponses(400, 401, 403, 500) },
        },
      },
      async (request) => staff.listInbox(db, { principal: request.principal, query: request.query }),
    );

    app.get(
      '/staff/applications/summary',
      {
        schema: {
          tags: ['applications'],
          summary: 'Supervisor view per agency: open applications by state and SLA risk, closed and breaches in 30 days',
          querystring: S.SummaryQuery,
          response: { 200: S.SummaryResponse, ...errorResponses(400, 401, 403, 500) },
        },
      },
      async (request) => staff.supervisorSummary(db, { principal: request.principal, tenant: request.query.tenant }),
    );

    app.get(
      '/staff/applications/:id',
      {
        schema: {
          tags: ['applications'],
          summary: 'One application for an officer, with the citizen’s name, masked NIK and contacts (audited as citizen.read)',
          params: S.IdParams,
          response: { 200: S.StaffApplicationView, ...errorResponses(400, 401, 403, 404, 500) },
        },
      },
      async (request) =>
        staff.getForStaff(services, { principal: request.principal, id: request.params.id, context: requestContext(request) }),
    );

    app.post(
      '/applications/:id/transitions',
      {
        bodyLimit: BODY_LIMIT,
        schema: {
          tags: ['applications'],
          summary: 'Move an application along its workflow (officers); optimistic on `expectedVersion`',
          description:
            'One transaction: state, history row, output upload, the citizen’s message in the outbox, audit. Errors: 409 `APPLICATION_STALE` (someone acted first), 409 `TRANSITION_NOT_ALLOWED` (not from this state), 403 `TRANSITION_ROLE_FORBIDDEN`, 400 `TRANSITION_NOTE_REQUIRED` / `TRANSITION_OUTPUT_REQUIRED`. Requires `X-Layan-CSRF: 1`.',
          params: S.IdParams,
          body: S.TransitionBody,
          response: { 200: S.StaffApplicationView, ...errorResponses(400, 401, 403, 404, 409, 413, 415, 500) },
        },
      },
      async (request) =>
        staff.transitionApplication(services, {
          principal: request.principal,
          id: request.params.id,
          input: request.body,
          context: requestContext(request),
        }),
    );

    app.get(
      '/track/:code',
      {
        preHandler: async (request, reply) => {
          const result = await trackLimiter(request);
          if (!result.isAllowed && result.isExceeded) {
            const seconds = Math.max(1, result.ttlInSeconds ?? 1);
            reply.header('retry-after', String(seconds));
            throw new AppError('RATE_LIMITED', { retryAfter: `${seconds} s` });
          }
        },
        schema: {
          tags: ['applications'],
          summary: 'Track an application by its code, without signing in: service, status, dates and history only',
          description:
            'Tolerant of lower case, spaces and missing dashes. Nothing personal is returned: no name, NIK, contacts, answers or notes. Rate-limited per IP.',
          params: S.TrackParams,
          response: { 200: S.TrackResponse, ...errorResponses(400, 404, 429, 500) },
        },
      },
      async (request) => citizen.trackApplication(db, request.params.code),
    );
  };
}

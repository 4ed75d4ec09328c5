import rateLimit from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { errorResponses } from '../../http/openapi.ts';
import type { App } from '../../http/types.ts';
import { requireStaff } from './identity.authorize.ts';
import { resolveAuthConfig } from './identity.config.ts';
import { requestContext, STAFF_SESSION_COOKIE } from './identity.plugin.ts';
import {
  CreateStaffBody,
  CreateStaffResponse,
  EmptyBody,
  GrantSchema,
  SessionIdParams,
  SessionList,
  SessionView,
  SignInBody,
  SignInResponse,
  StaffGrantParams,
  StaffIdParams,
  StaffList,
  StaffListQuery,
  StaffView,
  TotpConfirmBody,
  TotpEnrolment,
} from './identity.schemas.ts';
import * as service from './identity.service.ts';
import { addGrant, createStaff, listStaff, revokeGrant } from './identity.staff.service.ts';

type Limiter = (request: FastifyRequest) => Promise<{ isAllowed: boolean; isExceeded?: boolean; ttlInSeconds?: number }>;

/** Throws RATE_LIMITED (with Retry-After) when `limiter` says the request is over its budget. */
async function enforce(limiter: Limiter, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const result = await limiter(request);
  if (!result.isAllowed && result.isExceeded) {
    const seconds = Math.max(1, result.ttlInSeconds ?? 1);
    reply.header('retry-after', String(seconds));
    throw new AppError('RATE_LIMITED', { retryAfter: `${seconds} s` });
  }
}

/** Staff sign-in, sessions and TOTP (under /auth), and staff administration (under /admin/staff). */
export function identityRoutes(deps: Deps) {
  const config = resolveAuthConfig(deps);
  const services = { db: deps.database.db, config };
  return async function register(app: App) {
    // Limits are kept per process (docs/ACCESS.md); the account lockout lives in the database.
    await app.register(rateLimit, { global: false });
    const perIp = app.createRateLimit({
      max: config.authRoutePerIpMax,
      timeWindow: config.authRouteWindowMs,
      keyGenerator: (r) => `ip:${r.ip}`,
    });
    const signInPerIp = app.createRateLimit({
      max: config.signInPerIpMax,
      timeWindow: config.signInWindowMs,
      keyGenerator: (r) => `sign-in-ip:${r.ip}`,
    });
    const signInPerAccount = app.createRateLimit({
      max: config.signInPerAccountMax,
      timeWindow: config.signInWindowMs,
      keyGenerator: (r) =>
        `sign-in-account:${String((r.body as { email?: string } | undefined)?.email ?? '')
          .trim()
          .toLowerCase()}`,
    });
    const limitAuthRoute = async (request: FastifyRequest, reply: FastifyReply) => enforce(perIp, request, reply);

    const setSessionCookie = (request: FastifyRequest, reply: FastifyReply, token: string, maxAgeMs: number) =>
      reply.setCookie(STAFF_SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
        maxAge: Math.floor(maxAgeMs / 1000),
      });
    const clearSessionCookie = (request: FastifyRequest, reply: FastifyReply) =>
      reply.clearCookie(STAFF_SESSION_COOKIE, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
      });

    app.post(
      '/auth/staff/sign-in',
      {
        preHandler: async (request, reply) => {
          await enforce(signInPerIp, request, reply);
          await enforce(signInPerAccount, request, reply);
        },
        schema: {
          tags: ['auth'],
          summary: 'Staff sign-in with e-mail, password and (once enrolled) a TOTP code',
          description: 'Sets the httpOnly session cookie. Requires the `X-Layan-CSRF: 1` header.',
          body: SignInBody,
          response: { 200: SignInResponse, ...errorResponses(400, 401, 403, 413, 415, 423, 429, 500) },
        },
      },
      async (request, reply) => {
        try {
          const result = await service.signIn(services, request.body, requestContext(request));
          setSessionCookie(request, reply, result.token, config.sessionAbsoluteMs);
          return {
            staff: {
              id: result.principal.staffId,
              name: result.principal.name,
              regionCode: result.principal.regionCode,
              totpEnabled: result.totpEnabled,
            },
            grants: result.principal.grants,
            session: { id: result.principal.sessionId, expiresAt: result.expiresAt.toISOString() },
          };
        } catch (error) {
          if (error instanceof AppError && error.code === 'ACCOUNT_LOCKED') {
            reply.header('retry-after', String((error.details as { retryAfterSeconds: number }).retryAfterSeconds));
          }
          throw error;
        }
      },
    );

    app.post(
      '/auth/staff/sign-out',
      {
        onRequest: limitAuthRoute,
        schema: {
          tags: ['auth'],
          summary: 'End the current session and clear its cookie',
          body: EmptyBody,
          response: { 204: { type: 'null', description: 'Signed out' }, ...errorResponses(401, 403, 429, 500) },
        },
      },
      async (request, reply) => {
        const staff = requireStaff(request.principal);
        await service.revokeSession(services, staff, staff.sessionId, requestContext(request));
        clearSessionCookie(request, reply);
        return reply.status(204).send();
      },
    );

    app.get(
      '/auth/session',
      {
        onRequest: limitAuthRoute,
        schema: {
          tags: ['auth'],
          summary: 'Who is signed in, with which grants',
          response: { 200: SessionView, ...errorResponses(401, 429, 500) },
        },
      },
      async (request) => {
        const staff = requireStaff(request.principal);
        return {
          staff: { id: staff.staffId, name: staff.name, regionCode: staff.regionCode },
          grants: staff.grants,
          session: { id: staff.sessionId },
        };
      },
    );

    app.get(
      '/auth/sessions',
      {
        onRequest: limitAuthRoute,
        schema: {
          tags: ['auth'],
          summary: 'The caller’s open sessions (devices), newest first',
          response: { 200: SessionList, ...errorResponses(401, 429, 500) },
        },
      },
      async (request) => ({ items: await service.listOwnSessions(services, requireStaff(request.principal)) }),
    );

    app.delete(
      '/auth/sessions/:id',
      {
        onRequest: limitAuthRoute,
        schema: {
          tags: ['auth'],
          summary: 'Revoke one of the caller’s sessions (sign a device out)',
          params: SessionIdParams,
          response: { 204: { type: 'null', description: 'Revoked' }, ...errorResponses(400, 401, 403, 404, 429, 500) },
        },
      },
      async (request, reply) => {
        const staff = requireStaff(request.principal);
        await service.revokeSession(services, staff, request.params.id, requestContext(request));
        if (request.params.id === staff.sessionId) clearSessionCookie(request, reply);
        return reply.status(204).send();
      },
    );

    app.post(
      '/auth/staff/totp/enrol',
      {
        onRequest: limitAuthRoute,
        schema: {
          tags: ['auth'],
          summary: 'Start TOTP enrolment: a new secret and its otpauth URI',
          body: EmptyBody,
          response: { 200: TotpEnrolment, ...errorResponses(401, 403, 409, 429, 500) },
        },
      },
      async (request) => service.startTotpEnrolment(services, requireStaff(request.principal), requestContext(request)),
    );

    app.post(
      '/auth/staff/totp/confirm',
      {
        onRequest: limitAuthRoute,
        schema: {
          tags: ['auth'],
          summary: 'Confirm TOTP enrolment with a current code; sign-in needs a code from then on',
          body: TotpConfirmBody,
          response: { 204: { type: 'null', description: 'Enabled' }, ...errorResponses(400, 401, 403, 409, 429, 500) },
        },
      },
      async (request, reply) => {
        await service.confirmTotpEnrolment(services, requireStaff(request.principal), request.body.otp, requestContext(request));
        return reply.status(204).send();
      },
    );

    app.post(
      '/admin/staff',
      {
        schema: {
          tags: ['admin'],
          summary: 'Create a staff account with its grants',
          description:
            'Allowed to admin nasional and admin Pemda within their region. Without `password`, one is generated and returned once.',
          body: CreateStaffBody,
          response: { 201: CreateStaffResponse, ...errorResponses(400, 401, 403, 404, 409, 413, 500) },
        },
      },
      async (request, reply) => {
        const result = await createStaff({
          db: services.db,
          config,
          principal: request.principal,
          input: request.body,
          context: requestContext(request),
        });
        return reply.status(201).send(result);
      },
    );

    app.get(
      '/admin/staff',
      {
        schema: {
          tags: ['admin'],
          summary: 'Staff accounts homed at or below a region (default: all the caller administers)',
          querystring: StaffListQuery,
          response: { 200: StaffList, ...errorResponses(400, 401, 403, 500) },
        },
      },
      async (request) => ({ items: await listStaff(services.db, request.principal, request.query.region) }),
    );

    app.post(
      '/admin/staff/:id/grants',
      {
        schema: {
          tags: ['admin'],
          summary: 'Grant a role at a region node (optionally narrowed to an agency or location) to a staff account',
          description:
            'Allowed to admin nasional and admin Pemda for accounts homed in their region; the grant must lie in the account’s home region. An identical grant already held changes nothing.',
          params: StaffIdParams,
          body: GrantSchema,
          response: { 201: StaffView, ...errorResponses(400, 401, 403, 404, 413, 500) },
        },
      },
      async (request, reply) => {
        const staff = await addGrant({
          db: services.db,
          principal: request.principal,
          staffId: request.params.id,
          grant: request.body,
          context: requestContext(request),
        });
        return reply.status(201).send(staff);
      },
    );

    app.delete(
      '/admin/staff/:id/grants/:grantId',
      {
        schema: {
          tags: ['admin'],
          summary: 'Revoke one role grant of a staff account (effective at its next request)',
          params: StaffGrantParams,
          response: { 204: { type: 'null', description: 'Revoked' }, ...errorResponses(400, 401, 403, 404, 500) },
        },
      },
      async (request, reply) => {
        await revokeGrant({
          db: services.db,
          principal: request.principal,
          staffId: request.params.id,
          grantId: request.params.grantId,
          context: requestContext(request),
        });
        return reply.status(204).send();
      },
    );
  };
}

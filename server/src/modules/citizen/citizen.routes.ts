import rateLimit from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { errorResponses } from '../../http/openapi.ts';
import type { App } from '../../http/types.ts';
import { requestContext } from '../identity/identity.plugin.ts';
import { EmptyBody } from '../identity/identity.schemas.ts';
import { channelsFromEnv } from '../notification/notification.channel.ts';
import * as auth from './citizen.auth.service.ts';
import { resolveCitizenConfig } from './citizen.config.ts';
import { hashNik, resolveCitizenKeys } from './citizen.nik.ts';
import { closeDataRequest, listDataRequestsForOfficer } from './citizen.officer.service.ts';
import { CITIZEN_SESSION_COOKIE } from './citizen.plugin.ts';
import * as S from './citizen.schemas.ts';
import * as service from './citizen.service.ts';

type Limiter = (request: FastifyRequest) => Promise<{ isAllowed: boolean; isExceeded?: boolean; ttlInSeconds?: number }>;

/** Citizen bodies are small; anything bigger is refused before it is parsed. */
const BODY_LIMIT = 16 * 1024;

async function enforce(limiter: Limiter, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const result = await limiter(request);
  if (!result.isAllowed && result.isExceeded) {
    const seconds = Math.max(1, result.ttlInSeconds ?? 1);
    reply.header('retry-after', String(seconds));
    throw new AppError('RATE_LIMITED', { retryAfter: `${seconds} s` });
  }
}

/**
 * Citizens: sign-up/sign-in with NIK + one-time code (or password), profile, consent, data
 * download and data-subject requests; and the officers' list of those requests (docs/CITIZENS.md).
 */
export function citizenRoutes(deps: Deps) {
  const config = resolveCitizenConfig(deps);
  const keys = resolveCitizenKeys(deps.env);
  const db = deps.database.db;
  return async function register(app: App) {
    const services: auth.CitizenServices = {
      db,
      config,
      keys,
      channels: deps.channels ?? channelsFromEnv(deps.env, app.log),
      log: app.log,
    };
    const data = { db, keys };

    // Personal data: never cached by a browser or a proxy.
    app.addHook('onSend', async (_request, reply) => {
      reply.header('cache-control', 'no-store');
    });

    // Per process, like the staff limits (docs/ACCESS.md); the per-NIK code count and the
    // password lockout live in the database.
    await app.register(rateLimit, { global: false });
    const nikKey = (request: FastifyRequest) =>
      hashNik(keys, String((request.body as { nik?: unknown } | undefined)?.nik ?? '').replace(/\s+/g, ''));
    const limiter = (name: string, max: number, key: (r: FastifyRequest) => string) =>
      app.createRateLimit({ max, timeWindow: config.windowMs, keyGenerator: (r) => `citizen-${name}:${key(r)}` });
    const otpPerIp = limiter('otp-ip', config.otpRequestPerIpMax, (r) => r.ip);
    const otpPerNik = limiter('otp-nik', config.otpRequestPerNikMax, nikKey);
    const signInPerIp = limiter('sign-in-ip', config.signInPerIpMax, (r) => r.ip);
    const signInPerNik = limiter('sign-in-nik', config.signInPerNikMax, nikKey);
    const limitSignIn = async (request: FastifyRequest, reply: FastifyReply) => {
      await enforce(signInPerIp, request, reply);
      await enforce(signInPerNik, request, reply);
    };

    const setSessionCookie = (request: FastifyRequest, reply: FastifyReply, token: string) =>
      reply.setCookie(CITIZEN_SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
        maxAge: Math.floor(config.sessionAbsoluteMs / 1000),
      });
    const signedIn = async (request: FastifyRequest, reply: FastifyReply, result: auth.CitizenSignIn) => {
      setSessionCookie(request, reply, result.token);
      const citizen = await service.getProfile(data, result.principal);
      return {
        citizen,
        signedUp: result.signedUp,
        session: { id: result.principal.sessionId, expiresAt: result.expiresAt.toISOString() },
      };
    };
    const me = (request: FastifyRequest) => auth.requireCitizen(request.citizen);

    app.post(
      '/auth/citizen/otp',
      {
        bodyLimit: BODY_LIMIT,
        preHandler: async (request, reply) => {
          await enforce(otpPerIp, request, reply);
          await enforce(otpPerNik, request, reply);
        },
        schema: {
          tags: ['citizen'],
          summary: 'Send a one-time sign-in (or sign-up) code for a NIK by e-mail, SMS or WhatsApp',
          description:
            'Always 202 for a plausible NIK, whether or not it has an account. A NIK with an account gets a code only at its own contact for that channel. Requires `X-Layan-CSRF: 1`.',
          body: S.OtpRequestBody,
          response: { 202: S.OtpRequestAccepted, ...errorResponses(400, 403, 413, 415, 429, 500) },
        },
      },
      async (request, reply) => {
        await auth.requestCode(services, request.body, requestContext(request));
        return reply.status(202).send({ expiresInSeconds: Math.round(config.otpTtlMs / 1000) });
      },
    );

    app.post(
      '/auth/citizen/verify',
      {
        bodyLimit: BODY_LIMIT,
        preHandler: limitSignIn,
        schema: {
          tags: ['citizen'],
          summary: 'Check a code: signs up on the NIK’s first use (name required), else signs in',
          description: 'Codes: 6 digits, valid 10 minutes, 5 tries, single use; only the newest code of a NIK works.',
          body: S.VerifyBody,
          response: { 200: S.CitizenSignInResponse, ...errorResponses(400, 401, 403, 413, 415, 423, 429, 500) },
        },
      },
      async (request, reply) => signedIn(request, reply, await auth.verifyCode(services, request.body, requestContext(request))),
    );

    app.post(
      '/auth/citizen/sign-in',
      {
        bodyLimit: BODY_LIMIT,
        preHandler: limitSignIn,
        schema: {
          tags: ['citizen'],
          summary: 'Sign in with NIK and password (for citizens who set one)',
          body: S.PasswordSignInBody,
          response: { 200: S.CitizenSignInResponse, ...errorResponses(400, 401, 403, 413, 415, 423, 429, 500) },
        },
      },
      async (request, reply) => {
        try {
          return await signedIn(request, reply, await auth.signInWithPassword(services, request.body, requestContext(request)));
        } catch (error) {
          if (error instanceof AppError && error.code === 'ACCOUNT_LOCKED') {
            reply.header('retry-after', String((error.details as { retryAfterSeconds: number }).retryAfterSeconds));
          }
          throw error;
        }
      },
    );

    app.post(
      '/auth/citizen/sign-out',
      {
        bodyLimit: BODY_LIMIT,
        schema: {
          tags: ['citizen'],
          summary: 'End the citizen’s current session and clear its cookie',
          body: EmptyBody,
          response: { 204: { type: 'null', description: 'Signed out' }, ...errorResponses(401, 403, 500) },
        },
      },
      async (request, reply) => {
        await auth.signOut(services, me(request), requestContext(request));
        reply.clearCookie(CITIZEN_SESSION_COOKIE, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: request.protocol === 'https',
        });
        return reply.status(204).send();
      },
    );

    app.get(
      '/me',
      {
        schema: {
          tags: ['citizen'],
          summary: 'The signed-in citizen’s profile (NIK masked)',
          response: { 200: S.Profile, ...errorResponses(401, 500) },
        },
      },
      async (request) => service.getProfile(data, me(request)),
    );

    app.patch(
      '/me',
      {
        bodyLimit: BODY_LIMIT,
        schema: {
          tags: ['citizen'],
          summary: 'Change the profile (the name)',
          body: S.PatchProfileBody,
          response: { 200: S.Profile, ...errorResponses(400, 401, 403, 413, 415, 500) },
        },
      },
      async (request) => service.updateProfile(data, me(request), request.body, requestContext(request)),
    );

    app.post(
      '/me/password',
      {
        bodyLimit: BODY_LIMIT,
        preHandler: async (request, reply) => enforce(signInPerIp, request, reply),
        schema: {
          tags: ['citizen'],
          summary: 'Set the optional password, or change it (current password required); other sessions end',
          body: S.SetPasswordBody,
          response: { 204: { type: 'null', description: 'Password set' }, ...errorResponses(400, 401, 403, 413, 415, 429, 500) },
        },
      },
      async (request, reply) => {
        await auth.setPassword(services, me(request), request.body, requestContext(request));
        return reply.status(204).send();
      },
    );

    app.get(
      '/consent-notices',
      {
        schema: {
          tags: ['citizen'],
          summary: 'The current privacy notice of each consent purpose (public)',
          response: { 200: S.ConsentNoticeList, ...errorResponses(500) },
        },
      },
      async () => ({ items: await service.listConsentNotices(db) }),
    );

    app.get(
      '/me/consents',
      {
        schema: {
          tags: ['citizen'],
          summary: 'Every consent the citizen gave, newest first, withdrawn ones included',
          response: { 200: S.ConsentList, ...errorResponses(401, 500) },
        },
      },
      async (request) => ({ items: await service.listConsents(data, me(request)) }),
    );

    app.post(
      '/me/consents/:purpose',
      {
        bodyLimit: BODY_LIMIT,
        schema: {
          tags: ['citizen'],
          summary: 'Consent to the current notice of a purpose (200 when it already stands)',
          params: S.PurposeParams,
          body: EmptyBody,
          response: { 201: S.ConsentRecord, 200: S.ConsentRecord, ...errorResponses(400, 401, 403, 404, 500) },
        },
      },
      async (request, reply) => {
        const result = await service.giveConsent(data, me(request), request.params.purpose, requestContext(request));
        return reply.status(result.created ? 201 : 200).send(result.consent);
      },
    );

    app.delete(
      '/me/consents/:purpose',
      {
        schema: {
          tags: ['citizen'],
          summary: 'Withdraw consent for a purpose (the record stays, with its withdrawal time)',
          params: S.PurposeParams,
          response: { 200: S.ConsentRecord, ...errorResponses(400, 401, 403, 404, 409, 500) },
        },
      },
      async (request) => service.withdrawConsent(data, me(request), request.params.purpose, requestContext(request)),
    );

    app.get(
      '/me/data',
      {
        schema: {
          tags: ['citizen'],
          summary: 'Download everything Layan holds about the citizen, as JSON (UU 27/2022 Pasal 32)',
          response: { 200: S.DataExport, ...errorResponses(401, 500) },
        },
      },
      async (request, reply) => {
        const document = await service.exportData(data, me(request), requestContext(request));
        reply.header('content-disposition', `attachment; filename="layan-data-saya-${document.exportedAt.slice(0, 10)}.json"`);
        return document;
      },
    );

    app.post(
      '/me/data-requests',
      {
        bodyLimit: BODY_LIMIT,
        schema: {
          tags: ['citizen'],
          summary: 'Ask for a correction or deletion; answered within 72 hours (dueAt)',
          body: S.DataRequestBody,
          response: { 201: S.DataRequestView, ...errorResponses(400, 401, 403, 413, 415, 500) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await service.createDataRequest(data, me(request), request.body, requestContext(request))),
    );

    app.get(
      '/me/data-requests',
      {
        schema: {
          tags: ['citizen'],
          summary: 'The citizen’s correction and deletion requests, newest first',
          response: { 200: S.DataRequestList, ...errorResponses(401, 500) },
        },
      },
      async (request) => ({ items: await service.listOwnDataRequests(data, me(request)) }),
    );

    app.get(
      '/admin/data-requests',
      {
        schema: {
          tags: ['admin'],
          summary: 'Citizens’ correction and deletion requests, soonest due first, overdue flagged (admin nasional)',
          querystring: S.OfficerDataRequestQuery,
          response: { 200: S.OfficerDataRequestList, ...errorResponses(400, 401, 403, 500) },
        },
      },
      async (request) => ({
        items: await listDataRequestsForOfficer(db, {
          principal: request.principal,
          status: request.query.status,
          context: requestContext(request),
        }),
      }),
    );

    app.post(
      '/admin/data-requests/:id/close',
      {
        bodyLimit: BODY_LIMIT,
        schema: {
          tags: ['admin'],
          summary: 'Close a data request with its outcome and what was done (admin nasional)',
          params: S.IdParams,
          body: S.CloseDataRequestBody,
          response: { 200: S.DataRequestView, ...errorResponses(400, 401, 403, 404, 409, 413, 415, 500) },
        },
      },
      async (request) =>
        closeDataRequest(db, {
          principal: request.principal,
          id: request.params.id,
          ...request.body,
          context: requestContext(request),
        }),
    );
  };
}

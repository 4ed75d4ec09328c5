import rateLimit from '@fastify/rate-limit';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { errorResponses } from '../../http/openapi.ts';
import type { App } from '../../http/types.ts';
import { resolveCitizenConfig } from '../citizen/citizen.config.ts';
import { resolveCitizenKeys } from '../citizen/citizen.nik.ts';
import { CITIZEN_SESSION_COOKIE } from '../citizen/citizen.plugin.ts';
import { resolveAuthConfig } from '../identity/identity.config.ts';
import { requestContext, STAFF_SESSION_COOKIE } from '../identity/identity.plugin.ts';
import { finishLogin, LOGIN_TTL_MS, startLogin, type SsoServices } from './sso.service.ts';

/** Binds a started sign-in to the browser that started it (against login CSRF); holds the state. */
export const OIDC_STATE_COOKIE = 'layan_oidc_state';
const STATE_COOKIE_PATH = '/api/v1/auth/oidc';

const ProviderParams = Type.Object({ provider: Type.String({ maxLength: 40 }) });
const StartQuery = Type.Object({ returnTo: Type.Optional(Type.String({ maxLength: 2000 })) });
const CallbackQuery = Type.Object(
  {
    code: Type.Optional(Type.String({ maxLength: 4096 })),
    state: Type.Optional(Type.String({ maxLength: 512 })),
    error: Type.Optional(Type.String({ maxLength: 256 })),
    error_description: Type.Optional(Type.String({ maxLength: 2048 })),
    iss: Type.Optional(Type.String({ maxLength: 2048 })),
  },
  // Providers may add parameters (session_state, scope…).
  { additionalProperties: true },
);
const ProviderList = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      label: Type.String(),
      audience: Type.Union([Type.Literal('citizen'), Type.Literal('staff')]),
      startUrl: Type.String(),
    }),
  ),
});

/** OpenID Connect sign-in (docs/SSO.md): `/auth/oidc/providers`, `/auth/oidc/:provider/start`, `…/callback`. */
export function ssoRoutes(deps: Deps) {
  const authConfig = resolveAuthConfig(deps);
  const citizenConfig = resolveCitizenConfig(deps);
  return async function register(app: App) {
    const services: SsoServices = {
      db: deps.database.db,
      // Read at each request, so a test may set the callback origin once its port is known.
      get env() {
        return deps.env;
      },
      authConfig,
      citizenConfig,
      citizenKeys: resolveCitizenKeys(deps.env),
      log: app.log,
      discovered: new Map(),
    };
    await app.register(rateLimit, { global: false });
    const perIp = app.createRateLimit({
      max: authConfig.authRoutePerIpMax,
      timeWindow: authConfig.authRouteWindowMs,
      keyGenerator: (r) => `oidc-ip:${r.ip}`,
    });
    const limit = async (request: FastifyRequest, reply: FastifyReply) => {
      const result = await perIp(request);
      if (!result.isAllowed && result.isExceeded) {
        const seconds = Math.max(1, result.ttlInSeconds ?? 1);
        reply.header('retry-after', String(seconds));
        throw new AppError('RATE_LIMITED', { retryAfter: `${seconds} s` });
      }
    };
    const origin = (request: FastifyRequest) => deps.env.publicUrl ?? `${request.protocol}://${request.host}`;
    const cookieOptions = (request: FastifyRequest) => ({
      path: STATE_COOKIE_PATH,
      httpOnly: true,
      sameSite: 'lax' as const,
      secure: request.protocol === 'https',
    });

    app.get(
      '/auth/oidc/providers',
      {
        onRequest: limit,
        schema: {
          tags: ['auth'],
          summary: 'The configured single sign-on providers (for "Masuk dengan …" buttons)',
          response: { 200: ProviderList, ...errorResponses(429, 500) },
        },
      },
      async () => ({
        items: deps.env.oidcProviders.map((p) => ({
          id: p.id,
          label: p.label,
          audience: p.audience,
          startUrl: `/api/v1/auth/oidc/${p.id}/start`,
        })),
      }),
    );

    app.get(
      '/auth/oidc/:provider/start',
      {
        onRequest: limit,
        schema: {
          tags: ['auth'],
          summary: 'Start an OpenID Connect sign-in: redirects to the provider (authorization code + PKCE S256)',
          description:
            '`returnTo` must be a path on this site; anything else is replaced by `/`. Sets a short-lived httpOnly cookie binding the sign-in to this browser.',
          params: ProviderParams,
          querystring: StartQuery,
          response: { 302: { type: 'null', description: 'To the provider' }, ...errorResponses(400, 404, 429, 500, 502) },
        },
      },
      async (request, reply) => {
        const started = await startLogin(services, {
          providerId: request.params.provider,
          returnTo: request.query.returnTo,
          origin: origin(request),
        });
        reply.setCookie(OIDC_STATE_COOKIE, started.state, {
          ...cookieOptions(request),
          maxAge: Math.floor(LOGIN_TTL_MS / 1000),
        });
        reply.header('cache-control', 'no-store');
        return reply.redirect(started.url.href, 302);
      },
    );

    app.get(
      '/auth/oidc/:provider/callback',
      {
        // The request line carries the authorization code and state: keep it out of the access
        // log (single-use and PKCE-bound, but still a credential until exchanged).
        logLevel: 'warn',
        onRequest: limit,
        schema: {
          tags: ['auth'],
          summary: 'Where the provider sends the browser back: signs in and redirects (303) to `returnTo`',
          description:
            'Staff providers sign in an existing staff account by verified e-mail; citizen providers find or create the citizen by NIK. Sets the staff or citizen session cookie.',
          params: ProviderParams,
          querystring: CallbackQuery,
          response: {
            303: { type: 'null', description: 'Signed in; to returnTo' },
            ...errorResponses(400, 403, 404, 423, 429, 500, 502),
          },
        },
      },
      async (request, reply) => {
        const cookieState = request.cookies?.[OIDC_STATE_COOKIE];
        // Single use whatever happens next.
        reply.clearCookie(OIDC_STATE_COOKIE, cookieOptions(request));
        reply.header('cache-control', 'no-store');
        const rawUrl = request.raw.url ?? '';
        const search = rawUrl.includes('?') ? rawUrl.slice(rawUrl.indexOf('?') + 1) : '';
        const result = await finishLogin(
          services,
          { providerId: request.params.provider, search, cookieState, origin: origin(request) },
          requestContext(request),
        );
        const maxAgeMs = result.audience === 'staff' ? authConfig.sessionAbsoluteMs : citizenConfig.sessionAbsoluteMs;
        reply.setCookie(result.audience === 'staff' ? STAFF_SESSION_COOKIE : CITIZEN_SESSION_COOKIE, result.token, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: request.protocol === 'https',
          maxAge: Math.floor(maxAgeMs / 1000),
        });
        return reply.redirect(result.returnTo, 303);
      },
    );
  };
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { sendError } from '../../http/error-handler.ts';
import type { App } from '../../http/types.ts';
import type { Principal } from './identity.authorize.ts';
import { resolveAuthConfig } from './identity.config.ts';
import { resolveSession, type RequestContext } from './identity.service.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in caller, set by the identity plugin; undefined for the anonymous. */
    principal: Principal;
  }
}

/** The staff session cookie: httpOnly, SameSite=Lax, Secure over https; its value is the raw token. */
export const STAFF_SESSION_COOKIE = 'layan_staff_session';
/** The header every state-changing request must carry when it is cookie-authenticated (docs/ACCESS.md). */
export const CSRF_HEADER = 'x-layan-csrf';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Request facts for sessions and the audit trail. */
export function requestContext(request: FastifyRequest): RequestContext {
  const userAgent = request.headers['user-agent'];
  return { ip: request.ip, userAgent: typeof userAgent === 'string' ? userAgent : undefined, requestId: request.id };
}

function csrfRefused(request: FastifyRequest): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  const cookieAuthenticated = request.cookies?.[STAFF_SESSION_COOKIE] !== undefined;
  // Sign-in sets the cookie, so it is guarded too (login CSRF).
  const authRoute = request.url.startsWith('/api/v1/auth/');
  if (!cookieAuthenticated && !authRoute) return false;
  return request.headers[CSRF_HEADER] !== '1';
}

/**
 * Decorates every API request with `principal` (from the session cookie) and refuses
 * cookie-authenticated state-changing requests that lack `X-Layan-CSRF: 1`: a cross-site form
 * cannot set a custom header, and a cross-site script would need a CORS preflight Layan never grants.
 * Registered once at the API level (not encapsulated, so every route sees the decoration).
 */
export function identityPlugin(deps: Deps) {
  const services = { db: deps.database.db, config: resolveAuthConfig(deps) };
  async function plugin(app: App) {
    app.decorateRequest('principal', undefined);
    app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      if (csrfRefused(request)) return sendError(request, reply, new AppError('CSRF_REJECTED'));
      const token = request.cookies?.[STAFF_SESSION_COOKIE];
      if (token) request.principal = await resolveSession(services, token);
    });
  }
  // Fastify's documented opt-out of encapsulation (what fastify-plugin sets).
  Object.assign(plugin, { [Symbol.for('skip-override')]: true });
  return plugin;
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { sendError } from '../../http/error-handler.ts';
import type { App } from '../../http/types.ts';
import { CSRF_HEADER } from '../identity/identity.plugin.ts';
import { resolveCitizenSession, type CitizenPrincipal } from './citizen.auth.service.ts';
import { resolveCitizenConfig } from './citizen.config.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in citizen, set by the citizen plugin from its cookie; undefined otherwise. */
    citizen: CitizenPrincipal | undefined;
  }
}

/** The citizen session cookie (distinct from the staff one): httpOnly, SameSite=Lax, Secure over https. */
export const CITIZEN_SESSION_COOKIE = 'layan_citizen_session';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Decorates every API request with `citizen` (from the citizen session cookie) and, like the
 * identity plugin does for staff, refuses a cookie-authenticated state-changing request without
 * `X-Layan-CSRF: 1`. Registered right after the identity plugin, at the API level.
 */
export function citizenPlugin(deps: Deps) {
  const services = { db: deps.database.db, config: resolveCitizenConfig(deps) };
  async function plugin(app: App) {
    app.decorateRequest('citizen', undefined);
    app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      const token = request.cookies?.[CITIZEN_SESSION_COOKIE];
      if (!token) return;
      if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== '1') {
        return sendError(request, reply, new AppError('CSRF_REJECTED'));
      }
      request.citizen = await resolveCitizenSession(services, token);
    });
  }
  // Fastify's documented opt-out of encapsulation (what fastify-plugin sets).
  Object.assign(plugin, { [Symbol.for('skip-override')]: true });
  return plugin;
}

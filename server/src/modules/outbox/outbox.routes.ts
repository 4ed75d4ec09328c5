import type { Deps } from '../../deps.ts';
import { errorResponses } from '../../http/openapi.ts';
import type { App } from '../../http/types.ts';
import { requestContext } from '../identity/identity.plugin.ts';
import { EmptyBody } from '../identity/identity.schemas.ts';
import { OutboxIdParams, OutboxList, OutboxListQuery, OutboxMessageView } from './outbox.schemas.ts';
import { listMessages, retryMessage } from './outbox.service.ts';

/** The outbox for administrators: dead letters and their retry (docs/NOTIFICATIONS.md). */
export function outboxRoutes(deps: Deps) {
  const { db } = deps.database;
  return async function register(app: App) {
    app.get(
      '/admin/outbox',
      {
        schema: {
          tags: ['admin'],
          summary: 'Outgoing messages by status, dead letters by default, recipients masked (admin nasional, admin Pemda)',
          querystring: OutboxListQuery,
          response: { 200: OutboxList, ...errorResponses(400, 401, 403, 500) },
        },
      },
      async (request) =>
        listMessages(db, {
          principal: request.principal,
          status: request.query.status ?? 'dead',
          limit: request.query.limit ?? 50,
        }),
    );

    app.post(
      '/admin/outbox/:id/retry',
      {
        schema: {
          tags: ['admin'],
          summary: 'Send a dead letter again: it becomes pending with a fresh count of attempts (audited)',
          params: OutboxIdParams,
          body: EmptyBody,
          response: { 200: OutboxMessageView, ...errorResponses(400, 401, 403, 404, 409, 415, 500) },
        },
      },
      async (request) =>
        retryMessage(db, { principal: request.principal, id: request.params.id, context: requestContext(request) }),
    );
  };
}

import type { Deps } from '../../deps.ts';
import { errorResponses } from '../../http/openapi.ts';
import type { App } from '../../http/types.ts';
import { requestContext } from '../identity/identity.plugin.ts';
import { resolveCitizenKeys } from './citizen.nik.ts';
import { StaffCitizenParams, StaffCitizenQuery, StaffCitizenView } from './citizen.staff.schemas.ts';
import { readCitizenAsStaff } from './citizen.staff.service.ts';

/** Staff reads of a citizen's record, by id or by NIK (docs/CITIZENS.md); each read is audited. */
export function citizenStaffRoutes(deps: Deps) {
  const services = { db: deps.database.db, keys: resolveCitizenKeys(deps.env) };
  return async function register(app: App) {
    // Personal data: never cached by a browser or a proxy.
    app.addHook('onSend', async (_request, reply) => {
      reply.header('cache-control', 'no-store');
    });

    app.get(
      '/staff/citizens/:id',
      {
        schema: {
          tags: ['citizen'],
          summary: 'A citizen’s record as staff see it (only citizens linked to the caller’s regions; audited)',
          description:
            'Answers 404 `CITIZEN_NOT_FOUND` both for an unknown id and for a citizen not linked to any region the caller’s grants reach.',
          params: StaffCitizenParams,
          response: { 200: StaffCitizenView, ...errorResponses(400, 401, 403, 404, 500) },
        },
      },
      async (request) =>
        readCitizenAsStaff(services, {
          principal: request.principal,
          lookup: { by: 'id', id: request.params.id },
          context: requestContext(request),
        }),
    );

    app.get(
      '/staff/citizens',
      {
        schema: {
          tags: ['citizen'],
          summary: 'Find a citizen by NIK, e.g. at the counter (only citizens linked to the caller’s regions; audited)',
          description:
            'The NIK is looked up by its keyed hash; it is never stored or logged in plain text. 404 `CITIZEN_NOT_FOUND` when unknown or outside the caller’s regions.',
          querystring: StaffCitizenQuery,
          response: { 200: StaffCitizenView, ...errorResponses(400, 401, 403, 404, 500) },
        },
      },
      async (request) =>
        readCitizenAsStaff(services, {
          principal: request.principal,
          lookup: { by: 'nik', nik: request.query.nik },
          context: requestContext(request),
        }),
    );
  };
}

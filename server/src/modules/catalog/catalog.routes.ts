import type { FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.ts';
import { errorResponses } from '../../http/openapi.ts';
import type { App } from '../../http/types.ts';
import { requestContext } from '../identity/identity.plugin.ts';
import type { Caller } from '../tenancy/tenancy.service.ts';
import {
  AdminServiceParams,
  AdminVersionParams,
  CreateDraftBody,
  ServiceDetail,
  ServiceList,
  ServiceParams,
  ServiceQuery,
  ServiceRegionQuery,
  VersionList,
  VersionView,
} from './catalog.schemas.ts';
import * as service from './catalog.service.ts';

const caller = (request: FastifyRequest): Caller => ({ principal: request.principal, context: requestContext(request) });

const WRITE_ERRORS = errorResponses(400, 401, 403, 404, 409, 413, 415, 500);

/** The service catalog: public search and standards, staff drafts and publishing. */
export function catalogRoutes(deps: Deps) {
  const { db } = deps.database;
  return async function register(app: App) {
    app.get(
      '/services',
      {
        schema: {
          tags: ['catalog'],
          summary: 'Search the published services serving a region (public)',
          description:
            'With `q`, services ranked by what the citizen typed ("bikin ktp", "akta lahir anak", "perpanjang sim"); without, every service by agency and name. `region` is a kab/kota or any code below it (its tenant and province are searched).',
          querystring: ServiceQuery,
          response: { 200: ServiceList, ...errorResponses(400, 500) },
        },
      },
      async (request) => service.searchServices(db, request.query),
    );

    app.get(
      '/services/:idOrSlug',
      {
        schema: {
          tags: ['catalog'],
          summary: 'The published standard of a service (public)',
          description: 'All 14 components of PermenPAN-RB 15/2014; `components` marks the six that must be published.',
          params: ServiceParams,
          querystring: ServiceRegionQuery,
          response: { 200: ServiceDetail, ...errorResponses(400, 404, 500) },
        },
      },
      async (request) => service.getPublicService(db, { idOrSlug: request.params.idOrSlug, region: request.query.region }),
    );

    app.get(
      '/services/:idOrSlug/versions',
      {
        schema: {
          tags: ['catalog'],
          summary: 'The approved versions of a service standard, newest first (public)',
          params: ServiceParams,
          querystring: ServiceRegionQuery,
          response: { 200: VersionList, ...errorResponses(400, 404, 500) },
        },
      },
      async (request) => service.listServiceVersions(db, { idOrSlug: request.params.idOrSlug, region: request.query.region }),
    );

    app.post(
      '/admin/tenants/:tenant/services/:id/versions',
      {
        schema: {
          tags: ['admin'],
          summary: 'Create a draft version of a service standard — admin Pemda, admin instansi (own agency)',
          description:
            'Copies the current version, replaces the components in `changes`, and checks all 14 (CATALOG_STANDARD_INVALID names each problem’s path, e.g. `fee.basis`, in `details`).',
          params: AdminServiceParams,
          body: CreateDraftBody,
          response: { 201: VersionView, ...WRITE_ERRORS },
        },
      },
      async (request, reply) =>
        reply.status(201).send(
          await service.createDraft(db, {
            caller: caller(request),
            tenant: request.params.tenant,
            serviceId: request.params.id,
            input: request.body,
          }),
        ),
    );

    app.post(
      '/admin/tenants/:tenant/services/:id/versions/:version/publish',
      {
        schema: {
          tags: ['admin'],
          summary: 'Publish a draft: the caller approves it, the previous version is superseded',
          params: AdminVersionParams,
          response: { 200: VersionView, ...WRITE_ERRORS },
        },
      },
      async (request) =>
        service.publishVersion(db, {
          caller: caller(request),
          tenant: request.params.tenant,
          serviceId: request.params.id,
          version: request.params.version,
        }),
    );
  };
}

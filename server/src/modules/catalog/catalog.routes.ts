import type { FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.ts';
import { errorResponses } from '../../http/openapi.ts';
import type { App } from '../../http/types.ts';
import { requestContext } from '../identity/identity.plugin.ts';
import type { Caller } from '../tenancy/tenancy.service.ts';
import {
  AdminServiceDetail,
  AdminServiceList,
  AdminServiceParams,
  AdminServiceQuery,
  AdminServiceRefParams,
  AdminVersionParams,
  CreateDraftBody,
  PopularList,
  PopularQuery,
  ServiceForm,
  UpdateDraftBody,
  ServiceDetail,
  ServiceList,
  ServiceParams,
  ServiceQuery,
  ServiceRegionQuery,
  VersionList,
  VersionView,
} from './catalog.schemas.ts';
import * as admin from './catalog.admin.service.ts';
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
      '/services/popular',
      {
        schema: {
          tags: ['catalog'],
          summary: 'The most-used published services serving a region (public)',
          description:
            'Ranked by applications submitted and queue tickets taken over the last `days` local days of the tenant(s) serving `region` (a kab/kota or any code below it). `demo` is true when the counts come from the demo seed. A service whose slug is `popular` is reached by its id.',
          querystring: PopularQuery,
          response: { 200: PopularList, ...errorResponses(400, 500) },
        },
      },
      async (request) => admin.listPopularServices(db, request.query),
    );

    app.get(
      '/services/:idOrSlug/form',
      {
        schema: {
          tags: ['catalog'],
          summary: 'The application form of a service’s published version (public)',
          description:
            'The FormDefinition (fields, rules, conditions, help in both languages); `form` is null for a service without one.',
          params: ServiceParams,
          querystring: ServiceRegionQuery,
          response: { 200: ServiceForm, ...errorResponses(400, 404, 500) },
        },
      },
      async (request) => admin.getPublicServiceForm(db, { idOrSlug: request.params.idOrSlug, region: request.query.region }),
    );

    app.get(
      '/admin/services',
      {
        schema: {
          tags: ['admin'],
          summary: 'Services the caller may edit, with their newest version — admin Pemda, admin instansi (own agency)',
          querystring: AdminServiceQuery,
          response: { 200: AdminServiceList, ...errorResponses(400, 401, 403, 500) },
        },
      },
      async (request) => admin.listAdminServices(db, { caller: caller(request), tenant: request.query.tenant }),
    );

    app.get(
      '/admin/tenants/:tenant/services/:id',
      {
        schema: {
          tags: ['admin'],
          summary:
            'A service with every version, drafts included, and what each changed — admin Pemda, admin instansi (own agency)',
          description: '`id` is the service id or its slug in the tenant.',
          params: AdminServiceRefParams,
          response: { 200: AdminServiceDetail, ...errorResponses(400, 401, 403, 404, 500) },
        },
      },
      async (request) =>
        admin.getAdminService(db, { caller: caller(request), tenant: request.params.tenant, idOrSlug: request.params.id }),
    );

    app.patch(
      '/admin/tenants/:tenant/services/:id/versions/:version',
      {
        schema: {
          tags: ['admin'],
          summary: 'Change a draft: replace components, its form definition or its change note',
          description:
            'The whole standard is checked again (CATALOG_STANDARD_INVALID / CATALOG_FORM_INVALID name each problem’s path in `details`); a published or superseded version answers 409.',
          params: AdminVersionParams,
          body: UpdateDraftBody,
          response: { 200: VersionView, ...WRITE_ERRORS },
        },
      },
      async (request) =>
        admin.updateDraft(db, {
          caller: caller(request),
          tenant: request.params.tenant,
          serviceId: request.params.id,
          version: request.params.version,
          input: request.body,
        }),
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

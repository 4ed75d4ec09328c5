import type { FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.ts';
import { errorResponses } from '../../http/openapi.ts';
import type { App } from '../../http/types.ts';
import { requestContext } from '../identity/identity.plugin.ts';
import {
  Agency,
  AgencyList,
  Counter,
  CounterList,
  CreateAgencyBody,
  CreateCounterBody,
  CreateLocationBody,
  CreateTenantBody,
  Location,
  LocationList,
  RegionQuery,
  Tenant,
  TenantItemParams,
  TenantParams,
  UpdateAgencyBody,
  UpdateCounterBody,
  UpdateLocationBody,
} from './tenancy.schemas.ts';
import * as service from './tenancy.service.ts';

const caller = (request: FastifyRequest): service.Caller => ({ principal: request.principal, context: requestContext(request) });

const READ_ERRORS = errorResponses(400, 401, 403, 404, 500);
const WRITE_ERRORS = errorResponses(400, 401, 403, 404, 409, 413, 415, 500);

/** Tenants and their structure: administration under /admin, public reads for the catalog. */
export function tenancyRoutes(deps: Deps) {
  const { db } = deps.database;
  return async function register(app: App) {
    app.get(
      '/agencies',
      {
        schema: {
          tags: ['structure'],
          summary: 'Active agencies serving a region (public)',
          description:
            'Agencies of the tenant(s) at, above or below `region`: its kab/kota and province, or every tenant in a province.',
          querystring: RegionQuery,
          response: { 200: AgencyList, ...errorResponses(400, 500) },
        },
      },
      async (request) => ({ items: await service.listPublicAgencies(db, request.query.region) }),
    );

    app.get(
      '/locations',
      {
        schema: {
          tags: ['structure'],
          summary: 'Active service locations at or below a region (public)',
          querystring: RegionQuery,
          response: { 200: LocationList, ...errorResponses(400, 500) },
        },
      },
      async (request) => ({ items: await service.listPublicLocations(db, request.query.region) }),
    );

    app.post(
      '/admin/tenants',
      {
        schema: {
          tags: ['admin'],
          summary: 'Register a Pemda (province or kab/kota) as a tenant — admin nasional',
          body: CreateTenantBody,
          response: { 201: Tenant, ...WRITE_ERRORS },
        },
      },
      async (request, reply) => reply.status(201).send(await service.createTenant(db, caller(request), request.body)),
    );

    app.get(
      '/admin/tenants/:tenant/agencies',
      {
        schema: {
          tags: ['admin'],
          summary: 'A tenant’s agencies, inactive included',
          params: TenantParams,
          response: { 200: AgencyList, ...READ_ERRORS },
        },
      },
      async (request) => ({ items: await service.listTenantAgencies(db, caller(request), request.params.tenant) }),
    );
    app.post(
      '/admin/tenants/:tenant/agencies',
      {
        schema: {
          tags: ['admin'],
          summary: 'Add an agency',
          params: TenantParams,
          body: CreateAgencyBody,
          response: { 201: Agency, ...WRITE_ERRORS },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await service.createAgency(db, caller(request), request.params.tenant, request.body)),
    );
    app.patch(
      '/admin/tenants/:tenant/agencies/:id',
      {
        schema: {
          tags: ['admin'],
          summary: 'Change an agency',
          params: TenantItemParams,
          body: UpdateAgencyBody,
          response: { 200: Agency, ...WRITE_ERRORS },
        },
      },
      async (request) => service.updateAgency(db, caller(request), request.params.tenant, request.params.id, request.body),
    );

    app.get(
      '/admin/tenants/:tenant/locations',
      {
        schema: {
          tags: ['admin'],
          summary: 'A tenant’s locations, inactive included',
          params: TenantParams,
          response: { 200: LocationList, ...READ_ERRORS },
        },
      },
      async (request) => ({ items: await service.listTenantLocations(db, caller(request), request.params.tenant) }),
    );
    app.post(
      '/admin/tenants/:tenant/locations',
      {
        schema: {
          tags: ['admin'],
          summary: 'Add a location',
          params: TenantParams,
          body: CreateLocationBody,
          response: { 201: Location, ...WRITE_ERRORS },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await service.createLocation(db, caller(request), request.params.tenant, request.body)),
    );
    app.patch(
      '/admin/tenants/:tenant/locations/:id',
      {
        schema: {
          tags: ['admin'],
          summary: 'Change a location',
          params: TenantItemParams,
          body: UpdateLocationBody,
          response: { 200: Location, ...WRITE_ERRORS },
        },
      },
      async (request) => service.updateLocation(db, caller(request), request.params.tenant, request.params.id, request.body),
    );

    app.get(
      '/admin/tenants/:tenant/counters',
      {
        schema: {
          tags: ['admin'],
          summary: 'A tenant’s counters',
          params: TenantParams,
          response: { 200: CounterList, ...READ_ERRORS },
        },
      },
      async (request) => ({ items: await service.listTenantCounters(db, caller(request), request.params.tenant) }),
    );
    app.post(
      '/admin/tenants/:tenant/counters',
      {
        schema: {
          tags: ['admin'],
          summary: 'Add a counter at a location',
          params: TenantParams,
          body: CreateCounterBody,
          response: { 201: Counter, ...WRITE_ERRORS },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await service.createCounter(db, caller(request), request.params.tenant, request.body)),
    );
    app.patch(
      '/admin/tenants/:tenant/counters/:id',
      {
        schema: {
          tags: ['admin'],
          summary: 'Change a counter',
          params: TenantItemParams,
          body: UpdateCounterBody,
          response: { 200: Counter, ...WRITE_ERRORS },
        },
      },
      async (request) => service.updateCounter(db, caller(request), request.params.tenant, request.params.id, request.body),
    );
  };
}

import type { Deps } from '../../deps.ts';
import { errorResponses } from '../../http/openapi.ts';
import type { App } from '../../http/types.ts';
import {
  RegionChildren,
  RegionCodeParams,
  RegionDetail,
  RegionSearchQuery,
  RegionSearchResult,
  RegionSummary,
} from './region.schemas.ts';
import * as service from './region.service.ts';

/** The Kemendagri region tree: public, read-only, cacheable. */
export function regionRoutes(deps: Deps) {
  const { db } = deps.database;
  const searchIndex = service.createRegionSearchIndexSource(db);
  return async function register(app: App) {
    // The tree changes only on a data import, so clients and proxies may cache for an hour.
    app.addHook('onSend', async (request, reply) => {
      if (reply.statusCode === 200) reply.header('cache-control', 'public, max-age=3600');
    });

    app.get(
      '/regions/summary',
      {
        schema: {
          tags: ['regions'],
          summary: 'Number of regions per level',
          response: { 200: RegionSummary, ...errorResponses(500) },
        },
      },
      async () => service.getRegionSummary(db),
    );

    app.get(
      '/regions',
      {
        schema: {
          tags: ['regions'],
          summary: 'Search regions by name (typeahead)',
          description: 'Case- and accent-insensitive, tolerant of small typos. Without `q`, lists by code.',
          querystring: RegionSearchQuery,
          response: { 200: RegionSearchResult, ...errorResponses(400, 500) },
        },
      },
      async (request) => service.searchRegions(db, searchIndex, request.query),
    );

    app.get(
      '/regions/:code',
      {
        schema: {
          tags: ['regions'],
          summary: 'One region with its parents, time zone and 3T flags',
          params: RegionCodeParams,
          response: { 200: RegionDetail, ...errorResponses(400, 404, 500) },
        },
      },
      async (request) => service.getRegion(db, request.params.code),
    );

    app.get(
      '/regions/:code/children',
      {
        schema: {
          tags: ['regions'],
          summary: 'Direct children of a region',
          params: RegionCodeParams,
          response: { 200: RegionChildren, ...errorResponses(400, 404, 500) },
        },
      },
      async (request) => service.getRegionChildren(db, request.params.code),
    );
  };
}

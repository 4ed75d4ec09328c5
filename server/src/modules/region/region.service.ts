import { TIME_ZONE_LABEL, ancestorCodes, normalizeSearchText } from '@layan/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import * as repo from './region.repo.ts';
import { buildRegionSearchIndex, type RegionSearchIndex } from './region.search-index.ts';
import type { RegionChildren, RegionDetail, RegionSearchQuery, RegionSearchResult, RegionSummary } from './region.schemas.ts';

/** Counts per level, 3T attribute counts and the loaded data release. */
export async function getRegionSummary(db: Kysely<DB>): Promise<RegionSummary> {
  const [levels, attributes, latest] = await Promise.all([
    repo.countByLevel(db),
    repo.countByAttribute(db),
    repo.findLatestImport(db),
  ]);
  const count = (level: repo.RegionLevel) => levels.find((l) => l.level === level)?.count ?? 0;
  const byLevel = {
    provinsi: count('provinsi'),
    kabupaten_kota: count('kabupaten_kota'),
    kecamatan: count('kecamatan'),
    desa_kelurahan: count('desa_kelurahan'),
  };
  return {
    levels: byLevel,
    total: Object.values(byLevel).reduce((a, b) => a + b, 0),
    attributes: Object.fromEntries(attributes.map((a) => [a.attribute, a.count])),
    source: latest
      ? { name: latest.source, version: latest.version, importedAt: new Date(latest.imported_at).toISOString() }
      : null,
  };
}

/** One region with its parents, time zone and 3T flags; throws REGION_NOT_FOUND. */
export async function getRegion(db: Kysely<DB>, code: string): Promise<RegionDetail> {
  const region = await repo.findRegion(db, code);
  if (!region) throw new AppError('REGION_NOT_FOUND', { code });
  const ancestors = ancestorCodes(code);
  const parents = await repo.findRegions(db, ancestors);
  parents.sort((a, b) => a.code.length - b.code.length);
  // 3T status is decided per kab/kota; a kecamatan or desa inherits its kab/kota's.
  const regencyCode = code.length >= 5 ? code.slice(0, 5) : undefined;
  const attributes = regencyCode ? await repo.listAttributes(db, regencyCode) : await repo.listAttributes(db, code);
  const has = (name: repo.RegionAttributeRow['attribute']) => attributes.some((a) => a.attribute === name);
  return {
    code: region.code,
    name: region.name,
    level: region.level,
    kind: region.kind,
    active: region.active,
    timeZone: region.time_zone,
    timeZoneLabel: TIME_ZONE_LABEL[region.time_zone],
    parents: parents.map((p) => ({ code: p.code, name: p.name, level: p.level })),
    childrenCount: region.children_count,
    flags: { daerahTertinggal: has('daerah_tertinggal'), pulauTerluar: has('pulau_terluar'), perbatasan: has('perbatasan') },
    attributes: attributes.map((a) => ({ attribute: a.attribute, period: a.period, source: a.source, detail: a.detail })),
  };
}

/** The direct children of a region; throws REGION_NOT_FOUND. */
export async function getRegionChildren(db: Kysely<DB>, code: string): Promise<RegionChildren> {
  const [region, children] = await Promise.all([repo.findRegion(db, code), repo.listChildren(db, code)]);
  if (!region) throw new AppError('REGION_NOT_FOUND', { code });
  return {
    parent: { code: region.code, name: region.name, level: region.level },
    items: children.map((c) => ({ code: c.code, name: c.name, level: c.level, kind: c.kind, childrenCount: c.children_count })),
  };
}

/** Hands out the in-memory typeahead index, rebuilding it when a newer import is recorded. */
export interface RegionSearchIndexSource {
  get(): Promise<RegionSearchIndex>;
  /** Remembered answers of the fuzzy (typo) path for the current index; emptied on rebuild. */
  fuzzyCache: Map<string, repo.RegionSearchRow[]>;
  /** Rebuilds now if the database holds a newer import than the index; resolves when done. */
  refresh(): Promise<RegionSearchIndex>;
}

/**
 * One index per process. The first search builds it (about a second on PGlite, half that on
 * PostgreSQL); afterwards, at most every `recheckMs`, a search also checks in the background
 * whether a newer import exists and swaps in a rebuilt index, so every process follows an
 * import within that time.
 */
export function createRegionSearchIndexSource(db: Kysely<DB>, recheckMs = 30_000): RegionSearchIndexSource {
  let index: RegionSearchIndex | undefined;
  let building: Promise<RegionSearchIndex> | undefined;
  let checkedAt = 0;
  const fuzzyCache = new Map<string, repo.RegionSearchRow[]>();
  const build = () => {
    building ??= (async () => {
      const importId = await repo.findLatestImportId(db);
      index = buildRegionSearchIndex(await repo.listRegionsForIndex(db), importId);
      fuzzyCache.clear();
      checkedAt = Date.now();
      return index;
    })().finally(() => (building = undefined));
    return building;
  };
  const refresh = async () => {
    checkedAt = Date.now();
    const latest = await repo.findLatestImportId(db);
    return index && index.importId === latest ? index : build();
  };
  return {
    refresh,
    fuzzyCache,
    async get() {
      if (!index) return build();
      if (Date.now() - checkedAt > recheckMs) void refresh().catch(() => {});
      return index;
    },
  };
}

const FUZZY_CACHE_SIZE = 10_000;

/**
 * The trigram query costs milliseconds of database CPU, and the same misspellings come back
 * ("makasar", "banyuwagni"). The tree is fixed between imports, so answers are kept per process
 * (least recently used first out, at most 10,000, about 5 MB) until the index is rebuilt.
 */
async function searchFuzzyCached(
  db: Kysely<DB>,
  cache: Map<string, repo.RegionSearchRow[]>,
  options: repo.SearchRegionsOptions,
): Promise<repo.RegionSearchRow[]> {
  const key = `${options.query}|${options.level ?? ''}|${options.parent ?? ''}|${options.limit}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const rows = await repo.searchRegionsFuzzy(db, options);
  cache.set(key, rows);
  if (cache.size > FUZZY_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return rows;
}

/** Typeahead search by name, optionally within a level and below a parent. */
export async function searchRegions(
  db: Kysely<DB>,
  source: RegionSearchIndexSource,
  query: RegionSearchQuery,
): Promise<RegionSearchResult> {
  const normalized = normalizeSearchText(query.q ?? '');
  // A query of only punctuation names nothing; it must not fall through to "list everything".
  if (query.q !== undefined && query.q.trim() !== '' && normalized === '') return { items: [] };
  const options = { query: normalized, level: query.level, parent: query.parent, limit: query.limit };
  let rows: repo.RegionSearchRow[];
  if (!normalized) rows = await repo.listRegionsByCode(db, options);
  else {
    rows = (await source.get()).searchPrefix(options);
    // Typo tolerance only when no name has a word starting with the query: it costs a query.
    if (rows.length === 0) rows = await searchFuzzyCached(db, source.fuzzyCache, options);
  }
  return {
    items: rows.map((r) => ({
      code: r.code,
      name: r.name,
      level: r.level,
      kind: r.kind,
      path: [r.district_name, r.regency_name, r.province_name].filter((n): n is string => n !== null),
    })),
  };
}

import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, RegionTable } from '../../db/schema.ts';

export type RegionLevel = RegionTable['level'];
export type RegionKind = RegionTable['kind'];

export interface RegionRow {
  code: string;
  level: RegionLevel;
  kind: RegionKind;
  name: string;
  parent_code: string | null;
  province_code: string;
  time_zone: RegionTable['time_zone'];
  children_count: number;
  active: boolean;
}

export interface RegionAttributeRow {
  region_code: string;
  attribute: 'daerah_tertinggal' | 'pulau_terluar' | 'perbatasan';
  period: string;
  source: string;
  detail: Record<string, unknown>;
}

export interface RegionSearchRow {
  code: string;
  level: RegionLevel;
  kind: RegionKind;
  name: string;
  province_name: string | null;
  regency_name: string | null;
  district_name: string | null;
}

const regionColumns = [
  'code',
  'level',
  'kind',
  'name',
  'parent_code',
  'province_code',
  'time_zone',
  'children_count',
  'active',
] as const;

/** One region by code, or undefined. */
export async function findRegion(db: Kysely<DB>, code: string): Promise<RegionRow | undefined> {
  return db.selectFrom('region').select(regionColumns).where('code', '=', code).executeTakeFirst();
}

/** The regions with the given codes, in no particular order. */
export async function findRegions(db: Kysely<DB>, codes: string[]): Promise<RegionRow[]> {
  if (codes.length === 0) return [];
  return db.selectFrom('region').select(regionColumns).where('code', 'in', codes).execute();
}

/** The direct children of `code`, by name. */
export async function listChildren(db: Kysely<DB>, code: string): Promise<RegionRow[]> {
  return db.selectFrom('region').select(regionColumns).where('parent_code', '=', code).orderBy('name').orderBy('code').execute();
}

/** Attributes (3T flags and the like) of one region. */
export async function listAttributes(db: Kysely<DB>, code: string): Promise<RegionAttributeRow[]> {
  return db
    .selectFrom('region_attribute')
    .select(['region_code', 'attribute', 'period', 'source', 'detail'])
    .where('region_code', '=', code)
    .orderBy('attribute')
    .orderBy('period')
    .execute();
}

/** Number of active regions per level. */
export async function countByLevel(db: Kysely<DB>): Promise<{ level: RegionLevel; count: number }[]> {
  return db
    .selectFrom('region')
    .select(['level', sql<number>`count(*)::int`.as('count')])
    .where('active', '=', true)
    .groupBy('level')
    .execute();
}

/** Number of regions carrying each attribute. */
export async function countByAttribute(db: Kysely<DB>): Promise<{ attribute: string; count: number }[]> {
  return db
    .selectFrom('region_attribute')
    .select(['attribute', sql<number>`count(DISTINCT region_code)::int`.as('count')])
    .groupBy('attribute')
    .execute();
}

/** The most recent import run, or undefined before the first. */
export async function findLatestImport(db: Kysely<DB>) {
  return db
    .selectFrom('region_import')
    .select(['source', 'version', 'counts', 'imported_at'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export interface SearchRegionsOptions {
  /** Normalised query (see normalizeSearchText). */
  query: string;
  level?: RegionLevel;
  /** Restrict to descendants of this code. */
  parent?: string;
  limit: number;
}

// Among equally good matches, larger regions first: "banyuwan" means the kabupaten more often
// than one of the seven desa of that name.
const levelOrder = sql`CASE r.level WHEN 'provinsi' THEN 1 WHEN 'kabupaten_kota' THEN 2 WHEN 'kecamatan' THEN 3 ELSE 4 END`;

function scopeOf(options: SearchRegionsOptions) {
  return sql.join(
    [
      sql`r.active`,
      options.level ? sql`r.level = ${options.level}` : sql`true`,
      options.parent ? sql`r.code LIKE ${`${options.parent}.%`}` : sql`true`,
    ],
    sql` AND `,
  );
}

/** Adds the names of the kecamatan, kab/kota and provinsi above each match. */
async function withParents(db: Kysely<DB>, matches: ReturnType<typeof sql>): Promise<RegionSearchRow[]> {
  const result = await sql<RegionSearchRow>`
    SELECT m.code, m.level, m.kind, m.name,
      p.name AS province_name, k.name AS regency_name, d.name AS district_name
    FROM (${matches}) m
    LEFT JOIN region p ON p.code = left(m.code, 2) AND m.level <> 'provinsi'
    LEFT JOIN region k ON k.code = left(m.code, 5) AND m.level IN ('kecamatan', 'desa_kelurahan')
    LEFT JOIN region d ON d.code = left(m.code, 8) AND m.level = 'desa_kelurahan'
    ORDER BY m.ord`.execute(db);
  return result.rows;
}

/**
 * Typeahead, fallback for typos ("banyuwagni", "sukamju"): trigram word similarity over the GIN
 * index, best first. Costs milliseconds, so it is used only when no name has a word starting
 * with the query (the in-memory fast path, region.search-index.ts).
 */
export async function searchRegionsFuzzy(db: Kysely<DB>, options: SearchRegionsOptions): Promise<RegionSearchRow[]> {
  const { query, limit } = options;
  const matches = sql`
    SELECT r.code, r.level, r.kind, r.name,
      row_number() OVER (ORDER BY word_similarity(${query}, r.search_name) DESC, ${levelOrder}, length(r.name), r.code) AS ord
    FROM region r
    WHERE ${query} <% r.search_name AND ${scopeOf(options)}
    ORDER BY ord
    LIMIT ${limit}`;
  return withParents(db, matches);
}

export interface RegionIndexRow {
  code: string;
  level: RegionLevel;
  kind: RegionKind;
  name: string;
}

/** Every active region, for the in-memory typeahead index. */
export async function listRegionsForIndex(db: Kysely<DB>): Promise<RegionIndexRow[]> {
  return db.selectFrom('region').select(['code', 'level', 'kind', 'name']).where('active', '=', true).orderBy('code').execute();
}

/** The id of the latest import, 0 before the first: the version the index is built from. */
export async function findLatestImportId(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('region_import')
    .select(sql<number>`coalesce(max(id), 0)::int`.as('id'))
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Without a query: regions in code order, within the level and parent given. */
export async function listRegionsByCode(db: Kysely<DB>, options: SearchRegionsOptions): Promise<RegionSearchRow[]> {
  const matches = sql`
    SELECT r.code, r.level, r.kind, r.name, row_number() OVER (ORDER BY r.code) AS ord
    FROM region r
    WHERE ${scopeOf(options)}
    ORDER BY r.code
    LIMIT ${options.limit}`;
  return withParents(db, matches);
}

export interface RegionImportRow {
  code: string;
  level: RegionLevel;
  kind: RegionKind;
  name: string;
  search_name: string;
  parent_code: string | null;
  province_code: string;
  time_zone: RegionTable['time_zone'];
  children_count: number;
}

/**
 * Inserts or updates a batch of regions in one statement (arrays unnested server-side: one round
 * trip per batch instead of one per row). Parents must be upserted before their children.
 */
export async function upsertRegionsInTx(trx: Transaction<DB>, rows: RegionImportRow[]): Promise<void> {
  const col = <K extends keyof RegionImportRow>(key: K) => rows.map((r) => r[key]);
  await sql`
    INSERT INTO region (code, level, kind, name, search_name, parent_code, province_code, time_zone, children_count, active)
    SELECT code, level, kind, name, search_name, parent_code, province_code, time_zone, children_count, true
    FROM unnest(
      ${col('code')}::text[], ${col('level')}::text[], ${col('kind')}::text[], ${col('name')}::text[],
      ${col('search_name')}::text[], ${col('parent_code')}::text[], ${col('province_code')}::text[],
      ${col('time_zone')}::text[], ${col('children_count')}::int[]
    ) AS t(code, level, kind, name, search_name, parent_code, province_code, time_zone, children_count)
    ON CONFLICT (code) DO UPDATE SET
      level = excluded.level, kind = excluded.kind, name = excluded.name, search_name = excluded.search_name,
      parent_code = excluded.parent_code, province_code = excluded.province_code, time_zone = excluded.time_zone,
      children_count = excluded.children_count, active = true
    WHERE (region.level, region.kind, region.name, region.search_name, region.parent_code, region.province_code,
           region.time_zone, region.children_count, region.active)
      IS DISTINCT FROM (excluded.level, excluded.kind, excluded.name, excluded.search_name, excluded.parent_code,
           excluded.province_code, excluded.time_zone, excluded.children_count, true)`.execute(trx);
}

/**
 * After a bulk load: fresh planner statistics, so the first queries get index plans rather than
 * sequential scans. VACUUM cannot run inside a transaction.
 */
export async function analyzeRegionTables(db: Kysely<DB>): Promise<void> {
  await sql`VACUUM (ANALYZE) region, region_attribute`.execute(db);
}

/** Marks regions absent from the new release as inactive; returns how many. */
export async function retireRegionsNotInTx(trx: Transaction<DB>, codes: string[]): Promise<number> {
  const result = await sql`
    UPDATE region SET active = false
    WHERE active AND NOT (code = ANY(${codes}::text[]))`.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}

/** Replaces all rows of the given attributes with `rows`. */
export async function replaceAttributesInTx(
  trx: Transaction<DB>,
  attributes: RegionAttributeRow['attribute'][],
  rows: RegionAttributeRow[],
): Promise<void> {
  await trx.deleteFrom('region_attribute').where('attribute', 'in', attributes).execute();
  if (rows.length === 0) return;
  await trx
    .insertInto('region_attribute')
    .values(rows.map((r) => ({ ...r, detail: JSON.stringify(r.detail) })))
    .execute();
}

/** Records one import run. */
export async function insertImportInTx(
  trx: Transaction<DB>,
  row: { source: string; version: string; counts: Record<string, number> },
): Promise<void> {
  await trx
    .insertInto('region_import')
    .values({ ...row, counts: JSON.stringify(row.counts) })
    .execute();
}

import { createRequire } from 'node:module';
import { normalizeSearchText, timeZoneOfRegion } from '@layan/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import daerahTertinggal from './data/daerah-tertinggal-2020-2024.json' with { type: 'json' };
import { appendAuditInTx } from '../audit/audit.service.ts';
import { readRegionCsv, type RegionCsv } from './region.csv.ts';
import {
  analyzeRegionTables,
  insertImportInTx,
  replaceAttributesInTx,
  retireRegionsNotInTx,
  upsertRegionsInTx,
  type RegionAttributeRow,
  type RegionImportRow,
} from './region.repo.ts';

const require = createRequire(import.meta.url);
const BATCH = 5000;

export interface ImportProgress {
  (done: number, total: number): void;
}

export interface ImportResult {
  counts: Record<'provinsi' | 'kabupaten_kota' | 'kecamatan' | 'desa_kelurahan', number>;
  retired: number;
  attributes: Record<string, number>;
  /** Outermost islands the source assigns to no kab/kota, so no region is flagged for them. */
  unassignedOutermostIslands: string[];
  version: string;
}

function zoneOf(code: string) {
  const zone = timeZoneOfRegion(code);
  if (!zone) throw new Error(`Region ${code}: unknown province ${code.slice(0, 2)}, no time zone`);
  return zone;
}

/** Turns the CSVs into rows, parents before children, with children counted. */
export function buildRegionRows(csv: RegionCsv): RegionImportRow[] {
  const childCount = new Map<string, number>();
  for (const r of [...csv.regencies, ...csv.districts, ...csv.villages]) {
    childCount.set(r.parentCode!, (childCount.get(r.parentCode!) ?? 0) + 1);
  }
  const row = (r: RegionCsv['provinces'][number], level: RegionImportRow['level'], kind: RegionImportRow['kind']) => ({
    code: r.code,
    level,
    kind,
    name: r.name,
    search_name: normalizeSearchText(r.name),
    parent_code: r.parentCode,
    province_code: r.code.slice(0, 2),
    time_zone: zoneOf(r.code),
    children_count: childCount.get(r.code) ?? 0,
  });
  return [
    ...csv.provinces.map((r) => row(r, 'provinsi', 'provinsi')),
    ...csv.regencies.map((r) => row(r, 'kabupaten_kota', r.name.startsWith('Kota ') ? 'kota' : 'kabupaten')),
    ...csv.districts.map((r) => row(r, 'kecamatan', 'kecamatan')),
    // Kemendagri numbers kelurahan 1xxx and desa 2xxx within a kecamatan.
    ...csv.villages.map((r) => row(r, 'desa_kelurahan', r.code.split('.')[3]!.startsWith('1') ? 'kelurahan' : 'desa')),
  ];
}

/** 3T attributes: the 62 daerah tertinggal, and kab/kota holding an outermost small island. */
export function buildAttributeRows(csv: RegionCsv): RegionAttributeRow[] {
  const known = new Set(csv.regencies.map((r) => r.code));
  const rows: RegionAttributeRow[] = daerahTertinggal.regencies.map((r) => {
    if (!known.has(r.code)) throw new Error(`daerah-tertinggal data names unknown regency ${r.code} (${r.name})`);
    return {
      region_code: r.code,
      attribute: 'daerah_tertinggal',
      period: daerahTertinggal.period,
      source: daerahTertinggal.source,
      detail: {
        listedUnder: r.listedUnder,
        verified: r.verified,
        ...('nameInSource' in r ? { nameInSource: r.nameInSource } : {}),
      },
    };
  });
  const islandsByRegency = new Map<string, string[]>();
  // An island the source assigns to no kab/kota (code xx.00.…) cannot flag one; it is reported by
  // `unassignedOutermostIslands` instead of being attached to its whole province.
  for (const island of csv.islands.filter((i) => i.outermostSmall && i.regencyCode)) {
    islandsByRegency.set(island.regencyCode, [...(islandsByRegency.get(island.regencyCode) ?? []), island.name]);
  }
  for (const [code, islands] of [...islandsByRegency].sort(([a], [b]) => a.localeCompare(b))) {
    rows.push({
      region_code: code,
      attribute: 'pulau_terluar',
      period: '2017',
      source: 'Keppres 6/2017 tentang Penetapan Pulau-Pulau Kecil Terluar (as flagged in idn-area-data islands.csv)',
      detail: { islands },
    });
  }
  return rows;
}

/** Outermost small islands that the source places in no kab/kota. */
export function unassignedOutermostIslands(csv: RegionCsv): string[] {
  return csv.islands.filter((i) => i.outermostSmall && !i.regencyCode).map((i) => `${i.code} ${i.name}`);
}

function dataVersion(): string {
  const pkg = require('idn-area-data/package.json') as { version: string };
  return `idn-area-data@${pkg.version}`;
}

/**
 * Loads the whole region tree in one transaction: it is all there or none of it is. Running it
 * again is safe (upsert); codes missing from the new release are marked inactive, not deleted.
 */
export async function importRegions(db: Kysely<DB>, onProgress?: ImportProgress): Promise<ImportResult> {
  const csv = readRegionCsv();
  const rows = buildRegionRows(csv);
  const attributes = buildAttributeRows(csv);
  const counts = {
    provinsi: csv.provinces.length,
    kabupaten_kota: csv.regencies.length,
    kecamatan: csv.districts.length,
    desa_kelurahan: csv.villages.length,
  };
  const version = dataVersion();
  let retired = 0;
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += BATCH) {
      await upsertRegionsInTx(trx, rows.slice(i, i + BATCH));
      onProgress?.(Math.min(i + BATCH, rows.length), rows.length);
    }
    retired = await retireRegionsNotInTx(
      trx,
      rows.map((r) => r.code),
    );
    await replaceAttributesInTx(trx, ['daerah_tertinggal', 'pulau_terluar'], attributes);
    await insertImportInTx(trx, { source: 'idn-area-data (Kemendagri codes; ODbL)', version, counts });
    await appendAuditInTx(trx, {
      action: 'region.import',
      actor: { type: 'system', id: 'import-regions' },
      target: { type: 'region_import', id: version },
      detail: { version, counts, retired },
    });
  });
  await analyzeRegionTables(db);
  const attributeCounts: Record<string, number> = {};
  for (const a of attributes) attributeCounts[a.attribute] = (attributeCounts[a.attribute] ?? 0) + 1;
  return { counts, retired, attributes: attributeCounts, unassignedOutermostIslands: unassignedOutermostIslands(csv), version };
}

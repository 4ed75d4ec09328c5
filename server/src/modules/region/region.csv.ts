import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

/**
 * The Kemendagri region tree as shipped by the `idn-area-data` package (data under ODbL,
 * attributed in README and docs/DATA-SOURCES.md). Only its CSV files are read, never its code.
 */
export interface RegionCsvRow {
  code: string;
  parentCode: string | null;
  name: string;
}

export interface IslandCsvRow {
  code: string;
  regencyCode: string;
  name: string;
  populated: boolean;
  outermostSmall: boolean;
}

export interface RegionCsv {
  provinces: RegionCsvRow[];
  regencies: RegionCsvRow[];
  districts: RegionCsvRow[];
  villages: RegionCsvRow[];
  islands: IslandCsvRow[];
}

const require = createRequire(import.meta.url);

/** Directory holding provinces.csv … villages.csv. */
export function regionCsvDir(): string {
  return path.join(path.dirname(require.resolve('idn-area-data/package.json')), 'data');
}

function readCsv(file: string): Record<string, string>[] {
  return parse(fs.readFileSync(path.join(regionCsvDir(), file)), { columns: true, skip_empty_lines: true, trim: true });
}

function rows(file: string, parentColumn: string | null): RegionCsvRow[] {
  return readCsv(file).map((r) => ({
    code: r.code!,
    parentCode: parentColumn ? r[parentColumn]! : null,
    name: r.name!,
  }));
}

/** Reads one level only; the NIK check needs districts, not 83,762 villages. */
export function readRegionLevel(level: 'provinces' | 'regencies' | 'districts' | 'villages'): RegionCsvRow[] {
  const parent = { provinces: null, regencies: 'province_code', districts: 'regency_code', villages: 'district_code' }[level];
  return rows(`${level}.csv`, parent);
}

/** Reads the whole tree and the islands. */
export function readRegionCsv(): RegionCsv {
  return {
    provinces: readRegionLevel('provinces'),
    regencies: readRegionLevel('regencies'),
    districts: readRegionLevel('districts'),
    villages: readRegionLevel('villages'),
    islands: readCsv('islands.csv').map((r) => ({
      code: r.code!,
      regencyCode: r.regency_code!,
      name: r.name!,
      populated: r.is_populated === '1',
      outermostSmall: r.is_outermost_small === '1',
    })),
  };
}

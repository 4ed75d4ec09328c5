import type { ColumnType, Generated } from 'kysely';

/** Kysely table types; one interface per table, named after it. Kept in step with migrations/. */
export interface RegionTable {
  code: string;
  level: 'provinsi' | 'kabupaten_kota' | 'kecamatan' | 'desa_kelurahan';
  kind: 'provinsi' | 'kabupaten' | 'kota' | 'kecamatan' | 'desa' | 'kelurahan';
  name: string;
  search_name: string;
  parent_code: string | null;
  province_code: string;
  time_zone: 'Asia/Jakarta' | 'Asia/Makassar' | 'Asia/Jayapura';
  children_count: Generated<number>;
  active: Generated<boolean>;
}

export interface RegionAttributeTable {
  region_code: string;
  attribute: 'daerah_tertinggal' | 'pulau_terluar' | 'perbatasan';
  period: string;
  source: string;
  detail: ColumnType<Record<string, unknown>, string | undefined, string>;
}

export interface RegionImportTable {
  id: Generated<number>;
  source: string;
  version: string;
  counts: ColumnType<Record<string, number>, string, string>;
  imported_at: Generated<Date>;
}

export interface SchemaMigrationTable {
  name: string;
  applied_at: Generated<Date>;
}

export interface TenantTable {
  region_code: string;
  name: string;
  demo: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface DB {
  region: RegionTable;
  region_attribute: RegionAttributeTable;
  region_import: RegionImportTable;
  schema_migration: SchemaMigrationTable;
  tenant: TenantTable;
}

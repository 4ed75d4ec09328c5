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
  audit_log: AuditLogTable;
}

/** Append-only (a trigger refuses UPDATE/DELETE/TRUNCATE), so nothing here is updatable. */
export interface AuditLogTable {
  seq: ColumnType<number, number, never>;
  id: ColumnType<string, string, never>;
  /** Inserted as the canonical ISO string that was hashed (see modules/audit/audit.chain.ts). */
  occurred_at: ColumnType<Date, string, never>;
  tenant_code: ColumnType<string | null, string | null, never>;
  actor_type: ColumnType<'staff' | 'citizen' | 'partner' | 'system', 'staff' | 'citizen' | 'partner' | 'system', never>;
  actor_id: ColumnType<string | null, string | null, never>;
  actor_role: ColumnType<string | null, string | null, never>;
  action: ColumnType<string, string, never>;
  target_type: ColumnType<string | null, string | null, never>;
  target_id: ColumnType<string | null, string | null, never>;
  ip: ColumnType<string | null, string | null, never>;
  request_id: ColumnType<string | null, string | null, never>;
  detail: ColumnType<Record<string, unknown>, string, never>;
  prev_hash: ColumnType<string, string, never>;
  hash: ColumnType<string, string, never>;
}

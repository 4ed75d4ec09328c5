import type { AgencyKind } from '@layan/domain';
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
  agency: AgencyTable;
  location: LocationTable;
  counter: CounterTable;
  staff_account: StaffAccountTable;
  staff_grant: StaffGrantTable;
  staff_session: StaffSessionTable;
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

/** Tenant-owned (issue 4): an instansi serving in a Pemda, vertical ones included. */
export interface AgencyTable {
  tenant_code: ColumnType<string, string, never>;
  id: ColumnType<string, string | undefined, never>;
  slug: string;
  name: string;
  short_name: string | null;
  kind: AgencyKind;
  active: Generated<boolean>;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
}

export interface OpeningHours {
  day: number;
  opens: string;
  closes: string;
}

export interface LocationTable {
  tenant_code: ColumnType<string, string, never>;
  id: ColumnType<string, string | undefined, never>;
  slug: string;
  name: string;
  kind: 'mpp' | 'kantor_kecamatan' | 'kantor_desa' | 'kantor_instansi';
  region_code: string;
  address: string;
  opening_hours: ColumnType<OpeningHours[], string, string>;
  active: Generated<boolean>;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
}

export interface CounterTable {
  tenant_code: ColumnType<string, string, never>;
  id: ColumnType<string, string | undefined, never>;
  location_id: ColumnType<string, string, never>;
  agency_id: string | null;
  code: string;
  name: string;
  active: Generated<boolean>;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
}

export type StaffRole =
  | 'admin_nasional'
  | 'admin_pemda'
  | 'admin_instansi'
  | 'supervisor'
  | 'petugas_loket'
  | 'petugas_back_office'
  | 'operator_desa'
  | 'pemantau';

/** Not tenant-keyed: an e-mail signs in everywhere; `region_code` (NULL = national) scopes it. */
export interface StaffAccountTable {
  id: ColumnType<string, string | undefined, never>;
  email: ColumnType<string, string, never>;
  name: string;
  region_code: ColumnType<string | null, string | null, never>;
  password_hash: string;
  password_changed_at: ColumnType<Date, Date | undefined, Date>;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_enabled_at: Date | null;
  totp_last_step: number | null;
  failed_attempts: Generated<number>;
  locked_until: Date | null;
  disabled_at: Date | null;
  last_sign_in_at: Date | null;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
}

export interface StaffGrantTable {
  id: ColumnType<string, string | undefined, never>;
  staff_id: ColumnType<string, string, never>;
  role: ColumnType<StaffRole, StaffRole, never>;
  region_code: ColumnType<string | null, string | null, never>;
  tenant_code: ColumnType<string | null, string | null, never>;
  agency_id: ColumnType<string | null, string | null, never>;
  location_id: ColumnType<string | null, string | null, never>;
  created_at: ColumnType<Date, never, never>;
  created_by: ColumnType<string | null, string | null, never>;
}

export interface StaffSessionTable {
  id: ColumnType<string, string | undefined, never>;
  staff_id: ColumnType<string, string, never>;
  region_code: ColumnType<string | null, string | null, never>;
  token_hash: ColumnType<string, string, never>;
  created_at: ColumnType<Date, never, never>;
  last_seen_at: ColumnType<Date, Date | undefined, Date>;
  expires_at: ColumnType<Date, Date, never>;
  revoked_at: ColumnType<Date | null, never, Date>;
  ip: ColumnType<string | null, string | null, never>;
  user_agent: ColumnType<string | null, string | null, never>;
}

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
  service: ServiceTable;
  service_version: ServiceVersionTable;
  catalog_revision: CatalogRevisionTable;
  citizen: CitizenTable;
  citizen_otp: CitizenOtpTable;
  citizen_session: CitizenSessionTable;
  consent_notice: ConsentNoticeTable;
  consent_record: ConsentRecordTable;
  data_request: DataRequestTable;
  oidc_login: OidcLoginTable;
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

/** A tenant's service (migration 20261122120000_catalog.sql); the standard lives in service_version. */
export interface ServiceTable {
  tenant_code: ColumnType<string, string, never>;
  id: ColumnType<string, string | undefined, never>;
  slug: string;
  agency_id: string;
  template_code: string | null;
  sector: string | null;
  name: string;
  channels: ColumnType<string[], string[] | undefined, string[]>;
  synonyms: ColumnType<string[], string[] | undefined, string[]>;
  keywords: ColumnType<string[], string[] | undefined, string[]>;
  locations: ColumnType<string[], string[] | undefined, string[]>;
  current_version: number | null;
  active: Generated<boolean>;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
}

export type ServiceVersionStatus = 'draft' | 'published' | 'superseded';

/** One version of a service's standard; jsonb columns are written as JSON text. */
export interface ServiceVersionTable {
  tenant_code: ColumnType<string, string, never>;
  service_id: ColumnType<string, string, never>;
  version: ColumnType<number, number, never>;
  status: ServiceVersionStatus;
  standard: ColumnType<unknown, string, string>;
  form_definition: ColumnType<unknown, string | null, string | null>;
  change_note: ColumnType<string, string, never>;
  created_by: ColumnType<string | null, string | null, never>;
  approved_by: string | null;
  approved_by_name: string | null;
  approved_at: Date | null;
  created_at: ColumnType<Date, never, never>;
}

export interface CatalogRevisionTable {
  tenant_code: ColumnType<string, string, never>;
  revision: ColumnType<string, string | number | undefined, string | number>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

/** National, not tenant-keyed (docs/CITIZENS.md). The NIK is only ever a keyed hash and a ciphertext. */
export interface CitizenTable {
  id: ColumnType<string, string, never>;
  nik_hmac: ColumnType<string, string, never>;
  nik_ciphertext: ColumnType<string, string, never>;
  name: string;
  email: string | null;
  phone: string | null;
  password_hash: string | null;
  password_changed_at: Date | null;
  failed_attempts: Generated<number>;
  locked_until: Date | null;
  last_sign_in_at: Date | null;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
}

export interface CitizenOtpTable {
  id: ColumnType<string, string | undefined, never>;
  nik_hmac: ColumnType<string, string, never>;
  citizen_id: ColumnType<string | null, string | null, string>;
  purpose: ColumnType<'sign_in', 'sign_in', never>;
  channel: ColumnType<'email' | 'sms' | 'whatsapp', 'email' | 'sms' | 'whatsapp', never>;
  destination: ColumnType<string, string, never>;
  code_hash: ColumnType<string, string, never>;
  created_at: ColumnType<Date, Date | undefined, never>;
  expires_at: ColumnType<Date, Date, never>;
  attempts: ColumnType<number, never, number>;
  used_at: ColumnType<Date | null, never, Date>;
  ip: ColumnType<string | null, string | null, never>;
}

export interface CitizenSessionTable {
  id: ColumnType<string, string | undefined, never>;
  citizen_id: ColumnType<string, string, never>;
  token_hash: ColumnType<string, string, never>;
  method: ColumnType<'otp' | 'password' | 'oidc', 'otp' | 'password' | 'oidc', never>;
  created_at: ColumnType<Date, never, never>;
  last_seen_at: ColumnType<Date, Date | undefined, Date>;
  expires_at: ColumnType<Date, Date, never>;
  revoked_at: ColumnType<Date | null, never, Date>;
  ip: ColumnType<string | null, string | null, never>;
  user_agent: ColumnType<string | null, string | null, never>;
}

/** Reference data: versions are added by migrations, never edited. */
export interface ConsentNoticeTable {
  purpose: ColumnType<string, never, never>;
  version: ColumnType<number, never, never>;
  title_id: ColumnType<string, never, never>;
  title_en: ColumnType<string, never, never>;
  text_id: ColumnType<string, never, never>;
  text_en: ColumnType<string, never, never>;
  published_at: ColumnType<Date, never, never>;
}

export interface ConsentRecordTable {
  id: ColumnType<string, string | undefined, never>;
  citizen_id: ColumnType<string, string, never>;
  purpose: ColumnType<string, string, never>;
  version: ColumnType<number, number, never>;
  given_at: ColumnType<Date, Date | undefined, never>;
  withdrawn_at: ColumnType<Date | null, never, Date>;
}

export interface DataRequestTable {
  id: ColumnType<string, string | undefined, never>;
  citizen_id: ColumnType<string, string, never>;
  kind: ColumnType<'correction' | 'deletion', 'correction' | 'deletion', never>;
  detail: ColumnType<string, string, never>;
  status: ColumnType<'open' | 'closed', never, 'closed'>;
  created_at: ColumnType<Date, Date, never>;
  due_at: ColumnType<Date, Date, never>;
  outcome: ColumnType<'completed' | 'rejected' | null, never, 'completed' | 'rejected'>;
  resolution: ColumnType<string | null, never, string>;
  handled_by: ColumnType<string | null, never, string>;
  handled_at: ColumnType<Date | null, never, Date>;
}

/** An OpenID Connect sign-in in progress (docs/SSO.md): single use, minutes long. */
export interface OidcLoginTable {
  state_hash: ColumnType<string, string, never>;
  provider: ColumnType<string, string, never>;
  code_verifier: ColumnType<string, string, never>;
  nonce: ColumnType<string, string, never>;
  return_to: ColumnType<string, string, never>;
  created_at: ColumnType<Date, never, never>;
  expires_at: ColumnType<Date, Date, never>;
}

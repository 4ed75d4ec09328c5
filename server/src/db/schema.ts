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
  service_usage: ServiceUsageTable;
  citizen: CitizenTable;
  citizen_otp: CitizenOtpTable;
  citizen_session: CitizenSessionTable;
  consent_notice: ConsentNoticeTable;
  consent_record: ConsentRecordTable;
  data_request: DataRequestTable;
  oidc_login: OidcLoginTable;
  citizen_link: CitizenLinkTable;
  outbox_message: OutboxMessageTable;
  complaint: ComplaintTable;
  complaint_reporter: ComplaintReporterTable;
  complaint_event: ComplaintEventTable;
  complaint_evidence: ComplaintEvidenceTable;
  survey: SurveyTable;
  survey_invitation: SurveyInvitationTable;
  survey_response: SurveyResponseTable;
  application: ApplicationTable;
  application_event: ApplicationEventTable;
  application_idempotency: ApplicationIdempotencyTable;
  sla_escalation: SlaEscalationTable;
  service_workflow: ServiceWorkflowTable;
  upload_blob: UploadBlobTable;
  upload: UploadTable;
  queue: QueueTable;
  queue_service: QueueServiceTable;
  queue_counter: QueueCounterTable;
  queue_day: QueueDayTable;
  queue_slot: QueueSlotTable;
  booking: BookingTable;
  ticket: TicketTable;
  document_signing_key: DocumentSigningKeyTable;
  document_signing_secret: DocumentSigningSecretTable;
  issued_document: IssuedDocumentTable;
  document_register: DocumentRegisterTable;
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
  // Updatable while the version is a draft.
  change_note: ColumnType<string, string, string>;
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

export interface CitizenLinkTable {
  tenant_code: ColumnType<string, string, never>;
  citizen_id: ColumnType<string, string, never>;
  region_code: ColumnType<string, string, never>;
  via: ColumnType<'application' | 'assisted' | 'complaint' | 'queue', 'application' | 'assisted' | 'complaint' | 'queue', never>;
  first_at: ColumnType<Date, string | undefined, never>;
}

export type OutboxChannel = 'email' | 'sms' | 'whatsapp';
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'dead';

export interface OutboxMessageTable {
  id: ColumnType<string, string, never>;
  tenant_code: ColumnType<string | null, string | null, never>;
  channel: ColumnType<OutboxChannel, OutboxChannel, never>;
  recipient: ColumnType<string, string, never>;
  template: ColumnType<string, string, never>;
  language: ColumnType<'id' | 'en', 'id' | 'en', never>;
  data: ColumnType<Record<string, unknown>, string, never>;
  status: ColumnType<OutboxStatus, OutboxStatus | undefined, OutboxStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: ColumnType<Date, string | undefined, string>;
  locked_until: ColumnType<Date | null, string | null | undefined, string | null>;
  last_error: ColumnType<string | null, string | null | undefined, string | null>;
  dedupe_key: ColumnType<string | null, string | null | undefined, never>;
  created_at: ColumnType<Date, string | undefined, never>;
  sent_at: ColumnType<Date | null, string | null | undefined, string | null>;
}

/** Daily use counts per service (migration 20261122150300_service_usage.sql). */
export interface ServiceUsageTable {
  tenant_code: ColumnType<string, string, never>;
  service_id: ColumnType<string, string, never>;
  day: ColumnType<string, string, never>;
  kind: ColumnType<'application' | 'ticket', 'application' | 'ticket', never>;
  count: ColumnType<number, number | undefined, number>;
  demo: ColumnType<boolean, boolean | undefined, never>;
  /** Stripe of the counter (0–15); readers sum them. */
  slot: ColumnType<number, number | undefined, never>;
}

/** Output documents (migration 20261122150200_document.sql, docs/DOCUMENTS.md). */
export interface DocumentSigningKeyTable {
  tenant_code: ColumnType<string, string, never>;
  kid: ColumnType<string, string, never>;
  algorithm: ColumnType<'Ed25519', 'Ed25519' | undefined, never>;
  public_key: ColumnType<string, string, never>;
  status: ColumnType<'active' | 'retired', 'active' | 'retired', 'active' | 'retired'>;
  created_at: ColumnType<Date, string | undefined, never>;
  retired_at: ColumnType<Date | null, string | null | undefined, string | null>;
}

export interface DocumentSigningSecretTable {
  tenant_code: ColumnType<string, string, never>;
  kid: ColumnType<string, string, never>;
  private_key: ColumnType<string, string, never>;
}

export interface IssuedDocumentTable {
  tenant_code: ColumnType<string, string, never>;
  id: ColumnType<string, string, never>;
  region_code: ColumnType<string, string, never>;
  subject_type: ColumnType<string, string, never>;
  subject_id: ColumnType<string, string, never>;
  tracking_code: ColumnType<string | null, string | null | undefined, never>;
  citizen_id: ColumnType<string | null, string | null | undefined, never>;
  title_id: ColumnType<string, string, never>;
  title_en: ColumnType<string | null, string | null | undefined, never>;
  decision: ColumnType<'approved' | 'rejected', 'approved' | 'rejected', never>;
  recipient_name: ColumnType<string, string, never>;
  agency_name: ColumnType<string, string, never>;
  issued_at: ColumnType<Date, string, never>;
  issued_by: ColumnType<string | null, string | null | undefined, never>;
  issued_by_name: ColumnType<string, string, never>;
  issued_by_role: ColumnType<string | null, string | null | undefined, never>;
  kid: ColumnType<string, string, never>;
  payload: ColumnType<string, string, never>;
  content_sha256: ColumnType<string, string, never>;
  pdf_sha256: ColumnType<string, string, never>;
  pdf: ColumnType<Buffer, Buffer, never>;
  revoke_reason: ColumnType<string | null, never, string | null>;
  revoked_by: ColumnType<string | null, never, string | null>;
  created_at: ColumnType<Date, string | undefined, never>;
}

export interface DocumentRegisterTable {
  tenant_code: ColumnType<string, string, never>;
  id: ColumnType<string, string, never>;
  kid: ColumnType<string, string, never>;
  issued_at: ColumnType<Date, string, never>;
  revoked_at: ColumnType<Date | null, never, string | null>;
}

/** Queues, bookings and tickets (migration 20261122160000_queue.sql, docs/QUEUE.md). */
export interface QueueTable {
  tenant_code: ColumnType<string, string, never>;
  id: ColumnType<string, string | undefined, never>;
  location_id: ColumnType<string, string, never>;
  agency_id: string | null;
  code: string;
  name: string;
  slot_minutes: Generated<number>;
  slot_quota: Generated<number>;
  daily_quota: Generated<number>;
  active: Generated<boolean>;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
}

export interface QueueServiceTable {
  tenant_code: ColumnType<string, string, never>;
  queue_id: ColumnType<string, string, never>;
  service_id: ColumnType<string, string, never>;
}

export interface QueueCounterTable {
  tenant_code: ColumnType<string, string, never>;
  counter_id: ColumnType<string, string, never>;
  queue_id: ColumnType<string, string, never>;
}

export interface QueueDayTable {
  tenant_code: ColumnType<string, string, never>;
  queue_id: ColumnType<string, string, never>;
  /** 'YYYY-MM-DD' (a `date`, read as text: see queue.repo.ts). */
  service_date: ColumnType<string, string, never>;
  last_number: Generated<number>;
  booked: Generated<number>;
}

export interface QueueSlotTable {
  tenant_code: ColumnType<string, string, never>;
  queue_id: ColumnType<string, string, never>;
  service_date: ColumnType<string, string, never>;
  slot_start: ColumnType<string, string, never>;
  booked: Generated<number>;
}

export type BookingStatus = 'booked' | 'cancelled' | 'checked_in' | 'no_show';

export interface BookingTable {
  tenant_code: ColumnType<string, string, never>;
  id: ColumnType<string, string | undefined, never>;
  code: ColumnType<string, string, never>;
  location_id: ColumnType<string, string, never>;
  queue_id: string;
  service_id: ColumnType<string | null, string | null | undefined, never>;
  service_date: string;
  slot_start: string;
  starts_at: Date;
  ends_at: Date;
  name: ColumnType<string, string, never>;
  email: ColumnType<string | null, string | null | undefined, never>;
  phone: ColumnType<string | null, string | null | undefined, never>;
  language: ColumnType<'id' | 'en', 'id' | 'en' | undefined, never>;
  priority: Generated<boolean>;
  citizen_id: ColumnType<string | null, string | null | undefined, never>;
  status: ColumnType<BookingStatus, BookingStatus | undefined, BookingStatus>;
  ticket_id: ColumnType<string | null, never, string | null>;
  reminder_sent_at: ColumnType<Date | null, never, Date | null>;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
  cancelled_at: ColumnType<Date | null, never, Date | null>;
  checked_in_at: ColumnType<Date | null, never, Date | null>;
}

export type TicketStatus = 'waiting' | 'called' | 'serving' | 'done' | 'no_show';

export interface TicketTable {
  tenant_code: ColumnType<string, string, never>;
  id: ColumnType<string, string | undefined, never>;
  location_id: ColumnType<string, string, never>;
  queue_id: string;
  service_date: ColumnType<string, string, never>;
  number: ColumnType<number, number, never>;
  display_code: ColumnType<string, string, never>;
  source: ColumnType<'walk_in' | 'booking', 'walk_in' | 'booking', never>;
  booking_id: ColumnType<string | null, string | null | undefined, never>;
  priority: ColumnType<boolean, boolean | undefined, boolean>;
  status: ColumnType<TicketStatus, TicketStatus | undefined, TicketStatus>;
  issued_at: ColumnType<Date, Date | undefined, never>;
  due_at: ColumnType<Date, Date, Date>;
  target_counter_id: ColumnType<string | null, never, string | null>;
  counter_id: ColumnType<string | null, never, string | null>;
  first_called_at: ColumnType<Date | null, never, Date | null>;
  called_at: ColumnType<Date | null, never, Date | null>;
  call_count: ColumnType<number, never, number>;
  started_at: ColumnType<Date | null, never, Date | null>;
  finished_at: ColumnType<Date | null, never, Date | null>;
  served_by: ColumnType<string | null, never, string | null>;
  application_id: ColumnType<string | null, never, string | null>;
  near_sent: ColumnType<boolean, never, boolean>;
  transfers: ColumnType<number, never, number>;
  updated_at: ColumnType<Date, never, Date>;
}

/** Applications (docs/APPLICATIONS.md, migration 20261122150000_application.sql). */
export interface ApplicationTable {
  tenant_code: ColumnType<string, string, never>;
  id: ColumnType<string, string, never>;
  tracking_code: ColumnType<string | null, string | null | undefined, string>;
  service_id: ColumnType<string, string, never>;
  service_version: ColumnType<number, number, number>;
  agency_id: ColumnType<string, string, never>;
  citizen_id: ColumnType<string, string, never>;
  region_code: ColumnType<string, string, never>;
  state: ColumnType<string, string, string>;
  row_version: ColumnType<number, number | undefined, number>;
  answers: ColumnType<Record<string, unknown>, string | undefined, string>;
  channel: ColumnType<'online' | 'loket' | 'desa', 'online' | 'loket' | 'desa', never>;
  language: ColumnType<'id' | 'en', 'id' | 'en' | undefined, never>;
  assisted_by: ColumnType<string | null, string | null | undefined, never>;
  assisted_location_id: ColumnType<string | null, string | null | undefined, never>;
  consent_method: ColumnType<'lisan' | 'tertulis' | null, 'lisan' | 'tertulis' | null | undefined, never>;
  consent_at: ColumnType<Date | null, Date | null | undefined, never>;
  workflow: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  sla_amount: ColumnType<number | null, number | null | undefined, number | null>;
  sla_unit: ColumnType<string | null, string | null | undefined, string | null>;
  due_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  due_date: ColumnType<string | null, string | null | undefined, string | null>;
  calendar_version: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  submitted_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  closed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  outcome: ColumnType<
    'completed' | 'rejected' | null,
    'completed' | 'rejected' | null | undefined,
    'completed' | 'rejected' | null
  >;
}

export interface ApplicationEventTable {
  tenant_code: ColumnType<string, string, never>;
  application_id: ColumnType<string, string, never>;
  seq: ColumnType<number, number, never>;
  from_state: ColumnType<string | null, string | null, never>;
  to_state: ColumnType<string, string, never>;
  actor_type: ColumnType<'citizen' | 'staff' | 'system', 'citizen' | 'staff' | 'system', never>;
  actor_id: ColumnType<string | null, string | null, never>;
  actor_role: ColumnType<string | null, string | null, never>;
  note: ColumnType<string | null, string | null | undefined, never>;
  output_upload_id: ColumnType<string | null, string | null | undefined, never>;
  at: ColumnType<Date, Date | undefined, never>;
}

export interface ApplicationIdempotencyTable {
  owner_id: ColumnType<string, string, never>;
  key: ColumnType<string, string, never>;
  owner_type: ColumnType<'citizen' | 'staff', 'citizen' | 'staff', never>;
  request_hash: ColumnType<string, string, never>;
  status_code: ColumnType<number | null, number | null | undefined, number>;
  response: ColumnType<unknown, string | null | undefined, string>;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface SlaEscalationTable {
  tenant_code: ColumnType<string, string, never>;
  application_id: ColumnType<string, string, never>;
  due_at: ColumnType<Date, Date, never>;
  agency_id: ColumnType<string, string, never>;
  region_code: ColumnType<string, string, never>;
  escalated_at: ColumnType<Date, Date | undefined, never>;
}

export interface ServiceWorkflowTable {
  tenant_code: ColumnType<string, string, never>;
  service_id: ColumnType<string, string, never>;
  definition: ColumnType<Record<string, unknown>, string, string>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

/** Uploaded content, stored once per sha256 (migration 20261122150100_upload.sql). */
export interface UploadBlobTable {
  sha256: ColumnType<string, string, never>;
  media_type: ColumnType<string, string, never>;
  size: ColumnType<number, number, never>;
  bytes: ColumnType<Buffer, Buffer, never>;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface UploadTable {
  id: ColumnType<string, string, never>;
  sha256: ColumnType<string, string, never>;
  file_name: ColumnType<string, string, never>;
  media_type: ColumnType<string, string, never>;
  size: ColumnType<number, number, never>;
  uploader_type: ColumnType<'citizen' | 'staff', 'citizen' | 'staff', never>;
  uploader_id: ColumnType<string, string, never>;
  tenant_code: ColumnType<string | null, string | null | undefined, string>;
  application_id: ColumnType<string | null, string | null | undefined, string>;
  attached_at: ColumnType<Date | null, Date | null | undefined, Date>;
  created_at: ColumnType<Date, Date | undefined, never>;
}

/** A complaint (docs/COMPLAINTS.md); the reporter's identity is in complaint_reporter. */
export interface ComplaintTable {
  tenant_code: ColumnType<string, string, never>;
  id: ColumnType<string, string, never>;
  tracking_code: ColumnType<string, string, never>;
  kind: ColumnType<string, string, never>;
  category: ColumnType<string, string, never>;
  response_class: ColumnType<string, string, string>;
  title: ColumnType<string, string, never>;
  body: ColumnType<string, string, never>;
  incident_date: ColumnType<string | null, string | null, never>;
  region_code: ColumnType<string, string, never>;
  agency_id: ColumnType<string | null, string | null, never>;
  service_id: ColumnType<string | null, string | null, never>;
  application_code: ColumnType<string | null, string | null, never>;
  anonymous: ColumnType<boolean, boolean, never>;
  confidential: ColumnType<boolean, boolean, never>;
  channel: ColumnType<string, string | undefined, never>;
  status: ColumnType<string, string | undefined, string>;
  filed_at: ColumnType<Date, Date | undefined, never>;
  verify_due_date: ColumnType<string, string, never>;
  verified_at: ColumnType<Date | null, never, Date>;
  response_due_date: ColumnType<string | null, never, string | null>;
  assigned_agency_id: ColumnType<string | null, never, string | null>;
  assigned_location_id: ColumnType<string | null, never, string | null>;
  answer: ColumnType<string | null, never, string | null>;
  answered_at: ColumnType<Date | null, never, Date | null>;
  closed_note: ColumnType<string | null, never, string | null>;
  reopen_until: ColumnType<string | null, never, string | null>;
  reopen_count: ColumnType<number, never, number>;
  rating: ColumnType<number | null, never, number | null>;
  rating_note: ColumnType<string | null, never, string | null>;
  rated_at: ColumnType<Date | null, never, Date | null>;
  escalation_level: ColumnType<number, never, number>;
  escalated_at: ColumnType<Date | null, never, Date | null>;
  updated_at: ColumnType<Date, never, Date>;
}

export interface ComplaintReporterTable {
  tenant_code: ColumnType<string, string, never>;
  complaint_id: ColumnType<string, string, never>;
  anonymous: ColumnType<boolean, boolean, never>;
  citizen_id: ColumnType<string | null, string | null, never>;
  name: ColumnType<string | null, string | null, never>;
  email: ColumnType<string | null, string | null, never>;
  phone: ColumnType<string | null, string | null, never>;
  language: ColumnType<'id' | 'en', 'id' | 'en', never>;
}

export interface ComplaintEventTable {
  tenant_code: ColumnType<string, string, never>;
  complaint_id: ColumnType<string, string, never>;
  seq: ColumnType<number, number, never>;
  action: ColumnType<string, string, never>;
  from_status: ColumnType<string | null, string | null, never>;
  to_status: ColumnType<string, string, never>;
  actor_kind: ColumnType<
    'reporter' | 'coordinator' | 'agency' | 'system',
    'reporter' | 'coordinator' | 'agency' | 'system',
    never
  >;
  actor_id: ColumnType<string | null, string | null, never>;
  agency_id: ColumnType<string | null, string | null, never>;
  location_id: ColumnType<string | null, string | null, never>;
  note: ColumnType<string | null, string | null, never>;
  due_date: ColumnType<string | null, string | null, never>;
  at: ColumnType<Date, Date | undefined, never>;
}

/** A file of evidence filed with a complaint; names nobody (migration 20261122170200). */
export interface ComplaintEvidenceTable {
  tenant_code: ColumnType<string, string, never>;
  complaint_id: ColumnType<string, string, never>;
  id: ColumnType<string, string, never>;
  sha256: ColumnType<string, string, never>;
  file_name: ColumnType<string, string, never>;
  media_type: ColumnType<string, string, never>;
  size: ColumnType<number, number, never>;
  position: ColumnType<number, number, never>;
  created_at: ColumnType<Date, Date | undefined, never>;
}

/** An SKM survey round (docs/SKM.md). */
export interface SurveyTable {
  tenant_code: ColumnType<string, string, never>;
  id: ColumnType<string, string | undefined, never>;
  title: ColumnType<string, string, string>;
  agency_id: ColumnType<string, string, never>;
  location_id: ColumnType<string | null, string | null, never>;
  service_id: ColumnType<string | null, string | null, never>;
  period_start: ColumnType<string, string, never>;
  period_end: ColumnType<string, string, never>;
  population: ColumnType<number | null, number | null, number | null>;
  status: ColumnType<
    'open' | 'closed' | 'published',
    'open' | 'closed' | 'published' | undefined,
    'open' | 'closed' | 'published'
  >;
  published_at: ColumnType<Date | null, never, Date | null>;
  follow_up: ColumnType<unknown[], string | undefined, string>;
  created_by: ColumnType<string | null, string | null, never>;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
}

export interface SurveyInvitationTable {
  tenant_code: ColumnType<string, string, never>;
  id: ColumnType<string, string | undefined, never>;
  survey_id: ColumnType<string, string, never>;
  token_hash: ColumnType<string, string, never>;
  source: ColumnType<'application' | 'queue' | 'counter' | 'manual', 'application' | 'queue' | 'counter' | 'manual', never>;
  source_ref: ColumnType<string | null, string | null, never>;
  service_id: ColumnType<string | null, string | null, never>;
  location_id: ColumnType<string | null, string | null, never>;
  created_at: ColumnType<Date, never, never>;
  expires_at: ColumnType<Date, Date, never>;
  used_at: ColumnType<Date | null, never, Date>;
}

export interface SurveyResponseTable {
  tenant_code: ColumnType<string, string, never>;
  id: ColumnType<string, string | undefined, never>;
  survey_id: ColumnType<string, string, never>;
  invitation_id: ColumnType<string | null, string | null, never>;
  channel: ColumnType<'online' | 'tablet' | 'paper', 'online' | 'tablet' | 'paper', never>;
  u1: ColumnType<number | null, number | null, never>;
  u2: ColumnType<number | null, number | null, never>;
  u3: ColumnType<number | null, number | null, never>;
  u4: ColumnType<number | null, number | null, never>;
  u5: ColumnType<number | null, number | null, never>;
  u6: ColumnType<number | null, number | null, never>;
  u7: ColumnType<number | null, number | null, never>;
  u8: ColumnType<number | null, number | null, never>;
  u9: ColumnType<number | null, number | null, never>;
  age_band: ColumnType<string | null, string | null, never>;
  sex: ColumnType<string | null, string | null, never>;
  education: ColumnType<string | null, string | null, never>;
  occupation: ColumnType<string | null, string | null, never>;
  service_id: ColumnType<string | null, string | null, never>;
  location_id: ColumnType<string | null, string | null, never>;
  suggestion: ColumnType<string | null, string | null, never>;
  submitted_at: ColumnType<Date, Date | undefined, never>;
  entered_by: ColumnType<string | null, string | null, never>;
}

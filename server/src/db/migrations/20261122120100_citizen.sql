-- Citizens (warga): NIK + one-time-code sign-up and sign-in, sessions, versioned consent notices
-- and consent records, and data-subject requests under UU 27/2022 (docs/CITIZENS.md).
--
-- Citizens are national, not tenant-owned: one account serves every Pemda. Under Citus these
-- tables would be distributed by citizen id. No NIK is stored in plain text: `nik_hmac` is
-- HMAC-SHA256 under a server key (lookup, uniqueness) and `nik_ciphertext` is AES-256-GCM
-- (display, future Dukcapil checks); the key comes from LAYAN_NIK_KEY, never from the database.
--
-- Row-level security reads two more transaction-local settings (server/src/db/scope.ts):
--   layan.citizen_id  the signed-in citizen: their own rows only
--   layan.auth_nik    while a citizen authenticates: the keyed hash of the NIK presented
-- Data requests (and the name of the citizen who made them) are also visible to the national
-- scope (`*`), which is how the officer who handles them reads them: `layan_in_scope(NULL)` is
-- true only for `*`, as for every other national record.

CREATE FUNCTION layan_citizen() RETURNS uuid
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT nullif(current_setting('layan.citizen_id', true), '')::uuid
$$;

CREATE FUNCTION layan_auth_nik() RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT nullif(current_setting('layan.auth_nik', true), '')
$$;

CREATE TABLE citizen (
  -- Made by the application: the NIK ciphertext is bound to it (AES-GCM associated data).
  id                 uuid PRIMARY KEY,
  nik_hmac           text COLLATE "C" NOT NULL UNIQUE CHECK (nik_hmac ~ '^[0-9a-f]{64}$'),
  -- 'v1.' || base64url(iv) || '.' || base64url(ciphertext || tag)
  nik_ciphertext     text COLLATE "C" NOT NULL CHECK (nik_ciphertext LIKE 'v1.%'),
  name               text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
  -- Contacts that received a code, so they are verified; lower-cased e-mail, E.164 phone. Not
  -- unique: a family often shares one phone or e-mail.
  email              text COLLATE "C" CHECK (email = lower(email) AND email LIKE '%_@_%'),
  phone              text COLLATE "C" CHECK (phone ~ '^\+[1-9][0-9]{7,14}$'),
  -- Optional argon2id password (PHC string) for signing in without a code.
  password_hash      text CHECK (password_hash LIKE '$argon2id$%'),
  password_changed_at timestamptz,
  failed_attempts    integer NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
  locked_until       timestamptz,
  last_sign_in_at    timestamptz,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CHECK (email IS NOT NULL OR phone IS NOT NULL)
);

CREATE TABLE citizen_otp (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Codes are asked for before an account exists, so they are found by the NIK's keyed hash;
  -- citizen_id is filled once the NIK has an account (for the citizen's data download).
  nik_hmac     text COLLATE "C" NOT NULL CHECK (nik_hmac ~ '^[0-9a-f]{64}$'),
  citizen_id   uuid REFERENCES citizen (id),
  purpose      text NOT NULL CHECK (purpose IN ('sign_in')),
  channel      text NOT NULL CHECK (channel IN ('email', 'sms', 'whatsapp')),
  destination  text COLLATE "C" NOT NULL CHECK (length(destination) BETWEEN 3 AND 254),
  -- hex(HMAC-SHA256(server key, id || ':' || code)): a stolen table cannot be brute-forced offline.
  code_hash    text COLLATE "C" NOT NULL CHECK (code_hash ~ '^[0-9a-f]{64}$'),
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  attempts     integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  used_at      timestamptz,
  ip           text
);
CREATE INDEX citizen_otp_nik_idx ON citizen_otp (nik_hmac, created_at);
CREATE INDEX citizen_otp_citizen_idx ON citizen_otp (citizen_id);

CREATE TABLE citizen_session (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  citizen_id    uuid NOT NULL REFERENCES citizen (id),
  -- hex(sha256(token)); the token itself is only ever in the cookie.
  token_hash    text COLLATE "C" NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  method        text NOT NULL CHECK (method IN ('otp', 'password')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  revoked_at    timestamptz,
  ip            text,
  user_agent    text CHECK (length(user_agent) <= 300)
);
CREATE INDEX citizen_session_citizen_idx ON citizen_session (citizen_id, created_at);

-- Privacy notices (UU 27/2022 Pasal 21–22), one per purpose and version, never edited once
-- published: a new text is a new version. Reference data, public.
CREATE TABLE consent_notice (
  purpose       text COLLATE "C" NOT NULL CHECK (purpose ~ '^[a-z][a-z0-9_]{1,39}$'),
  version       integer NOT NULL CHECK (version >= 1),
  title_id      text NOT NULL,
  title_en      text NOT NULL,
  text_id       text NOT NULL,
  text_en       text NOT NULL,
  published_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (purpose, version)
);

-- One row per consent given; withdrawing sets withdrawn_at, giving again adds a row, so the
-- history stays whole. At most one open (not withdrawn) consent per citizen and purpose.
CREATE TABLE consent_record (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  citizen_id    uuid NOT NULL REFERENCES citizen (id),
  purpose       text COLLATE "C" NOT NULL,
  version       integer NOT NULL,
  given_at      timestamptz NOT NULL DEFAULT now(),
  withdrawn_at  timestamptz,
  FOREIGN KEY (purpose, version) REFERENCES consent_notice (purpose, version),
  CHECK (withdrawn_at IS NULL OR withdrawn_at >= given_at)
);
CREATE UNIQUE INDEX consent_record_open_idx ON consent_record (citizen_id, purpose) WHERE withdrawn_at IS NULL;

-- A correction or deletion request (UU 27/2022 Pasal 30, 43–44): due 3×24 hours (calendar
-- time, not working days) after it was made; the open ones are the officers' task list.
CREATE TABLE data_request (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  citizen_id    uuid NOT NULL REFERENCES citizen (id),
  kind          text NOT NULL CHECK (kind IN ('correction', 'deletion')),
  detail        text NOT NULL CHECK (length(detail) BETWEEN 1 AND 2000),
  status        text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  due_at        timestamptz NOT NULL,
  outcome       text CHECK (outcome IN ('completed', 'rejected')),
  resolution    text CHECK (length(resolution) BETWEEN 1 AND 2000),
  handled_by    uuid REFERENCES staff_account (id),
  handled_at    timestamptz,
  CHECK (due_at = created_at + interval '72 hours'),
  CHECK ((status = 'closed') = (handled_at IS NOT NULL AND outcome IS NOT NULL AND handled_by IS NOT NULL))
);
CREATE INDEX data_request_citizen_idx ON data_request (citizen_id, created_at);
CREATE INDEX data_request_open_idx ON data_request (due_at) WHERE status = 'open';

ALTER TABLE citizen ENABLE ROW LEVEL SECURITY;
ALTER TABLE citizen FORCE ROW LEVEL SECURITY;
CREATE POLICY citizen_read ON citizen FOR SELECT
  USING (id = layan_citizen() OR nik_hmac = layan_auth_nik() OR layan_in_scope(NULL));
CREATE POLICY citizen_insert ON citizen FOR INSERT
  WITH CHECK (id = layan_citizen() AND nik_hmac = layan_auth_nik());
CREATE POLICY citizen_update ON citizen FOR UPDATE
  USING (id = layan_citizen() OR nik_hmac = layan_auth_nik())
  WITH CHECK (id = layan_citizen() OR nik_hmac = layan_auth_nik());

ALTER TABLE citizen_otp ENABLE ROW LEVEL SECURITY;
ALTER TABLE citizen_otp FORCE ROW LEVEL SECURITY;
CREATE POLICY citizen_otp_read ON citizen_otp FOR SELECT
  USING (nik_hmac = layan_auth_nik() OR citizen_id = layan_citizen());
CREATE POLICY citizen_otp_insert ON citizen_otp FOR INSERT
  WITH CHECK (nik_hmac = layan_auth_nik());
CREATE POLICY citizen_otp_update ON citizen_otp FOR UPDATE
  USING (nik_hmac = layan_auth_nik())
  WITH CHECK (nik_hmac = layan_auth_nik());

ALTER TABLE citizen_session ENABLE ROW LEVEL SECURITY;
ALTER TABLE citizen_session FORCE ROW LEVEL SECURITY;
CREATE POLICY citizen_session_read ON citizen_session FOR SELECT
  USING (citizen_id = layan_citizen() OR token_hash = nullif(current_setting('layan.auth_token', true), ''));
CREATE POLICY citizen_session_insert ON citizen_session FOR INSERT
  WITH CHECK (citizen_id = layan_citizen());
CREATE POLICY citizen_session_update ON citizen_session FOR UPDATE
  USING (citizen_id = layan_citizen() OR token_hash = nullif(current_setting('layan.auth_token', true), ''))
  WITH CHECK (citizen_id = layan_citizen() OR token_hash = nullif(current_setting('layan.auth_token', true), ''));

ALTER TABLE consent_record ENABLE ROW LEVEL SECURITY;
ALTER TABLE consent_record FORCE ROW LEVEL SECURITY;
CREATE POLICY consent_record_read ON consent_record FOR SELECT USING (citizen_id = layan_citizen());
CREATE POLICY consent_record_insert ON consent_record FOR INSERT WITH CHECK (citizen_id = layan_citizen());
CREATE POLICY consent_record_update ON consent_record FOR UPDATE
  USING (citizen_id = layan_citizen()) WITH CHECK (citizen_id = layan_citizen());

ALTER TABLE data_request ENABLE ROW LEVEL SECURITY;
ALTER TABLE data_request FORCE ROW LEVEL SECURITY;
CREATE POLICY data_request_read ON data_request FOR SELECT
  USING (citizen_id = layan_citizen() OR layan_in_scope(NULL));
CREATE POLICY data_request_insert ON data_request FOR INSERT WITH CHECK (citizen_id = layan_citizen());
CREATE POLICY data_request_update ON data_request FOR UPDATE
  USING (layan_in_scope(NULL)) WITH CHECK (layan_in_scope(NULL));

-- The app role changes only what the application changes: never a NIK, never a record's owner.
GRANT SELECT, INSERT ON citizen TO layan_app;
GRANT UPDATE (name, email, phone, password_hash, password_changed_at, failed_attempts, locked_until,
              last_sign_in_at, updated_at) ON citizen TO layan_app;
GRANT SELECT, INSERT ON citizen_otp TO layan_app;
GRANT UPDATE (citizen_id, attempts, used_at) ON citizen_otp TO layan_app;
GRANT SELECT, INSERT ON citizen_session TO layan_app;
GRANT UPDATE (last_seen_at, revoked_at) ON citizen_session TO layan_app;
GRANT SELECT ON consent_notice TO layan_app;
GRANT SELECT, INSERT ON consent_record TO layan_app;
GRANT UPDATE (withdrawn_at) ON consent_record TO layan_app;
GRANT SELECT, INSERT ON data_request TO layan_app;
GRANT UPDATE (status, outcome, resolution, handled_by, handled_at) ON data_request TO layan_app;

-- The first notices are reference data every deployment needs (a citizen cannot be asked to
-- consent to nothing), so they ship with the schema; later versions come in later migrations.
-- `layanan`: the lawful basis is the public task (Pasal 20), the notice is still required.
INSERT INTO consent_notice (purpose, version, title_id, title_en, text_id, text_en, published_at) VALUES
('layanan', 1,
 'Pemrosesan data untuk layanan publik',
 'Processing of data to deliver public services',
 'Layan memproses NIK, nama, email atau nomor telepon, dan isi permohonan Anda untuk menyelenggarakan layanan yang Anda minta, oleh Pemda dan instansi yang melayani (UU 25/2009, UU 27/2022 Pasal 20). Data disimpan di Indonesia selama diperlukan untuk layanan dan arsipnya. Anda berhak mengakses, memperbaiki, dan meminta penghapusan data Anda; permintaan dijawab paling lama 3×24 jam.',
 'Layan processes your NIK, name, e-mail or phone number and the content of your applications to deliver the services you ask for, by the Pemda and the agencies serving you (Law 25/2009, Law 27/2022 art. 20). Data is kept in Indonesia for as long as the service and its records require. You may access, correct and ask for the deletion of your data; requests are answered within 3×24 hours.',
 '2026-11-22T00:00:00Z'),
('notifikasi', 1,
 'Pemberitahuan lewat email, SMS, atau WhatsApp',
 'Notices by e-mail, SMS or WhatsApp',
 'Layan mengirim kabar tentang permohonan, antrean, dan pengaduan Anda ke email atau nomor telepon Anda. Tanpa persetujuan ini Anda tetap dapat melihat semuanya di akun Anda; kode masuk tetap dikirim.',
 'Layan sends news about your applications, queue tickets and complaints to your e-mail or phone number. Without this consent you can still see everything in your account; sign-in codes are still sent.',
 '2026-11-22T00:00:00Z'),
('survei', 1,
 'Undangan Survei Kepuasan Masyarakat (SKM)',
 'Invitations to the public satisfaction survey (SKM)',
 'Setelah layanan selesai, Layan boleh mengundang Anda mengisi Survei Kepuasan Masyarakat (PermenPAN-RB 14/2017). Jawaban survei dilaporkan tanpa nama.',
 'After a service is completed, Layan may invite you to the public satisfaction survey (PermenPAN-RB 14/2017). Survey answers are reported without names.',
 '2026-11-22T00:00:00Z');

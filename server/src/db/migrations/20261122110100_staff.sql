-- Staff identity and access (docs/ACCESS.md). Staff accounts are keyed by id, not by tenant: an
-- e-mail signs in everywhere, and national or provincial staff belong to no one kab/kota. Each
-- account has a home region (`region_code`, NULL = national) that decides who may see it; each
-- grant gives one role at one node of the region tree (NULL = all of Indonesia), optionally
-- narrowed to one agency or location of a tenant.
--
-- Row-level security reads the transaction-local settings set by server/src/db/scope.ts:
--   layan.region_scope  the caller's grant nodes (`*` = national), see layan_in_scope()
--   layan.actor_id      the signed-in staff member: their own account, grants and sessions
--   layan.auth_email    during sign-in only: the one account being signed in to
--   layan.auth_token    during session lookup only: the one session whose token hash it is

CREATE TABLE staff_account (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Lower-cased by the application; personal data: never logged, never in the audit trail.
  email            text COLLATE "C" NOT NULL UNIQUE CHECK (email = lower(email) AND email LIKE '%_@_%'),
  name             text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
  region_code      text COLLATE "C" REFERENCES region (code),
  -- argon2id, PHC string format.
  password_hash    text NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  -- TOTP (RFC 6238) secret in base32 once confirmed; the pending one while enrolling.
  totp_secret      text,
  totp_pending_secret text,
  totp_enabled_at  timestamptz,
  -- The last accepted 30-second step: a code of this step or an earlier one is a replay.
  totp_last_step   bigint,
  failed_attempts  integer NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
  locked_until     timestamptz,
  disabled_at      timestamptz,
  last_sign_in_at  timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CHECK ((totp_secret IS NULL) = (totp_enabled_at IS NULL))
);
CREATE INDEX staff_account_region_idx ON staff_account (region_code);

CREATE TABLE staff_grant (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  staff_id     uuid NOT NULL REFERENCES staff_account (id),
  role         text NOT NULL CHECK (role IN ('admin_nasional', 'admin_pemda', 'admin_instansi', 'supervisor',
                                             'petugas_loket', 'petugas_back_office', 'operator_desa', 'pemantau')),
  -- The node the grant reaches down from; NULL = all of Indonesia.
  region_code  text COLLATE "C" REFERENCES region (code),
  -- The tenant owning agency_id / location_id (the grant's kab/kota or province).
  tenant_code  text COLLATE "C" REFERENCES tenant (region_code),
  agency_id    uuid,
  location_id  uuid,
  created_at   timestamptz NOT NULL DEFAULT now(),
  created_by   uuid REFERENCES staff_account (id),
  FOREIGN KEY (tenant_code, agency_id) REFERENCES agency (tenant_code, id),
  FOREIGN KEY (tenant_code, location_id) REFERENCES location (tenant_code, id),
  CHECK ((agency_id IS NULL AND location_id IS NULL) OR tenant_code IS NOT NULL),
  CHECK (role <> 'admin_nasional' OR region_code IS NULL),
  CHECK (region_code IS NOT NULL OR role IN ('admin_nasional', 'pemantau'))
);
CREATE INDEX staff_grant_staff_idx ON staff_grant (staff_id);
CREATE INDEX staff_grant_region_idx ON staff_grant (region_code);

CREATE TABLE staff_session (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  staff_id      uuid NOT NULL REFERENCES staff_account (id),
  -- Copied from the account, so the session rows fall under the same scope as the account.
  region_code   text COLLATE "C",
  -- hex(sha256(token)); the token itself is only ever in the cookie.
  token_hash    text COLLATE "C" NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  -- Absolute expiry; the idle expiry is last_seen_at + the configured idle period.
  expires_at    timestamptz NOT NULL,
  revoked_at    timestamptz,
  ip            text,
  user_agent    text CHECK (length(user_agent) <= 300)
);
CREATE INDEX staff_session_staff_idx ON staff_session (staff_id, created_at);

ALTER TABLE staff_account ENABLE ROW LEVEL SECURITY;
ALTER TABLE staff_account FORCE ROW LEVEL SECURITY;
CREATE POLICY staff_account_read ON staff_account FOR SELECT
  USING (layan_in_scope(region_code) OR id = layan_actor()
         OR email = nullif(current_setting('layan.auth_email', true), ''));
CREATE POLICY staff_account_insert ON staff_account FOR INSERT
  WITH CHECK (layan_in_scope(region_code));
CREATE POLICY staff_account_update ON staff_account FOR UPDATE
  USING (layan_in_scope(region_code) OR id = layan_actor()
         OR email = nullif(current_setting('layan.auth_email', true), ''))
  WITH CHECK (layan_in_scope(region_code) OR id = layan_actor()
         OR email = nullif(current_setting('layan.auth_email', true), ''));

ALTER TABLE staff_grant ENABLE ROW LEVEL SECURITY;
ALTER TABLE staff_grant FORCE ROW LEVEL SECURITY;
CREATE POLICY staff_grant_read ON staff_grant FOR SELECT
  USING (layan_in_scope(region_code) OR staff_id = layan_actor());
CREATE POLICY staff_grant_insert ON staff_grant FOR INSERT
  WITH CHECK (layan_in_scope(region_code));
CREATE POLICY staff_grant_delete ON staff_grant FOR DELETE
  USING (layan_in_scope(region_code));

ALTER TABLE staff_session ENABLE ROW LEVEL SECURITY;
ALTER TABLE staff_session FORCE ROW LEVEL SECURITY;
CREATE POLICY staff_session_read ON staff_session FOR SELECT
  USING (staff_id = layan_actor() OR layan_in_scope(region_code)
         OR token_hash = nullif(current_setting('layan.auth_token', true), ''));
CREATE POLICY staff_session_insert ON staff_session FOR INSERT
  WITH CHECK (staff_id = layan_actor());
CREATE POLICY staff_session_update ON staff_session FOR UPDATE
  USING (staff_id = layan_actor() OR layan_in_scope(region_code)
         OR token_hash = nullif(current_setting('layan.auth_token', true), ''))
  WITH CHECK (staff_id = layan_actor() OR layan_in_scope(region_code)
         OR token_hash = nullif(current_setting('layan.auth_token', true), ''));

-- The app role may change only what the application changes: an account's e-mail and home
-- region are fixed at creation (so no policy clause on "own account" can move it elsewhere).
GRANT SELECT, INSERT ON staff_account TO layan_app;
GRANT UPDATE (name, password_hash, password_changed_at, totp_secret, totp_pending_secret, totp_enabled_at,
              totp_last_step, failed_attempts, locked_until, disabled_at, last_sign_in_at, updated_at)
  ON staff_account TO layan_app;
GRANT SELECT, INSERT, DELETE ON staff_grant TO layan_app;
GRANT SELECT, INSERT ON staff_session TO layan_app;
GRANT UPDATE (last_seen_at, revoked_at) ON staff_session TO layan_app;

-- Single sign-on with OpenID Connect (docs/SSO.md): sign-ins in progress, and `oidc` as a
-- citizen session method.
--
-- One row per authorization request, keyed by sha256(state): the PKCE verifier, nonce and
-- return path live here (not in the browser), so any server process can finish the sign-in. A
-- row is deleted when its callback arrives (single use) and is useless after expires_at.
--
-- Row-level security: a unit of work sees only the row whose state hash it presents in
-- `layan.auth_token` (scope.ts authTokenHash), plus expired rows (so they can be swept).
CREATE TABLE oidc_login (
  state_hash     text COLLATE "C" PRIMARY KEY CHECK (state_hash ~ '^[0-9a-f]{64}$'),
  provider       text COLLATE "C" NOT NULL CHECK (provider ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
  code_verifier  text COLLATE "C" NOT NULL CHECK (length(code_verifier) BETWEEN 43 AND 128),
  nonce          text COLLATE "C" NOT NULL CHECK (length(nonce) BETWEEN 16 AND 128),
  -- A same-site path only (no scheme, no host): never an open redirect.
  return_to      text NOT NULL CHECK (return_to LIKE '/%' AND return_to NOT LIKE '//%' AND length(return_to) <= 2000),
  created_at     timestamptz NOT NULL DEFAULT now(),
  expires_at     timestamptz NOT NULL
);
CREATE INDEX oidc_login_expires_idx ON oidc_login (expires_at);

ALTER TABLE oidc_login ENABLE ROW LEVEL SECURITY;
ALTER TABLE oidc_login FORCE ROW LEVEL SECURITY;
CREATE POLICY oidc_login_read ON oidc_login FOR SELECT
  USING (state_hash = nullif(current_setting('layan.auth_token', true), '') OR expires_at < now());
CREATE POLICY oidc_login_insert ON oidc_login FOR INSERT WITH CHECK (true);
CREATE POLICY oidc_login_delete ON oidc_login FOR DELETE
  USING (state_hash = nullif(current_setting('layan.auth_token', true), '') OR expires_at < now());
GRANT SELECT, INSERT, DELETE ON oidc_login TO layan_app;

ALTER TABLE citizen_session DROP CONSTRAINT citizen_session_method_check;
ALTER TABLE citizen_session ADD CONSTRAINT citizen_session_method_check CHECK (method IN ('otp', 'password', 'oidc'));

-- Output documents (docs/DOCUMENTS.md): the letter a citizen receives when an application is
-- decided, signed with Ed25519 so anyone can check it offline. Four tables, split by who may read:
--
--   document_signing_key     public keys per tenant (public: GET /signing-keys serves them whole)
--   document_signing_secret  the private keys, encrypted with a key derived from LAYAN_SIGNING_KEY
--   issued_document          the letter itself: facts, the signed payload, the PDF bytes (personal)
--   document_register        what the public verify page needs to say "known" and "revoked":
--                            ids, dates and kid only, no personal data
--
-- Rotation makes a new active key and retires the old one; retired keys stay, so documents they
-- signed keep verifying. Nothing here is deleted.

-- True when the scope reaches the tenant or any region inside it: whoever may handle an
-- application anywhere in a tenant may issue its letter (and so use the tenant's signing key).
CREATE FUNCTION layan_scope_touches(code text) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT layan_in_scope(code)
      OR EXISTS (SELECT 1 FROM unnest(layan_scope_nodes()) AS n WHERE left(n, length(code) + 1) = code || '.')
$$;

CREATE TABLE document_signing_key (
  tenant_code text COLLATE "C" NOT NULL REFERENCES tenant (region_code),
  -- `<tenant digits>-<yyyymmdd>-<8 hex>`, e.g. 3510-20261122-9f86d081: unique across tenants,
  -- since a verifier looks a key up by kid alone.
  kid         text COLLATE "C" NOT NULL UNIQUE CHECK (kid ~ '^[0-9]{2,4}-[0-9]{8}-[0-9a-f]{8}$'),
  algorithm   text NOT NULL DEFAULT 'Ed25519' CHECK (algorithm = 'Ed25519'),
  -- The raw 32-byte Ed25519 public key, base64url (as the `x` of a JWK).
  public_key  text COLLATE "C" NOT NULL CHECK (public_key ~ '^[A-Za-z0-9_-]{43}$'),
  status      text NOT NULL CHECK (status IN ('active', 'retired')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  retired_at  timestamptz,
  PRIMARY KEY (tenant_code, kid),
  CHECK ((status = 'retired') = (retired_at IS NOT NULL))
);
-- One active key per tenant: the one new documents are signed with.
CREATE UNIQUE INDEX document_signing_key_active_idx ON document_signing_key (tenant_code) WHERE status = 'active';

CREATE TABLE document_signing_secret (
  tenant_code text COLLATE "C" NOT NULL,
  kid         text COLLATE "C" NOT NULL,
  -- PKCS#8 DER of the private key, AES-256-GCM with associated data `<tenant>:<kid>`:
  -- `v1.<iv>.<ciphertext+tag>` (base64url). Useless without LAYAN_SIGNING_KEY.
  private_key text NOT NULL CHECK (private_key ~ '^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$'),
  PRIMARY KEY (tenant_code, kid),
  FOREIGN KEY (tenant_code, kid) REFERENCES document_signing_key (tenant_code, kid)
);

CREATE TABLE issued_document (
  tenant_code     text COLLATE "C" NOT NULL REFERENCES tenant (region_code),
  id              uuid NOT NULL,
  -- Where the matter was handled (the tenant's own code, or a region inside it): staff whose
  -- grant reaches it see the document, as for citizen_link.
  region_code     text COLLATE "C" NOT NULL REFERENCES region (code),
  -- What the letter decides on, e.g. ('application', <id>); no foreign key, so any module can issue.
  subject_type    text COLLATE "C" NOT NULL CHECK (subject_type ~ '^[a-z][a-z_]{1,39}$'),
  subject_id      text COLLATE "C" NOT NULL CHECK (length(subject_id) BETWEEN 1 AND 100),
  tracking_code   text COLLATE "C" CHECK (length(tracking_code) BETWEEN 1 AND 40),
  -- The citizen the letter is for, who may download it (RLS below); NULL when not a citizen account.
  citizen_id      uuid REFERENCES citizen (id),
  title_id        text NOT NULL CHECK (length(title_id) BETWEEN 2 AND 200),
  title_en        text CHECK (length(title_en) BETWEEN 2 AND 200),
  decision        text NOT NULL CHECK (decision IN ('approved', 'rejected')),
  recipient_name  text NOT NULL CHECK (length(recipient_name) BETWEEN 1 AND 200),
  agency_name     text NOT NULL CHECK (length(agency_name) BETWEEN 2 AND 200),
  issued_at       timestamptz NOT NULL,
  issued_by       uuid REFERENCES staff_account (id),
  issued_by_name  text NOT NULL CHECK (length(issued_by_name) BETWEEN 1 AND 200),
  issued_by_role  text CHECK (length(issued_by_role) BETWEEN 1 AND 200),
  kid             text COLLATE "C" NOT NULL,
  -- The QR payload exactly as signed (docs/DOCUMENTS.md).
  payload         text COLLATE "C" NOT NULL CHECK (length(payload) <= 2000),
  -- hex SHA-256 of the letter's canonical content (in the payload) and of the whole signed file.
  content_sha256  text COLLATE "C" NOT NULL CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),
  pdf_sha256      text COLLATE "C" NOT NULL CHECK (pdf_sha256 ~ '^[0-9a-f]{64}$'),
  pdf             bytea NOT NULL CHECK (octet_length(pdf) BETWEEN 100 AND 5242880),
  revoke_reason   text CHECK (length(revoke_reason) BETWEEN 3 AND 500),
  revoked_by      uuid REFERENCES staff_account (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_code, id),
  FOREIGN KEY (tenant_code, kid) REFERENCES document_signing_key (tenant_code, kid),
  CHECK (region_code = tenant_code OR left(region_code, length(tenant_code) + 1) = tenant_code || '.')
);
CREATE INDEX issued_document_subject_idx ON issued_document (tenant_code, subject_type, subject_id);
CREATE INDEX issued_document_citizen_idx ON issued_document (citizen_id) WHERE citizen_id IS NOT NULL;

-- The public face of issued_document: enough for "this server issued it" and "it was revoked".
CREATE TABLE document_register (
  tenant_code text COLLATE "C" NOT NULL,
  id          uuid NOT NULL UNIQUE,
  kid         text COLLATE "C" NOT NULL,
  issued_at   timestamptz NOT NULL,
  revoked_at  timestamptz,
  PRIMARY KEY (tenant_code, id),
  FOREIGN KEY (tenant_code, id) REFERENCES issued_document (tenant_code, id)
);

ALTER TABLE document_signing_key ENABLE ROW LEVEL SECURITY;
ALTER TABLE document_signing_key FORCE ROW LEVEL SECURITY;
CREATE POLICY document_signing_key_read ON document_signing_key FOR SELECT USING (true);
CREATE POLICY document_signing_key_insert ON document_signing_key FOR INSERT WITH CHECK (layan_scope_touches(tenant_code));
-- Retiring a key (rotation) needs a grant over the whole tenant.
CREATE POLICY document_signing_key_update ON document_signing_key FOR UPDATE
  USING (layan_in_scope(tenant_code)) WITH CHECK (layan_in_scope(tenant_code));
GRANT SELECT, INSERT ON document_signing_key TO layan_app;
GRANT UPDATE (status, retired_at) ON document_signing_key TO layan_app;

ALTER TABLE document_signing_secret ENABLE ROW LEVEL SECURITY;
ALTER TABLE document_signing_secret FORCE ROW LEVEL SECURITY;
CREATE POLICY document_signing_secret_read ON document_signing_secret FOR SELECT USING (layan_scope_touches(tenant_code));
CREATE POLICY document_signing_secret_insert ON document_signing_secret FOR INSERT WITH CHECK (layan_scope_touches(tenant_code));
GRANT SELECT, INSERT ON document_signing_secret TO layan_app;

ALTER TABLE issued_document ENABLE ROW LEVEL SECURITY;
ALTER TABLE issued_document FORCE ROW LEVEL SECURITY;
CREATE POLICY issued_document_read ON issued_document FOR SELECT
  USING (layan_in_scope(region_code) OR (citizen_id IS NOT NULL AND citizen_id = layan_citizen()));
CREATE POLICY issued_document_insert ON issued_document FOR INSERT WITH CHECK (layan_in_scope(region_code));
CREATE POLICY issued_document_update ON issued_document FOR UPDATE
  USING (layan_in_scope(region_code)) WITH CHECK (layan_in_scope(region_code));
GRANT SELECT, INSERT ON issued_document TO layan_app;
GRANT UPDATE (revoke_reason, revoked_by) ON issued_document TO layan_app;

ALTER TABLE document_register ENABLE ROW LEVEL SECURITY;
ALTER TABLE document_register FORCE ROW LEVEL SECURITY;
CREATE POLICY document_register_read ON document_register FOR SELECT USING (true);
CREATE POLICY document_register_insert ON document_register FOR INSERT WITH CHECK (layan_scope_touches(tenant_code));
CREATE POLICY document_register_update ON document_register FOR UPDATE
  USING (layan_scope_touches(tenant_code)) WITH CHECK (layan_scope_touches(tenant_code));
GRANT SELECT, INSERT ON document_register TO layan_app;
GRANT UPDATE (revoked_at) ON document_register TO layan_app;

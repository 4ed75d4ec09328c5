-- Evidence attached to a complaint (docs/COMPLAINTS.md "Evidence", decision 0014). The bytes are
-- the upload module's content-addressed `upload_blob`; a `complaint_evidence` row is one file of
-- one complaint with the name the reporter gave it. It carries nothing about who sent it — no
-- citizen id, no staff id, no IP — so evidence of an anonim complaint cannot name its reporter.
-- Rows are written only while the complaint is filed (same transaction), never afterwards.

-- True when the acting staff member handles complaints disposed to `agency` in `tenant`: an
-- admin instansi or back-office grant over the tenant, for that agency or not narrowed to one
-- (the same rule as complaint.service.ts `handles`). Reads the actor's own grants.
CREATE FUNCTION layan_complaint_handler(tenant text, agency uuid) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT agency IS NOT NULL AND layan_in_scope(tenant) AND EXISTS (
    SELECT 1 FROM staff_grant g
    WHERE g.staff_id = layan_actor()
      AND g.role IN ('admin_instansi', 'petugas_back_office')
      AND (g.agency_id IS NULL OR g.agency_id = agency)
      AND (g.region_code IS NULL OR tenant = g.region_code OR left(tenant, length(g.region_code) + 1) = g.region_code || '.'))
$$;

CREATE TABLE complaint_evidence (
  tenant_code   text COLLATE "C" NOT NULL,
  complaint_id  uuid NOT NULL,
  id            uuid NOT NULL,
  -- Deferred like upload.sha256: the row is written before its blob, so the blob's read policy
  -- (evidence of it is visible) already holds when the blob is inserted with ON CONFLICT.
  sha256        text COLLATE "C" NOT NULL REFERENCES upload_blob (sha256) DEFERRABLE INITIALLY DEFERRED,
  file_name     text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  -- Sniffed from the bytes: PDF, JPEG or PNG.
  media_type    text NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  size          integer NOT NULL CHECK (size > 0),
  position      smallint NOT NULL CHECK (position BETWEEN 1 AND 20),
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_code, complaint_id, id),
  UNIQUE (tenant_code, complaint_id, position),
  FOREIGN KEY (tenant_code, complaint_id) REFERENCES complaint (tenant_code, id)
);
CREATE INDEX complaint_evidence_sha256_idx ON complaint_evidence (sha256);

ALTER TABLE complaint_evidence ENABLE ROW LEVEL SECURITY;
ALTER TABLE complaint_evidence FORCE ROW LEVEL SECURITY;
-- The tenant's coordinators; the handlers of the agency the complaint is disposed to now; and the
-- holder of the tracking code (the reporter, who sees the list of their own files). The public
-- and other agencies' staff read nothing. The sub-select runs under complaint's own policy.
CREATE POLICY complaint_evidence_read ON complaint_evidence FOR SELECT
  USING (layan_complaint_coordinator(tenant_code)
         OR EXISTS (SELECT 1 FROM complaint c
                    WHERE c.tenant_code = complaint_evidence.tenant_code AND c.id = complaint_evidence.complaint_id
                      AND (layan_complaint_handler(c.tenant_code, c.assigned_agency_id)
                           OR c.tracking_code = layan_complaint_code())));
-- Only while filing: the complaint is fresh and this transaction holds its tracking code.
CREATE POLICY complaint_evidence_insert ON complaint_evidence FOR INSERT
  WITH CHECK (EXISTS (SELECT 1 FROM complaint c
                      WHERE c.tenant_code = complaint_evidence.tenant_code AND c.id = complaint_evidence.complaint_id
                        AND c.status = 'belum_terverifikasi' AND c.tracking_code = layan_complaint_code()));
GRANT SELECT, INSERT ON complaint_evidence TO layan_app;

-- A blob is also readable by whoever may read evidence of it (permissive policies add up).
CREATE POLICY upload_blob_evidence_read ON upload_blob FOR SELECT
  USING (EXISTS (SELECT 1 FROM complaint_evidence e WHERE e.sha256 = upload_blob.sha256));

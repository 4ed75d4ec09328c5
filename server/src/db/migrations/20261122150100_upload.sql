-- Uploaded documents (docs/APPLICATIONS.md, "Uploads"). Bytes are stored once per content in
-- `upload_blob`, keyed by their sha256, in the database itself (bytea): both databases and every
-- process see the same files, and an upload commits or rolls back with the transaction that made
-- it. `upload` is one person's upload of such content, with the name they gave it; it belongs to
-- its uploader (a citizen or a staff member) until it is attached to an application, and from then
-- on is seen by whoever sees that application.

CREATE TABLE upload_blob (
  sha256      text COLLATE "C" PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  -- Sniffed from the bytes, never taken from the file name or the request.
  media_type  text NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png', 'image/webp')),
  size        integer NOT NULL CHECK (size > 0),
  bytes       bytea NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (octet_length(bytes) = size)
);

CREATE TABLE upload (
  id              uuid PRIMARY KEY,
  -- Deferred: the upload row is written first, so the blob's read policy (an upload of it exists)
  -- already holds when the blob is inserted with ON CONFLICT, which checks it.
  sha256          text COLLATE "C" NOT NULL REFERENCES upload_blob (sha256) DEFERRABLE INITIALLY DEFERRED,
  file_name       text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  media_type      text NOT NULL,
  size            integer NOT NULL CHECK (size > 0),
  uploader_type   text NOT NULL CHECK (uploader_type IN ('citizen', 'staff')),
  uploader_id     uuid NOT NULL,
  -- Set once, when attached to an application (an answer's file, or an officer's output).
  tenant_code     text COLLATE "C",
  application_id  uuid,
  attached_at     timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (tenant_code, application_id) REFERENCES application (tenant_code, id),
  CHECK ((application_id IS NULL) = (attached_at IS NULL) AND (application_id IS NULL) = (tenant_code IS NULL))
);
CREATE INDEX upload_uploader_idx ON upload (uploader_id, created_at);
CREATE INDEX upload_application_idx ON upload (tenant_code, application_id) WHERE application_id IS NOT NULL;
CREATE INDEX upload_sha256_idx ON upload (sha256);

ALTER TABLE application_event
  ADD FOREIGN KEY (output_upload_id) REFERENCES upload (id);

ALTER TABLE upload ENABLE ROW LEVEL SECURITY;
ALTER TABLE upload FORCE ROW LEVEL SECURITY;
CREATE POLICY upload_read ON upload FOR SELECT
  USING ((uploader_type = 'citizen' AND uploader_id = layan_citizen())
         OR (uploader_type = 'staff' AND uploader_id = layan_actor())
         OR (application_id IS NOT NULL AND EXISTS (
               SELECT 1 FROM application a WHERE a.tenant_code = upload.tenant_code AND a.id = upload.application_id)));
CREATE POLICY upload_insert ON upload FOR INSERT
  WITH CHECK ((uploader_type = 'citizen' AND uploader_id = layan_citizen())
              OR (uploader_type = 'staff' AND uploader_id = layan_actor()));
-- Attaching: the uploader attaches their own upload to an application they may see.
CREATE POLICY upload_attach ON upload FOR UPDATE
  USING ((uploader_type = 'citizen' AND uploader_id = layan_citizen())
         OR (uploader_type = 'staff' AND uploader_id = layan_actor()))
  WITH CHECK (EXISTS (SELECT 1 FROM application a WHERE a.tenant_code = upload.tenant_code AND a.id = upload.application_id));

-- Content is readable by whoever may read an upload of it; anyone may add content (it is only
-- reachable through an upload row of their own).
ALTER TABLE upload_blob ENABLE ROW LEVEL SECURITY;
ALTER TABLE upload_blob FORCE ROW LEVEL SECURITY;
CREATE POLICY upload_blob_read ON upload_blob FOR SELECT
  USING (EXISTS (SELECT 1 FROM upload u WHERE u.sha256 = upload_blob.sha256));
CREATE POLICY upload_blob_insert ON upload_blob FOR INSERT WITH CHECK (true);

GRANT SELECT, INSERT ON upload_blob TO layan_app;
GRANT SELECT, INSERT ON upload TO layan_app;
GRANT UPDATE (tenant_code, application_id, attached_at) ON upload TO layan_app;

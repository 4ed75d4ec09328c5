-- Complaints (docs/COMPLAINTS.md, REFERENCE §5): anyone files, with or without an account; the
-- tenant's admin koordinator verifies and disposes to an agency; the agency answers; the citizen
-- reads the answer by tracking code, rates it, and may reopen it within a window.
--
-- Anonymity is enforced here, not only in the views: the reporter's identity lives in
-- `complaint_reporter`, which the agency's staff cannot read at all. Only the tenant's
-- coordinators (admin_pemda / admin_nasional grants not narrowed to an agency) read it, and for an
-- anonim complaint nobody does — not even them. The reporter themself reads their own row.

-- The tracking code presented by an anonymous caller (transaction-local, set by the repository).
CREATE FUNCTION layan_complaint_code() RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT nullif(current_setting('layan.complaint_code', true), '')
$$;

-- True when the acting staff member holds a coordinator grant over `tenant`: admin nasional, or
-- admin Pemda at the tenant or above it, not narrowed to an agency or location. Reads the actor's
-- own grants, which staff_grant's policy always shows them.
CREATE FUNCTION layan_complaint_coordinator(tenant text) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT layan_in_scope(tenant) AND EXISTS (
    SELECT 1 FROM staff_grant g
    WHERE g.staff_id = layan_actor()
      AND g.role IN ('admin_nasional', 'admin_pemda')
      AND g.agency_id IS NULL AND g.location_id IS NULL
      AND (g.region_code IS NULL OR tenant = g.region_code OR left(tenant, length(g.region_code) + 1) = g.region_code || '.'))
$$;

CREATE TABLE complaint (
  tenant_code          text COLLATE "C" NOT NULL REFERENCES tenant (region_code),
  id                   uuid NOT NULL,
  tracking_code        text COLLATE "C" NOT NULL UNIQUE CHECK (tracking_code ~ '^ADU-[0-9A-Z]{5}-[0-9A-Z]{5}$'),
  kind                 text NOT NULL CHECK (kind IN ('pengaduan', 'aspirasi', 'permintaan_informasi')),
  -- A code of COMPLAINT_CATEGORIES (domain/src/complaint/rules.ts), checked by the service.
  category             text COLLATE "C" NOT NULL CHECK (category ~ '^[a-z][a-z_]{1,39}$'),
  response_class       text NOT NULL CHECK (response_class IN ('ringan', 'sedang', 'berat')),
  title                text NOT NULL CHECK (length(title) BETWEEN 5 AND 200),
  body                 text NOT NULL CHECK (length(body) BETWEEN 20 AND 5000),
  incident_date        date,
  -- Where it happened: the tenant or a kecamatan/desa below it.
  region_code          text COLLATE "C" NOT NULL REFERENCES region (code),
  -- What the reporter says it concerns (any may be unknown to them).
  agency_id            uuid,
  service_id           uuid,
  application_code     text COLLATE "C" CHECK (length(application_code) BETWEEN 3 AND 40),
  anonymous            boolean NOT NULL,
  confidential         boolean NOT NULL,
  channel              text NOT NULL DEFAULT 'web' CHECK (channel IN ('web', 'loket', 'sms', 'email', 'lapor')),
  status               text NOT NULL DEFAULT 'belum_terverifikasi' CHECK (status IN
                         ('belum_terverifikasi', 'terverifikasi', 'terdisposisi', 'ditindaklanjuti', 'selesai',
                          'bukan_wewenang', 'diarsipkan')),
  filed_at             timestamptz NOT NULL DEFAULT now(),
  -- Working-day deadlines as local dates in the tenant's zone (end of that day).
  verify_due_date      date NOT NULL,
  verified_at          timestamptz,
  response_due_date    date,
  -- The agency (and maybe one of its locations) holding the complaint now.
  assigned_agency_id   uuid,
  assigned_location_id uuid,
  answer               text CHECK (length(answer) BETWEEN 10 AND 5000),
  answered_at          timestamptz,
  -- Why it was refused (bukan wewenang) or archived; shown to the reporter.
  closed_note          text CHECK (length(closed_note) BETWEEN 5 AND 1000),
  reopen_until         date,
  reopen_count         integer NOT NULL DEFAULT 0 CHECK (reopen_count >= 0),
  rating               smallint CHECK (rating BETWEEN 1 AND 4),
  rating_note          text CHECK (length(rating_note) <= 1000),
  rated_at             timestamptz,
  -- Raised each time a stage's deadline passes unanswered (0 = never).
  escalation_level     integer NOT NULL DEFAULT 0 CHECK (escalation_level >= 0),
  escalated_at         timestamptz,
  updated_at           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_code, id),
  FOREIGN KEY (tenant_code, agency_id) REFERENCES agency (tenant_code, id),
  FOREIGN KEY (tenant_code, service_id) REFERENCES service (tenant_code, id),
  FOREIGN KEY (tenant_code, assigned_agency_id) REFERENCES agency (tenant_code, id),
  FOREIGN KEY (tenant_code, assigned_location_id) REFERENCES location (tenant_code, id),
  CHECK (region_code = tenant_code OR left(region_code, length(tenant_code) + 1) = tenant_code || '.'),
  CHECK ((status = 'selesai') <= (answer IS NOT NULL)),
  CHECK ((status IN ('terdisposisi', 'ditindaklanjuti')) <= (assigned_agency_id IS NOT NULL))
);
CREATE INDEX complaint_status_idx ON complaint (tenant_code, status, filed_at);
CREATE INDEX complaint_assigned_idx ON complaint (tenant_code, assigned_agency_id, status);

-- Who filed it. Separate from `complaint` so that a grant to read complaints never reads this.
CREATE TABLE complaint_reporter (
  tenant_code   text COLLATE "C" NOT NULL,
  complaint_id  uuid NOT NULL,
  -- Copied from the complaint (never changes): the policy needs it without reading `complaint`.
  anonymous     boolean NOT NULL,
  citizen_id    uuid REFERENCES citizen (id),
  name          text CHECK (length(name) BETWEEN 2 AND 200),
  email         text CHECK (length(email) BETWEEN 3 AND 254),
  phone         text CHECK (phone ~ '^\+62[0-9]{8,13}$'),
  language      text NOT NULL DEFAULT 'id' CHECK (language IN ('id', 'en')),
  PRIMARY KEY (tenant_code, complaint_id),
  FOREIGN KEY (tenant_code, complaint_id) REFERENCES complaint (tenant_code, id)
);
CREATE INDEX complaint_reporter_citizen_idx ON complaint_reporter (citizen_id) WHERE citizen_id IS NOT NULL;

-- Every step, in order: the public timeline (statuses, agencies, deadlines) and the staff history.
CREATE TABLE complaint_event (
  tenant_code   text COLLATE "C" NOT NULL,
  complaint_id  uuid NOT NULL,
  seq           integer NOT NULL CHECK (seq >= 1),
  action        text NOT NULL CHECK (action IN ('file', 'verify', 'reject', 'archive', 'dispose', 'follow_up', 'answer',
                                                'reopen', 'rate', 'escalate')),
  from_status   text,
  to_status     text NOT NULL,
  actor_kind    text NOT NULL CHECK (actor_kind IN ('reporter', 'coordinator', 'agency', 'system')),
  -- Staff member (never shown to the public; the audit log has the same).
  actor_id      uuid,
  agency_id     uuid,
  location_id   uuid,
  -- Internal note of the step (a disposition's instruction); not shown to the reporter.
  note          text CHECK (length(note) <= 2000),
  due_date      date,
  at            timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_code, complaint_id, seq),
  FOREIGN KEY (tenant_code, complaint_id) REFERENCES complaint (tenant_code, id)
);

ALTER TABLE complaint ENABLE ROW LEVEL SECURITY;
ALTER TABLE complaint FORCE ROW LEVEL SECURITY;
-- Staff of the tenant (the service narrows an agency to what was disposed to it); the holder of
-- the tracking code; the signed-in reporter.
CREATE POLICY complaint_read ON complaint FOR SELECT
  USING (layan_in_scope(tenant_code) OR tracking_code = layan_complaint_code()
         OR EXISTS (SELECT 1 FROM complaint_reporter r
                    WHERE r.tenant_code = complaint.tenant_code AND r.complaint_id = complaint.id
                      AND r.citizen_id = layan_citizen()));
-- Anyone files, but only a fresh complaint.
CREATE POLICY complaint_insert ON complaint FOR INSERT
  WITH CHECK (status = 'belum_terverifikasi' AND answer IS NULL AND escalation_level = 0 AND reopen_count = 0);
CREATE POLICY complaint_update ON complaint FOR UPDATE
  USING (layan_in_scope(tenant_code) OR tracking_code = layan_complaint_code())
  WITH CHECK (layan_in_scope(tenant_code) OR tracking_code = layan_complaint_code());
GRANT SELECT, INSERT ON complaint TO layan_app;
GRANT UPDATE (status, response_class, verified_at, response_due_date, assigned_agency_id, assigned_location_id, answer,
              answered_at, closed_note, reopen_until, reopen_count, rating, rating_note, rated_at, escalation_level,
              escalated_at, updated_at) ON complaint TO layan_app;

ALTER TABLE complaint_reporter ENABLE ROW LEVEL SECURITY;
ALTER TABLE complaint_reporter FORCE ROW LEVEL SECURITY;
-- The reporter; a coordinator for a named (not anonim) complaint; and code owned by the schema
-- owner (layan_complaint_notify below), which sends to the reporter without showing the address.
CREATE POLICY complaint_reporter_read ON complaint_reporter FOR SELECT
  USING (citizen_id = layan_citizen()
         OR (NOT anonymous AND layan_complaint_coordinator(tenant_code))
         OR current_user <> 'layan_app');
CREATE POLICY complaint_reporter_insert ON complaint_reporter FOR INSERT
  WITH CHECK (citizen_id IS NULL OR citizen_id = layan_citizen());
GRANT SELECT, INSERT ON complaint_reporter TO layan_app;

ALTER TABLE complaint_event ENABLE ROW LEVEL SECURITY;
ALTER TABLE complaint_event FORCE ROW LEVEL SECURITY;
-- Visible and writable exactly where the complaint is (the sub-select runs under complaint's policy).
CREATE POLICY complaint_event_read ON complaint_event FOR SELECT
  USING (EXISTS (SELECT 1 FROM complaint c WHERE c.tenant_code = complaint_event.tenant_code AND c.id = complaint_event.complaint_id));
CREATE POLICY complaint_event_insert ON complaint_event FOR INSERT
  WITH CHECK (EXISTS (SELECT 1 FROM complaint c WHERE c.tenant_code = complaint_event.tenant_code AND c.id = complaint_event.complaint_id));
GRANT SELECT, INSERT ON complaint_event TO layan_app;

-- Writes a complaint.* message to the reporter's e-mail and phone (whichever they gave) without
-- returning either: the agency answering an anonim complaint can notify its reporter and still
-- never learn who it is. Allowed for complaints of a tenant the caller's scope reaches, and for the
-- holder of the tracking code (the receipt, written while filing). No ON CONFLICT clause: with
-- row-level security, INSERT … ON CONFLICT also checks the SELECT policy of outbox_message, which
-- an anonymous reporter's scope does not pass; the dedupe key is unique per step by construction.
CREATE FUNCTION layan_complaint_notify(p_tenant text, p_complaint uuid, p_template text, p_data jsonb, p_dedupe text)
RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  INSERT INTO outbox_message (id, tenant_code, channel, recipient, template, language, data, dedupe_key)
  SELECT gen_random_uuid(), r.tenant_code, ch.channel, ch.recipient, p_template, r.language, p_data, p_dedupe || ':' || ch.channel
  FROM complaint_reporter r
  JOIN complaint c ON c.tenant_code = r.tenant_code AND c.id = r.complaint_id
  CROSS JOIN LATERAL (VALUES ('email', r.email), ('sms', r.phone)) AS ch (channel, recipient)
  WHERE r.tenant_code = p_tenant AND r.complaint_id = p_complaint AND ch.recipient IS NOT NULL
    AND p_template LIKE 'complaint.%'
    AND (layan_in_scope(p_tenant) OR c.tracking_code = layan_complaint_code())
$$;
REVOKE ALL ON FUNCTION layan_complaint_notify(text, uuid, text, jsonb, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION layan_complaint_notify(text, uuid, text, jsonb, text) TO layan_app;

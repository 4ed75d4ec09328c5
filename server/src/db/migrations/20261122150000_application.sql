-- Applications (issue 6, docs/APPLICATIONS.md): a citizen's request for a service, from draft to
-- a terminal state, with its history, the idempotency keys of its creation, and the SLA breaches
-- the escalation job recorded. Tenant-owned tables put tenant_code first in their keys.
--
-- Who sees an application (row-level security):
--   the citizen it belongs to (layan_citizen());
--   staff whose grant reaches its region_code: the tenant's own code for an online application,
--   the desa or kecamatan where an assisted one was taken (narrowing by agency is done by the
--   service layer, as for every narrowed grant, docs/ACCESS.md);
--   the public tracking page only through layan_track_application(code), which returns status,
--   dates and history and nothing personal (no answers, no citizen, no notes).

CREATE TABLE application (
  tenant_code          text COLLATE "C" NOT NULL REFERENCES tenant (region_code),
  id                   uuid NOT NULL,
  -- Given at the first submission; unique across tenants because the tracking page has no tenant.
  tracking_code        text COLLATE "C" UNIQUE
                       CHECK (tracking_code ~ '^LYN-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{3}$'),
  service_id           uuid NOT NULL,
  -- The service-standard version whose form the answers were checked against (pinned at submission).
  service_version      integer NOT NULL CHECK (service_version >= 1),
  agency_id            uuid NOT NULL,
  citizen_id           uuid NOT NULL REFERENCES citizen (id),
  -- Where the application is handled; decides which staff see it.
  region_code          text COLLATE "C" NOT NULL REFERENCES region (code),
  state                text COLLATE "C" NOT NULL CHECK (state ~ '^[a-z][a-z_]{1,39}$'),
  -- Optimistic concurrency: every change bumps it; a change naming an older one is refused.
  row_version          integer NOT NULL DEFAULT 1 CHECK (row_version >= 1),
  answers              jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(answers) = 'object'),
  channel              text NOT NULL CHECK (channel IN ('online', 'loket', 'desa')),
  language             text NOT NULL DEFAULT 'id' CHECK (language IN ('id', 'en')),
  -- Assisted submission: who took it, where, and how the citizen consented.
  assisted_by          uuid REFERENCES staff_account (id),
  assisted_location_id uuid,
  consent_method       text CHECK (consent_method IN ('lisan', 'tertulis')),
  consent_at           timestamptz,
  -- The workflow pinned at submission (NULL = the default workflow, domain DEFAULT_WORKFLOW).
  workflow             jsonb CHECK (workflow IS NULL OR jsonb_typeof(workflow) = 'object'),
  -- The SLA: the standard's service time, the deadline computed by the domain clock (NULL while
  -- the clock is paused), and the holiday data it was computed with.
  sla_amount           integer CHECK (sla_amount >= 0),
  sla_unit             text CHECK (sla_unit IN ('working_days', 'calendar_days', 'hours', 'minutes')),
  due_at               timestamptz,
  due_date             date,
  calendar_version     text,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  submitted_at         timestamptz,
  closed_at            timestamptz,
  outcome              text CHECK (outcome IN ('completed', 'rejected')),
  PRIMARY KEY (tenant_code, id),
  FOREIGN KEY (tenant_code, service_id) REFERENCES service (tenant_code, id),
  FOREIGN KEY (tenant_code, agency_id) REFERENCES agency (tenant_code, id),
  FOREIGN KEY (tenant_code, assisted_location_id) REFERENCES location (tenant_code, id),
  CHECK (region_code = tenant_code OR left(region_code, length(tenant_code) + 1) = tenant_code || '.'),
  CHECK ((state = 'draft') = (submitted_at IS NULL)),
  CHECK ((submitted_at IS NULL) = (tracking_code IS NULL)),
  CHECK ((closed_at IS NULL) = (outcome IS NULL)),
  CHECK ((assisted_by IS NULL) = (consent_at IS NULL) AND (consent_at IS NULL) = (consent_method IS NULL))
);
CREATE INDEX application_citizen_idx ON application (citizen_id, created_at);
-- The officers' inbox: open applications by agency, soonest due first.
CREATE INDEX application_inbox_idx ON application (tenant_code, agency_id, due_at) WHERE closed_at IS NULL AND state <> 'draft';
CREATE INDEX application_region_idx ON application (region_code) WHERE closed_at IS NULL;

-- One row per state entered (submission included), never changed.
CREATE TABLE application_event (
  tenant_code      text COLLATE "C" NOT NULL,
  application_id   uuid NOT NULL,
  seq              integer NOT NULL CHECK (seq >= 1),
  from_state       text COLLATE "C",
  to_state         text COLLATE "C" NOT NULL,
  actor_type       text NOT NULL CHECK (actor_type IN ('citizen', 'staff', 'system')),
  actor_id         uuid,
  actor_role       text,
  -- Written to the citizen (reason for a return or rejection); never shown on the tracking page.
  note             text CHECK (length(note) BETWEEN 1 AND 2000),
  output_upload_id uuid,
  at               timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_code, application_id, seq),
  FOREIGN KEY (tenant_code, application_id) REFERENCES application (tenant_code, id)
);

-- Idempotency-Key of POST /applications and /assisted-applications: a key belongs to the caller
-- (citizen or staff member) that sent it; the first request to insert it wins (a unique key, not
-- a read-then-write), the others get its stored answer. National, like the callers.
CREATE TABLE application_idempotency (
  owner_id        uuid NOT NULL,
  key             text COLLATE "C" NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
  owner_type      text NOT NULL CHECK (owner_type IN ('citizen', 'staff')),
  -- sha256 of the canonical request (route + body): the same key with another body is refused.
  request_hash    text COLLATE "C" NOT NULL CHECK (request_hash ~ '^[0-9a-f]{64}$'),
  status_code     integer,
  response        jsonb,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (owner_id, key)
);

-- Breaches found by the escalation job: once per application and deadline.
CREATE TABLE sla_escalation (
  tenant_code     text COLLATE "C" NOT NULL,
  application_id  uuid NOT NULL,
  due_at          timestamptz NOT NULL,
  agency_id       uuid NOT NULL,
  region_code     text COLLATE "C" NOT NULL,
  escalated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_code, application_id, due_at),
  FOREIGN KEY (tenant_code, application_id) REFERENCES application (tenant_code, id)
);
CREATE INDEX sla_escalation_agency_idx ON sla_escalation (tenant_code, agency_id, escalated_at);

-- A service's own workflow (domain WorkflowDefinition, checked by validateWorkflow before it is
-- written); services without a row use the default workflow.
CREATE TABLE service_workflow (
  tenant_code  text COLLATE "C" NOT NULL,
  service_id   uuid NOT NULL,
  definition   jsonb NOT NULL CHECK (jsonb_typeof(definition) = 'object'),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_code, service_id),
  FOREIGN KEY (tenant_code, service_id) REFERENCES service (tenant_code, id)
);

ALTER TABLE application ENABLE ROW LEVEL SECURITY;
ALTER TABLE application FORCE ROW LEVEL SECURITY;
CREATE POLICY application_read ON application FOR SELECT
  USING (citizen_id = layan_citizen() OR layan_in_scope(region_code));
-- The tracking path: only inside layan_track_application (running as the schema owner, never as
-- layan_app, which could otherwise set the code itself and read the whole row).
CREATE POLICY application_track ON application FOR SELECT
  USING (current_user <> 'layan_app' AND tracking_code = nullif(current_setting('layan.track_code', true), ''));
CREATE POLICY application_insert ON application FOR INSERT
  WITH CHECK (citizen_id = layan_citizen() OR layan_in_scope(region_code));
CREATE POLICY application_update ON application FOR UPDATE
  USING (citizen_id = layan_citizen() OR layan_in_scope(region_code))
  WITH CHECK (citizen_id = layan_citizen() OR layan_in_scope(region_code));

-- History rows follow their application's visibility (the sub-select is itself under RLS).
ALTER TABLE application_event ENABLE ROW LEVEL SECURITY;
ALTER TABLE application_event FORCE ROW LEVEL SECURITY;
CREATE POLICY application_event_read ON application_event FOR SELECT
  USING (EXISTS (SELECT 1 FROM application a WHERE a.tenant_code = application_event.tenant_code AND a.id = application_event.application_id));
CREATE POLICY application_event_insert ON application_event FOR INSERT
  WITH CHECK (EXISTS (SELECT 1 FROM application a WHERE a.tenant_code = application_event.tenant_code AND a.id = application_event.application_id));

ALTER TABLE application_idempotency ENABLE ROW LEVEL SECURITY;
ALTER TABLE application_idempotency FORCE ROW LEVEL SECURITY;
CREATE POLICY application_idempotency_own ON application_idempotency
  USING ((owner_type = 'citizen' AND owner_id = layan_citizen()) OR (owner_type = 'staff' AND owner_id = layan_actor()))
  WITH CHECK ((owner_type = 'citizen' AND owner_id = layan_citizen()) OR (owner_type = 'staff' AND owner_id = layan_actor()));

ALTER TABLE sla_escalation ENABLE ROW LEVEL SECURITY;
ALTER TABLE sla_escalation FORCE ROW LEVEL SECURITY;
CREATE POLICY sla_escalation_read ON sla_escalation FOR SELECT USING (layan_in_scope(region_code));
CREATE POLICY sla_escalation_insert ON sla_escalation FOR INSERT WITH CHECK (layan_in_scope(region_code));

ALTER TABLE service_workflow ENABLE ROW LEVEL SECURITY;
ALTER TABLE service_workflow FORCE ROW LEVEL SECURITY;
CREATE POLICY service_workflow_read ON service_workflow FOR SELECT USING (true);
CREATE POLICY service_workflow_insert ON service_workflow FOR INSERT
  WITH CHECK (tenant_code = ANY ((SELECT layan_scope_tenants())::text[]));
CREATE POLICY service_workflow_update ON service_workflow FOR UPDATE
  USING (tenant_code = ANY ((SELECT layan_scope_tenants())::text[]))
  WITH CHECK (tenant_code = ANY ((SELECT layan_scope_tenants())::text[]));

GRANT SELECT, INSERT ON application TO layan_app;
GRANT UPDATE (tracking_code, service_version, state, row_version, answers, workflow, sla_amount, sla_unit, due_at,
              due_date, calendar_version, updated_at, submitted_at, closed_at, outcome) ON application TO layan_app;
GRANT SELECT, INSERT ON application_event TO layan_app;
GRANT SELECT, INSERT ON application_idempotency TO layan_app;
GRANT UPDATE (status_code, response) ON application_idempotency TO layan_app;
GRANT SELECT, INSERT ON sla_escalation TO layan_app;
GRANT SELECT, INSERT, UPDATE ON service_workflow TO layan_app;

-- The public tracking read: status, dates and history of one code, nothing personal.
CREATE FUNCTION layan_track_application(code text) RETURNS jsonb
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  result jsonb;
BEGIN
  PERFORM set_config('layan.track_code', code, true);
  SELECT jsonb_build_object(
           'trackingCode', a.tracking_code,
           'tenantCode', a.tenant_code,
           'serviceId', a.service_id,
           'serviceName', s.name,
           'serviceSlug', s.slug,
           'agencyName', g.name,
           'state', a.state,
           'workflow', a.workflow,
           'submittedAt', a.submitted_at,
           'dueAt', a.due_at,
           'dueDate', a.due_date,
           'closedAt', a.closed_at,
           'outcome', a.outcome,
           'history', coalesce((SELECT jsonb_agg(jsonb_build_object('state', e.to_state, 'at', e.at) ORDER BY e.seq)
                                  FROM application_event e
                                 WHERE e.tenant_code = a.tenant_code AND e.application_id = a.id), '[]'::jsonb))
    INTO result
    FROM application a
    JOIN service s ON s.tenant_code = a.tenant_code AND s.id = a.service_id
    JOIN agency g ON g.tenant_code = a.tenant_code AND g.id = a.agency_id
   WHERE a.tracking_code = code;
  PERFORM set_config('layan.track_code', '', true);
  RETURN result;
END
$$;
REVOKE ALL ON FUNCTION layan_track_application(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION layan_track_application(text) TO layan_app;

-- SKM surveys (docs/SKM.md, PermenPAN-RB 14/2017, REFERENCE §1): a survey round per service unit
-- and period, invitations (one response each), responses with U1–U9 and a respondent profile
-- (never a NIK or a name), paper questionnaires typed in by staff, and the published report with
-- its follow-up plan (rencana tindak lanjut).

-- The sha256 (hex) of the invitation token an anonymous respondent presents (transaction-local).
CREATE FUNCTION layan_survey_token() RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT nullif(current_setting('layan.survey_token', true), '')
$$;

CREATE TABLE survey (
  tenant_code   text COLLATE "C" NOT NULL REFERENCES tenant (region_code),
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  title         text NOT NULL CHECK (length(title) BETWEEN 5 AND 200),
  -- The service unit surveyed: an agency, optionally one location and/or one service of it.
  agency_id     uuid NOT NULL,
  location_id   uuid,
  service_id    uuid,
  period_start  date NOT NULL,
  period_end    date NOT NULL,
  -- Users served in the period (N of the Krejcie–Morgan table); NULL until known.
  population    integer CHECK (population >= 0),
  status        text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed', 'published')),
  published_at  timestamptz,
  -- Rencana tindak lanjut: [{ "element": "U3", "action": "…", "owner": "…", "due": "2027-03-31" }, …]
  follow_up     jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(follow_up) = 'array'),
  created_by    uuid REFERENCES staff_account (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_code, id),
  FOREIGN KEY (tenant_code, agency_id) REFERENCES agency (tenant_code, id),
  FOREIGN KEY (tenant_code, location_id) REFERENCES location (tenant_code, id),
  FOREIGN KEY (tenant_code, service_id) REFERENCES service (tenant_code, id),
  CHECK (period_end >= period_start AND period_end - period_start <= 366),
  CHECK ((status = 'published') = (published_at IS NOT NULL))
);
CREATE INDEX survey_unit_idx ON survey (tenant_code, agency_id, period_start);

CREATE TABLE survey_invitation (
  tenant_code  text COLLATE "C" NOT NULL,
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  survey_id    uuid NOT NULL,
  -- sha256 (hex) of the random token in the link; the token itself is never stored.
  token_hash   text COLLATE "C" NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  -- What earned it: a completed application, a served queue ticket, the counter tablet, staff.
  source       text NOT NULL CHECK (source IN ('application', 'queue', 'counter', 'manual')),
  -- The application's tracking code or the ticket id; one invitation per source event.
  source_ref   text COLLATE "C" CHECK (length(source_ref) BETWEEN 1 AND 100),
  service_id   uuid,
  location_id  uuid,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  used_at      timestamptz,
  PRIMARY KEY (tenant_code, id),
  FOREIGN KEY (tenant_code, survey_id) REFERENCES survey (tenant_code, id),
  UNIQUE (tenant_code, survey_id, source, source_ref)
);

CREATE TABLE survey_response (
  tenant_code    text COLLATE "C" NOT NULL,
  id             uuid NOT NULL DEFAULT gen_random_uuid(),
  survey_id      uuid NOT NULL,
  -- One response per invitation; NULL for a paper questionnaire typed in by staff.
  invitation_id  uuid,
  channel        text NOT NULL CHECK (channel IN ('online', 'tablet', 'paper')),
  u1 smallint CHECK (u1 BETWEEN 1 AND 4),
  u2 smallint CHECK (u2 BETWEEN 1 AND 4),
  u3 smallint CHECK (u3 BETWEEN 1 AND 4),
  u4 smallint CHECK (u4 BETWEEN 1 AND 4),
  u5 smallint CHECK (u5 BETWEEN 1 AND 4),
  u6 smallint CHECK (u6 BETWEEN 1 AND 4),
  u7 smallint CHECK (u7 BETWEEN 1 AND 4),
  u8 smallint CHECK (u8 BETWEEN 1 AND 4),
  u9 smallint CHECK (u9 BETWEEN 1 AND 4),
  age_band       text CHECK (age_band IN ('<20', '20-29', '30-39', '40-49', '50-59', '60+')),
  sex            text CHECK (sex IN ('L', 'P')),
  education      text CHECK (education IN ('sd', 'smp', 'sma', 'diploma', 's1', 's2', 's3')),
  occupation     text CHECK (occupation IN ('pns', 'tni', 'polri', 'swasta', 'wirausaha', 'pelajar', 'lainnya')),
  service_id     uuid,
  location_id    uuid,
  suggestion     text CHECK (length(suggestion) <= 2000),
  submitted_at   timestamptz NOT NULL DEFAULT now(),
  -- The staff member who typed in a paper questionnaire.
  entered_by     uuid REFERENCES staff_account (id),
  PRIMARY KEY (tenant_code, id),
  FOREIGN KEY (tenant_code, survey_id) REFERENCES survey (tenant_code, id),
  FOREIGN KEY (tenant_code, invitation_id) REFERENCES survey_invitation (tenant_code, id),
  UNIQUE (tenant_code, invitation_id),
  CHECK ((channel = 'paper') = (invitation_id IS NULL)),
  CHECK ((channel = 'paper') = (entered_by IS NOT NULL)),
  CHECK (coalesce(u1, u2, u3, u4, u5, u6, u7, u8, u9) IS NOT NULL)
);
CREATE INDEX survey_response_survey_idx ON survey_response (tenant_code, survey_id);

-- Surveys hold no personal data and their titles are public (the report pages list them).
ALTER TABLE survey ENABLE ROW LEVEL SECURITY;
ALTER TABLE survey FORCE ROW LEVEL SECURITY;
CREATE POLICY survey_read ON survey FOR SELECT USING (true);
CREATE POLICY survey_insert ON survey FOR INSERT WITH CHECK (tenant_code = ANY ((SELECT layan_scope_tenants())::text[]));
CREATE POLICY survey_update ON survey FOR UPDATE
  USING (tenant_code = ANY ((SELECT layan_scope_tenants())::text[]))
  WITH CHECK (tenant_code = ANY ((SELECT layan_scope_tenants())::text[]));
GRANT SELECT, INSERT ON survey TO layan_app;
GRANT UPDATE (title, population, status, published_at, follow_up, updated_at) ON survey TO layan_app;

-- Staff of the tenant, or the respondent holding the token.
ALTER TABLE survey_invitation ENABLE ROW LEVEL SECURITY;
ALTER TABLE survey_invitation FORCE ROW LEVEL SECURITY;
CREATE POLICY survey_invitation_read ON survey_invitation FOR SELECT
  USING (layan_in_scope(tenant_code) OR token_hash = layan_survey_token());
-- Made by staff, or by the module that finished the citizen's application or ticket (its scope).
CREATE POLICY survey_invitation_insert ON survey_invitation FOR INSERT WITH CHECK (layan_in_scope(tenant_code));
CREATE POLICY survey_invitation_update ON survey_invitation FOR UPDATE
  USING (token_hash = layan_survey_token() OR layan_in_scope(tenant_code))
  WITH CHECK (token_hash = layan_survey_token() OR layan_in_scope(tenant_code));
GRANT SELECT, INSERT ON survey_invitation TO layan_app;
GRANT UPDATE (used_at) ON survey_invitation TO layan_app;

-- Responses are anonymous by construction; staff of the tenant read them, and anyone reads the
-- responses of a published survey (the report's data, downloadable as CSV).
ALTER TABLE survey_response ENABLE ROW LEVEL SECURITY;
ALTER TABLE survey_response FORCE ROW LEVEL SECURITY;
CREATE POLICY survey_response_read ON survey_response FOR SELECT
  USING (layan_in_scope(tenant_code)
         OR EXISTS (SELECT 1 FROM survey s WHERE s.tenant_code = survey_response.tenant_code
                    AND s.id = survey_response.survey_id AND s.status = 'published'));
-- Online: only through the invitation the token names. Paper: staff of the tenant.
CREATE POLICY survey_response_insert ON survey_response FOR INSERT
  WITH CHECK (layan_in_scope(tenant_code)
              OR EXISTS (SELECT 1 FROM survey_invitation i WHERE i.tenant_code = survey_response.tenant_code
                         AND i.id = survey_response.invitation_id AND i.token_hash = layan_survey_token()));
GRANT SELECT, INSERT ON survey_response TO layan_app;

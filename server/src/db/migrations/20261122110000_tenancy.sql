-- Tenancy structure (docs/ACCESS.md): agencies (instansi), locations (MPP, kantor kecamatan, kantor
-- desa) and counters (loket), each owned by a tenant (a Pemda, `tenant.region_code`), with the
-- tenant's code leading the primary key so the tables can be distributed on it (Citus-ready).
--
-- Row-level security: the application runs each unit of work as the NOLOGIN role `layan_app`
-- (`SET LOCAL ROLE`, see server/src/db/scope.ts) with the caller's grant nodes in the
-- transaction-local setting `layan.region_scope` (comma-separated region codes, or `*` for
-- national). A missing or empty setting means no scope at all: no row passes.

-- Roles are cluster-wide and many databases share one server (CI), hence the guard.
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'layan_app') THEN
    CREATE ROLE layan_app NOLOGIN;
  END IF;
END $$;

-- The caller's grant nodes; NULL when the setting is missing or empty.
CREATE FUNCTION layan_scope_nodes() RETURNS text[]
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT string_to_array(nullif(current_setting('layan.region_scope', true), ''), ',')
$$;

-- True when `code` lies at or below one of the scope's nodes (or the scope is national). Region
-- codes have fixed widths (2 · 5 · 8 · 13 characters), so a code's ancestors are its prefixes of
-- those lengths and the test is one array overlap, no lookup. NULL code (a national record):
-- only the national scope `*` reaches it. Missing scope: NULL, which a policy treats as false.
CREATE FUNCTION layan_in_scope(code text) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT ARRAY[code, left(code, 2), left(code, 5), left(code, 8), '*'] && layan_scope_nodes()
$$;

-- The tenants the scope reaches whole (a grant at or above the tenant's code). Policies compare
-- `tenant_code = ANY ((SELECT layan_scope_tenants())::text[])`: the sub-select runs once per statement
-- (an InitPlan) and the comparison can use the primary key's leading column.
CREATE FUNCTION layan_scope_tenants() RETURNS text[]
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(region_code), '{}') FROM tenant WHERE layan_in_scope(region_code)
$$;

-- The staff member acting (or NULL): lets a person see and revoke their own sessions even where
-- their grants do not reach their own account's region.
CREATE FUNCTION layan_actor() RETURNS uuid
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT nullif(current_setting('layan.actor_id', true), '')::uuid
$$;

GRANT USAGE ON SCHEMA public TO layan_app;
-- Public reference data, read by every unit of work.
GRANT SELECT ON region, region_attribute, region_import, tenant TO layan_app;
-- Registering a Pemda is an admin nasional's action (checked in the service; the list of Pemda is
-- public, so `tenant` has no row-level security).
GRANT INSERT ON tenant TO layan_app;
-- The audit trail is appended inside scoped transactions; the app role can never change it.
GRANT SELECT, INSERT ON audit_log TO layan_app;

CREATE TABLE agency (
  tenant_code text COLLATE "C" NOT NULL REFERENCES tenant (region_code),
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  -- Human key in URLs and seeds: lower-case words joined by '-', unique within the tenant.
  slug        text COLLATE "C" NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 60),
  name        text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
  short_name  text CHECK (length(short_name) BETWEEN 2 AND 40),
  -- The vocabulary of domain/src/catalog (AGENCY_KINDS). daerah: an office of the Pemda
  -- (Disdukcapil, DPMPTSP); vertikal: central government present in the region (Polres, Kantor
  -- Imigrasi, Kemenag, BPN); bumn/bumd: state or regional enterprises (PLN, PDAM, Bank Jatim);
  -- badan_hukum_publik: public legal bodies serving in an MPP (BPJS, UU 24/2011).
  kind        text NOT NULL CHECK (kind IN ('daerah', 'vertikal', 'bumn', 'bumd', 'badan_hukum_publik')),
  active      boolean NOT NULL DEFAULT true,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_code, id),
  UNIQUE (tenant_code, slug)
);

CREATE TABLE location (
  tenant_code   text COLLATE "C" NOT NULL REFERENCES tenant (region_code),
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  slug          text COLLATE "C" NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 60),
  name          text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
  kind          text NOT NULL CHECK (kind IN ('mpp', 'kantor_kecamatan', 'kantor_desa', 'kantor_instansi')),
  -- Where it stands: the tenant's own code or a kecamatan/desa below it.
  region_code   text COLLATE "C" NOT NULL REFERENCES region (code),
  address       text NOT NULL CHECK (length(address) BETWEEN 2 AND 500),
  -- Weekly hours in the region's local time: [{ "day": 1..7 (ISO, Monday = 1), "opens": "08:00",
  -- "closes": "15:00" }, …]; validated by the API schema.
  opening_hours jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(opening_hours) = 'array'),
  active        boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_code, id),
  UNIQUE (tenant_code, slug),
  CHECK (region_code = tenant_code OR region_code LIKE tenant_code || '.%')
);
CREATE INDEX location_region_idx ON location (region_code);

CREATE TABLE counter (
  tenant_code text COLLATE "C" NOT NULL,
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  location_id uuid NOT NULL,
  -- The agency serving at it; NULL for a general counter (a kantor desa's front desk).
  agency_id   uuid,
  -- Short label shown on the ticket and the display: "A1", "IMI-2".
  code        text COLLATE "C" NOT NULL CHECK (code ~ '^[A-Z0-9]+(-[A-Z0-9]+)*$' AND length(code) <= 20),
  name        text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
  active      boolean NOT NULL DEFAULT true,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_code, id),
  UNIQUE (tenant_code, location_id, code),
  FOREIGN KEY (tenant_code, location_id) REFERENCES location (tenant_code, id),
  FOREIGN KEY (tenant_code, agency_id) REFERENCES agency (tenant_code, id)
);
CREATE INDEX counter_agency_idx ON counter (tenant_code, agency_id);

-- Agencies, locations and counters are public (the catalog shows them to citizens), so anyone
-- may read them; writes must lie in a tenant the caller's scope reaches whole.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['agency', 'location', 'counter'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR SELECT USING (true)', t || '_read', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR INSERT WITH CHECK (tenant_code = ANY ((SELECT layan_scope_tenants())::text[]))', t || '_insert', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR UPDATE USING (tenant_code = ANY ((SELECT layan_scope_tenants())::text[])) WITH CHECK (tenant_code = ANY ((SELECT layan_scope_tenants())::text[]))', t || '_update', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %I TO layan_app', t);
  END LOOP;
END $$;

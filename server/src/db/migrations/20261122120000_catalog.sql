-- Service catalog (issue 5): every agency's services with their PermenPAN-RB 15/2014 standard,
-- versioned. `service` holds what stays across versions (slug, agency, template, search words)
-- and points at the published version; `service_version` keeps every version, its whole standard
-- and form definition as jsonb (checked by validateServiceStandard / validateFormDefinition in
-- the service layer before insert), who approved it and when. Publishing supersedes the previous
-- version; nothing is deleted. Tenant-owned: `tenant_code` leads every key (Citus-ready).

CREATE TABLE service (
  tenant_code     text COLLATE "C" NOT NULL REFERENCES tenant (region_code),
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  slug            text COLLATE "C" NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 80),
  agency_id       uuid NOT NULL,
  -- The national template adopted (NATIONAL_TEMPLATES code), NULL for a purely local service.
  template_code   text COLLATE "C",
  sector          text,
  -- Denormalised from the published version, for listing without reading the standards.
  name            text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
  channels        text[] NOT NULL DEFAULT '{}' CHECK (channels <@ ARRAY['online', 'loket', 'desa']::text[]),
  -- Words that lead a citizen here (domain/src/catalog/search.ts ranks on them).
  synonyms        text[] NOT NULL DEFAULT '{}',
  keywords        text[] NOT NULL DEFAULT '{}',
  -- Where it is served, as names (e.g. 'MPP Banyuwangi').
  locations       text[] NOT NULL DEFAULT '{}',
  -- The published version; NULL until the first one is published.
  current_version integer CHECK (current_version >= 1),
  active          boolean NOT NULL DEFAULT true,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_code, id),
  UNIQUE (tenant_code, slug),
  FOREIGN KEY (tenant_code, agency_id) REFERENCES agency (tenant_code, id)
);
CREATE INDEX service_agency_idx ON service (tenant_code, agency_id);

CREATE TABLE service_version (
  tenant_code      text COLLATE "C" NOT NULL,
  service_id       uuid NOT NULL,
  version          integer NOT NULL CHECK (version >= 1),
  status           text NOT NULL CHECK (status IN ('draft', 'published', 'superseded')),
  -- The whole ServiceStandard (all 14 components) and the FormDefinition of this version.
  standard         jsonb NOT NULL CHECK (jsonb_typeof(standard) = 'object'),
  form_definition  jsonb CHECK (form_definition IS NULL OR jsonb_typeof(form_definition) = 'object'),
  change_note      text NOT NULL CHECK (length(change_note) BETWEEN 1 AND 1000),
  created_by       uuid REFERENCES staff_account (id),
  -- The approver's id and, for the public history, their name as it was when they approved (the
  -- public cannot read staff accounts). NULL id with a name: approved outside Layan (seed, import).
  approved_by      uuid REFERENCES staff_account (id),
  approved_by_name text CHECK (length(approved_by_name) BETWEEN 1 AND 200),
  approved_at      timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_code, service_id, version),
  FOREIGN KEY (tenant_code, service_id) REFERENCES service (tenant_code, id),
  -- A draft is unapproved; a published or superseded version says who approved it and when.
  CHECK ((status = 'draft') = (approved_at IS NULL)),
  CHECK (status = 'draft' OR approved_by_name IS NOT NULL)
);
-- At most one published version per service.
CREATE UNIQUE INDEX service_version_published_idx ON service_version (tenant_code, service_id) WHERE status = 'published';

-- Bumped in every transaction that publishes in a tenant: processes cache a tenant's search
-- documents and reload them when the revision they hold is older (no restart, every process).
CREATE TABLE catalog_revision (
  tenant_code text COLLATE "C" NOT NULL PRIMARY KEY REFERENCES tenant (region_code),
  revision    bigint NOT NULL DEFAULT 1,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Catalog data is public (drafts too are readable by the role, but the service layer shows the
-- public only published versions); writes must lie in a tenant the caller's scope reaches whole,
-- as for agencies (docs/ACCESS.md).
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['service', 'service_version', 'catalog_revision'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR SELECT USING (true)', t || '_read', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR INSERT WITH CHECK (tenant_code = ANY ((SELECT layan_scope_tenants())::text[]))', t || '_insert', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR UPDATE USING (tenant_code = ANY ((SELECT layan_scope_tenants())::text[])) WITH CHECK (tenant_code = ANY ((SELECT layan_scope_tenants())::text[]))', t || '_update', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %I TO layan_app', t);
  END LOOP;
END $$;

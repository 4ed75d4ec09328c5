-- Which regions a citizen has dealt with (docs/CITIZENS.md, "Who sees a citizen"). Citizens are
-- national records; a Pemda's staff may read a citizen only where the citizen came to them: an
-- application, an assisted submission at a desa office, a complaint or a queue booking. Each such
-- contact links the citizen to the tenant and to the region where it happened (the tenant's own
-- code for online contact, the desa for assistance there), and staff see the citizen when their
-- grant reaches that region. The citizen sees their own links (their data download lists them).

CREATE TABLE citizen_link (
  tenant_code  text COLLATE "C" NOT NULL REFERENCES tenant (region_code),
  citizen_id   uuid NOT NULL REFERENCES citizen (id),
  region_code  text COLLATE "C" NOT NULL REFERENCES region (code),
  via          text NOT NULL CHECK (via IN ('application', 'assisted', 'complaint', 'queue')),
  first_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_code, citizen_id, region_code),
  -- The region lies in the tenant (a tenant's code is a prefix of every region below it).
  CHECK (region_code = tenant_code OR left(region_code, length(tenant_code) + 1) = tenant_code || '.')
);
CREATE INDEX citizen_link_citizen_idx ON citizen_link (citizen_id);

ALTER TABLE citizen_link ENABLE ROW LEVEL SECURITY;
ALTER TABLE citizen_link FORCE ROW LEVEL SECURITY;
CREATE POLICY citizen_link_read ON citizen_link FOR SELECT
  USING (citizen_id = layan_citizen() OR layan_in_scope(region_code));
-- Made by the citizen's own action, or by staff whose grant reaches the region of the contact.
CREATE POLICY citizen_link_insert ON citizen_link FOR INSERT
  WITH CHECK (citizen_id = layan_citizen() OR layan_in_scope(region_code));
GRANT SELECT, INSERT ON citizen_link TO layan_app;

-- Staff now also read the citizens linked to a region their grant reaches.
DROP POLICY citizen_read ON citizen;
CREATE POLICY citizen_read ON citizen FOR SELECT
  USING (id = layan_citizen() OR nik_hmac = layan_auth_nik() OR layan_in_scope(NULL)
         OR EXISTS (SELECT 1 FROM citizen_link l WHERE l.citizen_id = citizen.id AND layan_in_scope(l.region_code)));

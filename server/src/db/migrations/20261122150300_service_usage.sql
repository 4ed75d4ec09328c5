-- How often each service is used, per tenant and day (docs/CATALOG.md, "Most-used services"): the
-- catalog home of an MPP lists its most-used services from these counters. One row per (tenant,
-- service, local day, kind), incremented in the transaction of the use itself: an application
-- submitted ('application') or a queue ticket taken ('ticket'). Page views are not counted: a
-- public GET should not write, and a view is not a use. Counts hold no personal data.
-- `demo` marks rows written by the demo seed, so pages can say the ranking is demo data.
--
-- Each counter is striped over 16 `slot`s, chosen by the writer's backend process: a single row
-- per service and day would be a hot row whose lock every submission of that service waits on
-- until the previous one commits (bench/RESULTS.md, "Applications", measured it). Readers sum
-- the slots.

CREATE TABLE service_usage (
  tenant_code text COLLATE "C" NOT NULL,
  service_id  uuid NOT NULL,
  -- The tenant's local calendar day of the use.
  day         date NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('application', 'ticket')),
  count       integer NOT NULL DEFAULT 0 CHECK (count >= 0),
  demo        boolean NOT NULL DEFAULT false,
  slot        smallint NOT NULL DEFAULT 0 CHECK (slot BETWEEN 0 AND 15),
  PRIMARY KEY (tenant_code, service_id, day, kind, slot),
  FOREIGN KEY (tenant_code, service_id) REFERENCES service (tenant_code, id)
);
-- The ranking reads a tenant's recent days.
CREATE INDEX service_usage_day_idx ON service_usage (tenant_code, day);

-- Public to read (aggregate counts, like the catalog). Written in the unit of work of the use —
-- a citizen's application or an anonymous kiosk ticket, whose scopes do not name the tenant — so
-- any scope may add to a counter, as any scope may enqueue a message (20261122140100_outbox.sql);
-- the foreign key keeps counts to real services, and only `count` may change.
ALTER TABLE service_usage ENABLE ROW LEVEL SECURITY;
ALTER TABLE service_usage FORCE ROW LEVEL SECURITY;
CREATE POLICY service_usage_read ON service_usage FOR SELECT USING (true);
CREATE POLICY service_usage_insert ON service_usage FOR INSERT WITH CHECK (true);
CREATE POLICY service_usage_update ON service_usage FOR UPDATE USING (true) WITH CHECK (true);
GRANT SELECT, INSERT ON service_usage TO layan_app;
GRANT UPDATE (count) ON service_usage TO layan_app;

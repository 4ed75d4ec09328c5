-- Queues (antrean) of a service location (docs/QUEUE.md): queues grouping services, the queues
-- each counter serves (its skills), bookings of a date and slot, tickets (walk-in or checked-in
-- bookings), and per-day / per-slot counters that make quotas and ticket numbers atomic.
--
-- Who may touch what (row-level security):
-- - `queue`, `queue_service`, `queue_counter`: public reads (the booking page lists them), writes
--   by a scope reaching the tenant, like the structure tables.
-- - `ticket`: holds no personal data (number, queue, times, counter), so anyone may read it (the
--   display board and a citizen's position are public) and anyone may add one (the kiosk); only a
--   scope reaching the tenant changes it (the counter console).
-- - `booking` holds a name and a phone or e-mail: the tenant's staff, the citizen who made it
--   (signed in), or whoever presents its code (`layan.booking_code`, set by the service for the
--   one code given) may read and change it.
-- - `queue_day`, `queue_slot`: counters with no personal data, changed by every booking and ticket.

CREATE FUNCTION layan_booking_code() RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT nullif(current_setting('layan.booking_code', true), '')
$$;

CREATE TABLE queue (
  tenant_code   text COLLATE "C" NOT NULL REFERENCES tenant (region_code),
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  location_id   uuid NOT NULL,
  -- The agency whose services it holds; NULL for a general queue (a kantor desa's front desk).
  agency_id     uuid,
  -- The letter of its tickets: A-001.
  code          text COLLATE "C" NOT NULL CHECK (code ~ '^[A-Z]{1,3}$'),
  name          text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
  slot_minutes  integer NOT NULL DEFAULT 30 CHECK (slot_minutes BETWEEN 5 AND 240),
  -- Bookings per slot and per day; walk-in tickets are not limited by them.
  slot_quota    integer NOT NULL DEFAULT 4 CHECK (slot_quota BETWEEN 0 AND 1000),
  daily_quota   integer NOT NULL DEFAULT 60 CHECK (daily_quota BETWEEN 0 AND 10000),
  active        boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_code, id),
  UNIQUE (tenant_code, location_id, code),
  FOREIGN KEY (tenant_code, location_id) REFERENCES location (tenant_code, id),
  FOREIGN KEY (tenant_code, agency_id) REFERENCES agency (tenant_code, id)
);

CREATE TABLE queue_service (
  tenant_code text COLLATE "C" NOT NULL,
  queue_id    uuid NOT NULL,
  service_id  uuid NOT NULL,
  PRIMARY KEY (tenant_code, queue_id, service_id),
  FOREIGN KEY (tenant_code, queue_id) REFERENCES queue (tenant_code, id),
  FOREIGN KEY (tenant_code, service_id) REFERENCES service (tenant_code, id)
);

-- A counter's skills: the queues it calls from.
CREATE TABLE queue_counter (
  tenant_code text COLLATE "C" NOT NULL,
  counter_id  uuid NOT NULL,
  queue_id    uuid NOT NULL,
  PRIMARY KEY (tenant_code, counter_id, queue_id),
  FOREIGN KEY (tenant_code, counter_id) REFERENCES counter (tenant_code, id),
  FOREIGN KEY (tenant_code, queue_id) REFERENCES queue (tenant_code, id)
);
CREATE INDEX queue_counter_queue_idx ON queue_counter (tenant_code, queue_id);

-- One row per queue and day: the last ticket number issued and the bookings made, each bumped by
-- a single upsert so concurrent requests never share a number or overrun the quota.
CREATE TABLE queue_day (
  tenant_code  text COLLATE "C" NOT NULL,
  queue_id     uuid NOT NULL,
  service_date date NOT NULL,
  last_number  integer NOT NULL DEFAULT 0 CHECK (last_number >= 0),
  booked       integer NOT NULL DEFAULT 0 CHECK (booked >= 0),
  PRIMARY KEY (tenant_code, queue_id, service_date),
  FOREIGN KEY (tenant_code, queue_id) REFERENCES queue (tenant_code, id)
);

CREATE TABLE queue_slot (
  tenant_code  text COLLATE "C" NOT NULL,
  queue_id     uuid NOT NULL,
  service_date date NOT NULL,
  slot_start   text COLLATE "C" NOT NULL CHECK (slot_start ~ '^([01]\d|2[0-3]):[0-5]\d$'),
  booked       integer NOT NULL DEFAULT 0 CHECK (booked >= 0),
  PRIMARY KEY (tenant_code, queue_id, service_date, slot_start),
  FOREIGN KEY (tenant_code, queue_id) REFERENCES queue (tenant_code, id)
);

CREATE TABLE booking (
  tenant_code  text COLLATE "C" NOT NULL REFERENCES tenant (region_code),
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  -- 8 characters of domain/src/queue/ticket.ts's alphabet; unique everywhere so a kiosk or the
  -- manage page finds a booking by its code alone.
  code         text COLLATE "C" NOT NULL UNIQUE CHECK (code ~ '^[2-9A-HJKMNP-TV-Z]{8}$'),
  location_id  uuid NOT NULL,
  queue_id     uuid NOT NULL,
  service_id   uuid,
  service_date date NOT NULL,
  slot_start   text COLLATE "C" NOT NULL CHECK (slot_start ~ '^([01]\d|2[0-3]):[0-5]\d$'),
  starts_at    timestamptz NOT NULL,
  ends_at      timestamptz NOT NULL CHECK (ends_at > starts_at),
  name         text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
  email        text COLLATE "C" CHECK (email = lower(email) AND email LIKE '%_@_%' AND length(email) <= 254),
  phone        text COLLATE "C" CHECK (phone ~ '^\+[1-9][0-9]{7,14}$'),
  language     text NOT NULL DEFAULT 'id' CHECK (language IN ('id', 'en')),
  -- Declared when booking (lansia, disabilitas, ibu hamil); confirmed by staff at check-in.
  priority     boolean NOT NULL DEFAULT false,
  citizen_id   uuid REFERENCES citizen (id),
  status       text NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'cancelled', 'checked_in', 'no_show')),
  ticket_id    uuid,
  reminder_sent_at timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  cancelled_at timestamptz,
  checked_in_at timestamptz,
  PRIMARY KEY (tenant_code, id),
  FOREIGN KEY (tenant_code, location_id) REFERENCES location (tenant_code, id),
  FOREIGN KEY (tenant_code, queue_id) REFERENCES queue (tenant_code, id),
  FOREIGN KEY (tenant_code, service_id) REFERENCES service (tenant_code, id),
  CHECK (email IS NOT NULL OR phone IS NOT NULL),
  CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)),
  CHECK ((status = 'checked_in') = (ticket_id IS NOT NULL))
);
CREATE INDEX booking_day_idx ON booking (tenant_code, location_id, service_date, status);
CREATE INDEX booking_citizen_idx ON booking (citizen_id) WHERE citizen_id IS NOT NULL;
CREATE INDEX booking_reminder_idx ON booking (service_date) WHERE status = 'booked' AND reminder_sent_at IS NULL;

CREATE TABLE ticket (
  tenant_code       text COLLATE "C" NOT NULL REFERENCES tenant (region_code),
  id                uuid NOT NULL DEFAULT gen_random_uuid(),
  location_id       uuid NOT NULL,
  -- The queue it waits in now (a transfer moves it); `number`/`display_code` keep where it began.
  queue_id          uuid NOT NULL,
  service_date      date NOT NULL,
  number            integer NOT NULL CHECK (number >= 1),
  display_code      text COLLATE "C" NOT NULL CHECK (display_code ~ '^[A-Z]{1,3}-[0-9]{3,}$'),
  source            text NOT NULL CHECK (source IN ('walk_in', 'booking')),
  booking_id        uuid,
  priority          boolean NOT NULL DEFAULT false,
  status            text NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'called', 'serving', 'done', 'no_show')),
  issued_at         timestamptz NOT NULL DEFAULT now(),
  -- When it becomes due (domain/src/queue/order.ts, dueAtOf): the call order's main key.
  due_at            timestamptz NOT NULL,
  -- Set by a transfer to one counter by name: only that counter calls it.
  target_counter_id uuid,
  counter_id        uuid,
  first_called_at   timestamptz,
  called_at         timestamptz,
  call_count        integer NOT NULL DEFAULT 0 CHECK (call_count >= 0),
  started_at        timestamptz,
  finished_at       timestamptz,
  served_by         uuid REFERENCES staff_account (id),
  -- The permohonan started for this visit (modules/application); no FK: that table is another module's.
  application_id    uuid,
  near_sent         boolean NOT NULL DEFAULT false,
  transfers         integer NOT NULL DEFAULT 0 CHECK (transfers >= 0),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_code, id),
  UNIQUE (tenant_code, location_id, service_date, display_code),
  FOREIGN KEY (tenant_code, location_id) REFERENCES location (tenant_code, id),
  FOREIGN KEY (tenant_code, queue_id) REFERENCES queue (tenant_code, id),
  FOREIGN KEY (tenant_code, booking_id) REFERENCES booking (tenant_code, id),
  FOREIGN KEY (tenant_code, counter_id) REFERENCES counter (tenant_code, id),
  FOREIGN KEY (tenant_code, target_counter_id) REFERENCES counter (tenant_code, id),
  CHECK (status = 'waiting' OR counter_id IS NOT NULL),
  CHECK ((source = 'booking') = (booking_id IS NOT NULL))
);
-- Call-next reads the waiting tickets of one location and day in call order.
CREATE INDEX ticket_waiting_idx ON ticket (tenant_code, location_id, service_date, priority DESC, due_at, number)
  WHERE status = 'waiting';
-- The display board: tickets being called or served at a location today.
CREATE INDEX ticket_active_idx ON ticket (tenant_code, location_id, service_date) WHERE status IN ('called', 'serving');
-- A counter handles one ticket at a time: a second call while one is called or served fails here,
-- whatever the race (two clicks, two browser tabs, two processes).
CREATE UNIQUE INDEX ticket_counter_active_idx ON ticket (tenant_code, counter_id) WHERE status IN ('called', 'serving');
CREATE INDEX ticket_day_idx ON ticket (tenant_code, service_date, queue_id);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['queue', 'queue_service', 'queue_counter'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR SELECT USING (true)', t || '_read', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR INSERT WITH CHECK (tenant_code = ANY ((SELECT layan_scope_tenants())::text[]))', t || '_insert', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR UPDATE USING (tenant_code = ANY ((SELECT layan_scope_tenants())::text[])) WITH CHECK (tenant_code = ANY ((SELECT layan_scope_tenants())::text[]))', t || '_update', t);
  END LOOP;
  FOREACH t IN ARRAY ARRAY['queue_day', 'queue_slot'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR SELECT USING (true)', t || '_read', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR INSERT WITH CHECK (true)', t || '_insert', t);
    EXECUTE format('CREATE POLICY %I ON %I FOR UPDATE USING (true) WITH CHECK (true)', t || '_update', t);
  END LOOP;
END $$;
GRANT SELECT, INSERT, UPDATE ON queue TO layan_app;
GRANT SELECT, INSERT, DELETE ON queue_service, queue_counter TO layan_app;
CREATE POLICY queue_service_delete ON queue_service FOR DELETE USING (tenant_code = ANY ((SELECT layan_scope_tenants())::text[]));
CREATE POLICY queue_counter_delete ON queue_counter FOR DELETE USING (tenant_code = ANY ((SELECT layan_scope_tenants())::text[]));
GRANT SELECT, INSERT, UPDATE ON queue_day, queue_slot TO layan_app;

ALTER TABLE booking ENABLE ROW LEVEL SECURITY;
ALTER TABLE booking FORCE ROW LEVEL SECURITY;
CREATE POLICY booking_read ON booking FOR SELECT
  USING (tenant_code = ANY ((SELECT layan_scope_tenants())::text[]) OR citizen_id = layan_citizen() OR code = layan_booking_code());
CREATE POLICY booking_insert ON booking FOR INSERT
  WITH CHECK (code = layan_booking_code() AND (citizen_id IS NULL OR citizen_id = layan_citizen()));
CREATE POLICY booking_update ON booking FOR UPDATE
  USING (tenant_code = ANY ((SELECT layan_scope_tenants())::text[]) OR citizen_id = layan_citizen() OR code = layan_booking_code())
  WITH CHECK (tenant_code = ANY ((SELECT layan_scope_tenants())::text[]) OR citizen_id = layan_citizen() OR code = layan_booking_code());
GRANT SELECT, INSERT ON booking TO layan_app;
GRANT UPDATE (queue_id, service_date, slot_start, starts_at, ends_at, status, ticket_id, reminder_sent_at, updated_at,
              cancelled_at, checked_in_at, priority) ON booking TO layan_app;

ALTER TABLE ticket ENABLE ROW LEVEL SECURITY;
ALTER TABLE ticket FORCE ROW LEVEL SECURITY;
CREATE POLICY ticket_read ON ticket FOR SELECT USING (true);
CREATE POLICY ticket_insert ON ticket FOR INSERT WITH CHECK (true);
CREATE POLICY ticket_update ON ticket FOR UPDATE
  USING (tenant_code = ANY ((SELECT layan_scope_tenants())::text[]))
  WITH CHECK (tenant_code = ANY ((SELECT layan_scope_tenants())::text[]));
GRANT SELECT, INSERT ON ticket TO layan_app;
GRANT UPDATE (queue_id, priority, status, due_at, target_counter_id, counter_id, first_called_at, called_at, call_count,
              started_at, finished_at, served_by, application_id, near_sent, transfers, updated_at) ON ticket TO layan_app;

-- Transactional outbox (docs/NOTIFICATIONS.md): a change that must tell someone writes the message
-- here in its own transaction, so the message exists exactly when the change does; a worker sends
-- it afterwards, retrying with backoff, and marks it dead after the last attempt (admins see and
-- retry dead letters). `dedupe_key` names the event that caused the message, so a retried
-- transaction or a replayed request cannot enqueue it twice.

CREATE TABLE outbox_message (
  id               uuid PRIMARY KEY,
  -- The Pemda whose event it is; NULL for national messages (a citizen's own account).
  tenant_code      text COLLATE "C" REFERENCES tenant (region_code),
  channel          text NOT NULL CHECK (channel IN ('email', 'sms', 'whatsapp')),
  -- A lower-cased e-mail address or an E.164 phone number; personal data, never logged.
  recipient        text COLLATE "C" NOT NULL CHECK (length(recipient) BETWEEN 3 AND 254),
  template         text COLLATE "C" NOT NULL CHECK (template ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$'),
  language         text NOT NULL CHECK (language IN ('id', 'en')),
  data             jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(data) = 'object'),
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'dead')),
  attempts         integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  -- While 'sending': when the claim lapses, so a worker that died mid-send is retried.
  locked_until     timestamptz,
  last_error       text CHECK (length(last_error) <= 2000),
  dedupe_key       text COLLATE "C" UNIQUE CHECK (length(dedupe_key) BETWEEN 1 AND 200),
  created_at       timestamptz NOT NULL DEFAULT now(),
  sent_at          timestamptz,
  CHECK ((status = 'sent') = (sent_at IS NOT NULL))
);
CREATE INDEX outbox_message_due_idx ON outbox_message (next_attempt_at) WHERE status IN ('pending', 'sending');
CREATE INDEX outbox_message_dead_idx ON outbox_message (tenant_code, created_at) WHERE status = 'dead';

-- Any unit of work may enqueue (a citizen's sign-up as much as an officer's decision); reading and
-- changing messages is for the tenant's scope, and national messages for the national scope (the
-- worker runs with `*`).
ALTER TABLE outbox_message ENABLE ROW LEVEL SECURITY;
ALTER TABLE outbox_message FORCE ROW LEVEL SECURITY;
CREATE POLICY outbox_message_insert ON outbox_message FOR INSERT WITH CHECK (true);
CREATE POLICY outbox_message_read ON outbox_message FOR SELECT USING (layan_in_scope(tenant_code));
CREATE POLICY outbox_message_update ON outbox_message FOR UPDATE
  USING (layan_in_scope(tenant_code)) WITH CHECK (layan_in_scope(tenant_code));
GRANT SELECT, INSERT ON outbox_message TO layan_app;
GRANT UPDATE (status, attempts, next_attempt_at, locked_until, last_error, sent_at) ON outbox_message TO layan_app;

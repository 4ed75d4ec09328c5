-- The audit chain is extended at commit, not during the transaction
-- (docs/decisions/0016-audit-chain-sealed-at-commit.md, docs/AUDIT.md).
--
-- Before: layan_audit_append() took the chain's advisory lock in the middle of the caller's
-- transaction and held it across the round trip to the application and back for COMMIT, so every
-- audited writer waited for the slowest event loop among them. Now the transaction inserts its
-- entry into audit_pending (no lock, no chain), and a deferred constraint trigger seals it when
-- the transaction commits: lock, head, number, time, hash, insert into audit_log, all inside
-- PostgreSQL's commit processing. The lock is held from there to the end of that commit and
-- across no round trip. What the chain promises is unchanged: an entry is in audit_log, hashed
-- and chained, exactly when the change it records is committed.

-- Entries of transactions still running. Always empty between transactions: the seal deletes
-- each row in the transaction that wrote it, and a rolled-back row never existed. UNLOGGED, so
-- those short-lived rows write no WAL; after a crash PostgreSQL empties it, which is its state
-- anyway (a transaction cut off by a crash rolls back with its entry).
CREATE UNLOGGED TABLE audit_pending (
  id                 uuid PRIMARY KEY,
  tenant_code        text COLLATE "C",
  actor_type         text NOT NULL,
  actor_id           text,
  actor_role         text,
  action             text NOT NULL,
  target_type        text,
  target_id          text,
  ip                 text,
  request_id         text,
  detail             jsonb NOT NULL,
  -- The canonical JSON (RFC 8785) of the entry in three pieces around the two values only known
  -- under the lock, occurred_at and seq (audit.chain.ts canonicalAuditPieces).
  before_occurred_at text NOT NULL,
  before_seq         text NOT NULL,
  after_seq          text NOT NULL
);
-- Scoped transactions may add entries; only the seal (running as the owner) reads or removes them.
GRANT INSERT ON audit_pending TO layan_app;

-- Seals one pending entry. Deferred triggers fire in the order their rows were inserted, so the
-- entries of one transaction keep their order. The lock key is the one the old appender used
-- (migrate.ts uses …001). VOLATILE (as every trigger function): the SELECT takes a fresh snapshot
-- after the lock is granted, so it sees the entry of the transaction that held the lock before
-- (whose locks are released only after its commit is visible). Must run under READ COMMITTED, as
-- before. SECURITY DEFINER so that the application role needs no DELETE on audit_pending.
CREATE FUNCTION layan_audit_seal() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  head_seq  bigint;
  head_hash text;
  v_seq     bigint;
  v_prev    text;
  v_at      timestamptz;
  v_text    text;
BEGIN
  PERFORM pg_advisory_xact_lock(7042020002);
  SELECT a.seq, a.hash INTO head_seq, head_hash FROM audit_log a ORDER BY a.seq DESC LIMIT 1;
  v_seq := coalesce(head_seq, 0) + 1;
  v_prev := coalesce(head_hash, repeat('0', 64));
  v_at := clock_timestamp();
  v_text := NEW.before_occurred_at
         || to_json(to_char(v_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))::text
         || NEW.before_seq || v_seq::text || NEW.after_seq;
  INSERT INTO audit_log (seq, id, occurred_at, tenant_code, actor_type, actor_id, actor_role, action,
                         target_type, target_id, ip, request_id, detail, prev_hash, hash)
  VALUES (v_seq, NEW.id, v_at, NEW.tenant_code, NEW.actor_type, NEW.actor_id, NEW.actor_role, NEW.action,
          NEW.target_type, NEW.target_id, NEW.ip, NEW.request_id, NEW.detail, v_prev,
          encode(sha256(convert_to(v_prev || v_text, 'UTF8')), 'hex'));
  DELETE FROM audit_pending WHERE id = NEW.id;
  RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION layan_audit_seal() FROM PUBLIC;

CREATE CONSTRAINT TRIGGER audit_pending_seal
  AFTER INSERT ON audit_pending
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION layan_audit_seal();

DROP FUNCTION layan_audit_append(uuid, text, text, text, text, text, text, text, text, text, jsonb, text, text, text);

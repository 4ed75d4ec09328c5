-- Fewer round trips on the hot paths (docs/decisions/0015-fewer-round-trips-on-hot-paths.md).
-- Each function does in one statement what took two to four; bench/RESULTS.md ("Application
-- submission") measured why that matters on a server whose event loop is busy.

-- Appends one audit entry (audit.service.ts appendAuditInTx, docs/AUDIT.md). Every audited
-- transaction holds the chain's lock from here until it commits, so every round trip taken while
-- holding it is one every other writer waits for: this does lock, head, hash and insert in one.
-- The application sends the entry's canonical JSON (RFC 8785) in three pieces around the two
-- values only known under the lock, `occurred_at` (the database clock, so it never decreases
-- along the chain) and `seq`; the verifier recomputes the whole text in the application, so the
-- two can never silently disagree. VOLATILE: the SELECT takes a fresh snapshot after the lock is
-- granted, so it sees the entry of the transaction that held the lock before. The lock key is the
-- one audit.repo.ts names (migrate.ts uses …001). Runs as the caller (INSERT on audit_log).
CREATE FUNCTION layan_audit_append(
  p_id uuid, p_tenant text, p_actor_type text, p_actor_id text, p_actor_role text, p_action text,
  p_target_type text, p_target_id text, p_ip text, p_request_id text, p_detail jsonb,
  p_before_occurred_at text, p_before_seq text, p_after_seq text
) RETURNS TABLE (seq bigint, occurred_at text, prev_hash text, hash text)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  head_seq  bigint;
  head_hash text;
  at        timestamptz;
BEGIN
  PERFORM pg_advisory_xact_lock(7042020002);
  SELECT a.seq, a.hash INTO head_seq, head_hash FROM audit_log a ORDER BY a.seq DESC LIMIT 1;
  seq := coalesce(head_seq, 0) + 1;
  prev_hash := coalesce(head_hash, repeat('0', 64));
  at := clock_timestamp();
  occurred_at := to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"');
  hash := encode(sha256(convert_to(
    prev_hash || p_before_occurred_at || to_json(occurred_at)::text || p_before_seq || seq::text || p_after_seq,
    'UTF8')), 'hex');
  INSERT INTO audit_log (seq, id, occurred_at, tenant_code, actor_type, actor_id, actor_role, action,
                         target_type, target_id, ip, request_id, detail, prev_hash, hash)
  VALUES (seq, p_id, at, p_tenant, p_actor_type, p_actor_id, p_actor_role, p_action,
          p_target_type, p_target_id, p_ip, p_request_id, p_detail, prev_hash, hash);
  RETURN NEXT;
END
$$;
GRANT EXECUTE ON FUNCTION layan_audit_append(uuid, text, text, text, text, text, text, text, text, text, jsonb, text, text, text) TO layan_app;

-- Enqueues an outbox message unless its dedupe key was used (outbox.repo.ts enqueueInTx). Not
-- INSERT … ON CONFLICT: under row-level security that also checks the SELECT policy, which a
-- citizen's or an anonymous scope does not pass. The exception block is a subtransaction, as the
-- savepoint it replaces was, in one round trip instead of three. Runs as the caller (the INSERT
-- policy lets every scope enqueue). True when the message was written.
CREATE FUNCTION layan_outbox_enqueue(
  p_id uuid, p_tenant text, p_channel text, p_recipient text, p_template text, p_language text,
  p_data jsonb, p_dedupe text
) RETURNS boolean
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  violated text;
BEGIN
  INSERT INTO outbox_message (id, tenant_code, channel, recipient, template, language, data, dedupe_key)
  VALUES (p_id, p_tenant, p_channel, p_recipient, p_template, p_language, p_data, p_dedupe);
  RETURN true;
EXCEPTION WHEN unique_violation THEN
  GET STACKED DIAGNOSTICS violated = CONSTRAINT_NAME;
  IF violated IS DISTINCT FROM 'outbox_message_dedupe_key_key' THEN
    RAISE;
  END IF;
  RETURN false;
END
$$;
GRANT EXECUTE ON FUNCTION layan_outbox_enqueue(uuid, text, text, text, text, text, jsonb, text) TO layan_app;

-- The citizen session a token hash names, in one statement outside any transaction of the
-- request (citizen.auth.service.ts resolveCitizenSession) instead of a transaction of four round
-- trips. It reads exactly what the citizen_session_read policy lets a holder of the token read:
-- the function names the token for that policy, which still applies (FORCE ROW LEVEL SECURITY).
CREATE FUNCTION layan_citizen_session(p_token_hash text) RETURNS SETOF citizen_session
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM set_config('layan.auth_token', p_token_hash, true);
  RETURN QUERY SELECT * FROM citizen_session s WHERE s.token_hash = p_token_hash;
END
$$;
REVOKE ALL ON FUNCTION layan_citizen_session(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION layan_citizen_session(text) TO layan_app;

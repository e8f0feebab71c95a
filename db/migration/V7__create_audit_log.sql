-- The tamper-evident audit trail (docs/audit.md): one hash chain over every row, monthly range
-- partitions on recorded_at, append-only for everybody (grants for the application role, a trigger
-- for everybody including the owner).

CREATE TABLE audit_log (
    -- chain position, gapless; assigned by the appender under the chain lock (not a sequence:
    -- sequences leave gaps on rollback, and a gap is how verify recognises a deleted row)
    seq          bigint      NOT NULL CHECK (seq > 0),
    -- never decreases along seq (the appender takes max(clock, head))
    recorded_at  timestamptz NOT NULL,
    -- version of the canonical row encoding the hash is computed over
    format       smallint    NOT NULL,
    kind         text        NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$'),
    actor_type   text        NOT NULL CHECK (actor_type IN ('system', 'operator', 'api_token')),
    actor_id     text        NOT NULL,
    site_id      text,
    incident_id  text,
    event_id     text,
    reason       text,
    -- json, not jsonb: kept as the exact text written, so the hashed bytes are the stored bytes
    details      json,
    dedup_key    text,
    prev_hash    bytea       NOT NULL CHECK (octet_length(prev_hash) = 32),
    hash         bytea       NOT NULL CHECK (octet_length(hash) = 32),
    -- a unique key of a partitioned table must contain the partition key; seq alone is unique in
    -- an intact chain, and verify reports a duplicate seq as an inserted row
    PRIMARY KEY (seq, recorded_at)
) PARTITION BY RANGE (recorded_at);

-- indexes for vigil audit query (site-day, incident, actor, event) and for the appender's repeat check
CREATE INDEX audit_log_site ON audit_log (site_id, recorded_at) WHERE site_id IS NOT NULL;
CREATE INDEX audit_log_incident ON audit_log (incident_id, recorded_at) WHERE incident_id IS NOT NULL;
CREATE INDEX audit_log_actor ON audit_log (actor_type, actor_id, recorded_at);
CREATE INDEX audit_log_event ON audit_log (event_id) WHERE event_id IS NOT NULL;
CREATE INDEX audit_log_dedup ON audit_log (dedup_key) WHERE dedup_key IS NOT NULL;

-- Append-only, for everybody: also the owner, a migration or an administrator by accident.
-- Retention detaches whole monthly partitions instead (docs/audit.md, "Retention").
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'retention detaches whole monthly partitions, see docs/audit.md';
END
$$;

-- row triggers of a partitioned table are cloned onto every partition, present and future
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
-- TRUNCATE triggers are not: TRUNCATE of a partition does not fire the parent's, so
-- audit_log_ensure_partition gives each partition its own
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

-- Creates (if missing) the partition of the calendar month (UTC) containing `moment`, and returns its
-- name. Runs as the owner (SECURITY DEFINER) so that the application role can create the next
-- month's partition without owning the table; that is all it lets the application role do.
-- The table is created standalone and then attached: ATTACH PARTITION takes a SHARE UPDATE
-- EXCLUSIVE lock on audit_log, which neither waits for nor blocks queries, verifications and
-- appends (CREATE TABLE ... PARTITION OF would take ACCESS EXCLUSIVE).
CREATE FUNCTION audit_log_ensure_partition(moment timestamptz) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = ${flyway:defaultSchema}, pg_temp
AS $$
DECLARE
    month_start timestamp := date_trunc('month', moment AT TIME ZONE 'UTC');
    month_end   timestamp := month_start + interval '1 month';
    part_name   text := 'audit_log_y' || to_char(month_start, 'YYYY') || 'm' || to_char(month_start, 'MM');
    attached    boolean;
BEGIN
    IF moment IS NULL THEN
        RAISE EXCEPTION 'audit_log_ensure_partition: moment must not be null';
    END IF;
    -- serialise concurrent callers (two receivers crossing into a new month together)
    PERFORM pg_advisory_xact_lock(hashtext('vigil.audit_log.partitions'));
    SELECT EXISTS (SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                   WHERE i.inhparent = 'audit_log'::regclass AND c.relname = part_name)
      INTO attached;
    IF attached THEN
        RETURN part_name;
    END IF;
    IF to_regclass(part_name) IS NOT NULL THEN
        RAISE EXCEPTION 'audit partition % exists but is detached (retention): a detached month takes no new rows', part_name;
    END IF;
    EXECUTE format('CREATE TABLE %I (LIKE audit_log INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part_name);
    EXECUTE format('ALTER TABLE audit_log ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
                   part_name, month_start AT TIME ZONE 'UTC', month_end AT TIME ZONE 'UTC');
    EXECUTE format('CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON %I'
                   ' FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()', part_name);
    EXECUTE format('REVOKE ALL ON %I FROM PUBLIC', part_name);
    RETURN part_name;
END
$$;

-- the current month and the next two; the appender creates later ones a month ahead
SELECT audit_log_ensure_partition(now() + make_interval(months => m)) FROM generate_series(0, 2) AS m;

REVOKE ALL ON audit_log FROM PUBLIC;
GRANT SELECT, INSERT ON audit_log TO ${app_role};
REVOKE ALL ON FUNCTION audit_log_ensure_partition(timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_log_ensure_partition(timestamptz) TO ${app_role};
REVOKE ALL ON FUNCTION audit_log_refuse_change() FROM PUBLIC;

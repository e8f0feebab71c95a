-- Transactional outbox (docs/escalation.md): every incident change is written here in the same
-- transaction as the change itself; the relay publishes the rows to the incidents topic, appends
-- them to the audit trail and only then marks them published. The insert trigger sends the
-- PostgreSQL NOTIFY for consoles, also inside that transaction (delivered at commit, never before).

CREATE TABLE incident_outbox (
    seq           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- the record's ce_id; deterministic from incident id and version, so a retried transaction
    -- writes the same id and the unique constraint keeps one row
    change_id     uuid        NOT NULL UNIQUE,
    incident_id   uuid        NOT NULL,
    version       bigint      NOT NULL,
    site_id       text        NOT NULL,
    change        text        NOT NULL,
    changed_at    timestamptz NOT NULL,
    -- the operator behind an operator change (audit actor), else NULL
    operator_id   text,
    -- the incidents record value (JSON) exactly as it is published
    payload       text        NOT NULL,
    published_at  timestamptz
);
CREATE INDEX incident_outbox_unpublished ON incident_outbox (seq) WHERE published_at IS NULL;
CREATE INDEX incident_outbox_published ON incident_outbox (published_at) WHERE published_at IS NOT NULL;

-- channel vigil_incidents, payload {"incident_id","change","site_id","change_id","version"} (small:
-- a console fetches the incident itself; NOTIFY payloads are limited to 8000 bytes)
CREATE FUNCTION incident_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('vigil_incidents', json_build_object(
        'incident_id', NEW.incident_id, 'change', NEW.change, 'site_id', NEW.site_id,
        'change_id', NEW.change_id, 'version', NEW.version)::text);
    RETURN NULL;
END
$$;

CREATE TRIGGER incident_outbox_notify AFTER INSERT ON incident_outbox
    FOR EACH ROW EXECUTE FUNCTION incident_outbox_notify();

REVOKE ALL ON incident_outbox FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE, DELETE ON incident_outbox TO ${app_role};

-- Heartbeat supervision settings (docs/escalation.md, "Supervision"): every enrolled, enabled site
-- (sites, V1) is supervised with vigil.supervision.default-interval unless it has a row here.

CREATE TABLE site_supervision (
    site_id          text        PRIMARY KEY REFERENCES sites (id),
    -- 1 s (SP6 is 20 s) to 25 h (SP2/DP1), as the supervision engine accepts
    interval_seconds integer     NOT NULL CHECK (interval_seconds BETWEEN 1 AND 90000),
    updated_at       timestamptz NOT NULL DEFAULT now()
);

-- One number bumped by every change to sites or site_supervision: the escalation route polls it and
-- reloads the supervised sites only when it moved.
CREATE TABLE supervision_registry_version (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    version   bigint  NOT NULL
);
INSERT INTO supervision_registry_version (singleton, version) VALUES (true, 0);

CREATE FUNCTION supervision_registry_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE supervision_registry_version SET version = version + 1;
    RETURN NULL;
END
$$;

CREATE TRIGGER sites_supervision_changed AFTER INSERT OR UPDATE ON sites
    FOR EACH STATEMENT EXECUTE FUNCTION supervision_registry_changed();
CREATE TRIGGER site_supervision_changed AFTER INSERT OR UPDATE OR DELETE ON site_supervision
    FOR EACH STATEMENT EXECUTE FUNCTION supervision_registry_changed();

REVOKE ALL ON site_supervision, supervision_registry_version FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE, DELETE ON site_supervision TO ${app_role};
GRANT SELECT, UPDATE ON supervision_registry_version TO ${app_role};

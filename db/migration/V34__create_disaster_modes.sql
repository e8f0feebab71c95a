-- Disaster mode (docs/automation.md, "Disaster mode"): while a mode is on for the centre (region
-- NULL) or a region, open incidents less urgent than its threshold are held out of the operators'
-- queue, never dropped, and come back when the mode ends.

ALTER TABLE site_records ADD COLUMN region text CHECK (region ~ '^[A-Za-z0-9._-]{1,64}$');
CREATE INDEX site_records_region ON site_records (region) WHERE region IS NOT NULL;

CREATE TABLE disaster_modes (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    region       text        CHECK (region ~ '^[A-Za-z0-9._-]{1,64}$'),
    -- incidents whose priority number is greater (less urgent) than this are held
    hold_above   smallint    NOT NULL CHECK (hold_above BETWEEN 1 AND 4),
    reason       text        NOT NULL,
    started_at   timestamptz NOT NULL,
    started_by   text        NOT NULL,
    ended_at     timestamptz,
    ended_by     text
);
-- at most one running mode per scope
CREATE UNIQUE INDEX disaster_modes_running ON disaster_modes (coalesce(region, '')) WHERE ended_at IS NULL;

-- whether an open incident of this site and priority is held now; the one place the rule lives
CREATE FUNCTION incident_held(p_site text, p_priority integer) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT EXISTS (
        SELECT 1 FROM disaster_modes d
        WHERE d.ended_at IS NULL AND p_priority > d.hold_above
          AND (d.region IS NULL OR d.region = (SELECT r.region FROM site_records r WHERE r.site_id = p_site)))
$$;

REVOKE ALL ON disaster_modes FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE ON disaster_modes TO ${app_role};
GRANT EXECUTE ON FUNCTION incident_held(text, integer) TO ${app_role};

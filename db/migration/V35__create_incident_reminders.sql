-- Reminders and tiers (docs/automation.md, "Reminders and tiers"): who was told about an
-- acknowledged incident not yet resolved. One row per incident, acknowledgement and tier, so a
-- repeated check tells nobody twice, and an incident acknowledged again (after a reopen) starts over.

CREATE TABLE incident_reminders (
    incident_id     uuid        NOT NULL REFERENCES incidents (id),
    acknowledged_at timestamptz NOT NULL,
    tier            smallint    NOT NULL CHECK (tier >= 1),
    told            text        NOT NULL,
    due_at          timestamptz NOT NULL,
    sent_at         timestamptz NOT NULL,
    PRIMARY KEY (incident_id, acknowledged_at, tier)
);

REVOKE ALL ON incident_reminders FROM PUBLIC;
GRANT SELECT, INSERT ON incident_reminders TO ${app_role};

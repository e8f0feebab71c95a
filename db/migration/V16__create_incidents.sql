-- Incidents: what an operator's queue is made of (docs/escalation.md). The escalation route
-- correlates canonical events into incidents; operators acknowledge, work, resolve and close them.
-- Every change is also written to incident_outbox (V5) in the same transaction.

CREATE TABLE incidents (
    -- deterministic: name-based UUID of site, category and the event (or supervision miss) that opened it
    id                    uuid        PRIMARY KEY,
    site_id               text        NOT NULL,
    category              text        NOT NULL,
    priority              smallint    NOT NULL CHECK (priority BETWEEN 1 AND 5),
    -- the allowed transitions are enforced in one place: io.vigil.escalation.IncidentTransitions
    state                 text        NOT NULL CHECK (state IN ('new', 'acknowledged', 'in_progress', 'resolved', 'closed')),
    title                 text        NOT NULL,
    opened_at             timestamptz NOT NULL,
    -- receiver accept times of the first and the latest event attached
    first_event_at        timestamptz NOT NULL,
    last_event_at         timestamptz NOT NULL,
    last_event_id         uuid,
    event_count           integer     NOT NULL CHECK (event_count >= 0),
    -- distinct zones of the attached events, sorted; zone_seen maps each to its latest event time
    zones                 text[]      NOT NULL DEFAULT '{}',
    zone_seen             jsonb       NOT NULL DEFAULT '{}',
    escalation_level      integer     NOT NULL DEFAULT 0 CHECK (escalation_level >= 0),
    -- when the escalation timer fires next; NULL once acknowledged or after the last step
    next_escalation_at    timestamptz,
    confirmed             boolean     NOT NULL DEFAULT false,
    confirmed_at          timestamptz,
    runaway               boolean     NOT NULL DEFAULT false,
    -- the condition ended (a restore arrived); the incident may still need an operator
    restored_at           timestamptz,
    -- set while a heartbeat-supervision miss of the site is attached and not yet restored
    supervision_missed_at timestamptz,
    acknowledged_by       text,
    acknowledged_at       timestamptz,
    resolved_by           text,
    resolved_at           timestamptz,
    closed_by             text,
    closed_at             timestamptz,
    -- bumped by every change; change ids and audit dedup keys derive from (id, version)
    version               bigint      NOT NULL CHECK (version > 0),
    updated_at            timestamptz NOT NULL
);

-- correlation: at most one open incident per site and category, also under concurrent writers
CREATE UNIQUE INDEX incidents_open_per_site_category ON incidents (site_id, category)
    WHERE state IN ('new', 'acknowledged', 'in_progress');
-- the latest finished incident of a site and category (reopen within the window, runaway)
CREATE INDEX incidents_finished_per_site_category ON incidents (site_id, category, last_event_at DESC)
    WHERE state IN ('resolved', 'closed');
-- the operators' queue: priority, then age
CREATE INDEX incidents_queue ON incidents (priority, opened_at)
    WHERE state IN ('new', 'acknowledged', 'in_progress');
-- the escalation timer's claim
CREATE INDEX incidents_escalation_due ON incidents (next_escalation_at)
    WHERE next_escalation_at IS NOT NULL;
CREATE INDEX incidents_supervision_open ON incidents (site_id)
    WHERE supervision_missed_at IS NOT NULL AND state IN ('new', 'acknowledged', 'in_progress');

-- Each event belongs to at most one incident: the primary key is what makes a replay harmless.
CREATE TABLE incident_events (
    event_id     uuid        PRIMARY KEY,
    incident_id  uuid        NOT NULL REFERENCES incidents (id),
    site_id      text        NOT NULL,
    device_id    text,
    class        text        NOT NULL,
    category     text        NOT NULL,
    qualifier    text,
    code         text,
    zone         text,
    area         text,
    user_id      text,
    priority     smallint    NOT NULL,
    description  text        NOT NULL,
    occurred_at  timestamptz NOT NULL,
    received_at  timestamptz NOT NULL,
    attached_at  timestamptz NOT NULL,
    -- 'event' (a canonical event) or 'supervision' (a missed deadline or a restoring heartbeat)
    source       text        NOT NULL CHECK (source IN ('event', 'supervision')),
    -- attached as excess of a runaway zone
    excess       boolean     NOT NULL DEFAULT false
);
CREATE INDEX incident_events_incident ON incident_events (incident_id, received_at);

CREATE TABLE incident_notes (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    incident_id  uuid        NOT NULL REFERENCES incidents (id),
    operator_id  text        NOT NULL,
    -- the operator change the note came with (acknowledged, resolved, ...), or NULL for a plain note
    change       text,
    note         text        NOT NULL CHECK (length(note) BETWEEN 1 AND 4000),
    created_at   timestamptz NOT NULL
);
CREATE INDEX incident_notes_incident ON incident_notes (incident_id, id);

-- Runaway detection: one token bucket per site and zone ('' for signals without a zone), refilled by
-- event time so that a replay consumes exactly what the first pass consumed.
CREATE TABLE runaway_buckets (
    site_id      text             NOT NULL,
    zone         text             NOT NULL,
    tokens       double precision NOT NULL,
    refilled_at  timestamptz      NOT NULL,
    PRIMARY KEY (site_id, zone)
);

REVOKE ALL ON incidents, incident_events, incident_notes, runaway_buckets FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE ON incidents TO ${app_role};
GRANT SELECT, INSERT ON incident_events, incident_notes TO ${app_role};
GRANT SELECT, INSERT, UPDATE ON runaway_buckets TO ${app_role};

-- Periodic tests and "on test" mode (docs/automation.md, "Periodic tests and on-test mode").

-- a site's expected periodic test (Contact ID 602/603, SIA RP/TX), supervised apart from heartbeats
CREATE TABLE site_test_intervals (
    site_id      text        PRIMARY KEY REFERENCES sites (id),
    interval_s   integer     NOT NULL CHECK (interval_s BETWEEN 60 AND 2764800),
    grace_s      integer     NOT NULL CHECK (grace_s BETWEEN 0 AND 86400),
    last_test_at timestamptz,
    -- the deadline a test_missed incident was raised for (at most one per deadline)
    raised_for   timestamptz,
    created_at   timestamptz NOT NULL,
    updated_by   text        NOT NULL
);

-- a site (zones empty) or some of its zones on test for a bounded time: their signals open no incident
CREATE TABLE site_on_test (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    site_id    text        NOT NULL REFERENCES sites (id),
    zones      text[]      NOT NULL DEFAULT '{}',
    starts_at  timestamptz NOT NULL,
    until      timestamptz NOT NULL CHECK (until > starts_at),
    reason     text        NOT NULL,
    set_by     text        NOT NULL,
    ended_at   timestamptz,
    ended_by   text
);
CREATE INDEX site_on_test_site ON site_on_test (site_id, until);

-- signals kept away from incidents because their site or zone was on test
CREATE TABLE site_test_traffic (
    event_id    uuid        PRIMARY KEY,
    on_test_id  bigint      NOT NULL REFERENCES site_on_test (id),
    site_id     text        NOT NULL,
    zone        text,
    class       text        NOT NULL,
    category    text        NOT NULL,
    code        text,
    description text        NOT NULL,
    at          timestamptz NOT NULL
);
CREATE INDEX site_test_traffic_site ON site_test_traffic (site_id, at);

REVOKE ALL ON site_test_intervals, site_on_test, site_test_traffic FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE, DELETE ON site_test_intervals TO ${app_role};
GRANT SELECT, INSERT, UPDATE ON site_on_test TO ${app_role};
GRANT SELECT, INSERT ON site_test_traffic TO ${app_role};

-- Open/close schedules (docs/automation.md, "Open/close schedules"): weekly windows in the site's
-- time zone (site_records.time_zone), dates that do not follow the week (holidays, temporary
-- changes), the open/close reports received, and how far each site has been checked.

CREATE TABLE site_schedules (
    site_id         text        PRIMARY KEY REFERENCES sites (id),
    open_grace_s    integer     NOT NULL CHECK (open_grace_s BETWEEN 0 AND 86400),
    close_grace_s   integer     NOT NULL CHECK (close_grace_s BETWEEN 0 AND 86400),
    -- exceptions due up to this instant have been raised; the checker goes on from here
    checked_until   timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    updated_by      text        NOT NULL
);

CREATE TABLE site_schedule_windows (
    site_id     text     NOT NULL REFERENCES site_schedules (site_id) ON DELETE CASCADE,
    day_of_week smallint NOT NULL CHECK (day_of_week BETWEEN 1 AND 7),
    opens_at    time     NOT NULL,
    closes_at   time     NOT NULL CHECK (closes_at > opens_at),
    PRIMARY KEY (site_id, day_of_week, opens_at)
);

-- a date with no window row of its own (opens_at NULL) is a holiday: closed all day
CREATE TABLE site_schedule_days (
    site_id   text NOT NULL REFERENCES site_schedules (site_id) ON DELETE CASCADE,
    day       date NOT NULL,
    opens_at  time,
    closes_at time,
    reason    text NOT NULL,
    CHECK ((opens_at IS NULL) = (closes_at IS NULL)),
    CHECK (closes_at > opens_at)
);
CREATE UNIQUE INDEX site_schedule_days_window ON site_schedule_days (site_id, day, coalesce(opens_at, '00:00'));

-- open (disarm) and close (arm) reports as received (Contact ID 4xx, SIA OP/CL), user numbers kept
CREATE TABLE site_open_close (
    event_id uuid        PRIMARY KEY,
    site_id  text        NOT NULL,
    at       timestamptz NOT NULL,
    open     boolean     NOT NULL,
    user_id  text
);
CREATE INDEX site_open_close_site ON site_open_close (site_id, at);

REVOKE ALL ON site_schedules, site_schedule_windows, site_schedule_days, site_open_close FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE, DELETE ON site_schedules, site_schedule_windows, site_schedule_days TO ${app_role};
GRANT SELECT, INSERT ON site_open_close TO ${app_role};

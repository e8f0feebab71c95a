-- Action plans and their outcomes on incidents (docs/automation.md, "Action plans").

CREATE TABLE action_plans (
    id         text        PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
    category   text        NOT NULL,
    -- NULL: the centre's plan for the category; set: that site's override
    site_id    text        REFERENCES sites (id),
    name       text        NOT NULL,
    updated_at timestamptz NOT NULL,
    updated_by text        NOT NULL
);
CREATE UNIQUE INDEX action_plans_centre ON action_plans (category) WHERE site_id IS NULL;
CREATE UNIQUE INDEX action_plans_site ON action_plans (site_id, category) WHERE site_id IS NOT NULL;

CREATE TABLE action_plan_steps (
    plan_id     text    NOT NULL REFERENCES action_plans (id) ON DELETE CASCADE,
    position    integer NOT NULL CHECK (position >= 1),
    step_type   text    NOT NULL CHECK (step_type IN ('instruction', 'call_list', 'verify_password', 'dispatch',
                                                      'notify_email', 'wait_restore')),
    instruction text    NOT NULL,
    mandatory   boolean NOT NULL,
    params      jsonb   NOT NULL DEFAULT '{}',
    PRIMARY KEY (plan_id, position)
);

-- the plan an incident is worked with, copied when first looked at: a later edit of the plan does
-- not change the steps of an incident being worked
CREATE TABLE incident_plans (
    incident_id uuid        PRIMARY KEY REFERENCES incidents (id),
    plan_id     text,
    plan_name   text,
    steps       jsonb       NOT NULL,
    attached_at timestamptz NOT NULL
);

-- append-only: a correction is a new row
CREATE TABLE incident_step_outcomes (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    incident_id uuid        NOT NULL REFERENCES incident_plans (incident_id),
    position    integer     NOT NULL,
    outcome     text        NOT NULL,
    contact     integer,
    reference   text,
    note        text,
    operator_id text        NOT NULL,
    recorded_at timestamptz NOT NULL
);
CREATE INDEX incident_step_outcomes_incident ON incident_step_outcomes (incident_id, id);

REVOKE ALL ON action_plans, action_plan_steps, incident_plans, incident_step_outcomes FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE, DELETE ON action_plans, action_plan_steps TO ${app_role};
-- UPDATE only for the row lock (SELECT ... FOR UPDATE) that serialises outcome checks of one incident
GRANT SELECT, INSERT, UPDATE ON incident_plans TO ${app_role};
GRANT SELECT, INSERT ON incident_step_outcomes TO ${app_role};

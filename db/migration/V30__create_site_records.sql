-- Site records for operators (docs/automation.md): address, areas, zones, contacts in call order,
-- verbal passwords (Argon2id hashes, never clear text) and responding agencies. All keyed by a
-- registered site; nothing here is identity or trust (that is the key registry, V1).

CREATE TABLE site_records (
    site_id      text        PRIMARY KEY REFERENCES sites (id),
    address      text,
    latitude     double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude    double precision CHECK (longitude BETWEEN -180 AND 180),
    time_zone    text        NOT NULL DEFAULT 'UTC',
    instructions text,
    updated_at   timestamptz NOT NULL,
    updated_by   text        NOT NULL,
    CHECK ((latitude IS NULL) = (longitude IS NULL))
);

CREATE TABLE site_areas (
    site_id     text NOT NULL REFERENCES sites (id),
    area        text NOT NULL CHECK (area ~ '^[A-Za-z0-9]{1,16}$'),
    description text NOT NULL,
    PRIMARY KEY (site_id, area)
);

CREATE TABLE site_zones (
    site_id     text NOT NULL REFERENCES sites (id),
    zone        text NOT NULL CHECK (zone ~ '^[A-Za-z0-9]{1,16}$'),
    -- the zone without leading zeros when it is all digits: events say "012" or "12" for the same zone
    zone_key    text NOT NULL,
    area        text,
    description text NOT NULL,
    zone_type   text NOT NULL CHECK (zone_type IN ('entry_exit', 'perimeter', 'interior', 'fire', 'panic', 'holdup',
                                                   'medical', 'gas', 'water', 'technical', 'tamper', 'keyswitch', 'other')),
    PRIMARY KEY (site_id, zone_key)
);

CREATE TABLE site_contacts (
    site_id      text    NOT NULL REFERENCES sites (id),
    call_order   integer NOT NULL CHECK (call_order >= 1),
    name         text    NOT NULL,
    role         text    NOT NULL CHECK (role IN ('keyholder', 'contact', 'manager')),
    phone        text,
    email        text,
    availability text    NOT NULL DEFAULT 'always',
    means        text    NOT NULL CHECK (means IN ('phone', 'email', 'phone,email')),
    PRIMARY KEY (site_id, call_order)
);

CREATE TABLE site_passwords (
    site_id text    NOT NULL REFERENCES sites (id),
    label   text    NOT NULL,
    hash    text    NOT NULL CHECK (hash LIKE '$argon2id$%'),
    duress  boolean NOT NULL DEFAULT false,
    PRIMARY KEY (site_id, label)
);

CREATE TABLE site_agencies (
    site_id   text NOT NULL REFERENCES sites (id),
    position  integer NOT NULL CHECK (position >= 1),
    kind      text NOT NULL CHECK (kind IN ('police', 'fire', 'ambulance', 'guard', 'other')),
    name      text NOT NULL,
    phone     text,
    reference text,
    PRIMARY KEY (site_id, position)
);

REVOKE ALL ON site_records, site_areas, site_zones, site_contacts, site_passwords, site_agencies FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE, DELETE ON site_records, site_areas, site_zones, site_contacts, site_passwords,
    site_agencies TO ${app_role};

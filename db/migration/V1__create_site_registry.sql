-- The key registry: which sites exist and which public keys may sign their envelopes
-- (docs/envelope.md). Nothing is ever deleted: a key is retired by not_after or revoked_at, a site
-- by disabled_at, so an audit can always tell which key signed what.

CREATE TABLE sites (
    id          text        PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    name        text        NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now(),
    disabled_at timestamptz
);

CREATE TABLE site_keys (
    site_id       text        NOT NULL REFERENCES sites (id),
    kid           text        NOT NULL CHECK (kid ~ '^[A-Za-z0-9._:-]{1,64}$'),
    alg           text        NOT NULL CHECK (alg IN ('EdDSA', 'ES256')),
    -- X.509 SubjectPublicKeyInfo, DER
    public_key    bytea       NOT NULL,
    not_before    timestamptz NOT NULL DEFAULT now(),
    not_after     timestamptz,
    revoked_at    timestamptz,
    revoke_reason text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (site_id, kid),
    CHECK (not_after IS NULL OR not_after > not_before),
    CHECK ((revoked_at IS NULL) = (revoke_reason IS NULL))
);

-- One row, bumped by every change to sites or site_keys: a receiver's key cache polls this single
-- number and reloads only when it moved. Reading it in the same snapshot as the keys makes the
-- reload consistent; updating it serialises concurrent registry writers.
CREATE TABLE key_registry_version (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    version   bigint  NOT NULL
);
INSERT INTO key_registry_version (singleton, version) VALUES (true, 0);

-- ... and the NOTIFY makes a revocation effective in well under the poll interval.
CREATE FUNCTION key_registry_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE key_registry_version SET version = version + 1;
    IF TG_TABLE_NAME = 'sites' THEN
        PERFORM pg_notify('vigil_key_registry', NEW.id);
    ELSE
        PERFORM pg_notify('vigil_key_registry', NEW.site_id);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER sites_changed AFTER INSERT OR UPDATE ON sites
    FOR EACH ROW EXECUTE FUNCTION key_registry_changed();
CREATE TRIGGER site_keys_changed AFTER INSERT OR UPDATE ON site_keys
    FOR EACH ROW EXECUTE FUNCTION key_registry_changed();

GRANT SELECT, INSERT, UPDATE ON sites, site_keys TO ${app_role};
GRANT SELECT, UPDATE ON key_registry_version TO ${app_role};

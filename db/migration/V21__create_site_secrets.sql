-- Trust profiles per site and the symmetric keys of the dc09-aes and owntracks-secret profiles
-- (docs/envelope.md, "Trust profiles"). Like site_keys nothing is deleted: a secret ends by
-- not_after or revoked_at. The secret is stored wrapped (AES-256-GCM under the receiver's
-- key-encryption key, which is not in the database).

ALTER TABLE sites ADD COLUMN trust_profile text NOT NULL DEFAULT 'signed'
    CHECK (trust_profile IN ('signed', 'dc09-aes', 'owntracks-secret', 'transport-only'));

-- A DC-09 account belongs to one site (the account is what a panel's frame names).
CREATE TABLE dc09_accounts (
    account    text        PRIMARY KEY CHECK (account ~ '^[A-Za-z0-9]{1,16}$'),
    site_id    text        NOT NULL REFERENCES sites (id),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE site_secrets (
    site_id       text        NOT NULL REFERENCES sites (id),
    secret_id     text        NOT NULL CHECK (secret_id ~ '^[A-Za-z0-9._:-]{1,64}$'),
    kind          text        NOT NULL CHECK (kind IN ('dc09-aes', 'owntracks-secret')),
    account       text        REFERENCES dc09_accounts (account),
    -- 12-byte GCM nonce || ciphertext || 16-byte tag
    wrapped       bytea       NOT NULL,
    kek_id        text        NOT NULL CHECK (kek_id ~ '^[0-9a-f]{16}$'),
    not_before    timestamptz NOT NULL DEFAULT now(),
    not_after     timestamptz,
    revoked_at    timestamptz,
    revoke_reason text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (site_id, secret_id),
    CHECK ((kind = 'dc09-aes') = (account IS NOT NULL)),
    CHECK (not_after IS NULL OR not_after > not_before),
    CHECK ((revoked_at IS NULL) = (revoke_reason IS NULL))
);

CREATE TRIGGER site_secrets_changed AFTER INSERT OR UPDATE ON site_secrets
    FOR EACH ROW EXECUTE FUNCTION key_registry_changed();
CREATE TRIGGER dc09_accounts_changed AFTER INSERT OR UPDATE ON dc09_accounts
    FOR EACH ROW EXECUTE FUNCTION key_registry_changed();

GRANT SELECT, INSERT, UPDATE ON site_secrets, dc09_accounts TO ${app_role};

-- Operator accounts and console sessions (docs/console.md). Accounts are never deleted (audit rows
-- name them); a disabled account cannot sign in. Passwords are stored only as Argon2id PHC strings,
-- session secrets only as their SHA-256.

CREATE TABLE operator_accounts (
    name            text        PRIMARY KEY CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$'),
    role            text        NOT NULL CHECK (role IN ('operator', 'supervisor', 'technician', 'auditor', 'admin')),
    password_hash   text        NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
    -- RFC 6238 secret (20 bytes) or NULL: no second factor
    totp_secret     bytea       CHECK (totp_secret IS NULL OR octet_length(totp_secret) BETWEEN 16 AND 64),
    -- the newest TOTP time step accepted: a code is good once
    totp_last_step  bigint,
    failed_sign_ins integer     NOT NULL DEFAULT 0 CHECK (failed_sign_ins >= 0),
    locked_until    timestamptz,
    created_at      timestamptz NOT NULL,
    password_set_at timestamptz NOT NULL,
    disabled_at     timestamptz,
    disabled_reason text,
    CHECK ((disabled_at IS NULL) = (disabled_reason IS NULL))
);

CREATE TABLE operator_sessions (
    id           text        PRIMARY KEY CHECK (id ~ '^ses_[a-z0-9]{16}$'),
    secret_hash  bytea       NOT NULL UNIQUE CHECK (octet_length(secret_hash) = 32),
    operator     text        NOT NULL REFERENCES operator_accounts (name),
    csrf_token   text        NOT NULL,
    client       text        NOT NULL,
    created_at   timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    ended_at     timestamptz,
    end_reason   text,
    CHECK ((ended_at IS NULL) = (end_reason IS NULL))
);
CREATE INDEX operator_sessions_live ON operator_sessions (operator) WHERE ended_at IS NULL;

GRANT SELECT, INSERT, UPDATE ON operator_accounts TO ${app_role};
GRANT SELECT, INSERT, UPDATE ON operator_sessions TO ${app_role};

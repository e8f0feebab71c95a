-- API tokens (docs/api.md, "Authentication"). A token is shown once, when it is created; only its
-- SHA-256 is stored. Tokens are never deleted: an audit row names the token id that acted, and the
-- row must keep explaining who that was. A token ends by expires_at or by revocation.

CREATE TABLE api_tokens (
    id            text        PRIMARY KEY CHECK (id ~ '^tok_[a-z0-9]{16}$'),
    -- SHA-256 of the whole token text (vgl_...): a 256-bit random secret needs no slow hash
    token_hash    bytea       NOT NULL UNIQUE CHECK (octet_length(token_hash) = 32),
    principal     text        NOT NULL CHECK (principal ~ '^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$'),
    role          text        NOT NULL CHECK (role IN ('operator', 'supervisor', 'auditor', 'admin')),
    description   text        NOT NULL DEFAULT '' CHECK (char_length(description) <= 200),
    created_at    timestamptz NOT NULL,
    created_by    text        NOT NULL,
    expires_at    timestamptz NOT NULL,
    revoked_at    timestamptz,
    revoked_by    text,
    revoke_reason text,
    CHECK (expires_at > created_at),
    CHECK ((revoked_at IS NULL) = (revoked_by IS NULL) AND (revoked_at IS NULL) = (revoke_reason IS NULL))
);

-- A revocation is final: neither the application nor an owner's slip can bring a token back or
-- rewrite who revoked it and why.
CREATE FUNCTION api_tokens_revocation_is_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.revoked_at IS NOT NULL THEN
        RAISE EXCEPTION 'api token % is revoked; a revocation cannot be changed', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER api_tokens_revocation_is_final BEFORE UPDATE ON api_tokens
    FOR EACH ROW EXECUTE FUNCTION api_tokens_revocation_is_final();

GRANT SELECT, INSERT ON api_tokens TO ${app_role};
GRANT UPDATE (revoked_at, revoked_by, revoke_reason) ON api_tokens TO ${app_role};

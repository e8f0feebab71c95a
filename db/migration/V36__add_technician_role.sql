-- A technician role (issue 18, "on test"): installs and services equipment, puts sites on test,
-- handles no incident (docs/api.md, "Roles").
ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_role_check;
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_role_check
    CHECK (role IN ('operator', 'supervisor', 'technician', 'auditor', 'admin'));

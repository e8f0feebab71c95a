-- Roles and database for Vigil. Run once by a superuser: by scripts/services (psql as the
-- postgres OS user) and by the postgres image (mounted into /docker-entrypoint-initdb.d).
-- Idempotent. The passwords are development defaults: set your own in production and pass them
-- to Vigil with VIGIL_DB_OWNER_PASSWORD / VIGIL_DB_PASSWORD.
--
--   vigil      owns the schema; Flyway migrates as this role; CREATEDB so tests get fresh databases
--   vigil_app  what the running receiver uses; the migrations grant it only what it needs
--              (for the audit trail: INSERT and SELECT, never UPDATE or DELETE)
SELECT 'CREATE ROLE vigil LOGIN CREATEDB PASSWORD ''vigil-dev-owner'''
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'vigil')\gexec
SELECT 'CREATE ROLE vigil_app LOGIN PASSWORD ''vigil-dev-app'''
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'vigil_app')\gexec
SELECT 'CREATE DATABASE vigil OWNER vigil'
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'vigil')\gexec
-- the application role is granted per database by the migrations; nobody else gets in
REVOKE ALL ON DATABASE vigil FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE vigil TO vigil_app;

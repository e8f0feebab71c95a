package io.vigil.api.auth;

/** What a route needs. Roles are sets of these ({@link Role}); docs/api.md has the table. */
public enum Permission {
    /** The incident queue, an incident's detail, the live stream of changes. */
    INCIDENT_READ,
    /** Acknowledge, claim, resolve, add a note. */
    INCIDENT_ACT,
    /** Close a resolved incident. */
    INCIDENT_CLOSE,
    /** List sites and their keys. */
    SITE_READ,
    /** Enrol sites, rotate and revoke their keys. */
    SITE_ADMIN,
    /** Query the audit trail and read its head. */
    AUDIT_READ,
    /** Create, list and revoke API tokens. */
    TOKEN_ADMIN,
    /** Read sites' records (address, zones, contacts, agencies; never passwords) and action plans. */
    RECORDS_READ,
    /** Replace sites' records and action plans. */
    RECORDS_ADMIN,
    /** Operator service-level reports. */
    REPORTS_READ,
    /** Start and end disaster modes. */
    DISASTER_MODE,
    /** Put a site, or some of its zones, on test for a bounded time, and end it (automation.md). */
    SITE_TEST
}

package io.vigil.api.auth;

import static io.vigil.api.auth.Permission.AUDIT_READ;
import static io.vigil.api.auth.Permission.DISASTER_MODE;
import static io.vigil.api.auth.Permission.INCIDENT_ACT;
import static io.vigil.api.auth.Permission.INCIDENT_CLOSE;
import static io.vigil.api.auth.Permission.INCIDENT_READ;
import static io.vigil.api.auth.Permission.RECORDS_ADMIN;
import static io.vigil.api.auth.Permission.RECORDS_READ;
import static io.vigil.api.auth.Permission.REPORTS_READ;
import static io.vigil.api.auth.Permission.SITE_ADMIN;
import static io.vigil.api.auth.Permission.SITE_READ;
import static io.vigil.api.auth.Permission.SITE_TEST;
import static io.vigil.api.auth.Permission.TOKEN_ADMIN;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The roles a token carries, each a fixed set of permissions (docs/api.md, "Roles"). Duties are
 * separated: the people who handle incidents cannot administer sites or tokens, the administrator
 * and the auditor can read but not act on incidents.
 */
public enum Role {
    // operators read sites (identity, trust profile, keys), read-only, as the console shows them (issue 17)
    OPERATOR(EnumSet.of(INCIDENT_READ, INCIDENT_ACT, SITE_READ, RECORDS_READ, SITE_TEST)),
    SUPERVISOR(EnumSet.of(INCIDENT_READ, INCIDENT_ACT, INCIDENT_CLOSE, SITE_READ, RECORDS_READ, REPORTS_READ, DISASTER_MODE,
            SITE_TEST)),
    /** Installs and services equipment: puts sites on test and sees what they send, but handles no incident. */
    TECHNICIAN(EnumSet.of(INCIDENT_READ, RECORDS_READ, SITE_TEST)),
    AUDITOR(EnumSet.of(INCIDENT_READ, SITE_READ, AUDIT_READ, RECORDS_READ, REPORTS_READ)),
    ADMIN(EnumSet.of(INCIDENT_READ, SITE_READ, AUDIT_READ, SITE_ADMIN, TOKEN_ADMIN, RECORDS_READ, RECORDS_ADMIN,
            REPORTS_READ));

    private final Set<Permission> permissions;
    private final String wireName = name().toLowerCase(Locale.ROOT);

    Role(EnumSet<Permission> permissions) {
        this.permissions = Collections.unmodifiableSet(permissions);
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    public boolean may(Permission permission) {
        return permissions.contains(permission);
    }

    /** {@code operator}, {@code supervisor}, {@code technician}, {@code auditor}, {@code admin}: as stored and as sent. */
    public String wireName() {
        return wireName;
    }

    /** The role with this wire name; IllegalArgumentException for anything else. */
    public static Role parse(String name) {
        for (Role role : values()) {
            if (role.wireName.equals(name)) {
                return role;
            }
        }
        throw new IllegalArgumentException("role must be one of operator, supervisor, technician, auditor, admin");
    }
}

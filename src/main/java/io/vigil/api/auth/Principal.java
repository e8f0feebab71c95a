package io.vigil.api.auth;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Who is calling: the person (or system) a token was issued to, the token's id and its role.
 * The name is what the audit trail records as the actor; the token id goes into the details.
 */
public record Principal(String name, String tokenId, Role role, Instant expiresAt) {

    /** Principal names: letters, digits and {@code . _ @ -}, so they are safe in logs, audit and CSV. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

    public boolean may(Permission permission) {
        return role.may(permission);
    }

    public static String requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a principal is 1-64 characters of letters, digits, '.', '_', '@' or '-',"
                    + " starting with a letter or digit");
        }
        return name;
    }
}

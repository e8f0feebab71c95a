package io.vigil.api.auth;

import java.time.Instant;

/** A row of {@code api_tokens}, without its hash (which never leaves {@link ApiTokens}). */
public record TokenRecord(String id, String principal, Role role, String description, Instant createdAt,
                          String createdBy, Instant expiresAt, Instant revokedAt, String revokedBy,
                          String revokeReason) {

    public enum Status { ACTIVE, EXPIRED, REVOKED }

    public Status statusAt(Instant at) {
        if (revokedAt != null) {
            return Status.REVOKED;
        }
        return at.isBefore(expiresAt) ? Status.ACTIVE : Status.EXPIRED;
    }
}

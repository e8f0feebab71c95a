package io.vigil.trust.keys;

import io.vigil.trust.TrustProfile;
import java.time.Instant;

/** A row of {@code sites}. {@code disabledAt} is null while the site may send. */
public record SiteRecord(String id, String name, Instant createdAt, Instant disabledAt, TrustProfile trustProfile) {

    /** A {@code signed} site (the default profile). */
    public SiteRecord(String id, String name, Instant createdAt, Instant disabledAt) {
        this(id, name, createdAt, disabledAt, TrustProfile.SIGNED);
    }
}

package io.vigil.trust.keys;

import java.time.Instant;

/** A row of {@code sites}. {@code disabledAt} is null while the site may send. */
public record SiteRecord(String id, String name, Instant createdAt, Instant disabledAt) {}

package io.vigil.supervision;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A site missed its deadline: the start of a communications-failure incident. Reported once; the
 * site's next heartbeat that counts is a {@link HeartbeatOutcome.Restored}.
 *
 * @param lastHeartbeat empty if the site was never heard from since it was registered
 */
public record Missed(String siteId, Instant deadline, Optional<Instant> lastHeartbeat) {
    public Missed {
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(lastHeartbeat, "lastHeartbeat");
    }
}

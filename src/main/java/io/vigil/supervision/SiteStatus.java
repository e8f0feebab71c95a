package io.vigil.supervision;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One supervised site as the engine sees it.
 *
 * @param interval the site's own interval if {@code intervalOverridden}, else the default
 * @param deadline when a healthy site must be heard from; for a site in failure, the deadline it missed
 */
public record SiteStatus(String siteId, Duration interval, boolean intervalOverridden,
                         Optional<Instant> lastHeartbeat, Instant deadline, boolean inFailure) {
}

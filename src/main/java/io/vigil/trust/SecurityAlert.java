package io.vigil.trust;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A burst of rejected messages from one site: someone may be probing, replaying or using a
 * revoked key. Raised once per burst window.
 *
 * @param count   rejects inside the window when the alert was raised
 * @param reasons those rejects by reason code
 */
public record SecurityAlert(String site, int count, Map<String, Integer> reasons, Instant firstAt, Instant lastAt,
                            Duration window) {}

package io.vigil.supervision;

import java.time.Instant;
import java.util.Objects;

/** What one heartbeat did to the supervision of its site. */
public sealed interface HeartbeatOutcome {

    String siteId();

    /** The site is supervised and healthy; it must be heard from again by {@code deadline}. */
    record Ok(String siteId, Instant deadline) implements HeartbeatOutcome {
        public Ok {
            Objects.requireNonNull(siteId, "siteId");
            Objects.requireNonNull(deadline, "deadline");
        }
    }

    /** The site was in communications failure since {@code missedSince} (the deadline it missed) and is back. */
    record Restored(String siteId, Instant missedSince, Instant heartbeatAt) implements HeartbeatOutcome {
        public Restored {
            Objects.requireNonNull(siteId, "siteId");
            Objects.requireNonNull(missedSince, "missedSince");
            Objects.requireNonNull(heartbeatAt, "heartbeatAt");
        }
    }

    /**
     * The site is in failure and stays there: the heartbeat is so old (a late redelivery) that
     * even counted from it the site would be overdue now.
     */
    record Stale(String siteId, Instant missedSince, Instant heartbeatAt) implements HeartbeatOutcome {
        public Stale {
            Objects.requireNonNull(siteId, "siteId");
            Objects.requireNonNull(missedSince, "missedSince");
            Objects.requireNonNull(heartbeatAt, "heartbeatAt");
        }
    }

    /** The site is not supervised. The engine never registers a site by itself. */
    record Unknown(String siteId) implements HeartbeatOutcome {
        public Unknown {
            Objects.requireNonNull(siteId, "siteId");
        }
    }
}

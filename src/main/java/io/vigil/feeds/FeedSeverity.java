package io.vigil.feeds;

/** Vigil priority (1 highest .. 5 lowest) on the scales of the feed formats. */
public final class FeedSeverity {

    private FeedSeverity() {}

    /** CEF Severity 0..10: 1 → 10, 2 → 8, 3 → 6, 4 → 4, 5 → 2 (ArcSight: very-high, high, medium, medium, low). */
    public static int cef(int priority) {
        check(priority);
        return 12 - 2 * priority;
    }

    /** RFC 5424 severity: 1 → 2 critical, 2 → 3 error, 3 → 4 warning, 4 → 5 notice, 5 → 6 informational. */
    public static int syslog(int priority) {
        check(priority);
        return priority + 1;
    }

    private static void check(int priority) {
        if (priority < 1 || priority > 5) {
            throw new IllegalArgumentException("priority must be 1..5: " + priority);
        }
    }
}

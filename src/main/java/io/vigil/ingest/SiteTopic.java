package io.vigil.ingest;

import io.vigil.pki.DevPki;
import java.util.Optional;

/**
 * The site a topic belongs to: {@code sites/<site-id>/...}. The broker's ACL lets only the client
 * whose certificate CN is {@code <site-id>} write there, so this is the proven MQTT identity of
 * the publisher.
 */
public final class SiteTopic {

    public static final String PREFIX = "sites/";

    private SiteTopic() {}

    public static Optional<String> siteOf(String topic) {
        if (topic == null || !topic.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int end = topic.indexOf('/', PREFIX.length());
        if (end < 0) {
            return Optional.empty();
        }
        String site = topic.substring(PREFIX.length(), end);
        return DevPki.SITE_ID.matcher(site).matches() ? Optional.of(site) : Optional.empty();
    }
}

package io.vigil.trust;

import io.vigil.trust.envelope.Ids;

/** Topics are {@code sites/<site id>/<at least one more level>}; the broker's ACL ties the site id to the client certificate. */
public final class TopicSites {

    private static final String PREFIX = "sites/";

    private TopicSites() {}

    /** The site id of a well-formed topic, or null. */
    public static String siteOf(String topic) {
        if (topic == null || !topic.startsWith(PREFIX)) {
            return null;
        }
        int slash = topic.indexOf('/', PREFIX.length());
        if (slash < 0 || slash == topic.length() - 1) {
            return null;
        }
        String site = topic.substring(PREFIX.length(), slash);
        return Ids.isName(site) ? site : null;
    }
}

package io.vigil.cluster;

/**
 * Which receiver slot owns a site (docs/cluster.md, "MQTT receiver slots"): a fixed function of the
 * site id and the number of slots, the same on every node, so that one site's messages are checked
 * on one node at a time, in order, against one replay memory. {@link String#hashCode()} is specified
 * by the Java language, so every JVM computes the same slot.
 */
public record SiteSlots(int slots) {

    public SiteSlots {
        if (slots < 1) {
            throw new IllegalArgumentException("at least one slot");
        }
    }

    /** The slot (1..slots) of a site; a topic that names no site goes by the topic itself. */
    public int slotOf(String siteOrTopic) {
        return siteOrTopic == null ? 1 : Math.floorMod(siteOrTopic.hashCode(), slots) + 1;
    }
}

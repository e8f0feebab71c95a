package io.vigil.trust.profile;

import java.util.regex.Pattern;

/**
 * The OwnTracks app's topic with its base topic set to {@code sites/<site>/owntracks/%u/%d}:
 * {@code sites/<site>/owntracks/<user>/<device>[/<subtopic>...]}. The device id is
 * {@code <user>.<device>}, unambiguous because neither part may contain a dot.
 */
record OwnTracksTopic(String user, String device) {
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_-]{1,31}");

    /** The topic's user and device, or null when it is not such a topic. */
    static OwnTracksTopic parse(String topic) {
        String[] levels = topic.split("/", -1);
        if (levels.length < 5 || !"owntracks".equals(levels[2]) || !PART.matcher(levels[3]).matches()
                || !PART.matcher(levels[4]).matches()) {
            return null;
        }
        return new OwnTracksTopic(levels[3], levels[4]);
    }

    String deviceId() {
        return user + "." + device;
    }
}

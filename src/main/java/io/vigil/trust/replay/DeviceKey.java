package io.vigil.trust.replay;

/** A device within a site. */
public record DeviceKey(String site, String device) {}

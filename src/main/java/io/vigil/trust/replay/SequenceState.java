package io.vigil.trust.replay;

/** A device's persisted sequence state: highest sequence number accepted and the window bitmap below it. */
public record SequenceState(DeviceKey device, long highWater, long windowBits) {}

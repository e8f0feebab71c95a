package io.vigil.simulate;

import io.vigil.trust.device.DeviceSigner;

/** One simulated site: its MQTT connection, its signer and what it last did (for restores and replays). */
public final class SimulatedSite {

    private final SiteConnection connection;
    private final DeviceSigner signer;
    private String openAlarmZone;
    private byte[] lastEnvelope;

    public SimulatedSite(SiteConnection connection, DeviceSigner signer) {
        this.connection = connection;
        this.signer = signer;
    }

    public SiteConnection connection() {
        return connection;
    }

    public DeviceSigner signer() {
        return signer;
    }

    String openAlarmZone() {
        return openAlarmZone;
    }

    void alarmRaised(String zone) {
        openAlarmZone = zone;
    }

    void alarmRestored() {
        openAlarmZone = null;
    }

    byte[] lastEnvelope() {
        return lastEnvelope;
    }

    void remember(byte[] envelope) {
        lastEnvelope = envelope;
    }
}

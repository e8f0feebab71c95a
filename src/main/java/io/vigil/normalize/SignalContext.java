package io.vigil.normalize;

import java.time.Instant;
import java.util.Objects;

/**
 * What the trust stage already proved about a signal: which site and device sent it, under which
 * message id and key, and when it was issued (envelope time) and received (receiver clock).
 * {@code assurance} is null for a signed envelope, else the site's trust profile's assurance
 * ({@code dc09-aes}, {@code owntracks-secret}, {@code transport}), copied onto every event.
 */
public record SignalContext(String siteId, String deviceId, String messageId, String keyId,
                            Instant issuedAt, Instant receivedAt, String assurance) {

    public SignalContext(String siteId, String deviceId, String messageId, String keyId, Instant issuedAt,
                         Instant receivedAt) {
        this(siteId, deviceId, messageId, keyId, issuedAt, receivedAt, null);
    }

    public SignalContext {
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}

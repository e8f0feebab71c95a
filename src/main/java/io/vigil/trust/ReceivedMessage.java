package io.vigil.trust;

import java.time.Instant;

/**
 * One MQTT message as the receiver got it.
 *
 * @param duplicate  the MQTT DUP flag on the delivery to the receiver: set by the broker itself when
 *                   it redelivers a message the receiver did not acknowledge (a site's own DUP flag
 *                   is not forwarded), so a site cannot set it
 * @param receivedAt the reference time for key validity and freshness; the ingest should pass the
 *                   time the broker received the message when it can tell (see docs/envelope.md)
 */
public record ReceivedMessage(String topic, byte[] payload, boolean duplicate, Instant receivedAt) {}

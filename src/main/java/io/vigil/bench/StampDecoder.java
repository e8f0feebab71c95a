package io.vigil.bench;

import java.util.Optional;

/**
 * Finds the stamp in what arrives at the far end (a Kafka record value, an MQTT payload). Empty for
 * anything that is not a benchmark message. A stage that transforms the message (normalisation)
 * needs a decoder that digs the stamp out of its output.
 */
@FunctionalInterface
public interface StampDecoder {
    Optional<BenchStamp> decode(byte[] bytes);
}

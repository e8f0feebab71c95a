package io.vigil.bench;

/**
 * Turns a stamp into the MQTT payload a simulated site publishes. {@link BenchPayload} is the plain
 * 300-byte message; scenarios of later stages (signed envelopes for vigil_ingest) supply their own,
 * with the stamp inside what they sign.
 */
@FunctionalInterface
public interface StampEncoder {
    byte[] encode(BenchStamp stamp);
}

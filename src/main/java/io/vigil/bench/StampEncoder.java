package io.vigil.bench;

/**
 * Turns a stamp into the MQTT payload a simulated site publishes. {@link BenchPayload} is the plain
 * 300-byte message; scenarios of later stages (signed envelopes for vigil_ingest) supply their own,
 * with the stamp inside what they sign.
 */
public interface StampEncoder {
    /** The payload site {@code siteId} publishes for this stamp. */
    byte[] encode(String siteId, BenchStamp stamp);

    /** Called once before the scenario publishes (e.g. to enroll the sites whose keys sign). */
    default void prepare(BenchContext context) {
    }
}

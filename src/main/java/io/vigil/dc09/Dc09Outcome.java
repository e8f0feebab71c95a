package io.vigil.dc09;

import io.vigil.trust.SecurityAlert;
import java.util.Map;

/** What the port does with one frame: store a record and then answer (or not), or answer at once. */
public sealed interface Dc09Outcome {

    /** A burst of rejects from the frame's address this frame completed, or null. */
    SecurityAlert alert();

    /**
     * Write {@code record} to Kafka; once Kafka acknowledged it, send {@code answer} (null: no answer).
     *
     * @param accepted true for {@code signals.accepted}, false for {@code quarantine}
     */
    record Store(boolean accepted, String key, Map<String, String> headers, byte[] value, byte[] answer,
                 String reason, SecurityAlert alert) implements Dc09Outcome {}

    /** Nothing to store: send {@code answer} now (a NAK). */
    record AnswerNow(byte[] answer, String reason, SecurityAlert alert) implements Dc09Outcome {}
}

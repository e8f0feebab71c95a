package io.vigil.trust;

/** The trust gate's answer for one message: exactly one of accepted or rejected. */
public sealed interface Verdict {

    record Accepted(VerifiedEnvelope envelope) implements Verdict {}

    /** {@code detail} is for operators: site-sent text in it is already escaped with LogSafe. */
    record Rejected(RejectReason reason, String detail) implements Verdict {}
}

package io.vigil.audit;

/** What became of an appended entry, once it is durable. */
public sealed interface AuditReceipt {

    /** The chain position of the row that records the entry. */
    long seq();

    /** A new row was committed. */
    record Appended(long seq, String hash) implements AuditReceipt {}

    /** The entry repeats one already recorded (same kind and dedup key); nothing was appended. */
    record AlreadyRecorded(long seq) implements AuditReceipt {}
}

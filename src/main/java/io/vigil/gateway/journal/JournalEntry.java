package io.vigil.gateway.journal;

import java.util.Objects;

/**
 * A pending entry: what the forwarder publishes ({@code envelope} on {@code topic}) and the key
 * that recognises a retransmission of the same frame.
 */
public record JournalEntry(long seq, EntryKind kind, String topic, String key, byte[] envelope) {
    public JournalEntry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(envelope, "envelope");
    }
}

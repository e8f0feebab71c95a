package io.vigil.gateway.journal;

/** What became of a frame handed to {@link Journal#append}. */
public sealed interface AppendResult {

    /** Written and forced to disk: the panel may be answered. */
    record Stored(long seq) implements AppendResult {}

    /** An entry with the same key is pending or was forwarded lately: nothing written, answer again. */
    record AlreadyStored(long seq) implements AppendResult {}

    /** Only alarms are pending and the new entry does not fit: refused, nothing written. */
    record Full(long pendingBytes) implements AppendResult {}
}

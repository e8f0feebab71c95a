package io.vigil.escalation;

/**
 * The escalation stage could not do its work. Retriable ones (database unreachable, a deadlock, a
 * concurrent writer that opened the same incident first) succeed on a later attempt with the same
 * input; the input is not acknowledged meanwhile.
 */
public final class EscalationException extends RuntimeException {

    private final boolean retriable;

    public EscalationException(String message, Throwable cause, boolean retriable) {
        super(message, cause);
        this.retriable = retriable;
    }

    public boolean retriable() {
        return retriable;
    }
}

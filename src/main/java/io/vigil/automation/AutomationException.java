package io.vigil.automation;

/**
 * The automation layer could not read or write its tables. {@code retriable}: the database was
 * unreachable or a transaction lost a race (try again); otherwise the request itself is the problem.
 */
public final class AutomationException extends RuntimeException {

    private final boolean retriable;

    public AutomationException(String message, Throwable cause, boolean retriable) {
        super(message, cause);
        this.retriable = retriable;
    }

    public boolean retriable() {
        return retriable;
    }
}

package io.vigil.trust.keys;

/**
 * The key registry could not do what was asked. {@link #retriable()} tells a passing condition
 * (database unreachable, serialisation failure) from a permanent one (a constraint says no).
 */
public class KeyRegistryException extends RuntimeException {

    private final boolean retriable;

    public KeyRegistryException(String message, boolean retriable, Throwable cause) {
        super(message, cause);
        this.retriable = retriable;
    }

    public boolean retriable() {
        return retriable;
    }
}

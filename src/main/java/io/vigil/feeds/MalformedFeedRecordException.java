package io.vigil.feeds;

/** A topic record that is not a valid incident change or canonical event: skipped, never retried. */
public final class MalformedFeedRecordException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedFeedRecordException(String message) {
        super(message);
    }
}

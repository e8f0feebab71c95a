package io.vigil.feeds.http;

/** A sink did not accept a request (no 2xx, or no answer): the route retries with back-off. Never carries secrets. */
public final class FeedDeliveryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FeedDeliveryException(String message) {
        super(message);
    }
}

package io.vigil.api.sse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * One subscriber of the event stream: a bounded queue of frames and at most one write in flight.
 * Offering never blocks the publisher: a client whose queue is full (it reads slower than events
 * come) is dropped, so one slow console costs its own connection, not the server's memory or the
 * other consoles' events.
 */
public final class SseClient {

    /** Where frames go: the HTTP response, or a test's recorder. */
    public interface Sink {
        /** Writes one frame; exactly one of the callbacks is called, on any thread, maybe inline. */
        void write(ByteBuffer frame, Runnable written, Consumer<Throwable> failed);

        /** Ends the response: cleanly ({@code failure} null) or by aborting the connection. */
        void end(Throwable failure);
    }

    private final String tokenId;
    private final Sink sink;
    private final int capacity;
    private final Consumer<SseClient> onEnd;
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    private boolean writing;
    private boolean finishing;
    private boolean ended;

    SseClient(String tokenId, Sink sink, int capacity, Consumer<SseClient> onEnd) {
        this.tokenId = tokenId;
        this.sink = sink;
        this.capacity = capacity;
        this.onEnd = onEnd;
    }

    String tokenId() {
        return tokenId;
    }

    /** Queues a frame; false if the client is gone or has just been dropped for falling behind. */
    public boolean offer(ByteBuffer frame) {
        boolean dropped;
        synchronized (this) {
            if (ended || finishing) {
                return false;
            }
            dropped = queue.size() >= capacity;
            if (!dropped) {
                queue.add(frame.asReadOnlyBuffer());
                pump();
                return true;
            }
        }
        abort(new IOException("event stream client fell " + capacity + " events behind"));
        return false;
    }

    /** Ends the stream cleanly once the queued frames are written. */
    public void finish() {
        boolean endNow;
        synchronized (this) {
            if (ended || finishing) {
                return;
            }
            finishing = true;
            endNow = !writing && queue.isEmpty();
            if (endNow) {
                ended = true;
            }
        }
        if (endNow) {
            sink.end(null);
            onEnd.accept(this);
        }
    }

    /** Drops the client at once: its connection is cut. */
    public void abort(Throwable cause) {
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            queue.clear();
        }
        sink.end(cause);
        onEnd.accept(this);
    }

    public synchronized boolean ended() {
        return ended;
    }

    synchronized int queued() {
        return queue.size();
    }

    // called with the lock held; a write that completes inline re-enters through written()
    private void pump() {
        if (writing || ended) {
            return;
        }
        ByteBuffer next = queue.poll();
        if (next == null) {
            return;
        }
        writing = true;
        sink.write(next, this::written, this::abort);
    }

    private void written() {
        boolean endNow = false;
        synchronized (this) {
            writing = false;
            if (ended) {
                return;
            }
            if (finishing && queue.isEmpty()) {
                ended = true;
                endNow = true;
            } else {
                pump();
            }
        }
        if (endNow) {
            sink.end(null);
            onEnd.accept(this);
        }
    }
}

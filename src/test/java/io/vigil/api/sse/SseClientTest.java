package io.vigil.api.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class SseClientTest {

    /** A sink whose writes complete only when the test says so: a client that reads slowly. */
    static final class HeldSink implements SseClient.Sink {
        final List<String> written = new ArrayList<>();
        final List<Runnable> pending = new ArrayList<>();
        final List<Consumer<Throwable>> pendingFailures = new ArrayList<>();
        Throwable endedWith;
        boolean ended;

        @Override
        public void write(ByteBuffer frame, Runnable done, Consumer<Throwable> failed) {
            written.add(StandardCharsets.UTF_8.decode(frame).toString());
            pending.add(done);
            pendingFailures.add(failed);
        }

        @Override
        public void end(Throwable failure) {
            ended = true;
            endedWith = failure;
        }

        void completeOne() {
            pendingFailures.remove(0);
            pending.remove(0).run();
        }
    }

    static ByteBuffer frame(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void framesAreWrittenInOrderOneAtATime() {
        HeldSink sink = new HeldSink();
        SseClient client = new SseClient("tok", sink, 10, c -> { });

        client.offer(frame("a"));
        client.offer(frame("b"));
        client.offer(frame("c"));
        assertThat(sink.written).containsExactly("a");
        sink.completeOne();
        assertThat(sink.written).containsExactly("a", "b");
        sink.completeOne();
        sink.completeOne();
        assertThat(sink.written).containsExactly("a", "b", "c");
        assertThat(client.queued()).isZero();
    }

    @Test
    void aClientThatFallsBufferFramesBehindIsDroppedAndTheOfferDoesNotBlock() {
        HeldSink sink = new HeldSink();
        List<SseClient> removed = new ArrayList<>();
        SseClient client = new SseClient("tok", sink, 3, removed::add);

        assertThat(client.offer(frame("1"))).isTrue(); // in flight
        assertThat(client.offer(frame("2"))).isTrue();
        assertThat(client.offer(frame("3"))).isTrue();
        assertThat(client.offer(frame("4"))).isTrue();
        assertThat(client.offer(frame("5"))).isFalse(); // a fourth waiting frame: dropped

        assertThat(sink.ended).isTrue();
        assertThat(sink.endedWith).hasMessageContaining("behind");
        assertThat(removed).containsExactly(client);
        assertThat(client.offer(frame("6"))).isFalse();
        sink.completeOne(); // the write in flight completes late: nothing more is written
        assertThat(sink.written).containsExactly("1");
    }

    @Test
    void finishEndsCleanlyAfterTheQueuedFrames() {
        HeldSink sink = new HeldSink();
        List<SseClient> removed = new ArrayList<>();
        SseClient client = new SseClient("tok", sink, 10, removed::add);
        client.offer(frame("a"));
        client.offer(frame("b"));

        client.finish();
        assertThat(sink.ended).isFalse();
        assertThat(client.offer(frame("late"))).isFalse();
        sink.completeOne();
        sink.completeOne();

        assertThat(sink.written).containsExactly("a", "b");
        assertThat(sink.ended).isTrue();
        assertThat(sink.endedWith).isNull();
        assertThat(removed).containsExactly(client);
    }

    @Test
    void aFailedWriteDropsTheClient() {
        HeldSink sink = new HeldSink();
        List<SseClient> removed = new ArrayList<>();
        SseClient client = new SseClient("tok", sink, 10, removed::add);
        client.offer(frame("a"));
        client.offer(frame("b"));

        sink.pendingFailures.get(0).accept(new java.io.IOException("connection reset"));

        assertThat(client.ended()).isTrue();
        assertThat(removed).containsExactly(client);
        assertThat(sink.written).containsExactly("a");
    }

    @Test
    void writesThatCompleteInlineDrainTheQueue() {
        List<String> written = new ArrayList<>();
        SseClient.Sink inline = new SseClient.Sink() {
            @Override
            public void write(ByteBuffer frame, Runnable done, Consumer<Throwable> failed) {
                written.add(StandardCharsets.UTF_8.decode(frame).toString());
                done.run();
            }

            @Override
            public void end(Throwable failure) { }
        };
        SseClient client = new SseClient("tok", inline, 10, c -> { });
        for (int i = 0; i < 100; i++) {
            assertThat(client.offer(frame(Integer.toString(i)))).isTrue();
        }
        assertThat(written).hasSize(100).startsWith("0", "1").endsWith("99");
    }

    @Test
    void aFrameSplitsItsDataAtEveryKindOfLineBreak() {
        String frame = StandardCharsets.UTF_8.decode(IncidentStream.frame("r-1", "change", "a\rb\nc\r\nd")).toString();

        assertThat(frame).isEqualTo("id: r-1\nevent: change\ndata: a\ndata: b\ndata: c\ndata: d\n\n");
    }
}

package io.vigil.dc09;

import static io.vigil.dc09.Dc09TestFrames.frame;
import static io.vigil.dc09.Dc09TestFrames.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class Dc09FrameDecoderTest {

    private static final Instant AT = Instant.parse("2026-12-08T01:00:00Z");

    private static EmbeddedChannel channel(int max) {
        return new EmbeddedChannel(new Dc09FrameDecoder(max, Duration.ofSeconds(10)));
    }

    @Test
    void cutsSeveralFramesSentInOneSegmentAndSkipsBytesBeforeAnLf() {
        EmbeddedChannel channel = channel(1024);
        byte[] a = frame("SIA-DCS", 1, "1234", "#1234|NBA01", AT);
        byte[] b = frame("NULL", 2, "1234", "", AT);
        byte[] stream = concat("noise".getBytes(StandardCharsets.US_ASCII), a, b);

        channel.writeInbound(Unpooled.wrappedBuffer(stream));

        assertThat(text(channel.readInbound())).isEqualTo(text(a));
        assertThat(text(channel.readInbound())).isEqualTo(text(b));
        assertThat((Object) channel.readInbound()).isNull();
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void waitsForTheRestOfAFrameSentInPieces() {
        EmbeddedChannel channel = channel(1024);
        byte[] a = frame("SIA-DCS", 1, "1234", "#1234|NBA01", AT);
        for (byte b : a) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertThat(text(channel.readInbound())).isEqualTo(text(a));
    }

    @Test
    void aBinaryCrcHoldingACrByteDoesNotEndTheFrame() {
        EmbeddedChannel channel = channel(1024);
        String rest = "0010\"NULL\"0001L0#1[]";
        byte[] a = concat(new byte[] {'\n', 0x0D, 0x0D}, rest.getBytes(StandardCharsets.ISO_8859_1), new byte[] {'\r'});
        channel.writeInbound(Unpooled.wrappedBuffer(a));
        assertThat((byte[]) channel.readInbound()).isEqualTo(a);
    }

    @Test
    void aFrameReachingTheLimitBeforeItsCrClosesTheConnectionWithoutWaitingForTheRest() {
        EmbeddedChannel channel = channel(64);
        byte[] start = new byte[64];
        Arrays.fill(start, (byte) 'A');
        start[0] = '\n';
        channel.writeInbound(Unpooled.wrappedBuffer(start));
        assertThat(channel.isActive()).isFalse();
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void endlessGarbageWithoutLfClosesTheConnection() {
        EmbeddedChannel channel = channel(64);
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[40]));
        assertThat(channel.isActive()).isTrue();
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[40]));
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void aFrameNotCompleteInTimeClosesTheConnection() {
        EmbeddedChannel channel = new EmbeddedChannel(new Dc09FrameDecoder(1024, Duration.ofSeconds(10)));
        channel.freezeTime();
        channel.writeInbound(Unpooled.wrappedBuffer("\n1234".getBytes(StandardCharsets.US_ASCII)));
        channel.advanceTimeBy(9_999, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isActive()).isTrue();
        channel.writeInbound(Unpooled.wrappedBuffer("0008".getBytes(StandardCharsets.US_ASCII)));
        channel.advanceTimeBy(2, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isActive()).as("more bytes of the same frame do not extend its deadline").isFalse();
    }

    private static byte[] concat(byte[]... parts) {
        int n = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}

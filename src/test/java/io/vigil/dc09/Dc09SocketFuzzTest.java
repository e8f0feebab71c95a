package io.vigil.dc09;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.vigil.config.VigilProperties;
import io.vigil.normalize.dc09.Crc16Arc;
import io.vigil.trust.RejectBurstDetector;
import io.vigil.trust.TrustConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Fuzzes the DC-09 port's socket path: the bytes as a TCP peer sends them, cut into pieces, with
 * pauses, go through the frame decoder, the connection handler and the receiver's judgement. Nothing
 * may throw, nothing more than the frame limit may be held, every answer written must be a framed
 * DC-09 message with a good CRC, and a peer that pauses longer than the frame timeout in the middle
 * of a frame must find its connection closed (slowloris). In a normal test run this replays
 * src/test/resources/io/vigil/dc09/Dc09SocketFuzzTestInputs/ (seeded by {@link #main}); fuzz it with
 * JAZZER_FUZZ=1 mvn test -Dtest=Dc09SocketFuzzTest.
 */
class Dc09SocketFuzzTest {

    private static final Instant NOW = Instant.parse("2026-12-08T01:00:00Z");
    private static final int MAX = 128;
    private static final Duration FRAME_TIMEOUT = Duration.ofSeconds(10);
    private static final Dc09Config CONFIG = Dc09Config.from(VigilProperties.of(Map.of(
            "vigil.dc09.max-frame-bytes", Integer.toString(MAX))));
    private static final Dc09Receiver RECEIVER = new Dc09Receiver(new InMemoryDc09Accounts().plain("1234", "fuzz-site"),
            new RejectBurstDetector(new TrustConfig.RejectBurst(5, Duration.ofSeconds(60))), CONFIG,
            Clock.fixed(NOW, ZoneOffset.UTC));

    /**
     * Each chunk: one control byte (bits 0-5 = length of the piece that follows, 0 = 64; bit 6 = pause
     * past the frame timeout before it; bit 7 = pause shorter than it), then the piece.
     */
    @FuzzTest(maxDuration = "2m")
    void theSocketPathSurvivesAnyStream(byte[] input) {
        Dc09FrameDecoder decoder = new Dc09FrameDecoder(MAX, FRAME_TIMEOUT);
        Dc09Sink sink = (frame, transport, address) -> {
            Dc09Outcome outcome = RECEIVER.judge(frame, transport, address);
            return CompletableFuture.completedFuture(outcome instanceof Dc09Outcome.Store store ? store.answer()
                    : ((Dc09Outcome.AnswerNow) outcome).answer());
        };
        EmbeddedChannel channel = new EmbeddedChannel(decoder, new Dc09TcpHandler(sink));
        channel.freezeTime();
        int i = 0;
        while (i < input.length && channel.isActive()) {
            int control = input[i++] & 0xFF;
            int length = Math.min((control & 0x3F) == 0 ? 64 : control & 0x3F, input.length - i);
            boolean partial = decoder.buffered() > 0;
            if ((control & 0x40) != 0) {
                channel.advanceTimeBy(FRAME_TIMEOUT.toMillis() + 1, TimeUnit.MILLISECONDS);
                channel.runScheduledPendingTasks();
                if (partial) {
                    assertThat(channel.isActive()).as("a frame left unfinished past the timeout closes").isFalse();
                }
            } else if ((control & 0x80) != 0) {
                channel.advanceTimeBy(FRAME_TIMEOUT.toMillis() / 4, TimeUnit.MILLISECONDS);
                channel.runScheduledPendingTasks();
            }
            if (!channel.isActive()) {
                break;
            }
            channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(input, i, i + length)));
            channel.runPendingTasks();
            i += length;
            if (channel.isActive()) {
                assertThat(decoder.buffered()).isLessThan(MAX);
            }
            checkAnswers(channel);
        }
        channel.checkException();
        channel.finishAndReleaseAll();
    }

    private static void checkAnswers(EmbeddedChannel channel) {
        for (ByteBuf answer; (answer = channel.readOutbound()) != null; ) {
            String text = answer.toString(StandardCharsets.ISO_8859_1);
            answer.release();
            assertThat(text).startsWith("\n").endsWith("\r");
            String body = text.substring(9, text.length() - 1);
            assertThat(Integer.parseInt(text.substring(1, 5), 16)).isEqualTo(Crc16Arc.of(body));
            assertThat(Integer.parseInt(text.substring(6, 9), 16)).isEqualTo(body.length());
        }
    }

    /** Writes the seed inputs: good frames in one piece and in pieces, garbage, a slow frame, an oversize one. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of("src/test/resources/io/vigil/dc09/Dc09SocketFuzzTestInputs/theSocketPathSurvivesAnyStream");
        Files.createDirectories(dir);
        byte[] alarm = Dc09TestFrames.frame("SIA-DCS", 1, "1234", "#1234|NBA01", NOW);
        byte[] link = Dc09TestFrames.frame("NULL", 2, "1234", "", NOW);
        byte[] unknown = Dc09TestFrames.frame("ADM-CID", 3, "9999", "#9999|1131 01 015", NOW);
        byte[] old = Dc09TestFrames.frame("SIA-DCS", 4, "1234", "#1234|NBA01", NOW.minusSeconds(3600));
        byte[] bad = Dc09TestFrames.badCrc(Dc09TestFrames.body("SIA-DCS", 5, "1234", "#1234|NBA01", NOW));
        byte[] duh = Dc09TestFrames.frame("SIA-XYZ", 6, "1234", "x", NOW);
        Files.write(dir.resolve("seed-frames"), chunks(0, concat(alarm, link, unknown, old, bad, duh)));
        Files.write(dir.resolve("seed-pieces"), chunks(3, concat(alarm, link)));
        Files.write(dir.resolve("seed-slow"), concat(chunks(7, Arrays.copyOf(alarm, 14)), new byte[] {(byte) 0x41, 'A'}));
        byte[] big = new byte[200];
        Arrays.fill(big, (byte) 'A');
        big[0] = '\n';
        Files.write(dir.resolve("seed-oversize"), chunks(0, big));
        Files.write(dir.resolve("seed-garbage"), chunks(0, "\r\n\"\"\n0000\r\n\n\n\rxx[".getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static byte[] chunks(int size, byte[] data) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int step = size == 0 ? 63 : size;
        for (int i = 0; i < data.length; i += step) {
            int n = Math.min(step, data.length - i);
            out.write(n);
            out.write(data, i, n);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            all.writeBytes(p);
        }
        return all.toByteArray();
    }
}

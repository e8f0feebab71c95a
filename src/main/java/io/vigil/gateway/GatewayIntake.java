package io.vigil.gateway;

import io.vigil.dc09.Dc09Answers;
import io.vigil.dc09.Dc09Outcome;
import io.vigil.dc09.Dc09Receiver;
import io.vigil.dc09.Dc09Sink;
import io.vigil.gateway.journal.AppendResult;
import io.vigil.gateway.journal.EntryKind;
import io.vigil.gateway.journal.Journal;
import io.vigil.ingest.SignalHeaders;
import io.vigil.normalize.ContentTypes;
import io.vigil.normalize.MalformedSignalException;
import io.vigil.normalize.dc09.Dc09FrameParser;
import io.vigil.support.LogSafe;
import io.vigil.trust.Encoding;
import io.vigil.trust.device.DeviceSigner;
import io.vigil.trust.envelope.Claims;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's answer to a panel's frame (docs/gateway.md, "Panel side"): the DC-09 port judges it;
 * a frame the port would store is signed as the site and journaled, and answered only once the
 * journal forced it to disk. Journal writes run on {@code writer}, never on the listener's threads.
 */
final class GatewayIntake implements Dc09Sink {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayIntake.class);
    private static final long FULL_LOG_EVERY_MS = 60_000;

    private final Dc09Receiver receiver;
    private final Journal journal;
    private final DeviceSigner signer;
    private final Executor writer;
    private final Clock clock;
    private volatile long lastFullLog;

    GatewayIntake(Dc09Receiver receiver, Journal journal, DeviceSigner signer, Executor writer, Clock clock) {
        this.receiver = receiver;
        this.journal = journal;
        this.signer = signer;
        this.writer = writer;
        this.clock = clock;
    }

    /** The topic a device's frames go on: {@code sites/<site>/gateway/<device>}. */
    static String topic(String site, String device) {
        return "sites/" + site + "/gateway/" + device;
    }

    @Override
    public CompletionStage<byte[]> handle(byte[] frame, String transport, String address) {
        Dc09Outcome outcome = receiver.judge(frame, transport, address);
        if (outcome instanceof Dc09Outcome.Store store && store.accepted()) {
            return CompletableFuture.supplyAsync(() -> journaled(store), writer);
        }
        if (outcome instanceof Dc09Outcome.Store refused) {
            LOG.warn("DC-09 frame from {} over {} not forwarded: {}", LogSafe.quote(address), transport, refused.reason());
            return CompletableFuture.completedFuture(refused.answer());
        }
        Dc09Outcome.AnswerNow now = (Dc09Outcome.AnswerNow) outcome;
        LOG.info("DC-09 frame from {} over {} answered at once: {}", LogSafe.quote(address), transport, now.reason());
        return CompletableFuture.completedFuture(now.answer());
    }

    private byte[] journaled(Dc09Outcome.Store store) {
        String device = store.headers().get(SignalHeaders.DEVICE);
        String messageId = store.headers().get(SignalHeaders.MESSAGE_ID);
        Instant takenAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        AppendResult result;
        try {
            result = journal.append(kindOf(store.value()), topic(signer.site(), device), messageId,
                    seq -> signer.sign(Encoding.COSE, Claims.of(signer.site(), device, seq, takenAt, messageId,
                            ContentTypes.DC09, store.value())));
        } catch (IOException e) {
            LOG.error("gateway journal write failed; the panel gets no answer and retransmits", e);
            throw new UncheckedIOException(e);
        }
        if (result instanceof AppendResult.Full full) {
            logFull(full);
            return Dc09Answers.nak(takenAt);
        }
        return store.answer();
    }

    /** NULL frames are link tests (heartbeats, dropped first when full); everything else counts as an alarm. */
    static EntryKind kindOf(byte[] clearFrame) {
        try {
            String protocol = Dc09FrameParser.read(new String(clearFrame, StandardCharsets.ISO_8859_1)).header().protocol();
            return "NULL".equals(protocol) ? EntryKind.HEARTBEAT : EntryKind.ALARM;
        } catch (MalformedSignalException e) {
            return EntryKind.ALARM; // the port accepted it; when in doubt it is never dropped
        }
    }

    private void logFull(AppendResult.Full full) {
        long now = clock.millis();
        if (now - lastFullLog >= FULL_LOG_EVERY_MS) {
            lastFullLog = now;
            LOG.error("gateway journal full ({} bytes pending, only alarms left): new frames get a NAK until the "
                    + "forwarder drains it", full.pendingBytes());
        }
    }
}

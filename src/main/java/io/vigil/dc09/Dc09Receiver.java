package io.vigil.dc09;

import io.vigil.ingest.IngestProcessor;
import io.vigil.ingest.QuarantineRecord;
import io.vigil.ingest.SignalHeaders;
import io.vigil.normalize.ContentTypes;
import io.vigil.normalize.MalformedSignalException;
import io.vigil.normalize.dc09.Dc09Cipher;
import io.vigil.normalize.dc09.Dc09DataPart;
import io.vigil.normalize.dc09.Dc09DataPartParser;
import io.vigil.normalize.dc09.Dc09Decryption;
import io.vigil.normalize.dc09.Dc09FrameParser;
import io.vigil.normalize.dc09.Dc09Header;
import io.vigil.normalize.dc09.Dc09RawFrame;
import io.vigil.trust.RejectBurstDetector;
import io.vigil.trust.RejectReason;
import io.vigil.trust.SecurityAlert;
import io.vigil.trust.TrustProfile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Judges one DC-09 frame as docs/dc09.md says: which record goes to Kafka and which answer follows
 * it. Transport-free: the listeners hand it the bytes of one frame and the sender's address.
 */
public final class Dc09Receiver {

    /** {@code vigil_encoding} of a record that holds the clear signal itself, not an envelope (docs/envelope.md). */
    public static final String ENCODING = "raw";
    /** {@code vigil_assurance} of a plain frame: the transport-only profile's mark (docs/envelope.md). */
    public static final String TRANSPORT_ASSURANCE = TrustProfile.TRANSPORT_ONLY.assurance();
    public static final String PLAIN_KEY_ID = "dc09-plain";
    public static final String STAGE = "dc09";

    /** Reasons the frame reader gives before (or while) its CRC is known good: such frames get no answer. */
    private static final Set<String> UNFRAMED = Set.of("dc09.bad_frame", "dc09.bad_length", "dc09.length_mismatch",
            "dc09.crc_mismatch");

    private final Dc09Accounts accounts;
    private final RejectBurstDetector bursts;
    private final Dc09Config config;
    private final Clock clock;

    public Dc09Receiver(Dc09Accounts accounts, RejectBurstDetector bursts, Dc09Config config, Clock clock) {
        this.accounts = accounts;
        this.bursts = bursts;
        this.config = config;
        this.clock = clock;
    }

    /**
     * @param transport {@code tcp} or {@code udp}
     * @param address   the sender's IP address as text (the burst key)
     */
    public Dc09Outcome judge(byte[] frame, String transport, String address) {
        Instant receivedAt = clock.instant();
        String text = new String(frame, StandardCharsets.ISO_8859_1);
        Dc09RawFrame raw;
        try {
            raw = Dc09FrameParser.read(text);
        } catch (MalformedSignalException e) {
            RejectReason burst = RejectReason.MALFORMED;
            byte[] answer = null;
            Dc09Header header = UNFRAMED.contains(e.reasonCode()) ? null : readableHeader(text);
            if (header != null) {
                answer = Dc09Answers.duh(header);
            }
            return quarantine(e.reasonCode(), e.getMessage(), null, transport, address, receivedAt, frame, answer, burst);
        }
        Dc09Header header = raw.header();
        Optional<Dc09Account> account = header.account() == null ? Optional.empty()
                : accounts.find(header.account(), header.receiver(), header.prefix());
        if (account.isEmpty()) {
            return quarantine("dc09.unknown_account", "account is not enrolled for DC-09", null, transport, address,
                    receivedAt, frame, null, RejectReason.UNKNOWN_SITE);
        }
        String site = account.get().siteId();
        if (header.encrypted()) {
            return encrypted(header, account.get(), text, frame, transport, address, receivedAt);
        }
        if (!account.get().allowPlain()) {
            return quarantine("dc09.plain_not_allowed", "account is enrolled for encrypted frames only", site, transport,
                    address, receivedAt, frame, null, RejectReason.PLAIN_NOT_ALLOWED);
        }
        Dc09DataPart data;
        try {
            data = Dc09DataPartParser.parse(raw.dataPart());
        } catch (MalformedSignalException e) {
            return quarantine(e.reasonCode(), e.getMessage(), site, transport, address, receivedAt, frame,
                    Dc09Answers.duh(header), RejectReason.MALFORMED);
        }
        Instant timestamp = data.timestamp();
        Dc09Outcome late = timestamp == null ? null : outsideWindow(timestamp, receivedAt, address);
        if (late != null) {
            return late;
        }
        return accepted(header, site, text, timestamp, receivedAt);
    }

    /** An encrypted frame: the account's usable keys, newest first, until one decrypts it (docs/dc09.md). */
    private Dc09Outcome encrypted(Dc09Header header, Dc09Account account, String text, byte[] frame, String transport,
                                  String address, Instant receivedAt) {
        String site = account.siteId();
        if (account.keys().isEmpty()) {
            return quarantine("dc09.no_key", "the account has no usable AES key", site, transport, address, receivedAt,
                    frame, null, RejectReason.UNKNOWN_KEY);
        }
        for (Dc09Account.Dc09Key key : account.keys()) {
            Dc09Cipher cipher = Dc09Cipher.ofKey(key.key());
            Dc09Decryption.Decrypted decrypted;
            try {
                decrypted = Dc09Decryption.decrypt(text, cipher);
            } catch (MalformedSignalException e) {
                if ("dc09.decrypt_failed".equals(e.reasonCode())) {
                    continue;
                }
                return quarantine(e.reasonCode(), e.getMessage(), site, transport, address, receivedAt, frame,
                        Dc09Answers.duh(header), RejectReason.MALFORMED);
            }
            Instant timestamp = decrypted.frame().timestamp();
            if (timestamp == null) {
                return quarantine("dc09.bad_timestamp", "an encrypted frame must carry a timestamp", site, transport,
                        address, receivedAt, frame, Dc09Answers.duh(header), RejectReason.MALFORMED);
            }
            Dc09Outcome late = outsideWindow(timestamp, receivedAt, address);
            if (late != null) {
                return late;
            }
            Map<String, String> headers = recordHeaders(header, site, decrypted.clearFrame(), timestamp, receivedAt);
            headers.put(SignalHeaders.KEY_ID, key.keyId());
            headers.put(SignalHeaders.ALG, "A" + cipher.bits() + "CBC");
            headers.put(SignalHeaders.ASSURANCE, TrustProfile.DC09_AES.assurance());
            return new Dc09Outcome.Store(true, site, headers, decrypted.clearFrame().getBytes(StandardCharsets.ISO_8859_1),
                    Dc09Answers.encryptedAck(header, cipher, receivedAt), null, null);
        }
        return quarantine("dc09.decrypt_failed", "no usable key of the account decrypts the frame (wrong key or bad pad)",
                site, transport, address, receivedAt, frame, null, RejectReason.DECRYPT_FAILED);
    }

    private Dc09Outcome outsideWindow(Instant timestamp, Instant receivedAt, String address) {
        RejectReason late = timestamp.isBefore(receivedAt.minus(config.timeBehind())) ? RejectReason.STALE
                : timestamp.isAfter(receivedAt.plus(config.timeAhead())) ? RejectReason.FUTURE : null;
        return late == null ? null : new Dc09Outcome.AnswerNow(Dc09Answers.nak(receivedAt), "dc09." + late.code(),
                burst(address, late, receivedAt));
    }

    private static Map<String, String> recordHeaders(Dc09Header header, String site, String text, Instant timestamp,
                                                     Instant receivedAt) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(SignalHeaders.SITE, site);
        headers.put(SignalHeaders.DEVICE, "dc09-" + header.account());
        headers.put(SignalHeaders.SEQ, Integer.toString(Integer.parseInt(header.sequence())));
        headers.put(SignalHeaders.MESSAGE_ID, messageId(header, timestamp, text));
        headers.put(SignalHeaders.ISSUED_AT, (timestamp == null ? receivedAt : timestamp).toString());
        headers.put(SignalHeaders.CONTENT_TYPE, ContentTypes.DC09);
        headers.put(SignalHeaders.ENCODING, ENCODING);
        headers.put(SignalHeaders.RECEIVED_AT, receivedAt.toString());
        headers.put(SignalHeaders.REDELIVERED, "false");
        return headers;
    }

    private static Dc09Outcome accepted(Dc09Header header, String site, String text, Instant timestamp,
                                        Instant receivedAt) {
        Map<String, String> headers = recordHeaders(header, site, text, timestamp, receivedAt);
        headers.put(SignalHeaders.KEY_ID, PLAIN_KEY_ID);
        headers.put(SignalHeaders.ALG, "none");
        headers.put(SignalHeaders.ASSURANCE, TRANSPORT_ASSURANCE);
        return new Dc09Outcome.Store(true, site, headers, text.getBytes(StandardCharsets.ISO_8859_1),
                Dc09Answers.ack(header), null, null);
    }

    /**
     * Same account, sequence and timestamp give the same id, so a retransmission keeps its event ids.
     * The form is the dc09-aes profile's (docs/envelope.md), so a frame has one id whichever way it
     * came. A plain frame may lack the timestamp: then the frame's own text (from the first quote) stands in.
     */
    static String messageId(Dc09Header header, Instant timestamp, String text) {
        String prefix = "dc09:" + header.account() + ":" + header.sequence() + ":";
        if (timestamp != null) {
            return prefix + timestamp.getEpochSecond();
        }
        int quote = text.indexOf('"');
        String body = text.substring(quote).stripTrailing();
        return prefix + "h" + HexFormat.of().formatHex(sha256(body.getBytes(StandardCharsets.ISO_8859_1)), 0, 8);
    }

    private Dc09Outcome quarantine(String reason, String detail, String site, String transport, String address,
                                   Instant receivedAt, byte[] frame, byte[] answer, RejectReason burstReason) {
        QuarantineRecord record = new QuarantineRecord(QuarantineRecord.SPEC_VERSION, STAGE, reason, detail,
                "dc09:" + transport, site, false, receivedAt, null, frame);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(SignalHeaders.STAGE, STAGE);
        headers.put(SignalHeaders.REASON, reason);
        headers.put(SignalHeaders.RECEIVED_AT, receivedAt.toString());
        return new Dc09Outcome.Store(false, site == null ? IngestProcessor.NO_SITE_KEY : site, headers, record.toJson(),
                answer, reason, burst(address, burstReason, receivedAt));
    }

    private SecurityAlert burst(String address, RejectReason reason, Instant at) {
        return bursts.record("dc09@" + address, reason, at).orElse(null);
    }

    /** The header of a frame whose CRC was good but whose header or id is not supported, if it can be read. */
    private static Dc09Header readableHeader(String text) {
        int quote = text.indexOf('"');
        int close = quote < 0 ? -1 : text.indexOf('"', quote + 1);
        if (close < 0 || close + 5 > text.length()) {
            return null;
        }
        String sequence = text.substring(close + 1, close + 5);
        if (!sequence.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        // echo only what is safe to echo: the sequence; receiver, line and account are not trusted here
        return new Dc09Header("", false, sequence, null, "0", null);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}

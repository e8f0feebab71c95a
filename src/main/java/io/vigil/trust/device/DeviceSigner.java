package io.vigil.trust.device;

import io.vigil.trust.Encoding;
import io.vigil.trust.SignatureAlgorithm;
import io.vigil.trust.crypto.SigningKey;
import io.vigil.trust.envelope.Claims;
import io.vigil.trust.envelope.EnvelopeWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Signs envelopes as one device of a site: the simulator's and the tests' device. Sequence numbers
 * start at the clock's microseconds, so a restarted signer continues above what it sent before
 * (a real device keeps a persisted counter instead), and then count up by one. Safe for concurrent use.
 */
public final class DeviceSigner {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String site;
    private final String device;
    private final String kid;
    private final SigningKey key;
    private final Clock clock;
    private final AtomicLong seq;

    public DeviceSigner(String site, String device, String kid, SigningKey key, Clock clock) {
        this.site = site;
        this.device = device;
        this.kid = kid;
        this.key = key;
        this.clock = clock;
        this.seq = new AtomicLong(Math.max(0, clock.millis()) * 1000);
    }

    /** The signer of a device bundle folder ({@code var/sites/<site>/}). */
    public static DeviceSigner load(Path bundle, Clock clock) {
        DeviceBundle.Settings settings = DeviceBundle.readSettings(bundle);
        SigningKey key = DeviceBundle.readSigningKey(bundle);
        if (key.algorithm() != settings.alg()) {
            throw new IllegalArgumentException("the signing key in " + bundle + " is not " + settings.alg().joseName());
        }
        return new DeviceSigner(settings.siteId(), settings.deviceId(), settings.kid(), key, clock);
    }

    /** The same site key, signing as another device of the site (its own sequence). */
    public DeviceSigner forDevice(String deviceId) {
        return new DeviceSigner(site, deviceId, kid, key, clock);
    }

    /** Next sequence number, a fresh message id, iat = now (milliseconds). */
    public byte[] sign(Encoding encoding, String contentType, byte[] body) {
        return sign(encoding, Claims.of(site, device, nextSeq(), clock.instant().truncatedTo(ChronoUnit.MILLIS),
                newMessageId(), contentType, body));
    }

    /** Exactly these claims (tests build replays, stale and mismatched envelopes with this). */
    public byte[] sign(Encoding encoding, Claims claims) {
        return EnvelopeWriter.write(encoding, claims, kid, key);
    }

    /** Claims as {@link #sign(Encoding, String, byte[])} would make them, for a test to adjust. */
    public Claims claims(String contentType, byte[] body, Instant issuedAt) {
        return Claims.of(site, device, nextSeq(), issuedAt, newMessageId(), contentType, body);
    }

    public long nextSeq() {
        return seq.incrementAndGet();
    }

    /** The topic this device publishes on: {@code sites/<site>/<device>}. */
    public String topic() {
        return "sites/" + site + "/" + device;
    }

    public String site() {
        return site;
    }

    public String device() {
        return device;
    }

    public String kid() {
        return kid;
    }

    public SignatureAlgorithm alg() {
        return key.algorithm();
    }

    public static String newMessageId() {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}

package io.vigil.trust.device;

import io.vigil.pki.DevPki;
import io.vigil.pki.PemFiles;
import io.vigil.pki.ReservedSiteIds;
import io.vigil.trust.SignatureAlgorithm;
import io.vigil.trust.crypto.SigningKey;
import io.vigil.trust.TrustProfile;
import io.vigil.trust.keys.KeyEncryptionKey;
import io.vigil.trust.keys.KeyRegistry;
import io.vigil.trust.keys.SecretsConfig;
import io.vigil.trust.keys.SiteSecretRecord;
import io.vigil.trust.keys.SiteKeyRecord;
import io.vigil.trust.keys.SiteRecord;
import java.io.IOException;
import java.math.BigInteger;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Site lifecycle behind {@code vigil site ...}: enrolment (mTLS certificate from the dev PKI,
 * signing key pair, registry entry, device bundle), key rotation with overlap, revocation.
 */
public final class SiteEnrollment {

    /** The device id written into a new bundle; a site's other devices sign with {@link DeviceSigner#forDevice}. */
    public static final String DEFAULT_DEVICE = "panel-1";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyRegistry registry;
    private final DevPki pki;
    private final Path sitesDir;
    private final String brokerUrl;
    private final Clock clock;
    private final SecretsConfig secrets;

    public SiteEnrollment(KeyRegistry registry, DevPki pki, Path sitesDir, String brokerUrl, Clock clock) {
        this(registry, pki, sitesDir, brokerUrl, clock, null);
    }

    /** With the key-encryption key's configuration, needed to enrol dc09-aes and owntracks-secret sites. */
    public SiteEnrollment(KeyRegistry registry, DevPki pki, Path sitesDir, String brokerUrl, Clock clock,
                          SecretsConfig secrets) {
        this.secrets = secrets;
        this.registry = registry;
        this.pki = pki;
        this.sitesDir = sitesDir;
        this.brokerUrl = brokerUrl;
        this.clock = clock;
    }

    public record Enrolled(String siteId, String kid, SignatureAlgorithm alg, Path bundle) {}

    public record Rotated(String siteId, String kid, SignatureAlgorithm alg, List<String> retiringKids,
                          Instant retiringUntil, Path bundle) {}

    public Enrolled enroll(String siteId, String name, SignatureAlgorithm alg) {
        ReservedSiteIds.requireEnrollable(siteId);
        if (registry.loadSite(siteId).isPresent()) {
            throw new IllegalStateException("site " + siteId + " is enrolled already; use rotate-key for a new key");
        }
        Path bundle = bundleDir(siteId);
        if (Files.exists(bundle.resolve(DeviceBundle.SIGNING_KEY))) {
            throw new IllegalStateException(bundle + " holds a signing key already; remove the folder to enroll anew");
        }
        pki.issueSite(siteId);
        SigningKey key = SigningKey.generate(alg);
        String kid = KeyIds.thumbprint(key);
        Instant now = clock.instant();
        createPrivateDirectory(bundle);
        copyTlsFiles(siteId, bundle);
        DeviceBundle.writeSigningKey(bundle, key);
        DeviceBundle.writeSettings(bundle, new DeviceBundle.Settings(siteId, DEFAULT_DEVICE, kid, alg, brokerUrl,
                "sites/" + siteId + "/"));
        try {
            registry.enroll(new SiteRecord(siteId, name == null ? "" : name, now, null),
                    new SiteKeyRecord(siteId, kid, alg, key.subjectPublicKeyInfo(), now, null, null, null, now));
        } catch (RuntimeException e) {
            deleteQuietly(bundle.resolve(DeviceBundle.SIGNING_KEY));
            deleteQuietly(bundle.resolve(DeviceBundle.PROPERTIES));
            throw e;
        }
        return new Enrolled(siteId, kid, alg, bundle);
    }

    /**
     * A new key valid from now; the site's other live keys stay valid until now + overlap. The bundle
     * gets the new private key and kid.
     */
    public Rotated rotate(String siteId, SignatureAlgorithm requestedAlg, Duration overlap) {
        DevPki.requireSiteId(siteId);
        KeyRegistry.SiteWithKeys site = registry.loadSite(siteId)
                .orElseThrow(() -> new IllegalStateException("site " + siteId + " is not enrolled"));
        Instant now = clock.instant();
        SignatureAlgorithm alg = requestedAlg != null ? requestedAlg : site.keys().stream()
                .filter(k -> k.statusAt(now) == SiteKeyRecord.Status.ACTIVE)
                .max(Comparator.comparing(SiteKeyRecord::notBefore))
                .map(SiteKeyRecord::alg)
                .orElse(SignatureAlgorithm.EDDSA);
        SigningKey key = SigningKey.generate(alg);
        String kid = KeyIds.thumbprint(key);
        List<String> retiring = registry.rotate(
                new SiteKeyRecord(siteId, kid, alg, key.subjectPublicKeyInfo(), now, null, null, null, now), now, overlap);
        Path bundle = bundleDir(siteId);
        createPrivateDirectory(bundle);
        DeviceBundle.Settings settings = Files.exists(bundle.resolve(DeviceBundle.PROPERTIES))
                ? DeviceBundle.readSettings(bundle)
                : new DeviceBundle.Settings(siteId, DEFAULT_DEVICE, kid, alg, brokerUrl, "sites/" + siteId + "/");
        DeviceBundle.writeSigningKey(bundle, key);
        DeviceBundle.writeSettings(bundle, new DeviceBundle.Settings(siteId, settings.deviceId(), kid, alg,
                settings.brokerUrl(), settings.topicPrefix()));
        return new Rotated(siteId, kid, alg, retiring, now.plus(overlap), bundle);
    }

    /** Revokes a signing key or a site secret by its id. */
    public boolean revoke(String siteId, String kid, String reason) {
        DevPki.requireSiteId(siteId);
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw new IllegalArgumentException("a revocation needs a reason of 1-500 characters");
        }
        Instant now = clock.instant();
        return registry.revoke(siteId, kid, reason.strip(), now) || registry.revokeSecret(siteId, kid, reason.strip(), now);
    }

    /**
     * A key of a site without a Vigil signature: the AES key of one DC-09 account ({@code kind}
     * dc09-aes, 16/24/32 bytes) or the OwnTracks secret's UTF-8 bytes ({@code account} null).
     */
    public record NewSecret(TrustProfile kind, String account, byte[] key) {
        public NewSecret {
            if (kind == TrustProfile.DC09_AES) {
                if (account == null || !account.matches("[A-Za-z0-9]{1,16}")) {
                    throw new IllegalArgumentException("a DC-09 account is 1-16 letters or digits");
                }
                if (key.length != 16 && key.length != 24 && key.length != 32) {
                    throw new IllegalArgumentException("a DC-09 AES key is 16, 24 or 32 bytes");
                }
            } else if (kind == TrustProfile.OWNTRACKS_SECRET) {
                if (account != null || key.length == 0) {
                    throw new IllegalArgumentException("an OwnTracks secret is not empty and has no account");
                }
            } else {
                throw new IllegalArgumentException("profile " + kind.code() + " has no secrets");
            }
        }

        @Override
        public String toString() {
            return "NewSecret[" + kind.code() + (account == null ? "" : ", account " + account) + "]";
        }
    }

    public record EnrolledWithProfile(String siteId, TrustProfile profile, String secretId, Path bundle) {}

    /**
     * Enrols a site of another profile than {@code signed}: mTLS certificate and TLS files in the
     * bundle (no signing key: the device does not sign), the site with its profile, and its first
     * secret wrapped under the key-encryption key ({@code transport-only}: no secret).
     */
    public EnrolledWithProfile enrollWithProfile(String siteId, String name, TrustProfile profile, NewSecret secret) {
        return enrollWithProfile(siteId, name, profile, secret, null);
    }

    /**
     * As above; a {@code transport-only} site may name the DC-09 account its panel reports as, so that
     * the receiver's DC-09 port takes that account's plain frames for it (docs/dc09.md).
     */
    public EnrolledWithProfile enrollWithProfile(String siteId, String name, TrustProfile profile, NewSecret secret,
                                                 String transportOnlyDc09Account) {
        DevPki.requireSiteId(siteId);
        if (transportOnlyDc09Account != null && profile != TrustProfile.TRANSPORT_ONLY) {
            throw new IllegalArgumentException("only a transport-only site is enrolled with a DC-09 account and no key");
        }
        if (transportOnlyDc09Account != null && !transportOnlyDc09Account.matches("[A-Za-z0-9]{1,16}")) {
            throw new IllegalArgumentException("a DC-09 account is 1-16 letters or digits");
        }
        if (profile == TrustProfile.SIGNED) {
            throw new IllegalArgumentException("signed sites are enrolled with a signing key");
        }
        if (profile.usesSecrets() != (secret != null) || (secret != null && secret.kind() != profile)) {
            throw new IllegalArgumentException(profile == TrustProfile.TRANSPORT_ONLY
                    ? "a transport-only site has no key" : "profile " + profile.code() + " needs its key at enrolment");
        }
        if (registry.loadSite(siteId).isPresent()) {
            throw new IllegalStateException("site " + siteId + " is enrolled already");
        }
        Instant now = clock.instant();
        SiteSecretRecord record = secret == null ? null : wrap(siteId, secret, now);
        pki.issueSite(siteId);
        Path bundle = bundleDir(siteId);
        createPrivateDirectory(bundle);
        copyTlsFiles(siteId, bundle);
        SiteRecord site = new SiteRecord(siteId, name == null ? "" : name, now, null, profile);
        if (profile == TrustProfile.TRANSPORT_ONLY) {
            registry.enrollTransportOnly(site, transportOnlyDc09Account);
        } else {
            registry.enrollWithSecret(site, record);
        }
        return new EnrolledWithProfile(siteId, profile, record == null ? null : record.secretId(), bundle);
    }

    public record RotatedSecret(String siteId, String secretId, List<String> retiringIds, Instant retiringUntil) {}

    /** A new secret valid from now; the others of the same account (or site, for OwnTracks) end after the overlap. */
    public RotatedSecret rotateSecret(String siteId, NewSecret secret, Duration overlap) {
        DevPki.requireSiteId(siteId);
        KeyRegistry.SiteWithKeys site = registry.loadSite(siteId)
                .orElseThrow(() -> new IllegalStateException("site " + siteId + " is not enrolled"));
        if (site.site().trustProfile() != secret.kind()) {
            throw new IllegalArgumentException("site " + siteId + " is " + site.site().trustProfile().code()
                    + ", not " + secret.kind().code());
        }
        Instant now = clock.instant();
        SiteSecretRecord record = wrap(siteId, secret, now);
        List<String> retiring = registry.rotateSecret(record, now, overlap);
        return new RotatedSecret(siteId, record.secretId(), retiring, now.plus(overlap));
    }

    private SiteSecretRecord wrap(String siteId, NewSecret secret, Instant now) {
        if (secrets == null) {
            throw new IllegalStateException("no key-encryption key configured (vigil.trust.secrets.kek-file)");
        }
        KeyEncryptionKey kek = secrets.loadOrCreateKek();
        byte[] random = new byte[4];
        RANDOM.nextBytes(random);
        String secretId = (secret.kind() == TrustProfile.DC09_AES ? "dc09-" + secret.account() : "owntracks")
                + "-" + HexFormat.of().formatHex(random);
        SiteSecretRecord unwrapped = new SiteSecretRecord(siteId, secretId, secret.kind(), secret.account(), new byte[0],
                kek.id(), now, null, null, null, now);
        return new SiteSecretRecord(siteId, secretId, secret.kind(), secret.account(),
                kek.wrap(secret.key(), unwrapped.associatedData()), kek.id(), now, null, null, null, now);
    }

    /** Marks the site disabled in the registry: the trust gate refuses its envelopes as {@code unknown_site}. */
    public boolean disable(String siteId) {
        DevPki.requireSiteId(siteId);
        return registry.disable(siteId, clock.instant());
    }

    /**
     * Adds the site's client certificates (the dev PKI's copy and the bundle's) to the device CA's CRL;
     * returns the serials newly listed (empty when they were revoked already).
     */
    public List<BigInteger> revokeCertificates(String siteId, int crlReason) {
        DevPki.requireSiteId(siteId);
        Set<BigInteger> serials = new LinkedHashSet<>();
        for (Path file : List.of(pki.certificate("sites/" + siteId + "/" + siteId),
                bundleDir(siteId).resolve(DeviceBundle.CLIENT_CERTIFICATE))) {
            if (Files.exists(file)) {
                serials.add(PemFiles.readCertificate(file).getSerialNumber());
            }
        }
        if (serials.isEmpty()) {
            throw new IllegalStateException("no certificate of site " + siteId + " in " + pki.dir() + " or " + bundleDir(siteId));
        }
        return pki.revoke(serials, crlReason);
    }

    public Path bundleDir(String siteId) {
        return sitesDir.resolve(DevPki.requireSiteId(siteId));
    }

    private void copyTlsFiles(String siteId, Path bundle) {
        String name = "sites/" + siteId + "/" + siteId;
        copy(pki.certificate(name), bundle.resolve(DeviceBundle.CLIENT_CERTIFICATE), false);
        copy(pki.privateKey(name), bundle.resolve(DeviceBundle.CLIENT_KEY), true);
        copy(pki.keystore(name), bundle.resolve(DeviceBundle.CLIENT_KEYSTORE), true);
        copy(pki.caCertificate(), bundle.resolve(DeviceBundle.CA_CERTIFICATE), false);
    }

    private static void copy(Path from, Path to, boolean secret) {
        try {
            PemFiles.writeAtomically(to, Files.readAllBytes(from), secret);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
        }
    }

    private static void createPrivateDirectory(Path dir) {
        try {
            Files.createDirectories(dir.getParent());
            if (!Files.exists(dir)) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // best effort: the enrolment failed anyway and says so
        }
    }
}

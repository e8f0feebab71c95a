package io.vigil.trust.device;

import io.vigil.pki.PemFiles;
import io.vigil.trust.SignatureAlgorithm;
import io.vigil.trust.crypto.SigningKey;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * The folder a site's device needs ({@code var/sites/<site>/}): its mTLS certificate and key (PEM
 * and PKCS#12; the PKCS#12 password is the dev PKI's), the CA, its signing key (PKCS#8 PEM,
 * owner-only) and {@code device.properties}. Private files are created owner-only.
 */
public final class DeviceBundle {

    public static final String PROPERTIES = "device.properties";
    public static final String SIGNING_KEY = "signing-key.pem";
    public static final String CLIENT_CERTIFICATE = "client.pem";
    public static final String CLIENT_KEY = "client-key.pem";
    public static final String CLIENT_KEYSTORE = "client.p12";
    public static final String CA_CERTIFICATE = "ca.pem";

    private DeviceBundle() {}

    /** What {@code device.properties} holds. */
    public record Settings(String siteId, String deviceId, String kid, SignatureAlgorithm alg, String brokerUrl,
                           String topicPrefix) {

        Properties toProperties() {
            Properties p = new Properties();
            p.setProperty("site.id", siteId);
            p.setProperty("device.id", deviceId);
            p.setProperty("signing.kid", kid);
            p.setProperty("signing.alg", alg.joseName());
            p.setProperty("signing.key", SIGNING_KEY);
            p.setProperty("mqtt.broker-url", brokerUrl);
            p.setProperty("mqtt.topic-prefix", topicPrefix);
            p.setProperty("tls.certificate", CLIENT_CERTIFICATE);
            p.setProperty("tls.key", CLIENT_KEY);
            p.setProperty("tls.keystore", CLIENT_KEYSTORE);
            p.setProperty("tls.ca", CA_CERTIFICATE);
            return p;
        }

        static Settings from(Properties p) {
            return new Settings(required(p, "site.id"), required(p, "device.id"), required(p, "signing.kid"),
                    SignatureAlgorithm.parse(required(p, "signing.alg")), p.getProperty("mqtt.broker-url", ""),
                    p.getProperty("mqtt.topic-prefix", "sites/" + required(p, "site.id") + "/"));
        }

        private static String required(Properties p, String key) {
            String value = p.getProperty(key);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(PROPERTIES + " lacks " + key);
            }
            return value.trim();
        }
    }

    public static Settings readSettings(Path dir) {
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(dir.resolve(PROPERTIES), StandardCharsets.UTF_8)) {
            p.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve(PROPERTIES), e);
        }
        return Settings.from(p);
    }

    public static void writeSettings(Path dir, Settings settings) {
        StringWriter text = new StringWriter();
        try {
            settings.toProperties().store(text, "Vigil device bundle of site " + settings.siteId()
                    + " (docs/envelope.md); the PKCS#12 password is the dev PKI password");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PemFiles.writeAtomically(dir.resolve(PROPERTIES), text.toString().getBytes(StandardCharsets.UTF_8), false);
    }

    public static void writeSigningKey(Path dir, SigningKey key) {
        StringWriter pem = new StringWriter();
        try (PemWriter writer = new PemWriter(pem)) {
            writer.writeObject(new PemObject("PRIVATE KEY", key.pkcs8()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PemFiles.writeAtomically(dir.resolve(SIGNING_KEY), pem.toString().getBytes(StandardCharsets.US_ASCII), true);
    }

    public static SigningKey readSigningKey(Path dir) {
        Path file = dir.resolve(SIGNING_KEY);
        try (PemReader reader = new PemReader(Files.newBufferedReader(file, StandardCharsets.US_ASCII))) {
            PemObject pem = reader.readPemObject();
            if (pem == null || !"PRIVATE KEY".equals(pem.getType())) {
                throw new IllegalArgumentException(file + " does not hold a PKCS#8 PRIVATE KEY");
            }
            return SigningKey.fromPkcs8(pem.getContent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}

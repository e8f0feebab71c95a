package io.vigil.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Kafka's development PKI in {@code <pki dir>/kafka}: a CA of its own (sites never get a certificate
 * from it, so no site certificate can complete a handshake with Kafka), the broker's certificate
 * (CN {@value #BROKER}, server and client use: it also connects to its own controller listener) and
 * one client certificate per Kafka principal (CN = principal name). Like {@link DevPki#init}, it
 * creates only what is missing and never replaces a key, so it upgrades an existing {@code var/pki}.
 */
public final class KafkaPki {

    public static final String BROKER = "kafka-broker";
    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration LEAF_VALIDITY = Duration.ofDays(825);

    private final Path dir;
    private final char[] password;

    public KafkaPki(Path pkiDir, char[] password) {
        this.dir = pkiDir.resolve("kafka");
        this.password = password.clone();
    }

    public static KafkaPki of(DevPki pki) {
        return new KafkaPki(pki.dir(), pki.password());
    }

    /** Creates what is missing for the broker and these principals; returns the files it created. */
    public List<Path> init(Collection<String> principals) {
        List<Path> created = new ArrayList<>();
        CertificateAuthority ca = loadOrCreateCa(created);
        if (!Files.exists(truststore())) {
            PemFiles.writeTrustStore(truststore(), password, ca.certificate());
            created.add(truststore());
        }
        issueIfMissing(ca, BROKER, CertificateAuthority.Role.PEER, List.of("localhost"), List.of("127.0.0.1"), created);
        for (String principal : principals) {
            issueIfMissing(ca, principal, CertificateAuthority.Role.CLIENT, List.of(), List.of(), created);
        }
        return created;
    }

    /** Lets one group read these keystores (mode 0640), e.g. for a broker image that runs as that group. */
    public void shareWithGroup(int gid, String... names) {
        for (String name : names) {
            Path file = keystore(name);
            try {
                Files.setAttribute(file, "unix:gid", gid);
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
            } catch (IOException | UnsupportedOperationException e) {
                throw new PkiException("cannot share " + file + " with group " + gid, e);
            }
        }
    }

    public Path dir() { return dir; }
    public Path caCertificate() { return dir.resolve("ca.pem"); }
    public Path truststore() { return dir.resolve("truststore.p12"); }
    public Path keystore(String name) { return dir.resolve(name + ".p12"); }

    private Path caKey() { return dir.resolve("ca-key.pem"); }

    private CertificateAuthority loadOrCreateCa(List<Path> created) {
        if (Files.exists(caCertificate()) && Files.exists(caKey())) {
            return new CertificateAuthority(PemFiles.readCertificate(caCertificate()), PemFiles.readPrivateKey(caKey()));
        }
        if (Files.exists(caCertificate()) || Files.exists(caKey())) {
            throw new PkiException("half a CA in " + dir + ": remove ca.pem and ca-key.pem or restore the missing one");
        }
        CertificateAuthority ca = CertificateAuthority.create("Vigil development Kafka CA", CA_VALIDITY);
        PemFiles.writePrivateKey(caKey(), ca.privateKey());
        PemFiles.writeCertificate(caCertificate(), ca.certificate());
        created.add(caCertificate());
        return ca;
    }

    private void issueIfMissing(CertificateAuthority ca, String name, CertificateAuthority.Role role,
                                List<String> dns, List<String> ips, List<Path> created) {
        if (Files.exists(keystore(name))) {
            return;
        }
        CertificateAuthority.IssuedCertificate issued = ca.issue(name, role, LEAF_VALIDITY, dns, ips);
        X509Certificate[] chain = {issued.certificate(), issued.issuer()};
        PemFiles.writePkcs12(keystore(name), name, issued.privateKey(), password, chain);
        created.add(keystore(name));
    }
}

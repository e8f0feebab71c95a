package io.vigil.pki;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The development PKI under one folder (default {@code var/pki}, git-ignored): a device CA, the
 * broker's server certificate, the receiver's client certificate and one client certificate per
 * site (CN = site id), each as PEM and PKCS12. {@link #init} is idempotent: it creates only what is
 * missing and never replaces an existing key.
 */
public final class DevPki {

    /** Site ids double as certificate CNs and MQTT topic levels: keep them to a safe alphabet. */
    public static final Pattern SITE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    public static final String RECEIVER = "receiver";
    /** The operator API's HTTPS server certificate (localhost, 127.0.0.1). */
    public static final String API = "api";
    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration LEAF_VALIDITY = Duration.ofDays(825);

    private final Path dir;
    private final char[] password;

    public DevPki(Path dir, char[] password) {
        this.dir = dir;
        this.password = password.clone();
    }

    /** Creates what is missing; returns the files it created. */
    public List<Path> init(Collection<String> siteIds) {
        List<Path> created = new ArrayList<>();
        CertificateAuthority ca = loadOrCreateCa(created);
        if (!Files.exists(truststore())) {
            PemFiles.writeTrustStore(truststore(), password, ca.certificate());
            created.add(truststore());
        }
        issueIfMissing(ca, "broker", "localhost", CertificateAuthority.Role.SERVER,
                List.of("localhost"), List.of("127.0.0.1"), created);
        issueIfMissing(ca, RECEIVER, RECEIVER, CertificateAuthority.Role.CLIENT, List.of(), List.of(), created);
        issueApi(ca, created);
        for (String site : siteIds) {
            issueSite(ca, site, created);
        }
        return created;
    }

    /** Issues (or keeps) the operator API's server certificate; returns its PKCS12 keystore. */
    public Path issueApiServer() {
        List<Path> created = new ArrayList<>();
        issueApi(loadOrCreateCa(created), created);
        return keystore(API);
    }

    private void issueApi(CertificateAuthority ca, List<Path> created) {
        issueIfMissing(ca, API, "localhost", CertificateAuthority.Role.SERVER,
                List.of("localhost"), List.of("127.0.0.1", "::1"), created);
    }

    /** Issues (or keeps) the mTLS client certificate of one site. */
    public List<Path> issueSite(String siteId) {
        List<Path> created = new ArrayList<>();
        issueSite(loadOrCreateCa(created), siteId, created);
        return created;
    }

    private void issueSite(CertificateAuthority ca, String siteId, List<Path> created) {
        requireSiteId(siteId);
        issueIfMissing(ca, "sites/" + siteId + "/" + siteId, siteId, CertificateAuthority.Role.CLIENT,
                List.of(), List.of(), created);
    }

    /**
     * Issues (or keeps) a TLS server certificate {@code <name>.pem} / {@code <name>-key.pem} for these
     * DNS names and IP addresses, e.g. for a syslog receiver in tests.
     */
    public List<Path> issueServer(String name, List<String> dnsNames, List<String> ipAddresses) {
        List<Path> created = new ArrayList<>();
        String commonName = dnsNames.isEmpty() ? name : dnsNames.get(0);
        issueIfMissing(loadOrCreateCa(created), name, commonName, CertificateAuthority.Role.SERVER, dnsNames,
                ipAddresses, created);
        return created;
    }

    /** Lets one group read the broker key (mode 0640), for a broker that runs as that group. */
    public void shareBrokerKeyWithGroup(int gid) {
        Path key = privateKey("broker");
        try {
            Files.setAttribute(key, "unix:gid", gid);
            Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        } catch (java.io.IOException | UnsupportedOperationException e) {
            throw new PkiException("cannot share " + key + " with group " + gid, e);
        }
    }

    public static String requireSiteId(String siteId) {
        if (siteId == null || !SITE_ID.matcher(siteId).matches()) {
            throw new IllegalArgumentException(
                    "a site id is 1-64 characters of letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return siteId;
    }

    public Path dir() { return dir; }
    public Path caCertificate() { return dir.resolve("ca.pem"); }
    public Path caKey() { return dir.resolve("ca-key.pem"); }
    public Path truststore() { return dir.resolve("truststore.p12"); }
    public Path certificate(String name) { return dir.resolve(name + ".pem"); }
    public Path privateKey(String name) { return dir.resolve(name + "-key.pem"); }
    public Path keystore(String name) { return dir.resolve(name + ".p12"); }
    public Path siteKeystore(String siteId) { return keystore("sites/" + siteId + "/" + siteId); }
    public char[] password() { return password.clone(); }

    private CertificateAuthority loadOrCreateCa(List<Path> created) {
        if (Files.exists(caCertificate()) && Files.exists(caKey())) {
            return new CertificateAuthority(PemFiles.readCertificate(caCertificate()), PemFiles.readPrivateKey(caKey()));
        }
        if (Files.exists(caCertificate()) || Files.exists(caKey())) {
            throw new PkiException("half a CA in " + dir + ": remove ca.pem and ca-key.pem or restore the missing one");
        }
        CertificateAuthority ca = CertificateAuthority.create("Vigil development device CA", CA_VALIDITY);
        PemFiles.writePrivateKey(caKey(), ca.privateKey());
        PemFiles.writeCertificate(caCertificate(), ca.certificate());
        created.add(caCertificate());
        return ca;
    }

    private void issueIfMissing(CertificateAuthority ca, String name, String commonName, CertificateAuthority.Role role,
                                List<String> dns, List<String> ips, List<Path> created) {
        if (Files.exists(certificate(name)) && Files.exists(privateKey(name)) && Files.exists(keystore(name))) {
            return;
        }
        CertificateAuthority.IssuedCertificate issued = ca.issue(commonName, role, LEAF_VALIDITY, dns, ips);
        X509Certificate[] chain = {issued.certificate(), issued.issuer()};
        PemFiles.writePrivateKey(privateKey(name), issued.privateKey(), issued.certificate().getPublicKey());
        PemFiles.writePkcs12(keystore(name), commonName, issued.privateKey(), password, chain);
        PemFiles.writeCertificate(certificate(name), issued.certificate());
        created.add(certificate(name));
    }
}

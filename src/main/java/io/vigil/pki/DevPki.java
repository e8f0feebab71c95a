package io.vigil.pki;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The development PKI under one folder (default {@code var/pki}, git-ignored): a device CA (sites and
 * the broker's server certificate) with its CRL, a separate service CA that issues only the
 * receiver's client certificate, and one client certificate per site (CN = site id), each as PEM
 * and PKCS12. {@link #init} is idempotent: it creates only what is missing and never replaces a key a
 * site holds; the one upgrade it makes is a receiver certificate of the device CA (written by older
 * versions), which it issues anew from the service CA (docs/delivery.md, "Listeners and identities").
 */
public final class DevPki {

    /** Site ids double as certificate CNs and MQTT topic levels: keep them to a safe alphabet. */
    public static final Pattern SITE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    public static final String RECEIVER = "receiver";
    /** The operator API's HTTPS server certificate (localhost, 127.0.0.1). */
    public static final String API = "api";
    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration LEAF_VALIDITY = Duration.ofDays(825);
    /** How long a CRL is valid: an expired CRL makes the broker refuse every site, so renew it well before. */
    public static final Duration CRL_VALIDITY = Duration.ofDays(365);

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
        if (!Files.exists(crl())) {
            writeCrl(ca.crl(null, List.of(), 0, CRL_VALIDITY));
            created.add(crl());
        }
        issueIfMissing(ca, "broker", "localhost", CertificateAuthority.Role.SERVER,
                List.of("localhost"), List.of("127.0.0.1"), created);
        CertificateAuthority serviceCa = loadOrCreateCa(serviceCaCertificate(), serviceCaKey(),
                "Vigil development service CA", created);
        if (Files.exists(certificate(RECEIVER)) && !issuedBy(PemFiles.readCertificate(certificate(RECEIVER)), serviceCa)) {
            issue(serviceCa, RECEIVER, RECEIVER, CertificateAuthority.Role.CLIENT, List.of(), List.of(), created);
        }
        issueIfMissing(serviceCa, RECEIVER, RECEIVER, CertificateAuthority.Role.CLIENT, List.of(), List.of(), created);
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
        ReservedSiteIds.requireEnrollable(siteId);
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

    /** The device CA, which issues the sites' and the broker's certificates (created if missing). */
    public CertificateAuthority deviceCa() {
        return loadOrCreateCa(new ArrayList<>());
    }

    /**
     * Adds these serials to the device CA's CRL ({@link #crl()}), re-signed with a higher number; returns
     * the serials that were not listed before.
     */
    public synchronized List<java.math.BigInteger> revoke(java.util.Collection<java.math.BigInteger> serials, int reason) {
        X509CRL previous = Files.exists(crl()) ? PemFiles.readCrl(crl()) : null;
        List<java.math.BigInteger> added = new ArrayList<>();
        for (java.math.BigInteger serial : serials) {
            if ((previous == null || previous.getRevokedCertificate(serial) == null) && !added.contains(serial)) {
                added.add(serial);
            }
        }
        writeCrl(deviceCa().crl(previous, added, reason, CRL_VALIDITY));
        return added;
    }

    private void writeCrl(X509CRL crl) {
        PemFiles.writeAtomically(crl(), PemFiles.toPem(crl).getBytes(java.nio.charset.StandardCharsets.US_ASCII), false);
    }

    private static boolean issuedBy(X509Certificate certificate, CertificateAuthority ca) {
        try {
            certificate.verify(ca.certificate().getPublicKey());
            return true;
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }

    public Path dir() { return dir; }
    public Path caCertificate() { return dir.resolve("ca.pem"); }
    public Path caKey() { return dir.resolve("ca-key.pem"); }
    /** The device CA's certificate revocation list, which the broker's site listener checks. */
    public Path crl() { return dir.resolve("crl.pem"); }
    public Path serviceCaCertificate() { return dir.resolve("service-ca.pem"); }
    public Path serviceCaKey() { return dir.resolve("service-ca-key.pem"); }
    public Path truststore() { return dir.resolve("truststore.p12"); }
    public Path certificate(String name) { return dir.resolve(name + ".pem"); }
    public Path privateKey(String name) { return dir.resolve(name + "-key.pem"); }
    public Path keystore(String name) { return dir.resolve(name + ".p12"); }
    public Path siteKeystore(String siteId) { return keystore("sites/" + siteId + "/" + siteId); }
    public char[] password() { return password.clone(); }

    private CertificateAuthority loadOrCreateCa(List<Path> created) {
        return loadOrCreateCa(caCertificate(), caKey(), "Vigil development device CA", created);
    }

    private CertificateAuthority loadOrCreateCa(Path certificate, Path key, String commonName, List<Path> created) {
        if (Files.exists(certificate) && Files.exists(key)) {
            return new CertificateAuthority(PemFiles.readCertificate(certificate), PemFiles.readPrivateKey(key));
        }
        if (Files.exists(certificate) || Files.exists(key)) {
            throw new PkiException("half a CA in " + dir + ": remove " + certificate.getFileName() + " and "
                    + key.getFileName() + " or restore the missing one");
        }
        CertificateAuthority ca = CertificateAuthority.create(commonName, CA_VALIDITY);
        PemFiles.writePrivateKey(key, ca.privateKey());
        PemFiles.writeCertificate(certificate, ca.certificate());
        created.add(certificate);
        return ca;
    }

    private void issueIfMissing(CertificateAuthority ca, String name, String commonName, CertificateAuthority.Role role,
                                List<String> dns, List<String> ips, List<Path> created) {
        if (Files.exists(certificate(name)) && Files.exists(privateKey(name)) && Files.exists(keystore(name))) {
            return;
        }
        issue(ca, name, commonName, role, dns, ips, created);
    }

    private void issue(CertificateAuthority ca, String name, String commonName, CertificateAuthority.Role role,
                       List<String> dns, List<String> ips, List<Path> created) {
        CertificateAuthority.IssuedCertificate issued = ca.issue(commonName, role, LEAF_VALIDITY, dns, ips);
        X509Certificate[] chain = {issued.certificate(), issued.issuer()};
        PemFiles.writePrivateKey(privateKey(name), issued.privateKey(), issued.certificate().getPublicKey());
        PemFiles.writePkcs12(keystore(name), commonName, issued.privateKey(), password, chain);
        PemFiles.writeCertificate(certificate(name), issued.certificate());
        created.add(certificate(name));
    }
}

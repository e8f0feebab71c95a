package io.vigil.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevPkiTest {

    @TempDir
    Path dir;

    @Test
    void initCreatesTheCaBrokerReceiverAndSiteCertificatesSignedByTheCa() throws Exception {
        DevPki pki = new DevPki(dir, "pw".toCharArray());
        pki.init(List.of("site-0001"));

        X509Certificate ca = PemFiles.readCertificate(pki.caCertificate());
        X509Certificate broker = PemFiles.readCertificate(pki.certificate("broker"));
        X509Certificate site = PemFiles.readCertificate(pki.certificate("sites/site-0001/site-0001"));
        broker.verify(ca.getPublicKey());
        site.verify(ca.getPublicKey());
        assertThat(site.getSubjectX500Principal().getName()).contains("CN=site-0001");
        assertThat(broker.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))).toList())
                .containsExactlyInAnyOrder("localhost", "127.0.0.1");
        assertThat(site.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2"); // clientAuth
        assertThat(broker.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1"); // serverAuth
        assertThat(PemFiles.readPkcs12(pki.siteKeystore("site-0001"), "pw".toCharArray()).isKeyEntry("site-0001")).isTrue();
    }

    @Test
    void initIsIdempotentAndNeverReplacesAKey() throws Exception {
        DevPki pki = new DevPki(dir, "pw".toCharArray());
        assertThat(pki.init(List.of("site-0001"))).isNotEmpty();
        byte[] caKey = Files.readAllBytes(pki.caKey());

        assertThat(pki.init(List.of("site-0001"))).isEmpty();
        assertThat(Files.readAllBytes(pki.caKey())).isEqualTo(caKey);
    }

    @Test
    void privateKeysAreOwnerOnlyAndReadableByOpenSslAsPkcs8() throws Exception {
        DevPki pki = new DevPki(dir, "pw".toCharArray());
        pki.init(List.of());

        assertThat(Files.getPosixFilePermissions(pki.privateKey("broker")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.readString(pki.privateKey("broker"))).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PemFiles.readPrivateKey(pki.privateKey("broker")).getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void issuedKeysCarryTheirPublicKeyForGnuTls() throws Exception {
        DevPki pki = new DevPki(dir, "pw".toCharArray());
        pki.issueServer("syslog", List.of("localhost"), List.of("127.0.0.1"));

        byte[] pkcs8;
        try (var reader = new org.bouncycastle.util.io.pem.PemReader(Files.newBufferedReader(pki.privateKey("syslog")))) {
            pkcs8 = reader.readPemObject().getContent();
        }
        var ec = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(
                org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(pkcs8).parsePrivateKey());
        var certificate = PemFiles.readCertificate(pki.certificate("syslog"));
        assertThat(ec.getPublicKey().getBytes()).isEqualTo(org.bouncycastle.asn1.x509.SubjectPublicKeyInfo
                .getInstance(certificate.getPublicKey().getEncoded()).getPublicKeyData().getBytes());
        assertThat(PemFiles.readPrivateKey(pki.privateKey("syslog")).getAlgorithm()).isEqualTo("EC");
        List<Object> names = new java.util.ArrayList<>();
        certificate.getSubjectAlternativeNames().forEach(n -> names.add(n.get(1)));
        assertThat(names).containsExactlyInAnyOrder("localhost", "127.0.0.1");
    }

    @Test
    void siteIdsThatCouldEscapeATopicOrPathAreRefused() {
        DevPki pki = new DevPki(dir, "pw".toCharArray());
        for (String bad : new String[] {"", "../etc", "a/b", "site+", "site#", "x".repeat(65), "-lead"}) {
            assertThatThrownBy(() -> pki.issueSite(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}

package io.vigil.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaPkiTest {

    @TempDir
    Path dir;

    @Test
    void anExistingPkiGainsAKafkaCaOfItsOwnWithABrokerAndOneCertificatePerPrincipal() throws Exception {
        DevPki devices = new DevPki(dir, "pw".toCharArray());
        devices.init(List.of("site-0001"));
        byte[] deviceCaKey = Files.readAllBytes(devices.caKey());
        KafkaPki kafka = KafkaPki.of(devices);
        kafka.init(List.of("vigil-ingest"));

        X509Certificate kafkaCa = PemFiles.readCertificate(kafka.caCertificate());
        X509Certificate deviceCa = PemFiles.readCertificate(devices.caCertificate());
        assertThat(kafkaCa.getPublicKey()).isNotEqualTo(deviceCa.getPublicKey());
        assertThat(Files.readAllBytes(devices.caKey())).as("the device CA is left alone").isEqualTo(deviceCaKey);
        X509Certificate broker = certificate(kafka, KafkaPki.BROKER);
        broker.verify(kafkaCa.getPublicKey());
        // the broker also connects to its own controller listener: server and client use
        assertThat(broker.getExtendedKeyUsage()).containsExactlyInAnyOrder("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        X509Certificate ingest = certificate(kafka, "vigil-ingest");
        ingest.verify(kafkaCa.getPublicKey());
        assertThat(ingest.getSubjectX500Principal().getName()).startsWith("CN=vigil-ingest,");
        assertThat(PemFiles.readPkcs12(kafka.truststore(), "pw".toCharArray()).getCertificate("ca-0")).isEqualTo(kafkaCa);
    }

    @Test
    void initIsIdempotentAndAddsOnlyWhatIsMissing() throws Exception {
        KafkaPki kafka = new KafkaPki(dir, "pw".toCharArray());
        assertThat(kafka.init(List.of("vigil-ingest"))).isNotEmpty();
        byte[] ingest = Files.readAllBytes(kafka.keystore("vigil-ingest"));
        assertThat(kafka.init(List.of("vigil-ingest"))).isEmpty();
        assertThat(kafka.init(List.of("vigil-ingest", "vigil-audit"))).containsExactly(kafka.keystore("vigil-audit"));
        assertThat(Files.readAllBytes(kafka.keystore("vigil-ingest"))).isEqualTo(ingest);
    }

    private static X509Certificate certificate(KafkaPki kafka, String name) throws Exception {
        KeyStore store = PemFiles.readPkcs12(kafka.keystore(name), "pw".toCharArray());
        return (X509Certificate) store.getCertificate(name);
    }
}

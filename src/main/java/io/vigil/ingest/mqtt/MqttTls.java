package io.vigil.ingest.mqtt;

import io.vigil.pki.PemFiles;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/** The TLS client side of an MQTT connection: our certificate to prove who we are, our CA to check the broker. */
public final class MqttTls {

    private MqttTls() {}

    public static SSLSocketFactory socketFactory(Path keystore, Path truststore, char[] password) {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(PemFiles.readPkcs12(keystore, password), password);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            KeyStore trusted = PemFiles.readPkcs12(truststore, password);
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up MQTT TLS from " + keystore + " and " + truststore, e);
        }
    }
}

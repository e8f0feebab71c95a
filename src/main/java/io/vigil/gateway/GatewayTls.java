package io.vigil.gateway;

import io.vigil.pki.PemFiles;
import io.vigil.trust.device.DeviceBundle;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The gateway's TLS client side from the bundle's PEM files (its certificate and key, the centre's
 * CA), so the gateway needs no keystore password.
 */
final class GatewayTls {

    private static final char[] NO_PASSWORD = new char[0];

    private GatewayTls() {}

    static SSLSocketFactory socketFactory(Path bundle) {
        try {
            KeyStore own = KeyStore.getInstance("PKCS12");
            own.load(null, null);
            own.setKeyEntry("site", PemFiles.readPrivateKey(bundle.resolve(DeviceBundle.CLIENT_KEY)), NO_PASSWORD,
                    new Certificate[] {PemFiles.readCertificate(bundle.resolve(DeviceBundle.CLIENT_CERTIFICATE))});
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("ca", PemFiles.readCertificate(bundle.resolve(DeviceBundle.CA_CERTIFICATE)));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(own, NO_PASSWORD);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up the gateway's TLS from the bundle " + bundle, e);
        }
    }
}

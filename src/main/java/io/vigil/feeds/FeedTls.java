package io.vigil.feeds;

import io.vigil.pki.PemFiles;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/** TLS client contexts of the feeds: which CAs to trust, an optional client certificate, and the server's name checked. */
public final class FeedTls {

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private FeedTls() {}

    /**
     * A client context trusting the CAs of a PKCS12 truststore (the JVM's default CAs when
     * {@code truststore} is null), presenting the key of {@code keystore} when one is given.
     */
    public static SSLContext context(Path truststore, char[] truststorePassword, Path keystore, char[] keystorePassword) {
        try {
            TrustManager[] trust = null;
            if (truststore != null) {
                TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init(PemFiles.readPkcs12(truststore, truststorePassword));
                trust = factory.getTrustManagers();
            }
            KeyManager[] keys = null;
            if (keystore != null) {
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(PemFiles.readPkcs12(keystore, keystorePassword), keystorePassword);
                keys = factory.getKeyManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS with truststore " + truststore
                    + (keystore == null ? "" : " and keystore " + keystore) + ": " + e.getMessage(), e);
        }
    }

    /**
     * The same context, but every engine it creates is a TLS 1.2/1.3 client engine for {@code host:port}
     * that checks the server certificate names {@code host} (RFC 6125, as HTTPS does), when
     * {@code verifyHostname}. Netty asks for engines without a peer, which would leave nothing to check.
     */
    public static SSLContext forServer(SSLContext base, String host, int port, boolean verifyHostname) {
        return new SSLContext(new HostBoundSpi(base, host, port, verifyHostname), base.getProvider(), base.getProtocol()) {};
    }

    private static final class HostBoundSpi extends SSLContextSpi {
        private final SSLContext base;
        private final String host;
        private final int port;
        private final boolean verifyHostname;

        HostBoundSpi(SSLContext base, String host, int port, boolean verifyHostname) {
            this.base = base;
            this.host = host;
            this.port = port;
            this.verifyHostname = verifyHostname;
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random) throws KeyManagementException {
            throw new KeyManagementException("already initialised");
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return base.getSocketFactory();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return base.getServerSocketFactory();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return engineCreateSSLEngine(host, port);
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String peerHost, int peerPort) {
            SSLEngine engine = base.createSSLEngine(peerHost, peerPort);
            engine.setUseClientMode(true);
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setProtocols(PROTOCOLS);
            if (verifyHostname) {
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
            }
            engine.setSSLParameters(parameters);
            return engine;
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return base.getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return base.getClientSessionContext();
        }
    }
}

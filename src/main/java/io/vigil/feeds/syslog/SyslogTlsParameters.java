package io.vigil.feeds.syslog;

import io.vigil.feeds.FeedTls;
import io.vigil.feeds.FeedsConfig;
import javax.net.ssl.SSLContext;
import org.apache.camel.CamelContext;
import org.apache.camel.support.jsse.SSLContextParameters;

/**
 * The netty producer's TLS for the syslog sink: Vigil's truststore (and optional client certificate),
 * and engines that check that the server certificate names the configured host. Files are read when
 * the producer starts, so a disabled sink never needs them.
 */
public final class SyslogTlsParameters extends SSLContextParameters {

    private final FeedsConfig.CefTls tls;

    public SyslogTlsParameters(FeedsConfig.CefTls tls) {
        this.tls = tls;
    }

    @Override
    public SSLContext createSSLContext(CamelContext camelContext) {
        SSLContext base = FeedTls.context(tls.truststore(), tls.truststorePassword(), tls.keystore(), tls.keystorePassword());
        return FeedTls.forServer(base, tls.host(), tls.port(), tls.verifyHostname());
    }

    @Override
    public String toString() {
        return "SyslogTlsParameters[" + tls + "]";
    }
}

package io.vigil.api;

import io.vigil.api.auth.ApiTokens;
import io.vigil.api.auth.FailedAuthLimiter;
import io.vigil.api.auth.SessionAuth;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.jetty.server.Handler;
import io.vigil.api.sse.IncidentStream;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import javax.sql.DataSource;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator API (docs/api.md): Jetty's core HTTP server (no servlet layer), HTTPS on loopback by
 * default, one {@link ApiHandler} for everything, the incident stream's LISTEN connection.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private final Server server;
    private final ServerConnector connector;
    private final IncidentStream stream;
    private final boolean tls;
    private final List<Route> routes;

    private ApiServer(Server server, ServerConnector connector, IncidentStream stream, boolean tls, List<Route> routes) {
        this.server = server;
        this.connector = connector;
        this.stream = stream;
        this.tls = tls;
        this.routes = routes;
    }

    /**
     * What the API works with.
     *
     * @param dataSource the API's pool: token checks, audit queries, the stream's LISTEN connection
     */
    public record Services(DataSource dataSource, ApiTokens tokens, io.vigil.audit.AuditLog auditLog,
                           int auditFetchSize, io.vigil.trust.keys.KeyRegistry registry,
                           io.vigil.trust.device.SiteEnrollment enrollment, IncidentConsole incidents,
                           io.vigil.automation.Automation automation) {}

    /**
     * The operator console in front of the API (docs/console.md): its sessions, and the handler that
     * serves the console's own paths and hands every other request to the API's.
     */
    public record Console(SessionAuth sessions, Front front) {}

    @FunctionalInterface
    public interface Front {
        Handler wrap(Handler api, FailedAuthLimiter failures, ApiAudit audit);
    }

    public static ApiServer start(ApiConfig config, Services services) throws Exception {
        return start(config, services, null);
    }

    /** @param console null: the API alone, bearer tokens only */
    public static ApiServer start(ApiConfig config, Services services, Console console) throws Exception {
        SessionAuth sessions = console == null ? null : console.sessions();
        IncidentStream stream = new IncidentStream(services.dataSource(), config.incidentChannel(), config.stream(),
                ids -> stillValid(ids, services.tokens(), sessions)).start();
        Server server = null;
        try {
            List<Route> routes = ApiRoutes.all(config, services);
            ApiAudit audit = new ApiAudit(services.auditLog(), config.auditTimeout());
            FailedAuthLimiter failures = new FailedAuthLimiter(config.authFailures(), java.time.Clock.systemUTC());
            Handler handler = new ApiHandler(new Router(routes), services.tokens(), audit, stream, config.maxBodyBytes(),
                    failures, sessions);
            if (console != null) {
                handler = console.front().wrap(handler, failures, audit);
            }

            QueuedThreadPool threads = new QueuedThreadPool(config.maxThreads(), 4);
            threads.setName("vigil-api");
            threads.setDaemon(true);
            server = new Server(threads);
            HttpConfiguration http = new HttpConfiguration();
            http.setSendServerVersion(false);
            http.setSendXPoweredBy(false);
            http.setRequestHeaderSize(8192);
            http.setUriCompliance(UriCompliance.DEFAULT);
            ServerConnector connector;
            if (config.tls()) {
                if (!Files.isReadable(config.keystore())) {
                    throw new IllegalStateException("the API's keystore " + config.keystore() + " is missing:"
                            + " run `vigil pki init` or set vigil.api.keystore");
                }
                SslContextFactory.Server ssl = new SslContextFactory.Server();
                ssl.setKeyStorePath(config.keystore().toString());
                ssl.setKeyStoreType("PKCS12");
                ssl.setKeyStorePassword(config.keystorePassword());
                ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
                SecureRequestCustomizer secure = new SecureRequestCustomizer();
                // clients reach a loopback API by IP address, which is not sent as SNI
                secure.setSniHostCheck(false);
                http.addCustomizer(secure);
                connector = new ServerConnector(server, 1, 1, new SslConnectionFactory(ssl, "http/1.1"),
                        new HttpConnectionFactory(http));
            } else {
                connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
            }
            connector.setHost(config.bindAddress());
            connector.setPort(config.port());
            connector.setIdleTimeout(config.idleTimeout().toMillis());
            server.addConnector(connector);
            server.setHandler(handler);
            server.setErrorHandler(new ProblemErrorHandler());
            server.setStopTimeout(5_000);
            server.start();
            ApiServer api = new ApiServer(server, connector, stream, config.tls(), routes);
            LOG.info("operator API listening on {}", api.baseUri());
            return api;
        } catch (Exception | Error e) {
            stream.close();
            if (server != null) {
                try {
                    server.stop();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /** Stream subscribers still allowed: tokens by the token table, console sessions by the session table. */
    private static Set<String> stillValid(Collection<String> ids, ApiTokens tokens, SessionAuth sessions) throws Exception {
        Set<String> valid = new HashSet<>(tokens.stillValid(ids.stream().filter(id -> !SessionAuth.isSessionId(id)).toList()));
        if (sessions != null) {
            valid.addAll(sessions.stillValid(ids.stream().filter(SessionAuth::isSessionId).toList()));
        }
        return valid;
    }

    /** The port it listens on (the real one when configured with 0). */
    public int port() {
        return connector.getLocalPort();
    }

    public URI baseUri() {
        String host = connector.getHost().contains(":") ? "[" + connector.getHost() + "]" : connector.getHost();
        return URI.create((tls ? "https" : "http") + "://" + host + ":" + port());
    }

    public IncidentStream incidentStream() {
        return stream;
    }

    /** Every registered operation (the OpenAPI document must list exactly these). */
    public List<Route> routes() {
        return routes;
    }

    @Override
    public void close() {
        stream.close(); // event streams end first, or the graceful stop would wait for them
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("the API server did not stop cleanly: {}", e.getMessage());
        }
    }
}

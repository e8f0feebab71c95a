package io.vigil.feeds;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP endpoint (the JDK's server) standing in for a SIEM: it records every request per path
 * and answers 200, or 503 for the paths that are "down".
 */
public final class RecordingHttpServer implements AutoCloseable {

    static {
        // answer without Nagle's delay, as a production receiver would (the JDK server's default waits ~40 ms per answer)
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** One request as received: headers (names in lower case) and the raw body. */
    public record Request(Map<String, String> headers, byte[] body) {}

    private final HttpServer server;
    private final Map<String, List<Request>> accepted = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> refused = new ConcurrentHashMap<>();
    private final Set<String> down = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> downAfter = new ConcurrentHashMap<>();

    public RecordingHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public void down(String path) {
        down.add(path);
    }

    public void up(String path) {
        down.remove(path);
        downAfter.remove(path);
    }

    /** Accepts this many more requests on the path, then answers 503 until {@link #up}. */
    public void downAfter(String path, int moreAccepted) {
        downAfter.put(path, accepted(path).size() + moreAccepted);
    }

    public List<Request> accepted(String path) {
        return List.copyOf(accepted.getOrDefault(path, List.of()));
    }

    public int refused(String path) {
        return refused.getOrDefault(path, new AtomicInteger()).get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (down.contains(path) || accepted(path).size() >= downAfter.getOrDefault(path, Integer.MAX_VALUE)) {
                refused.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            Map<String, String> headers = new ConcurrentHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
            accepted.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(new Request(headers, body));
            byte[] answer = "{\"text\":\"Success\",\"code\":0}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

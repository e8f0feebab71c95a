package io.vigil.api.sse;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.api.ApiConfig;
import io.vigil.api.auth.Principal;
import io.vigil.support.LogSafe;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live stream of incident changes (docs/api.md, "Live incident stream"): one connection LISTENs
 * on the incident channel, and each NOTIFY becomes one {@code change} event for every subscriber.
 *
 * <p>NOTIFY is not persistent: what is sent while nobody listens is gone. So every event gets an id
 * ({@code <run>-<n>}, {@code run} new at each start), the last {@code replay} events are kept, and a
 * client that reconnects with {@code Last-Event-ID} gets what it missed if that is still kept, or a
 * {@code resync} event that tells it to read the queue again. A {@code resync} also goes to everybody
 * when the LISTEN connection was lost and re-established, or a notification could not be read.
 */
public final class IncidentStream implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IncidentStream.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int POLL_MILLIS = 250;
    private static final int RETRY_MILLIS = 3000;

    /** Re-checks subscribers' tokens, so that a revoked or expired token's stream ends. */
    @FunctionalInterface
    public interface TokenCheck {
        Set<String> stillValid(Collection<String> tokenIds) throws Exception;
    }

    private record Kept(long seq, ByteBuffer frame) {}

    private final DataSource dataSource;
    private final String channel;
    private final ApiConfig.Stream config;
    private final TokenCheck tokens;
    private final String run = newRunId();
    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private final ArrayDeque<Kept> kept = new ArrayDeque<>();
    private final Object lock = new Object();
    private long head; // seq of the newest event; guarded by lock
    private volatile boolean running;
    private volatile boolean listening;
    private Thread listener;
    private ScheduledExecutorService ticker;

    public IncidentStream(DataSource dataSource, String channel, ApiConfig.Stream config, TokenCheck tokens) {
        if (!ApiConfig.CHANNEL.matcher(channel).matches()) {
            throw new IllegalArgumentException("not a plain channel name");
        }
        this.dataSource = dataSource;
        this.channel = channel;
        this.config = config;
        this.tokens = tokens;
    }

    public synchronized IncidentStream start() {
        if (running) {
            return this;
        }
        running = true;
        listener = new Thread(this::listen, "vigil-api-incident-listener");
        listener.setDaemon(true);
        listener.start();
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vigil-api-stream-keepalive");
            t.setDaemon(true);
            return t;
        });
        long every = config.keepAlive().toMillis();
        ticker.scheduleWithFixedDelay(this::keepAlive, every, every, TimeUnit.MILLISECONDS);
        return this;
    }

    /** True while the LISTEN connection is up (tests wait for it before they NOTIFY). */
    public boolean listening() {
        return listening;
    }

    public int clients() {
        return clients.size();
    }

    /**
     * Subscribes a client: first what it missed since {@code lastEventId} (or {@code resync} if that
     * cannot be bridged), then a {@code ready} event, then live events. False when the stream is full.
     */
    public boolean attach(Principal principal, String lastEventId, SseClient.Sink sink) {
        synchronized (lock) {
            if (!running || clients.size() >= config.maxClients()) {
                return false;
            }
            SseClient client = new SseClient(principal.tokenId(), sink, config.clientBuffer(), clients::remove);
            clients.add(client);
            client.offer(utf8("retry: " + RETRY_MILLIS + "\n\n"));
            int replayed = 0;
            if (lastEventId != null) {
                List<Kept> missed = missedSince(lastEventId);
                if (missed == null) {
                    client.offer(frame(currentId(), "resync", "{\"reason\":\"history-unavailable\"}"));
                } else {
                    for (Kept k : missed) {
                        client.offer(k.frame());
                    }
                    replayed = missed.size();
                }
            }
            client.offer(frame(currentId(), "ready", "{\"replayed\":" + replayed + "}"));
            return true;
        }
    }

    /** One {@code change} event per notification; the payload must be JSON and is sent verbatim. */
    void publish(String payload) {
        if (!isJson(payload)) {
            LOG.warn("incident notification on {} is not JSON, telling clients to resync: {}", channel,
                    LogSafe.quote(payload));
            broadcast("resync", "{\"reason\":\"unreadable-notification\"}");
            return;
        }
        broadcast("change", payload);
    }

    void broadcast(String event, String data) {
        synchronized (lock) {
            head++;
            ByteBuffer frame = frame(run + "-" + head, event, data);
            if (config.replay() > 0) {
                if (kept.size() == config.replay()) {
                    kept.removeFirst();
                }
                kept.addLast(new Kept(head, frame));
            }
            for (SseClient client : clients) {
                client.offer(frame);
            }
        }
    }

    // null: the client's position cannot be bridged (another run, too old, or not an id of ours)
    private List<Kept> missedSince(String lastEventId) {
        int dash = lastEventId.lastIndexOf('-');
        if (dash < 0 || !lastEventId.substring(0, dash).equals(run)) {
            return null;
        }
        long seen;
        try {
            seen = Long.parseLong(lastEventId.substring(dash + 1));
        } catch (NumberFormatException e) {
            return null;
        }
        long oldestKept = kept.isEmpty() ? head + 1 : kept.peekFirst().seq();
        if (seen < 0 || seen > head || seen < oldestKept - 1) {
            return null;
        }
        List<Kept> missed = new ArrayList<>();
        for (Kept k : kept) {
            if (k.seq() > seen) {
                missed.add(k);
            }
        }
        return missed;
    }

    private String currentId() {
        return run + "-" + head;
    }

    private void keepAlive() {
        try {
            ByteBuffer comment = utf8(": keep-alive\n\n");
            List<SseClient> snapshot = List.copyOf(clients);
            snapshot.forEach(c -> c.offer(comment));
            if (snapshot.isEmpty()) {
                return;
            }
            Set<String> valid = tokens.stillValid(snapshot.stream().map(SseClient::tokenId).collect(Collectors.toSet()));
            for (SseClient client : snapshot) {
                if (!valid.contains(client.tokenId())) {
                    LOG.info("ending event stream of token {}: revoked or expired", client.tokenId());
                    client.finish();
                }
            }
        } catch (Exception e) {
            // the tokens are checked again at the next tick; streams go on meanwhile
            LOG.warn("event stream keep-alive: cannot re-check tokens: {}", LogSafe.quote(e.getMessage()));
        }
    }

    private void listen() {
        long backoffMillis = 500;
        boolean connectedBefore = false;
        while (running) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + channel); // validated identifier: LISTEN takes no parameter
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                listening = true;
                backoffMillis = 500;
                if (connectedBefore || !clients.isEmpty()) {
                    // notifications sent while nobody listened are lost: clients must re-read
                    broadcast("resync", "{\"reason\":\"listener-reconnected\"}");
                }
                connectedBefore = true;
                long lastCheck = System.nanoTime();
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            if (channel.equals(n.getName())) {
                                publish(n.getParameter());
                            }
                        }
                    }
                    if (System.nanoTime() - lastCheck > config.keepAlive().toNanos()) {
                        // a dead TCP connection would otherwise just look quiet
                        if (!c.isValid(5)) {
                            throw new SQLException("LISTEN connection is no longer valid", "08006");
                        }
                        lastCheck = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (!running) {
                    return;
                }
                LOG.warn("incident stream lost its LISTEN connection, retrying in {} ms: {}", backoffMillis,
                        LogSafe.quote(e.getMessage()));
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(backoffMillis));
                backoffMillis = Math.min(backoffMillis * 2, 30_000);
            }
        }
        listening = false;
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            t = listener;
            ticker.shutdownNow();
        }
        synchronized (lock) {
            List.copyOf(clients).forEach(SseClient::finish);
        }
        try {
            t.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One event. Data lines are split at every line break (the SSE field ends at CR or LF), so a
     * payload with line breaks arrives intact: the client joins the lines with LF.
     */
    static ByteBuffer frame(String id, String event, String data) {
        StringBuilder b = new StringBuilder(data.length() + 48);
        b.append("id: ").append(id).append('\n');
        b.append("event: ").append(event).append('\n');
        for (String line : data.split("\r\n|\r|\n", -1)) {
            b.append("data: ").append(line).append('\n');
        }
        b.append('\n');
        return utf8(b.toString());
    }

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
    }

    private static boolean isJson(String payload) {
        if (payload == null || payload.isBlank()) {
            return false;
        }
        try (var parser = JSON.createParser(payload)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static String newRunId() {
        SecureRandom random = new SecureRandom();
        StringBuilder id = new StringBuilder();
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        for (int i = 0; i < 8; i++) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return id.toString();
    }
}

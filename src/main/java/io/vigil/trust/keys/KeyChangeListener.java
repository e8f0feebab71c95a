package io.vigil.trust.keys;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds one connection that LISTENs on the registry's NOTIFY channel and calls {@code onChange}
 * when a site or key changed (and after every (re)connect, since notifications sent while it was
 * away are lost). The cache's poll stays the guarantee; this only makes changes near-immediate.
 */
public final class KeyChangeListener implements AutoCloseable {

    public static final String CHANNEL = "vigil_key_registry";
    private static final Logger LOG = LoggerFactory.getLogger(KeyChangeListener.class);
    private static final int WAIT_MILLIS = 250;

    private final DataSource dataSource;
    private final Runnable onChange;
    private volatile boolean running;
    private Thread thread;

    public KeyChangeListener(DataSource dataSource, Runnable onChange) {
        this.dataSource = dataSource;
        this.onChange = onChange;
    }

    public synchronized KeyChangeListener start() {
        if (thread == null) {
            running = true;
            thread = new Thread(this::run, "vigil-key-listener");
            thread.setDaemon(true);
            thread.start();
        }
        return this;
    }

    private void run() {
        long backoffMillis = 500;
        while (running) {
            try (Connection c = dataSource.getConnection()) {
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                backoffMillis = 500;
                onChange.run();
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
                    if (notifications != null && notifications.length > 0) {
                        onChange.run();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warn("key change listener lost its connection, retrying in {} ms: {}", backoffMillis, e.getMessage());
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(backoffMillis));
                backoffMillis = Math.min(backoffMillis * 2, 30_000);
            }
        }
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
            thread = null;
        }
        if (t != null) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

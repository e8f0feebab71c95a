package io.vigil.trust;

import io.vigil.config.VigilProperties;
import io.vigil.trust.crypto.CryptoProviders;
import io.vigil.trust.keys.CachedKeyDirectory;
import io.vigil.trust.keys.KeyChangeListener;
import io.vigil.trust.keys.KeyEncryptionKey;
import io.vigil.trust.keys.SecretsConfig;
import io.vigil.trust.keys.PostgresKeyRegistry;
import io.vigil.trust.replay.PostgresSequenceStore;
import io.vigil.trust.replay.ReplayGuard;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * The trust gate with everything it stands on, started and stopped together: the key cache and its
 * NOTIFY listener over the PostgreSQL registry, the replay guard with its write-behind store, the
 * reject-burst detector and the metrics.
 */
public final class TrustRuntime implements AutoCloseable {

    private final TrustConfig config;
    private final CachedKeyDirectory keys;
    private final KeyChangeListener keyChanges;
    private final ReplayGuard replay;
    private final TrustMetrics metrics = new TrustMetrics();
    private final TrustGate gate;
    private final RejectBurstDetector bursts;

    private TrustRuntime(TrustConfig config, KeyEncryptionKey kek, DataSource dataSource, Clock clock) {
        this.config = config;
        this.keys = new CachedKeyDirectory(new PostgresKeyRegistry(dataSource), config, clock, kek);
        this.keyChanges = new KeyChangeListener(dataSource, keys::requestRefresh);
        this.replay = new ReplayGuard(config, new PostgresSequenceStore(dataSource), clock);
        this.gate = new TrustGate(config, keys, replay, metrics, clock);
        this.bursts = new RejectBurstDetector(config.rejectBurst());
    }

    /** Loads the keys and the persisted replay state; fails when PostgreSQL cannot be reached. */
    public static TrustRuntime start(VigilProperties properties, DataSource dataSource, Clock clock) {
        CryptoProviders.select(CryptoProviders.Choice.from(properties));
        TrustRuntime runtime = new TrustRuntime(TrustConfig.from(properties), SecretsConfig.from(properties).loadKek(),
                dataSource, clock);
        runtime.keys.start();
        runtime.keyChanges.start();
        runtime.replay.start();
        return runtime;
    }

    public TrustConfig config() {
        return config;
    }

    /** The key registry as the hot path sees it (sites, keys, secrets), kept current. */
    public CachedKeyDirectory keys() {
        return keys;
    }

    public TrustGate gate() {
        return gate;
    }

    public ReplayGuard replayGuard() {
        return replay;
    }

    public RejectBurstDetector rejectBursts() {
        return bursts;
    }

    public TrustMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        keyChanges.close();
        replay.close(); // flushes the last sequence state
        keys.close();
    }
}

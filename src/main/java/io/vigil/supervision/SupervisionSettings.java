package io.vigil.supervision;

import io.vigil.config.VigilProperties;
import io.vigil.supervision.SupervisionConfig;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Heartbeat supervision as the escalation route runs it ({@code vigil.supervision.*}, README and
 * docs/escalation.md): the engine's settings plus the snapshot file and how often to snapshot and to
 * look for registry changes. {@code advance-interval} is the timer route's period.
 */
public record SupervisionSettings(SupervisionConfig engine, Path snapshotFile, Duration registryRefresh) {

    public static SupervisionSettings from(VigilProperties p) {
        SupervisionConfig d = SupervisionConfig.DEFAULTS;
        SupervisionConfig engine = new SupervisionConfig(
                p.getDuration("vigil.supervision.default-interval", d.defaultInterval()),
                p.getDuration("vigil.supervision.grace", d.grace()),
                p.getDuration("vigil.supervision.restart-allowance", d.restartAllowance()),
                p.getInt("vigil.supervision.max-misses-per-advance", d.maxMissesPerAdvance()),
                p.getInt("vigil.supervision.expected-sites", d.expectedSites()));
        return new SupervisionSettings(engine,
                p.getPath("vigil.supervision.snapshot-file", "var/supervision/engine.snapshot"),
                Duration.ofMillis(p.getLong("vigil.supervision.registry-refresh-ms", 30_000)));
    }
}

package io.vigil.normalize;

import java.util.Objects;

/**
 * A signal that cannot be turned into events. {@code reasonCode} is stable (see docs/events.md) and is
 * what the quarantine record carries; {@code detail} is for people, already escaped for logs.
 */
public record Undecodable(String reasonCode, String detail) implements NormalizeResult {
    public Undecodable {
        Objects.requireNonNull(reasonCode, "reasonCode");
        detail = SafeText.escapeControls(detail == null ? "" : detail, 512);
    }
}

package io.vigil.normalize;

import java.util.List;

/**
 * The canonical events one signal yields, in signal order. May be empty for signals that carry no
 * event (for example an OwnTracks {@code card}); the route then acknowledges and publishes nothing.
 */
public record Decoded(List<CanonicalEvent> events) implements NormalizeResult {
    public Decoded {
        events = List.copyOf(events);
    }
}

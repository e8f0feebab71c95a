package io.vigil.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.normalize.CanonicalEvent;
import io.vigil.normalize.Decoded;
import io.vigil.normalize.EventCategory;
import io.vigil.normalize.EventClass;
import io.vigil.normalize.NormalizeResult;
import io.vigil.normalize.Normalizer;
import io.vigil.normalize.SignalContext;
import io.vigil.normalize.Undecodable;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Counts what the normaliser makes of each signal: events by class and category (both closed sets),
 * undecodable signals by reason code. A reason that is not a plain code is counted as {@code other},
 * so no text from a site can become a label value.
 */
final class MeteredNormalizer implements Normalizer {

    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,47}");
    private static final int MAX_REASONS = 64;

    private final Normalizer delegate;
    private final MeterRegistry registry;
    private final Map<EventClass, Map<EventCategory, Counter>> events = new EnumMap<>(EventClass.class);
    private final Map<String, Counter> undecodable = new ConcurrentHashMap<>();

    MeteredNormalizer(Normalizer delegate, MeterRegistry registry) {
        this.delegate = delegate;
        this.registry = registry;
        for (EventClass eventClass : EventClass.values()) {
            Map<EventCategory, Counter> byCategory = new EnumMap<>(EventCategory.class);
            for (EventCategory category : EventCategory.values()) {
                byCategory.put(category, Counter.builder("vigil.normalize.events")
                        .description("canonical events made by the normalise stage")
                        .tag("class", eventClass.wireName()).tag("category", category.wireName()).register(registry));
            }
            events.put(eventClass, byCategory);
        }
    }

    @Override
    public NormalizeResult normalize(SignalContext ctx, String contentType, byte[] body) {
        NormalizeResult result = delegate.normalize(ctx, contentType, body);
        if (result instanceof Decoded decoded) {
            for (CanonicalEvent event : decoded.events()) {
                events.get(event.eventClass()).get(event.category()).increment();
            }
        } else if (result instanceof Undecodable undecodable) {
            undecodableCounter(undecodable.reasonCode()).increment();
        }
        return result;
    }

    private Counter undecodableCounter(String reason) {
        String code = reason != null && CODE.matcher(reason).matches()
                && (undecodable.containsKey(reason) || undecodable.size() < MAX_REASONS) ? reason : "other";
        return undecodable.computeIfAbsent(code, c -> Counter.builder("vigil.normalize.undecodable")
                .description("signals the normalise stage quarantined, by reason").tag("reason", c).register(registry));
    }
}

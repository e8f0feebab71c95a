package io.vigil.normalize;

/** One event to publish on one topic. */
public record RoutedEvent(String topic, CanonicalEvent event) {}

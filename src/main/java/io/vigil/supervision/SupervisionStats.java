package io.vigil.supervision;

/**
 * Counters for metrics and for tests that check cost without timing anything.
 *
 * @param bucketsVisited deadline-wheel buckets {@code advance} has walked since the engine started
 * @param sitesVisited scheduled sites {@code advance} has examined since the engine started
 */
public record SupervisionStats(int sites, int sitesInFailure, long bucketsVisited, long sitesVisited) {
}

package io.vigil.bench;

import java.util.Map;

/**
 * The names one scenario run uses, all derived from its random tag so that runs never see each
 * other's messages and never touch another engineer's topics or sessions.
 *
 * @param expected messages per phase the far end should count
 * @param mqttBrokerUrl the broker's service listener, where the system under test subscribes
 * @param mqttSitesBrokerUrl the broker's site listener, where the sites publish
 */
public record BenchTarget(String scenario, String tag, Map<BenchStamp.Phase, Long> expected, String mqttBrokerUrl,
                          String mqttSitesBrokerUrl) {

    public BenchTarget {
        expected = Map.copyOf(expected);
    }

    /** A counter for what this target should receive. */
    public DeliveryCounter newCounter() {
        return new DeliveryCounter(tag, expected);
    }

    /** The subscription of the system under test: exactly this run's messages, from every simulated site. */
    public String mqttFilter() {
        return LoadGenerator.topicFilter(tag);
    }

    /** The Kafka topic the system under test writes to, created by the benchmark with LogAppendTime. */
    public String kafkaTopic() {
        return kafkaTopic(scenario, tag);
    }

    static String kafkaTopic(String scenario, String tag) {
        return "bench." + tag + "." + scenario.replace('_', '-');
    }

    /** MQTT client id of the system under test. */
    public String clientId() {
        return "vigil-bench-" + tag;
    }
}

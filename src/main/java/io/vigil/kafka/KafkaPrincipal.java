package io.vigil.kafka;

/**
 * Who a Kafka client is: each stage of the receiver connects with its own certificate, whose CN is
 * the principal the broker's ACLs name (docs/topics.md, "Principals and ACLs").
 */
public enum KafkaPrincipal {
    /** the MQTT receiver: writes accepted signals, quarantine and reject-burst alerts */
    INGEST("ingest"),
    NORMALIZE("normalize"),
    /** incident correlation and the outbox relay that writes the incidents topic */
    ESCALATION("escalation"),
    AUDIT("audit"),
    /** every SOC feed, each in its own consumer group */
    FEEDS("feeds"),
    /** the only reader of the precise-location topic, for a downstream system that needs it */
    LOCATION_READER("location-reader"),
    /** creates topics and ACLs (a super user of the broker); also the tools' and tests' identity */
    ADMIN("admin");

    private final String key;

    KafkaPrincipal(String key) {
        this.key = key;
    }

    /** The configuration key part ({@code vigil.kafka.keystore.<key>}). */
    public String key() {
        return key;
    }

    /** The certificate CNs of every principal, for the development PKI. */
    public static java.util.List<String> defaultNames() {
        return java.util.Arrays.stream(values()).map(KafkaPrincipal::defaultName).toList();
    }

    /** The certificate CN the development PKI issues to this principal. */
    public String defaultName() {
        return "vigil-" + key;
    }
}

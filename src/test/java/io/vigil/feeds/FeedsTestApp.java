package io.vigil.feeds;

import io.vigil.config.VigilProperties;
import io.vigil.kafka.KafkaAcls;
import io.vigil.kafka.KafkaClientConfig;
import io.vigil.kafka.KafkaPrincipal;
import io.vigil.kafka.StageKafkaComponent;
import io.vigil.kafka.TopicProvisioner;
import io.vigil.kafka.TopicSpec;
import io.vigil.testing.TestEnvironment;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.main.Main;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The feed routes of {@code routes/feeds.camel.yaml} with the shipped error handling and the beans of
 * {@link FeedBeans}, in a Camel main of their own, on this test's own topics and consumer groups (the
 * rest of the receiver is not needed to feed a SIEM). {@link #publishIncident} and
 * {@link #publishSecurityEvent} write test records as the escalation and normalise stages would.
 */
public final class FeedsTestApp implements AutoCloseable {

    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, String> overrides = new HashMap<>();
    private final KafkaProducer<String, byte[]> producer;
    private Main main;

    public FeedsTestApp() {
        overrides.put("vigil.kafka.topic.incidents", "test-" + runId + ".incidents");
        overrides.put("vigil.kafka.topic.security", "test-" + runId + ".security");
        for (String sink : List.of("cef-tls", "cef-udp", "ecs-http", "ecs-file", "hec", "webhook")) {
            overrides.put("vigil.feeds." + sink + ".group-id", "test-" + runId + "-" + sink);
        }
        overrides.put("vigil.feeds.hostname", "vigil-test");
        overrides.put("vigil.feeds.poll-timeout-ms", "100");
        overrides.put("vigil.retry.initial-delay-ms", "100");
        overrides.put("vigil.retry.max-delay-ms", "1000");
        overrides.put("camel.main.routes-include-pattern",
                "file:routes/error-handling.camel.yaml,file:routes/feeds.camel.yaml");
        overrides.put("camel.main.shutdown-timeout", "10");
        KafkaClientConfig kafka = KafkaClientConfig.from(properties());
        TopicProvisioner.ensure(kafka, List.of(
                new TopicSpec(incidentsTopic(), 3, Duration.ofDays(1), false),
                new TopicSpec(securityTopic(), 3, Duration.ofDays(1), false)));
        KafkaAcls.ensure(kafka, KafkaAcls.required(properties(), kafka));
        Map<String, Object> config = kafka.client(KafkaPrincipal.ADMIN);
        config.putAll(Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, "5"));
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    public FeedsTestApp with(String key, String value) {
        overrides.put(key, value);
        return this;
    }

    public String incidentsTopic() {
        return overrides.get("vigil.kafka.topic.incidents");
    }

    public String securityTopic() {
        return overrides.get("vigil.kafka.topic.security");
    }

    public VigilProperties properties() {
        return TestEnvironment.get().properties(overrides);
    }

    public FeedsTestApp start() throws Exception {
        VigilProperties properties = properties();
        main = new Main();
        main.setOverrideProperties(properties.asProperties());
        main.configure().withRoutesIncludePattern(properties.get("camel.main.routes-include-pattern"));
        FeedBeans.bind(properties, Clock.systemUTC(), main::bind);
        main.bind("commitBatch", new io.vigil.kafka.BatchCommit()); // shared by every batch route, as in VigilApplication
        StageKafkaComponent.bindAll(KafkaClientConfig.from(properties), main::bind);
        main.start();
        return this;
    }

    public Main main() {
        return main;
    }

    public void stop() {
        if (main != null) {
            main.stop();
            main = null;
        }
    }

    public void publishIncident(String siteId, byte[] value) {
        send(incidentsTopic(), siteId, value);
    }

    public void publishSecurityEvent(String siteId, byte[] value) {
        send(securityTopic(), siteId, value);
    }

    private void send(String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + topic, e);
        }
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        stop();
        producer.close();
    }
}

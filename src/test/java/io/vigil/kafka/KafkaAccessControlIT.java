package io.vigil.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.config.VigilProperties;
import io.vigil.testing.TestEnvironment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, attack 7: Kafka refuses whoever has no business there. Clients nobody on the project
 * configured — without a certificate, without TLS, with a site's MQTT certificate, or as a stage
 * whose ACLs do not cover the topic — get nothing, while the principals of docs/topics.md do their
 * work (the positive control). The ACLs are the ones Vigil provisions at start, for this test's own
 * topics and groups.
 */
class KafkaAccessControlIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static VigilProperties properties;
    private static KafkaClientConfig clients;

    @BeforeAll
    static void provision() {
        Map<String, String> overrides = new HashMap<>();
        for (String role : VigilTopics.ROLES) {
            overrides.put("vigil.kafka.topic." + role, "test-" + RUN + "." + role);
        }
        overrides.put("vigil.kafka.location-reader.group-id", "test-" + RUN + "-location-reader");
        overrides.put("vigil.normalize.group-id", "test-" + RUN + "-normalize");
        properties = TestEnvironment.get().properties(overrides);
        TestEnvironment.get().kafkaClient(); // fails early and clearly when Kafka is not there
        clients = KafkaClientConfig.from(properties);
        TopicProvisioner.ensure(clients, VigilTopics.all(properties));
        KafkaAcls.ensure(clients, KafkaAcls.required(properties, clients));
        KafkaAcls.ensure(clients, KafkaAcls.required(properties, clients)); // idempotent: a second start changes nothing
    }

    @Test
    void thePrivilegedPrincipalReadsPreciseLocationsTheNormaliserWrote() throws Exception {
        byte[] value = ("precise-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<byte[], byte[]> producer = producer(KafkaPrincipal.NORMALIZE)) {
            producer.send(new ProducerRecord<>(topic("location-precise"), value)).get();
        }
        Map<String, Object> config = clients.client(KafkaPrincipal.LOCATION_READER);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.get("vigil.kafka.location-reader.group-id"));
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic("location-precise")));
            List<byte[]> seen = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (seen.stream().noneMatch(v -> java.util.Arrays.equals(v, value)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.value()));
            }
            assertThat(seen).as("the location reader's records").anyMatch(v -> java.util.Arrays.equals(v, value));
        }
    }

    @Test
    void aStageWithoutAnAclForPreciseLocationsCannotReadThem() {
        // the normaliser writes the precise topic but may not read it; the feeds never see it
        for (KafkaPrincipal principal : List.of(KafkaPrincipal.NORMALIZE, KafkaPrincipal.FEEDS, KafkaPrincipal.ESCALATION)) {
            try (KafkaConsumer<byte[], byte[]> consumer = assignedConsumer(clients.client(principal), topic("location-precise"))) {
                assertThatThrownBy(() -> pollUntilRecordOrFailure(consumer)).as(principal.name())
                        .isInstanceOf(TopicAuthorizationException.class);
            }
        }
    }

    @Test
    void theNormaliserCannotWriteIncidents() {
        try (KafkaProducer<byte[], byte[]> producer = producer(KafkaPrincipal.NORMALIZE)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic("incidents"), new byte[] {1})).get())
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void aClientWithoutACertificateFailsTheHandshake() {
        Map<String, Object> config = clients.client(KafkaPrincipal.ADMIN);
        config.remove(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG);
        config.remove(SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG);
        config.remove(SslConfigs.SSL_KEY_PASSWORD_CONFIG);
        config.remove(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG);
        assertThatThrownBy(() -> listTopics(config)).hasRootCauseInstanceOf(javax.net.ssl.SSLException.class)
                .hasCauseInstanceOf(SslAuthenticationException.class);
    }

    @Test
    void aSitesMqttCertificateIsRefused() {
        Map<String, Object> config = clients.client(KafkaPrincipal.ADMIN);
        String site = TestEnvironment.get().properties().getList("vigil.pki.demo-sites", List.of()).get(0);
        config.put(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, TestEnvironment.get().pki().siteKeystore(site).toString());
        config.put(SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, properties.get("vigil.pki.password"));
        config.put(SslConfigs.SSL_KEY_PASSWORD_CONFIG, properties.get("vigil.pki.password"));
        assertThatThrownBy(() -> listTopics(config)).hasCauseInstanceOf(SslAuthenticationException.class);
    }

    @Test
    void aClientWithoutTlsGetsNoAnswer() {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, clients.bootstrapServers());
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT");
        assertThatThrownBy(() -> listTopics(config)).isInstanceOf(java.util.concurrent.ExecutionException.class);
    }

    private static String topic(String role) {
        return properties.get("vigil.kafka.topic." + role);
    }

    private static KafkaProducer<byte[], byte[]> producer(KafkaPrincipal principal) {
        Map<String, Object> config = clients.client(principal);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<byte[], byte[]> assignedConsumer(Map<String, Object> config, String topic) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        consumer.assign(List.of(new TopicPartition(topic, 0)));
        consumer.seekToBeginning(List.of(new TopicPartition(topic, 0)));
        return consumer;
    }

    /** Polls until a record arrives or the poll throws (what an unauthorised reader gets). */
    private static List<ConsumerRecord<byte[], byte[]>> pollUntilRecordOrFailure(KafkaConsumer<byte[], byte[]> consumer) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        while (records.isEmpty() && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }

    private static void listTopics(Map<String, Object> config) throws Exception {
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        try (Admin admin = Admin.create(config)) {
            admin.listTopics().names().get();
        }
    }
}

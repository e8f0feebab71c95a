package io.vigil.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.simulate.SiteConnection;
import io.vigil.testing.KafkaTopicReader;
import io.vigil.testing.SiteClient;
import io.vigil.testing.TestSites;
import io.vigil.testing.VigilTestApp;
import io.vigil.trust.Encoding;
import io.vigil.trust.SignatureAlgorithm;
import io.vigil.trust.device.DeviceSigner;
import io.vigil.trust.envelope.Claims;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * From a signed MQTT publish over mutual TLS to the typed Kafka topic: the real broker, receiver,
 * trust gate, normaliser and Kafka.
 */
class IngestIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CID = "application/vnd.vigil.cid";
    private static final String SIA = "application/vnd.vigil.sia-dcs";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static VigilTestApp app;
    private static DeviceSigner panel;
    private static DeviceSigner cosePanel;
    private static String site;
    private static String prober;
    private static String audited;
    private static DeviceSigner auditedPanel;

    @BeforeAll
    static void start() throws Exception {
        site = "it-ingest-" + UUID.randomUUID().toString().substring(0, 8);
        prober = site + "-p";
        audited = site + "-a"; // its own site: no other test's quarantined signal can stand in for this test's
        app = new VigilTestApp().with("vigil.trust.reject-burst.threshold", "3")
                .forSites(site, site + "-c", prober, audited);
        auditedPanel = TestSites.enroll(app.database(), audited, SignatureAlgorithm.EDDSA);
        panel = TestSites.enroll(app.database(), site, SignatureAlgorithm.EDDSA);
        cosePanel = TestSites.enroll(app.database(), site + "-c", SignatureAlgorithm.ES256);
        app.start();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aSignedContactIdAlarmBecomesACanonicalEventWithCloudEventsHeaders() throws Exception {
        byte[] envelope = panel.sign(Encoding.JWS, CID, bytes("1234 18 1130 01 015"));
        String mid = EnvelopeIds.messageId(envelope);
        try (SiteConnection connection = SiteClient.connect(site);
             KafkaTopicReader alarms = new KafkaTopicReader(app.topic("alarm"));
             KafkaTopicReader accepted = new KafkaTopicReader(app.topic("accepted"))) {
            assertThat(connection.publishAndWait(panel.topic(), envelope)).isZero();

            ConsumerRecord<String, byte[]> event = first(alarms, r -> mid.equals(json(r).path("message_id").asText()));
            JsonNode body = json(event);
            assertThat(event.key()).isEqualTo(site);
            assertThat(body.path("site_id").asText()).isEqualTo(site);
            assertThat(body.path("class").asText()).isEqualTo("alarm");
            assertThat(body.path("category").asText()).isEqualTo("burglary");
            assertThat(body.path("zone").asText()).isEqualTo("015");
            assertThat(body.path("key_id").asText()).isEqualTo(panel.kid());
            assertThat(KafkaTopicReader.header(event, "ce_specversion")).isEqualTo("1.0");
            assertThat(KafkaTopicReader.header(event, "ce_id")).isEqualTo(body.path("event_id").asText());
            assertThat(KafkaTopicReader.header(event, "ce_type")).isEqualTo("io.vigil.event.alarm.v1");
            assertThat(KafkaTopicReader.header(event, "ce_source")).isEqualTo("vigil://sites/" + site + "/devices/panel-1");
            assertThat(KafkaTopicReader.header(event, "content-type")).isEqualTo("application/json");

            ConsumerRecord<String, byte[]> signal = first(accepted, r -> mid.equals(KafkaTopicReader.header(r, "vigil_mid")));
            assertThat(signal.value()).isEqualTo(envelope);
            assertThat(KafkaTopicReader.header(signal, "vigil_kid")).isEqualTo(panel.kid());
            assertThat(KafkaTopicReader.header(signal, "vigil_device")).isEqualTo("panel-1");
        }
    }

    @Test
    void aCoseEs256SiaBlockWithTwoCodesYieldsTwoEventsInOrder() throws Exception {
        byte[] envelope = cosePanel.sign(Encoding.COSE, SIA, bytes("#1234|Nri1/FA03/BA07"));
        String mid = EnvelopeIds.messageId(envelope);
        try (SiteConnection connection = SiteClient.connect(cosePanel.site());
             KafkaTopicReader alarms = new KafkaTopicReader(app.topic("alarm"))) {
            assertThat(connection.publishAndWait(cosePanel.topic(), envelope)).isZero();

            List<ConsumerRecord<String, byte[]>> events = alarms.pollUntil(
                    r -> r.stream().filter(e -> mid.equals(json(e).path("message_id").asText())).count() == 2, WAIT)
                    .stream().filter(e -> mid.equals(json(e).path("message_id").asText())).toList();
            assertThat(events).extracting(e -> json(e).path("category").asText()).containsExactly("fire", "burglary");
            assertThat(events).extracting(e -> json(e).path("zone").asText()).containsExactly("03", "07");
            assertThat(events).extracting(e -> json(e).path("event_id").asText()).doesNotHaveDuplicates();
        }
    }

    @Test
    void aTamperedSignatureIsQuarantinedWithItsReasonAndTheRawPayload() throws Exception {
        byte[] envelope = panel.sign(Encoding.JWS, CID, bytes("1234 18 1130 01 016"));
        int i = envelope.length - 5; // a signature character: still canonical base64url, no longer the signature
        envelope[i] = (byte) (envelope[i] == 'A' ? 'B' : 'A');
        try (SiteConnection connection = SiteClient.connect(site);
             KafkaTopicReader quarantine = new KafkaTopicReader(app.topic("quarantine"))) {
            assertThat(connection.publishAndWait(panel.topic(), envelope)).isZero();

            ConsumerRecord<String, byte[]> record = first(quarantine,
                    r -> java.util.Arrays.equals(QuarantineRecord.fromJson(r.value()).payload(), envelope));
            QuarantineRecord rejected = QuarantineRecord.fromJson(record.value());
            assertThat(rejected.reason()).isEqualTo("bad_signature");
            assertThat(rejected.stage()).isEqualTo("trust");
            assertThat(rejected.mqttTopic()).isEqualTo(panel.topic());
            assertThat(rejected.mqttIdentity()).isEqualTo(site);
            assertThat(record.key()).isEqualTo(site);
            assertThat(KafkaTopicReader.header(record, "vigil_reason")).isEqualTo("bad_signature");
            // and it is counted, per reason, where monitoring reads it (JMX)
            Object counted = java.lang.management.ManagementFactory.getPlatformMBeanServer().getAttribute(
                    new javax.management.ObjectName(io.vigil.trust.TrustMetricsMBean.NAME), "rejected_bad_signature");
            assertThat((Long) counted).isPositive();
        }
    }

    @Test
    void aBodyThatCannotBeDecodedIsQuarantinedByNormalisation() throws Exception {
        byte[] envelope = panel.sign(Encoding.JWS, CID, bytes("this is not contact id"));
        String mid = EnvelopeIds.messageId(envelope);
        try (SiteConnection connection = SiteClient.connect(site);
             KafkaTopicReader quarantine = new KafkaTopicReader(app.topic("quarantine"))) {
            assertThat(connection.publishAndWait(panel.topic(), envelope)).isZero();

            ConsumerRecord<String, byte[]> record = first(quarantine,
                    r -> mid.equals(QuarantineRecord.fromJson(r.value()).messageId()));
            QuarantineRecord rejected = QuarantineRecord.fromJson(record.value());
            assertThat(rejected.stage()).isEqualTo("normalize");
            assertThat(rejected.reason()).startsWith("cid.");
            assertThat(rejected.payload()).isEqualTo(envelope);
        }
    }

    @Test
    void aBurstOfRejectsFromOneSiteRaisesASecurityEvent() throws Exception {
        DeviceSigner probe = TestSites.enroll(app.database(), prober, SignatureAlgorithm.EDDSA);
        try (SiteConnection connection = SiteClient.connect(prober);
             KafkaTopicReader security = new KafkaTopicReader(app.topic("security"))) {
            connection.publishAndWait(probe.topic(), probe.sign(Encoding.JWS, CID, bytes("1234 18 1130 01 014")));
            for (int i = 0; i < 3; i++) {
                // stale: issued ten minutes ago, its sequence number far below the device's last (docs/envelope.md)
                Claims old = Claims.of(prober, probe.device(), 1 + i, Instant.now().minusSeconds(600), "stale-" + i, CID,
                        bytes("1234 18 1130 01 015"));
                assertThat(connection.publishAndWait(probe.topic(), probe.sign(Encoding.JWS, old))).isZero();
            }

            ConsumerRecord<String, byte[]> alert = first(security, r -> prober.equals(r.key()));
            JsonNode event = json(alert);
            assertThat(event.path("class").asText()).isEqualTo("security");
            assertThat(event.path("code").asText()).isEqualTo("reject_burst");
            assertThat(event.path("source_format").asText()).isEqualTo("receiver");
            assertThat(event.path("description").asText()).contains("stale");
        }
    }

    @Test
    void everyReceivedSignalAcceptedOrQuarantinedIsInTheAuditTrail() throws Exception {
        byte[] good = auditedPanel.sign(Encoding.JWS, CID, bytes("1234 18 1130 01 021"));
        byte[] bad = auditedPanel.sign(Encoding.JWS, CID, bytes("1234 18 1130 01 022"));
        int i = bad.length - 5;
        bad[i] = (byte) (bad[i] == 'A' ? 'B' : 'A');
        String goodEvent = io.vigil.normalize.EventIds.eventId(audited, EnvelopeIds.messageId(good), 0).toString();
        String badEvent = io.vigil.normalize.EventIds.eventId(audited, EnvelopeIds.messageId(bad), 0).toString();
        var db = app.database();
        assertThat(quarantineReasons(db, audited)).isEmpty();
        try (SiteConnection connection = SiteClient.connect(audited)) {
            assertThat(connection.publishAndWait(auditedPanel.topic(), good)).isZero();
            assertThat(connection.publishAndWait(auditedPanel.topic(), bad)).isZero();
        }
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> auditKinds(db, goodEvent).contains("signal.accepted"));
        // a quarantined signal's own claims are not trusted: it is found by site and reason
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> quarantineReasons(db, audited).contains("bad_signature"));
        assertThat(auditKinds(db, badEvent)).doesNotContain("signal.accepted");
    }

    private static List<String> auditKinds(io.vigil.db.DatabaseConfig db, String eventId) throws Exception {
        return column(db, "SELECT kind FROM audit_log WHERE event_id = ?", eventId);
    }

    private static List<String> quarantineReasons(io.vigil.db.DatabaseConfig db, String siteId) throws Exception {
        return column(db, "SELECT reason FROM audit_log WHERE site_id = ? AND kind = 'signal.quarantined'", siteId);
    }

    private static List<String> column(io.vigil.db.DatabaseConfig db, String sql, String parameter) throws Exception {
        try (var connection = java.sql.DriverManager.getConnection(db.url(), db.appUser(), db.appPassword());
             var statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            List<String> values = new java.util.ArrayList<>();
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }

    @Test
    void normalisationAndAuditCommitTheirInputOffsetsOnceTheirOutputIsDurable() throws Exception {
        byte[] envelope = panel.sign(Encoding.JWS, CID, bytes("1234 18 1130 01 031"));
        String eventId = io.vigil.normalize.EventIds.eventId(site, EnvelopeIds.messageId(envelope), 0).toString();
        var properties = app.properties();
        String accepted = app.topic("accepted");
        try (var admin = org.apache.kafka.clients.admin.Admin.create(io.vigil.testing.TestEnvironment.get().kafkaClient());
             KafkaTopicReader alarms = new KafkaTopicReader(app.topic("alarm"))) {
            long endBefore = endOffset(admin, accepted);
            try (SiteConnection connection = SiteClient.connect(site)) {
                assertThat(connection.publishAndWait(panel.topic(), envelope)).isZero();
            }
            // the signal is on the input topic first: a lag of 0 before that would prove nothing
            org.awaitility.Awaitility.await("the signal on " + accepted).atMost(WAIT)
                    .until(() -> endOffset(admin, accepted) > endBefore);
            for (String group : List.of(properties.get("vigil.normalize.group-id"),
                    properties.get("vigil.audit.signals.group-id"))) {
                org.awaitility.Awaitility.await(group).atMost(WAIT).until(() -> lag(admin, group, accepted) == 0);
            }
            // committed, so the output is there already: the event in its topic, the audit row in PostgreSQL
            assertThat(auditKinds(app.database(), eventId)).contains("signal.accepted");
            assertThat(alarms.pollUntil(records -> records.stream().anyMatch(r -> eventId.equals(json(r).path("event_id")
                    .asText())), WAIT)).isNotEmpty();
        }
    }

    private static long endOffset(org.apache.kafka.clients.admin.Admin admin, String topic) throws Exception {
        var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
        return admin.listOffsets(partitions.stream().collect(java.util.stream.Collectors.toMap(p -> p,
                p -> org.apache.kafka.clients.admin.OffsetSpec.latest()))).all().get().values().stream()
                .mapToLong(o -> o.offset()).sum();
    }

    /** Records of the topic not yet committed by the group (every partition's end offset minus its committed offset). */
    private static long lag(org.apache.kafka.clients.admin.Admin admin, String group, String topic) throws Exception {
        var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
        var ends = admin.listOffsets(partitions.stream().collect(java.util.stream.Collectors.toMap(p -> p,
                p -> org.apache.kafka.clients.admin.OffsetSpec.latest()))).all().get();
        long lag = 0;
        for (var partition : partitions) {
            var offset = committed.get(partition);
            lag += ends.get(partition).offset() - (offset == null ? 0 : offset.offset());
        }
        return lag;
    }

    @Test
    void aSiteCannotPublishBelowAnotherSitesTopic() throws Exception {
        byte[] forged = panel.sign(Encoding.JWS, CID, bytes("1234 18 1130 01 015"));
        try (SiteConnection other = SiteClient.connect(cosePanel.site())) {
            // MQTT 5 tells the publisher: 135 = not authorized
            assertThat(other.publishAndWait(panel.topic(), forged)).isEqualTo(135);
        }
    }

    private static ConsumerRecord<String, byte[]> first(KafkaTopicReader reader,
                                                         java.util.function.Predicate<ConsumerRecord<String, byte[]>> match) {
        return reader.pollUntil(records -> records.stream().anyMatch(match), WAIT).stream().filter(match).findFirst()
                .orElseThrow(() -> new AssertionError("no matching record within " + WAIT));
    }

    private static JsonNode json(ConsumerRecord<String, byte[]> record) {
        try {
            return JSON.readTree(record.value());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

package io.vigil.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.kafka.TopicProvisioner;
import io.vigil.kafka.TopicSpec;
import io.vigil.testing.TestEnvironment;
import io.vigil.trust.TrustConfig;
import io.vigil.trust.replay.ReplayGuard;
import io.vigil.trust.replay.SequenceStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A receiver that crashed (its last sequence state unflushed) and stays down longer than the tail's
 * look-back still records what it accepted last: the look-back counts from the newest accepted
 * record, not from now. Otherwise, once late envelopes can be new (docs/envelope.md, "Freshness and
 * novelty"), a capture of those last envelopes would pass as new after a long outage.
 */
class AcceptedTailIT {

    @Test
    void theLastAcceptedEnvelopesAreRecordedHoweverLongTheReceiverWasDown() throws Exception {
        String topic = "test-tail-" + UUID.randomUUID().toString().substring(0, 8);
        // the ingest principal reads the accepted topic it is configured with: its ACLs come from that name
        io.vigil.config.VigilProperties properties = TestEnvironment.get().properties(Map.of("vigil.kafka.topic.accepted", topic));
        io.vigil.kafka.KafkaClientConfig kafka = io.vigil.kafka.KafkaClientConfig.from(properties);
        TopicProvisioner.ensure(kafka, List.of(new TopicSpec(topic, 2, Duration.ofHours(1), false)));
        io.vigil.kafka.KafkaAcls.ensure(kafka, io.vigil.kafka.KafkaAcls.required(properties, kafka));
        Instant acceptedAt = Instant.now();
        List<byte[]> envelopes = List.of(bytes("e1"), bytes("e2"), bytes("e3"));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                TestEnvironment.get().kafkaClient(Map.of(ProducerConfig.ACKS_CONFIG, "all")),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < envelopes.size(); i++) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, "tail-site", envelopes.get(i));
                header(record, SignalHeaders.SITE, "tail-site");
                header(record, SignalHeaders.DEVICE, "panel-1");
                header(record, SignalHeaders.SEQ, Integer.toString(100 + i));
                header(record, SignalHeaders.MESSAGE_ID, "e" + (i + 1));
                header(record, SignalHeaders.ISSUED_AT, acceptedAt.toString());
                producer.send(record).get();
            }
        }

        // the receiver comes back half an hour later with no persisted sequence state for the device
        Instant restart = acceptedAt.plus(Duration.ofMinutes(30));
        Clock clock = Clock.fixed(restart, ZoneOffset.UTC);
        TrustConfig config = TrustConfig.defaults();
        ReplayGuard guard = new ReplayGuard(config, SequenceStore.NONE, clock);
        int fed = AcceptedTail.replayInto(guard, kafka, topic,
                config.replayHorizon().plus(config.replay().flushEvery()).plusSeconds(5), restart);

        assertThat(fed).isEqualTo(3);
        Instant iat = acceptedAt;
        // a captured copy is a duplicate of what was accepted (same event id), not a new late signal
        assertThat(guard.check("tail-site", "panel-1", 101, "e2", envelopes.get(1), iat, true, false))
                .isEqualTo(ReplayGuard.Outcome.DUPLICATE);
        assertThat(guard.check("tail-site", "panel-1", 102, "other", bytes("other"), iat, true, false))
                .isEqualTo(ReplayGuard.Outcome.REPLAY_SEQUENCE);
        assertThat(guard.check("tail-site", "panel-1", 103, "e4", bytes("e4"), iat, true, false))
                .isEqualTo(ReplayGuard.Outcome.FRESH);
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] bytes(String mid) {
        return ("envelope " + mid).getBytes(StandardCharsets.US_ASCII);
    }
}

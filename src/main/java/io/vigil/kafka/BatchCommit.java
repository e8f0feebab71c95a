package io.vigil.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.DefaultKafkaManualCommit;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The last step of a route that consumes a Kafka batch ({@code batching=true},
 * {@code autoCommitEnable=false}, {@code allowManualCommit=true}): commits, per partition, the
 * offset after the batch's last record — only reached when every earlier step succeeded, so an
 * offset is committed only after the batch's output is durable (at least once). The batch must be
 * kept in the exchange property {@link #BATCH} by the step that replaced the body.
 *
 * <p>All partitions of the batch are committed with one synchronous {@code commitSync} on the
 * consumer that polled them (this step runs on that consumer's thread): Camel's own manual commit
 * is one synchronous round trip per partition, up to 30 per batch on Vigil's topics.
 */
public final class BatchCommit implements Processor {

    public static final String BATCH = "VigilKafkaBatch";
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(30);

    @Override
    public void process(Exchange exchange) {
        List<?> batch = exchange.getProperty(BATCH, List.class);
        if (batch == null || batch.isEmpty()) {
            return;
        }
        Map<String, KafkaManualCommit> lastPerPartition = new LinkedHashMap<>();
        for (Object item : batch) {
            var in = ((Exchange) item).getIn();
            KafkaManualCommit commit = in.getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
            if (commit == null) {
                throw new IllegalStateException("the Kafka consumer must set allowManualCommit=true for BatchCommit");
            }
            lastPerPartition.put(in.getHeader(KafkaConstants.TOPIC) + "/" + in.getHeader(KafkaConstants.PARTITION), commit);
        }
        Map<Consumer<?, ?>, Map<TopicPartition, OffsetAndMetadata>> perConsumer = new IdentityHashMap<>();
        List<KafkaManualCommit> others = new ArrayList<>();
        for (KafkaManualCommit commit : lastPerPartition.values()) {
            if (commit instanceof DefaultKafkaManualCommit known && known.getConsumer() != null) {
                perConsumer.computeIfAbsent(known.getConsumer(), c -> new HashMap<>())
                        .put(known.getPartition(), new OffsetAndMetadata(known.getRecordOffset() + 1));
            } else {
                others.add(commit);
            }
        }
        perConsumer.forEach((consumer, offsets) -> consumer.commitSync(offsets, COMMIT_TIMEOUT));
        others.forEach(KafkaManualCommit::commit);
    }
}

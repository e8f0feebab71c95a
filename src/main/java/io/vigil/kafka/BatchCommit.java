package io.vigil.kafka;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;

/**
 * The last step of a route that consumes a Kafka batch ({@code batching=true},
 * {@code autoCommitEnable=false}, {@code allowManualCommit=true}): commits, per partition, the
 * offset after the batch's last record — only reached when every earlier step succeeded, so an
 * offset is committed only after the batch's output is durable (at least once). The batch must be
 * kept in the exchange property {@link #BATCH} by the step that replaced the body.
 */
public final class BatchCommit implements Processor {

    public static final String BATCH = "VigilKafkaBatch";

    @Override
    public void process(Exchange exchange) {
        List<?> batch = exchange.getProperty(BATCH, List.class);
        if (batch == null || batch.isEmpty()) {
            return;
        }
        Map<String, Exchange> lastPerPartition = new LinkedHashMap<>();
        for (Object item : batch) {
            Exchange record = (Exchange) item;
            var in = record.getIn();
            lastPerPartition.put(in.getHeader(KafkaConstants.TOPIC) + "/" + in.getHeader(KafkaConstants.PARTITION), record);
        }
        for (Exchange record : lastPerPartition.values()) {
            KafkaManualCommit commit = record.getIn().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
            if (commit == null) {
                throw new IllegalStateException("the Kafka consumer must set allowManualCommit=true for BatchCommit");
            }
            commit.commit();
        }
    }
}

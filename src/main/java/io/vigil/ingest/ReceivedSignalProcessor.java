package io.vigil.ingest;

import io.vigil.ingest.mqtt.ReliableMqttConsumer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;

/** Keys a received MQTT message by the site of its topic and describes it in Kafka headers. */
public final class ReceivedSignalProcessor implements Processor {

    @Override
    public void process(Exchange exchange) {
        String topic = exchange.getProperty(ReliableMqttConsumer.TOPIC, String.class);
        String site = SiteTopic.siteOf(topic).orElse("_invalid");
        var in = exchange.getIn();
        in.setHeader(KafkaConstants.KEY, site);
        in.setHeader("vigil_site", site);
        // topics are site-chosen text: percent-encoded so no control character reaches a header
        in.setHeader("vigil_mqtt_topic", URLEncoder.encode(topic, StandardCharsets.UTF_8));
        in.setHeader("vigil_mqtt_dup", String.valueOf(exchange.getProperty(ReliableMqttConsumer.DUPLICATE, Boolean.class)));
        in.setHeader("vigil_received_at", String.valueOf(exchange.getProperty(ReliableMqttConsumer.RECEIVED_AT_MILLIS, Long.class)));
    }
}

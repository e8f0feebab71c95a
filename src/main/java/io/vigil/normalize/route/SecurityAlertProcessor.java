package io.vigil.normalize.route;

import io.vigil.ingest.IngestProcessor;
import io.vigil.ingest.mqtt.MqttSessionAlert;
import io.vigil.normalize.CanonicalEvent;
import io.vigil.normalize.CloudEventHeaders;
import io.vigil.normalize.EventJson;
import io.vigil.trust.SecurityAlert;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;

/**
 * Replaces the message with the security event of what was detected: a reject burst (the ingest
 * step) or a takeover of the receiver's MQTT session (the consumer).
 */
public final class SecurityAlertProcessor implements Processor {

    @Override
    public void process(Exchange exchange) {
        Object alert = exchange.getProperty(IngestProcessor.ALERT);
        CanonicalEvent event = alert instanceof MqttSessionAlert session
                ? SecurityAlertEvents.of(session)
                : SecurityAlertEvents.of((SecurityAlert) alert);
        Message out = exchange.getIn();
        out.removeHeaders("vigil_*");
        out.setBody(EventJson.write(event).getBytes(StandardCharsets.UTF_8));
        out.setHeader(KafkaConstants.KEY, event.siteId());
        CloudEventHeaders.of(event).forEach(out::setHeader);
    }
}

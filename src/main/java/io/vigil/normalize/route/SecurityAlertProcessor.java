package io.vigil.normalize.route;

import io.vigil.ingest.IngestProcessor;
import io.vigil.normalize.CanonicalEvent;
import io.vigil.normalize.CloudEventHeaders;
import io.vigil.normalize.EventJson;
import io.vigil.trust.SecurityAlert;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;

/** Replaces the message with the security event of the reject burst the ingest step detected. */
public final class SecurityAlertProcessor implements Processor {

    @Override
    public void process(Exchange exchange) {
        SecurityAlert alert = exchange.getProperty(IngestProcessor.ALERT, SecurityAlert.class);
        CanonicalEvent event = SecurityAlertEvents.of(alert);
        Message out = exchange.getIn();
        out.removeHeaders("vigil_*");
        out.setBody(EventJson.write(event).getBytes(StandardCharsets.UTF_8));
        out.setHeader(KafkaConstants.KEY, alert.site());
        CloudEventHeaders.of(event).forEach(out::setHeader);
    }
}

package io.vigil.ingest.mqtt;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Component;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Configuration;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5EndpointConfigurer;
import org.apache.camel.spi.PropertyConfigurer;

/**
 * camel-paho-mqtt5 with a consumer that sets its callback before it connects and acknowledges a
 * message only when its exchange succeeded. Registered as {@code vigil-mqtt5}; every option of
 * {@code paho-mqtt5} applies unchanged. See docs/delivery.md for why the stock consumer loses the
 * backlog of a persistent session.
 */
public class ReliableMqttComponent extends PahoMqtt5Component {

    public static final String SCHEME = "vigil-mqtt5";

    private final PropertyConfigurer endpointConfigurer = new PahoMqtt5EndpointConfigurer();
    private final MqttSessionHealth sessionHealth = new MqttSessionHealth();

    /** The state of this component's consumer session (one ingest consumer per receiver). */
    public MqttSessionHealth sessionHealth() {
        return sessionHealth;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        PahoMqtt5Configuration configuration = getConfiguration().copy();
        ReliableMqttEndpoint endpoint = new ReliableMqttEndpoint(uri, remaining, this, configuration);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    @Override
    public PropertyConfigurer getEndpointPropertyConfigurer() {
        return endpointConfigurer;
    }
}

package io.vigil.ingest.mqtt;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Configuration;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Endpoint;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;

/** A paho-mqtt5 endpoint whose consumer is {@link ReliableMqttConsumer}; consume-only. */
public class ReliableMqttEndpoint extends PahoMqtt5Endpoint {

    ReliableMqttEndpoint(String uri, String topic, ReliableMqttComponent component, PahoMqtt5Configuration configuration) {
        super(uri, topic, component, configuration);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        ReliableMqttConsumer consumer = new ReliableMqttConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException(
                ReliableMqttComponent.SCHEME + " only consumes; Vigil never publishes to sites");
    }

    MqttSessionHealth sessionHealth() {
        return ((ReliableMqttComponent) getComponent()).sessionHealth();
    }

    MqttConnectionOptions connectionOptions() {
        return createMqttConnectionOptions();
    }
}

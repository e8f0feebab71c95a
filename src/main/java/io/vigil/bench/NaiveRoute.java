package io.vigil.bench;

import io.vigil.config.VigilProperties;
import io.vigil.ingest.mqtt.MqttTls;
import io.vigil.kafka.KafkaClientConfig;
import io.vigil.kafka.KafkaPrincipal;
import java.util.Properties;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.main.Main;

/**
 * The baseline of naive_route, run as {@code vigil bench naive-route}: the route anyone would write
 * first ({@code src/main/resources/bench/naive-route.camel.yaml}: paho-mqtt5 straight to kafka),
 * with the components' defaults — automatic MQTT acknowledgements, no verification, none of Vigil's
 * {@code camel.component.kafka.*} settings. Only the endpoints and the TLS identities (the receiver's
 * certificate, which the MQTT broker demands; the admin principal's, which Kafka demands) are given.
 */
public final class NaiveRoute {

    static final String ROUTE = "classpath:bench/naive-route.camel.yaml";

    private NaiveRoute() {}

    public static void run(VigilProperties properties, String filter, String clientId, String topic) throws Exception {
        Main main = new Main();
        Properties settings = new Properties();
        settings.setProperty("camel.main.name", "vigil-bench-naive-route");
        settings.setProperty("camel.component.kafka.brokers", properties.get("vigil.kafka.bootstrap-servers"));
        settings.setProperty("bench.mqtt.broker-url", properties.get("vigil.mqtt.broker-url"));
        settings.setProperty("bench.mqtt.topic", filter);
        settings.setProperty("bench.mqtt.client-id", clientId);
        settings.setProperty("bench.kafka.topic", topic);
        main.setOverrideProperties(settings);
        main.configure().withRoutesIncludePattern(ROUTE);
        KafkaComponent kafka = new KafkaComponent();
        kafka.getConfiguration().setAdditionalProperties(
                KafkaClientConfig.from(properties).security(KafkaPrincipal.ADMIN));
        main.bind("kafka", kafka);
        main.bind("mqttSocketFactory", MqttTls.socketFactory(
                properties.getPath("vigil.mqtt.keystore", "var/pki/receiver.p12"),
                properties.getPath("vigil.mqtt.truststore", "var/pki/truststore.p12"),
                properties.get("vigil.mqtt.keystore-password").toCharArray()));
        main.start();
        try {
            ChildProtocol.announceReady();
            ChildProtocol.serveUntilEndOfInput(command -> { });
        } finally {
            main.stop();
        }
    }
}

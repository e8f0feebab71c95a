package io.vigil.ops;

import org.apache.camel.CamelContext;

/**
 * The default broker-session check: the MQTT consumer's own session state (bean
 * {@code mqttSessionHealth}, docs/delivery.md): connected, and no takeover or lost session raised.
 */
final class IngestRouteSession implements MqttSessionHealth {

    static final String BEAN = "mqttSessionHealth";

    private final CamelContext camel;

    IngestRouteSession(CamelContext camel) {
        this.camel = camel;
    }

    @Override
    public Health session() {
        io.vigil.ingest.mqtt.MqttSessionHealth state = state();
        if (state == null) {
            return Health.down("no MQTT session state (bean " + BEAN + ")");
        }
        if (state.healthy()) {
            return Health.up("connected since " + state.since());
        }
        return Health.down(state.state().name().toLowerCase(java.util.Locale.ROOT) + " since " + state.since()
                + state.alarm().map(a -> ", alarm " + a.kind().name().toLowerCase(java.util.Locale.ROOT) + " at " + a.at()).orElse(""));
    }

    io.vigil.ingest.mqtt.MqttSessionHealth state() {
        return camel.getRegistry().lookupByNameAndType(BEAN, io.vigil.ingest.mqtt.MqttSessionHealth.class);
    }
}

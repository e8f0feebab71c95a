package io.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrivateBrokerTest {

    @Test
    void runsTheShippedConfigurationOnItsOwnPortWithItsOwnPersistence() throws Exception {
        List<String> shipped = Files.readAllLines(Path.of("deploy/mosquitto/mosquitto.conf"));

        List<String> generated = PrivateBroker.configuration(shipped, 41883, 41884, Path.of("/tmp/bench/data"),
                Path.of("/srv/vigil/var/pki"), Path.of("/srv/vigil"), "vigil");

        assertThat(generated).contains("listener 41883 127.0.0.1", "listener 41884 127.0.0.1",
                "persistence_location /tmp/bench/data/", "acl_file /srv/vigil/deploy/mosquitto/acl-sites",
                "acl_file /srv/vigil/deploy/mosquitto/acl-services", "cafile /srv/vigil/var/pki/ca.pem",
                "crlfile /srv/vigil/var/pki/crl.pem", "cafile /srv/vigil/var/pki/service-ca.pem",
                "certfile /srv/vigil/var/pki/broker.pem", "keyfile /srv/vigil/var/pki/broker-key.pem", "user vigil");
        assertThat(generated).noneMatch(line -> line.startsWith("listener 8883") || line.startsWith("listener 8884"));
        // everything that shapes the measurement is kept as shipped
        assertThat(generated).contains("require_certificate true", "use_identity_as_username true", "allow_anonymous false",
                "max_inflight_messages 1000", "persistence true");
    }
}

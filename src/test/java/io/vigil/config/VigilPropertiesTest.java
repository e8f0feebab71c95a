package io.vigil.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VigilPropertiesTest {

    @TempDir
    Path home;

    @Test
    void environmentVariablesOverrideTheFileAndSystemPropertiesOverrideBoth() throws Exception {
        writeConfig("vigil.mqtt.broker-url=ssl://file:8883\nvigil.kafka.linger-ms=5\nvigil.db.url=jdbc:file\n");
        Properties system = new Properties();
        system.setProperty("vigil.db.url", "jdbc:system");

        VigilProperties properties = VigilProperties.load(home,
                Map.of("VIGIL_MQTT_BROKER_URL", "ssl://env:8883", "VIGIL_DB_URL", "jdbc:env"), system);

        assertThat(properties.get("vigil.mqtt.broker-url")).isEqualTo("ssl://env:8883");
        assertThat(properties.get("vigil.kafka.linger-ms")).isEqualTo("5");
        assertThat(properties.get("vigil.db.url")).isEqualTo("jdbc:system");
    }

    @Test
    void anExtraFileNamedByVigilConfigIsLayeredOnTop() throws Exception {
        writeConfig("a.key=base\nb.key=base\n");
        Files.writeString(home.resolve("extra.properties"), "b.key=extra\n");

        VigilProperties properties = VigilProperties.load(home, Map.of("VIGIL_CONFIG", "extra.properties"), new Properties());

        assertThat(properties.get("a.key")).isEqualTo("base");
        assertThat(properties.get("b.key")).isEqualTo("extra");
    }

    @Test
    void typedGettersParseAndReportBadValuesByKey() throws Exception {
        writeConfig("d1=40s\nd2=250ms\nd3=PT25H\nn=12\nlist=a, b ,c\nbad=twelve\n");
        VigilProperties properties = VigilProperties.load(home, Map.of(), new Properties());

        assertThat(properties.getDuration("d1", null)).isEqualTo(Duration.ofSeconds(40));
        assertThat(properties.getDuration("d2", null)).isEqualTo(Duration.ofMillis(250));
        assertThat(properties.getDuration("d3", null)).isEqualTo(Duration.ofHours(25));
        assertThat(properties.getInt("n", 0)).isEqualTo(12);
        assertThat(properties.getInt("absent", 7)).isEqualTo(7);
        assertThat(properties.getList("list", null)).containsExactly("a", "b", "c");
        assertThatThrownBy(() -> properties.getInt("bad", 0)).isInstanceOf(ConfigException.class).hasMessageContaining("bad");
        assertThatThrownBy(() -> properties.get("missing.key"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("MISSING_KEY");
    }

    @Test
    void theShippedConfigurationDefinesEveryPlaceholderTheRoutesUse() throws Exception {
        VigilProperties shipped = VigilProperties.load(Path.of("."), Map.of(), new Properties());
        var placeholder = java.util.regex.Pattern.compile("\\{\\{([^}]+)}}");
        try (var routes = Files.list(Path.of("routes"))) {
            for (Path route : routes.toList()) {
                var matcher = placeholder.matcher(Files.readString(route));
                while (matcher.find()) {
                    if (!matcher.group(1).contains(".")) {
                        continue; // a route template's parameter (slotClientId), not a configuration key
                    }
                    assertThat(shipped.asMap()).as(route + " uses " + matcher.group(1)).containsKey(matcher.group(1));
                }
            }
        }
    }

    @Test
    void everyVigilKeyOfTheShippedConfigurationIsDocumentedInTheReadme() throws Exception {
        VigilProperties shipped = VigilProperties.load(Path.of("."), Map.of(), new Properties());
        String readme = Files.readString(Path.of("README.md"));
        java.util.List<String> undocumented = new java.util.ArrayList<>();
        for (String key : shipped.asMap().keySet()) {
            // per-role topic keys and per-principal keystores are documented once each
            String documented = key.startsWith("vigil.kafka.topic.") ? "vigil.kafka.topic.<role>"
                    : key.startsWith("vigil.kafka.keystore.") ? "vigil.kafka.keystore.<principal>" : key;
            if (key.startsWith("vigil.") && !readme.contains("`" + documented + "`")) {
                undocumented.add(key);
            }
        }
        assertThat(undocumented).as("keys of config/application.properties missing from README.md").isEmpty();
    }

    private void writeConfig(String content) throws Exception {
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/application.properties"), content);
    }
}

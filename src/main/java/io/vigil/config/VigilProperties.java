package io.vigil.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Vigil's configuration: {@code config/application.properties} (under {@code vigil.home}), then an
 * optional extra file named by {@code VIGIL_CONFIG}, then environment variables, then JVM system
 * properties — later sources win. A key {@code vigil.mqtt.broker-url} is overridden by the
 * environment variable {@code VIGIL_MQTT_BROKER_URL} (upper case, dots and dashes as underscores),
 * the same convention Camel uses for its own keys. The same merged map feeds the Camel
 * placeholders ({@code {{vigil.mqtt.broker-url}}}) and the typed configuration records.
 */
public final class VigilProperties {

    private final Map<String, String> values;

    private VigilProperties(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    public static VigilProperties load() {
        return load(home(), System.getenv(), System.getProperties());
    }

    public static Path home() {
        return Path.of(System.getProperty("vigil.home", ".")).toAbsolutePath().normalize();
    }

    static VigilProperties load(Path home, Map<String, String> env, Properties system) {
        Map<String, String> merged = new TreeMap<>();
        readInto(home.resolve("config/application.properties"), merged, true);
        String extra = system.getProperty("vigil.config", env.get("VIGIL_CONFIG"));
        if (extra != null && !extra.isBlank()) {
            readInto(home.resolve(extra), merged, true);
        }
        for (String key : List.copyOf(merged.keySet())) {
            String fromEnv = env.get(envName(key));
            if (fromEnv != null) {
                merged.put(key, fromEnv);
            }
        }
        for (String key : system.stringPropertyNames()) {
            if (key.startsWith("vigil.") || key.startsWith("camel.")) {
                merged.put(key, system.getProperty(key));
            }
        }
        return new VigilProperties(merged);
    }

    /** Builds a configuration from explicit values, for tests and tools. */
    public static VigilProperties of(Map<String, String> values) {
        return new VigilProperties(values);
    }

    /** A copy with some keys replaced. */
    public VigilProperties with(Map<String, String> overrides) {
        Map<String, String> merged = new TreeMap<>(values);
        merged.putAll(overrides);
        return new VigilProperties(merged);
    }

    public static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public String get(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new ConfigException("missing configuration key " + key + " (or environment variable " + envName(key) + ")");
        }
        return value;
    }

    public String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    public int getInt(String key, int fallback) {
        return parse(key, fallback, Integer::parseInt);
    }

    public long getLong(String key, long fallback) {
        return parse(key, fallback, Long::parseLong);
    }

    public boolean getBoolean(String key, boolean fallback) {
        return parse(key, fallback, v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException("not a boolean");
        });
    }

    /** ISO-8601 ({@code PT40S}) or a number with a unit: {@code 250ms}, {@code 40s}, {@code 5m}, {@code 25h}, {@code 7d}. */
    public Duration getDuration(String key, Duration fallback) {
        return parse(key, fallback, VigilProperties::parseDuration);
    }

    public List<String> getList(String key, List<String> fallback) {
        return parse(key, fallback, v -> v.isBlank() ? List.of()
                : List.of(v.split("\\s*,\\s*")).stream().map(String::trim).filter(s -> !s.isEmpty()).toList());
    }

    public Path getPath(String key, String fallback) {
        Path path = Path.of(get(key, fallback));
        return path.isAbsolute() ? path : home().resolve(path);
    }

    /** Every key and value, for handing to Camel's property placeholders. */
    public Properties asProperties() {
        Properties properties = new Properties();
        properties.putAll(values);
        return properties;
    }

    public Map<String, String> asMap() {
        return values;
    }

    public static Duration parseDuration(String text) {
        String v = text.trim().toLowerCase(Locale.ROOT);
        if (v.startsWith("p")) {
            return Duration.parse(v.toUpperCase(Locale.ROOT));
        }
        int split = 0;
        while (split < v.length() && (Character.isDigit(v.charAt(split)))) {
            split++;
        }
        if (split == 0) {
            throw new IllegalArgumentException("not a duration");
        }
        long amount = Long.parseLong(v.substring(0, split));
        return switch (v.substring(split).trim()) {
            case "ms" -> Duration.ofMillis(amount);
            case "s", "" -> Duration.ofSeconds(amount);
            case "m", "min" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException("unknown unit");
        };
    }

    private <T> T parse(String key, T fallback, Function<String, T> parser) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return parser.apply(value.trim());
        } catch (RuntimeException e) {
            throw new ConfigException("configuration key " + key + " has an invalid value: " + e.getMessage());
        }
    }

    private static void readInto(Path file, Map<String, String> target, boolean required) {
        if (!Files.exists(file)) {
            if (required) {
                throw new ConfigException("configuration file not found: " + file);
            }
            return;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage());
        }
        properties.stringPropertyNames().forEach(k -> target.put(k, properties.getProperty(k).trim()));
    }
}

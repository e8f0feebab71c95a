package io.vigil.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The parts of docker-compose.yml the tests need: per service its image, command, mounts, environment. */
public record ComposeFile(Map<String, Service> services) {

    public record Mount(String source, String target, boolean readOnly) {
        public boolean isBind() {
            return source.startsWith("./") || source.startsWith("/");
        }
    }

    public record Service(String name, String image, List<String> entrypoint, List<String> command, String workingDir,
                          String networkMode, Map<String, String> environment, List<Mount> mounts,
                          boolean hasHealthcheck) {}

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::-([^}]*))?}");

    public static ComposeFile read(Path file) {
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
            Map<String, Service> services = new LinkedHashMap<>();
            root.path("services").fields().forEachRemaining(e -> services.put(e.getKey(), service(e.getKey(), e.getValue())));
            return new ComposeFile(services);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Service service(String name) {
        Service service = services.get(name);
        if (service == null) {
            throw new IllegalArgumentException("docker-compose.yml has no service " + name);
        }
        return service;
    }

    private static Service service(String name, JsonNode node) {
        Map<String, String> environment = new LinkedHashMap<>();
        node.path("environment").fields().forEachRemaining(e -> environment.put(e.getKey(), interpolate(e.getValue().asText())));
        List<Mount> mounts = new ArrayList<>();
        node.path("volumes").forEach(v -> {
            String[] parts = v.asText().split(":");
            mounts.add(new Mount(parts[0], parts[1], parts.length > 2 && parts[2].equals("ro")));
        });
        return new Service(name, text(node, "image"), list(node.path("entrypoint")), list(node.path("command")),
                text(node, "working_dir"), text(node, "network_mode"), environment, mounts, node.has("healthcheck"));
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static List<String> list(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(v -> values.add(interpolate(v.asText())));
        } else if (node.isTextual()) {
            values.add(interpolate(node.asText()));
        }
        return values;
    }

    /** Compose's own substitution: ${NAME:-default} from the environment, $$ for a literal $. */
    static String interpolate(String value) {
        Matcher matcher = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String fromEnv = System.getenv(matcher.group(1));
            String replacement = fromEnv != null ? fromEnv : matcher.group(2) == null ? "" : matcher.group(2);
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString().replace("$$", "$");
    }
}

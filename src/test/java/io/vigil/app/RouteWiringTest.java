package io.vigil.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The routes of {@code routes/} against what the application provides, without services: every bean a route names
 * ({@code ref:}, {@code #name}, {@code bean:name}) is one {@link VigilApplication} binds ({@link RouteBeans}, which
 * the application checks at start), every endpoint's component is bound or on the class path, and every
 * {@code {{placeholder}}} has its key in {@code config/application.properties}.
 */
class RouteWiringTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^}:]+)(?::[^}]*)?}}");
    private static final Pattern HASH_REFERENCE = Pattern.compile("#(?:bean:)?([A-Za-z][\\w-]*)(?![\\w:-])");
    private static final Set<String> URI_KEYS = Set.of("uri", "to", "toD", "wireTap", "enrich", "pollEnrich");

    @Test
    void everyRouteReferenceResolves() throws IOException {
        Properties defaults = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("config/application.properties"))) {
            defaults.load(reader);
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(Path.of("routes"))) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".camel.yaml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(7);

        List<String> unresolved = new ArrayList<>();
        for (Path file : files) {
            unresolved.addAll(unresolved(file.getFileName().toString(), YAML.readTree(file.toFile()), defaults));
        }

        assertThat(unresolved).isEmpty();
    }

    @Test
    void reportsABeanNoOneBinds() throws IOException {
        JsonNode route = YAML.readTree("""
                - route:
                    from:
                      uri: "timer:x?period={{vigil.no-such-key}}"
                      steps:
                        - process:
                            ref: noSuchBean
                        - to: "netty:tcp://h:1?encoders=#noSuchEncoder"
                        - to: "bean:noSuchService?method=go"
                        - to: "no-such-component:x"
                """);

        assertThat(unresolved("t.yaml", route, new Properties())).containsExactlyInAnyOrder(
                "t.yaml: placeholder vigil.no-such-key", "t.yaml: bean noSuchBean", "t.yaml: bean noSuchEncoder",
                "t.yaml: bean noSuchService", "t.yaml: component no-such-component");
    }

    private static List<String> unresolved(String file, JsonNode routes, Properties defaults) {
        List<String> problems = new ArrayList<>();
        // a route template's parameters are placeholders too, filled when a route is made from it
        java.util.Set<String> parameters = new java.util.HashSet<>();
        routes.forEach(r -> r.path("routeTemplate").path("parameters").forEach(p -> parameters.add(p.path("name").asText())));
        walk(routes, null, (key, text) -> {
            Matcher placeholders = PLACEHOLDER.matcher(text);
            while (placeholders.find()) {
                if (!defaults.containsKey(placeholders.group(1)) && !parameters.contains(placeholders.group(1))) {
                    problems.add(file + ": placeholder " + placeholders.group(1));
                }
            }
            if ("ref".equals(key) && !RouteBeans.NAMES.contains(text)) {
                problems.add(file + ": bean " + text);
            }
            Matcher hashRefs = HASH_REFERENCE.matcher(text);
            while (hashRefs.find()) {
                if (!RouteBeans.NAMES.contains(hashRefs.group(1))) {
                    problems.add(file + ": bean " + hashRefs.group(1));
                }
            }
            if (URI_KEYS.contains(key)) {
                String scheme = text.substring(0, Math.max(0, text.indexOf(':')));
                if (scheme.equals("bean")) {
                    String bean = text.substring("bean:".length()).split("\\?", 2)[0];
                    if (!RouteBeans.NAMES.contains(bean)) {
                        problems.add(file + ": bean " + bean);
                    }
                } else if (!RouteBeans.NAMES.contains(scheme) && RouteWiringTest.class.getClassLoader()
                        .getResource("META-INF/services/org/apache/camel/component/" + scheme) == null) {
                    problems.add(file + ": component " + scheme);
                }
            }
        });
        return problems;
    }

    private interface TextVisitor {
        void visit(String key, String text);
    }

    private static void walk(JsonNode node, String key, TextVisitor visitor) {
        if (node.isTextual()) {
            visitor.visit(key, node.textValue());
        } else if (node.isArray()) {
            node.forEach(element -> walk(element, key, visitor));
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                walk(field.getValue(), field.getKey(), visitor);
            }
        }
    }
}

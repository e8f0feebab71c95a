package io.vigil.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/** docs/schema/canonical-event.v1.json, compiled once, with format assertions on. */
public final class CanonicalEventSchema {
    public static final Path FILE = Path.of("docs", "schema", "canonical-event.v1.json");
    private static final JsonSchema SCHEMA = load();

    private CanonicalEventSchema() {}

    /** Validation messages for the event as serialised; empty when it conforms. */
    public static Set<String> violations(CanonicalEvent event) {
        return violations(EventJson.MAPPER.valueToTree(event));
    }

    public static Set<String> violations(JsonNode json) {
        return SCHEMA.validate(json).stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
    }

    private static JsonSchema load() {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        try (InputStream in = Files.newInputStream(FILE)) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

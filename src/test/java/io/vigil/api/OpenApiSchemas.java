package io.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.vigil.api.routes.MetaRoutes;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The component schemas of the served OpenAPI document, as JSON Schema 2020-12 (what OpenAPI 3.1
 * uses), so that tests check real answers against the document the server hands out.
 */
final class OpenApiSchemas {

    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNode DOCUMENT = read();

    private OpenApiSchemas() {}

    static JsonNode read() {
        try {
            return JSON.readTree(MetaRoutes.openApiDocument());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Set<String> violations(String schemaName, JsonNode value) {
        assertThat(DOCUMENT.at("/components/schemas/" + schemaName).isMissingNode()).as(schemaName).isFalse();
        // the components become $defs of one schema, and that schema refers to the one wanted
        String defs = DOCUMENT.get("components").get("schemas").toString().replace("#/components/schemas/", "#/$defs/");
        ObjectNode schema = JSON.createObjectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        try {
            schema.set("$defs", JSON.readTree(defs));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        schema.put("$ref", "#/$defs/" + schemaName);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        JsonSchema compiled = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema, config);
        return compiled.validate(value).stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
    }

    static void assertValid(String schemaName, JsonNode value) {
        assertThat(violations(schemaName, value)).as(schemaName + ": " + value).isEmpty();
    }
}

package org.geoetl.engine.params;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.ApplyDefaultsStrategy;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.geoetl.engine.definition.JobDefinition;
import org.springframework.stereotype.Component;

/**
 * Validates submitted parameters against a job type's JSON Schema and fills in its defaults.
 * Unknown keys are errors (definitions always carry {@code additionalProperties: false}), never dropped.
 */
@Component
public class ParameterValidator {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .applyDefaultsStrategy(new ApplyDefaultsStrategy(true, false, false))
            .build();

    public JsonSchema compile(JsonNode schema) {
        return FACTORY.getSchema(schema, CONFIG);
    }

    /** Returns a copy of {@code input} with defaults applied, or throws with every field error. */
    public ObjectNode validate(JobDefinition definition, JsonNode input) {
        if (input == null || input.isNull() || input.isMissingNode()) {
            input = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }
        if (!input.isObject()) {
            throw new ParameterValidationException(List.of(new FieldError("$", "parameters must be a JSON object")));
        }
        ObjectNode params = ((ObjectNode) input).deepCopy();
        Set<ValidationMessage> messages = definition.compiledSchema().walk(params, true).getValidationMessages();
        if (!messages.isEmpty()) {
            List<FieldError> errors = messages.stream()
                    .map(ParameterValidator::toFieldError)
                    .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                    .toList();
            throw new ParameterValidationException(errors);
        }
        return params;
    }

    private static FieldError toFieldError(ValidationMessage m) {
        // instance locations are JSON pointers ("/a/0/b"); fields are reported as "a.0.b"
        String location = m.getInstanceLocation() == null ? "" : m.getInstanceLocation().toString();
        String field = location.replaceFirst("^[$/.]+", "").replace('/', '.');
        String type = m.getType();
        if (m.getProperty() != null && ("required".equals(type) || "additionalProperties".equals(type))) {
            field = field.isEmpty() ? m.getProperty() : field + "." + m.getProperty();
        }
        String message = m.getMessage();
        if (message != null && message.startsWith(location + ": ")) {
            message = message.substring(location.length() + 2);
        }
        if ("additionalProperties".equals(type)) {
            message = "unknown parameter '" + m.getProperty() + "' (not in this job type's schema)";
        }
        return new FieldError(field.isEmpty() ? "$" : field, message);
    }
}

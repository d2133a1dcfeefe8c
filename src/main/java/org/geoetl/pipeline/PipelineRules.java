package org.geoetl.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.geoetl.engine.definition.DefinitionError;
import org.geoetl.engine.definition.JobDefinitionRegistry;
import org.springframework.stereotype.Component;

/**
 * What a stored pipeline must satisfy beyond the loader's rules: a name of 3 to 63 lower case
 * letters, digits and _ that is not a built-in job type's, and no {@code pattern} in its parameter
 * schema — any submitter may preview a draft's plan, which evaluates the schema, and a regular
 * expression can be written to take exponential time.
 */
@Component
public class PipelineRules {

    static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_]{2,62}$");

    private final JobDefinitionRegistry definitions;

    public PipelineRules(JobDefinitionRegistry definitions) {
        this.definitions = definitions;
    }

    public boolean isBuiltin(String name) {
        return definitions.isBuiltin(name);
    }

    /** The pipeline-only errors of this definition's parameter schema. */
    public List<DefinitionError> schemaErrors(com.fasterxml.jackson.databind.JsonNode definition) {
        List<DefinitionError> errors = new ArrayList<>();
        patterns("parameters", definition.path("parameters"), errors);
        return errors;
    }

    private static void patterns(String path, com.fasterxml.jackson.databind.JsonNode schema, List<DefinitionError> errors) {
        schema.fields().forEachRemaining(e -> {
            String at = path + "." + e.getKey();
            if (e.getKey().equals("pattern")) {
                errors.add(new DefinitionError(at, "a pipeline's parameters may not use pattern (use enum, bounds or "
                        + "maxLength); only built-in job types may"));
            } else if (e.getValue().isObject()) {
                patterns(at, e.getValue(), errors);
            }
        });
    }

    /** The errors of this name (path {@code job_type}); empty when it may be used. */
    public List<DefinitionError> errors(String name) {
        List<DefinitionError> errors = new ArrayList<>();
        if (name == null || !NAME.matcher(name).matches()) {
            errors.add(new DefinitionError("job_type", "a pipeline name must match " + NAME.pattern()
                    + " (3 to 63 lower case letters, digits and _)"));
        } else if (definitions.isBuiltin(name)) {
            errors.add(new DefinitionError("job_type", "'" + name + "' is a built-in job type; a pipeline may not shadow it"));
        }
        return errors;
    }
}

package org.geoetl.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.geoetl.engine.definition.DefinitionError;
import org.geoetl.engine.definition.JobDefinitionRegistry;
import org.springframework.stereotype.Component;

/** A pipeline's name: 3 to 63 of lower case letters, digits and _, and never a built-in job type's. */
@Component
public class PipelineNames {

    static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_]{2,62}$");

    private final JobDefinitionRegistry definitions;

    public PipelineNames(JobDefinitionRegistry definitions) {
        this.definitions = definitions;
    }

    public boolean isBuiltin(String name) {
        return definitions.isBuiltin(name);
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

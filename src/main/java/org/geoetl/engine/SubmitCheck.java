package org.geoetl.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A pre-flight check of a job type's validated parameters against the world (does the blob exist,
 * is the table free), run at submit so a request that cannot succeed is a 400 and writes nothing.
 * Throw {@link org.geoetl.engine.params.ParameterValidationException} with field errors.
 */
public interface SubmitCheck {

    boolean appliesTo(String jobType);

    void check(ObjectNode parameters);
}

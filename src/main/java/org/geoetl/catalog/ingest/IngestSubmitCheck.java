package org.geoetl.catalog.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.geoetl.catalog.OutputRights;
import org.geoetl.engine.SubmitCheck;
import org.springframework.stereotype.Component;

/**
 * ingest_collection at submit: a published target zone takes an admin, and so does overwrite=true,
 * which replaces blobs in the target whoever wrote them.
 */
@Component
public class IngestSubmitCheck implements SubmitCheck {

    private final OutputRights rights;

    public IngestSubmitCheck(OutputRights rights) {
        this.rights = rights;
    }

    @Override
    public boolean appliesTo(String jobType) {
        return "ingest_collection".equals(jobType);
    }

    @Override
    public void check(ObjectNode parameters) {
        rights.requireZone("target_container", parameters.path("target_container").asText());
        if (parameters.path("overwrite").asBoolean(false)) {
            rights.requireAdmin("overwrite=true replaces blobs in the target zone whoever wrote them");
        }
    }
}

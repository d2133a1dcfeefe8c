package org.geoetl.catalog.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.geoetl.catalog.OutputRights;
import java.util.List;
import org.geoetl.engine.SubmitCheck;
import org.geoetl.engine.params.FieldError;
import org.geoetl.engine.params.ParameterValidationException;
import org.geoetl.storage.InvalidBlobNameException;
import org.geoetl.storage.StorageAccounts;
import org.springframework.stereotype.Component;

/**
 * ingest_collection at submit: both containers must belong to a zone and the target's zone take
 * outputs (400 otherwise); a published target zone takes an admin, and so does overwrite=true,
 * which replaces blobs in the target whoever wrote them.
 */
@Component
public class IngestSubmitCheck implements SubmitCheck {

    private final OutputRights rights;
    private final StorageAccounts accounts;

    public IngestSubmitCheck(OutputRights rights, StorageAccounts accounts) {
        this.rights = rights;
        this.accounts = accounts;
    }

    @Override
    public boolean appliesTo(String jobType) {
        return "ingest_collection".equals(jobType);
    }

    @Override
    public void check(ObjectNode parameters) {
        try {
            accounts.allowedContainer(parameters.path("source_container").asText());
        } catch (InvalidBlobNameException e) {
            throw new ParameterValidationException(List.of(new FieldError("source_container", e.getMessage())));
        }
        rights.requireZone("target_container", parameters.path("target_container").asText());
        if (parameters.path("overwrite").asBoolean(false)) {
            rights.requireAdmin("overwrite=true replaces blobs in the target zone whoever wrote them");
        }
    }
}

package org.geoetl.curated.update;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.geoetl.curated.CuratedDataset;
import org.geoetl.curated.CuratedDatasetRepository;
import org.geoetl.curated.CuratedDatasets;
import org.geoetl.engine.SubmitCheck;
import org.geoetl.engine.params.FieldError;
import org.geoetl.engine.params.ParameterValidationException;
import org.geoetl.error.GeoEtlException;
import org.springframework.stereotype.Component;

/**
 * At submit, before anything is written: the dataset is registered and its source's credentials
 * are set — a missing one is a 400 naming the environment variables (never their values), not a
 * job that fails minutes later.
 */
@Component
public class CuratedSubmitCheck implements SubmitCheck {

    private final CuratedDatasetRepository registry;
    private final CuratedDatasets datasets;

    public CuratedSubmitCheck(CuratedDatasetRepository registry, CuratedDatasets datasets) {
        this.registry = registry;
        this.datasets = datasets;
    }

    @Override
    public boolean appliesTo(String jobType) {
        return CuratedRunEnds.JOB_TYPE.equals(jobType);
    }

    @Override
    public void check(ObjectNode parameters) {
        String id = parameters.path("dataset_id").asText();
        CuratedDataset d = registry.find(id).orElseThrow(() -> new ParameterValidationException(
                List.of(new FieldError("dataset_id", "no curated dataset " + id + " is registered"))));
        List<String> missing = datasets.missingCredentials(d);
        if (!missing.isEmpty()) {
            throw new GeoEtlException(400, "dataset " + id + " is not configured: set " + String.join(", ", missing)
                    + " in the service's environment", Map.<String, Object>of("missing_environment", missing));
        }
    }
}

package org.geoetl.curated.update;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.geoetl.config.GeoEtlProperties;
import org.geoetl.curated.CuratedDataset;
import org.geoetl.curated.CuratedDatasetRepository;
import org.geoetl.curated.CuratedDatasets;
import org.geoetl.curated.SourceKind;
import org.geoetl.engine.definition.JobDefinitionRegistry;
import org.geoetl.engine.handler.PermanentTaskException;
import org.geoetl.engine.handler.QueueClass;
import org.geoetl.engine.handler.TaskContext;
import org.geoetl.engine.handler.TaskHandler;
import org.geoetl.engine.params.ParameterValidationException;
import org.geoetl.engine.params.ParameterValidator;
import org.springframework.stereotype.Component;

/**
 * curated_dataset_update stage 1: the registry entry as it stands now (snapshotted for the later
 * stages), its credentials, the update-log row, and what the source holds — changed or not.
 */
@Component
public class CuratedCheckHandler implements TaskHandler {

    private final CuratedDatasetRepository registry;
    private final CuratedDatasets datasets;
    private final SourceProbe probe;
    private final ParameterValidator validator;
    /* lazily: the registry is built from the handlers, this one among them */
    private final org.springframework.beans.factory.ObjectProvider<JobDefinitionRegistry> definitions;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final String container;

    public CuratedCheckHandler(CuratedDatasetRepository registry, CuratedDatasets datasets, SourceProbe probe,
                               ParameterValidator validator,
                               org.springframework.beans.factory.ObjectProvider<JobDefinitionRegistry> definitions,
                               ObjectMapper mapper,
                               Clock clock, GeoEtlProperties properties) {
        this.registry = registry;
        this.datasets = datasets;
        this.probe = probe;
        this.validator = validator;
        this.definitions = definitions;
        this.mapper = mapper;
        this.clock = clock;
        this.container = properties.storage().uploadZones().get(0);
    }

    @Override
    public String taskType() {
        return "curated_check";
    }

    @Override
    public QueueClass queueClass() {
        return QueueClass.LIGHT;
    }

    @Override
    public String description() {
        return "curated_dataset_update stage 1: snapshots the registry entry and checks whether the source changed";
    }

    @Override
    public Class<?> paramsType() {
        return CuratedStages.Job.class;
    }

    @Override
    public Map<String, Object> handle(TaskContext context) {
        CuratedStages.Job job = context.params(CuratedStages.Job.class);
        CuratedDataset d = registry.find(job.datasetId()).orElseThrow(() -> new PermanentTaskException(
                "curated dataset " + job.datasetId() + " is not registered (deleted after the run was requested?)"));
        List<String> missing = datasets.missingCredentials(d);
        if (!missing.isEmpty()) {
            throw new PermanentTaskException("dataset " + d.datasetId() + " is not configured: set "
                    + String.join(", ", missing) + " in the service's environment");
        }
        registry.logStarted(d.datasetId(), context.jobId(), job.updateType(), clock.instant());
        var earlier = registry.earlierRunning(d.datasetId(), context.jobId());
        // one run of a dataset at a time: a tick that fires while the last load still runs skips
        SourceProbe.Probe p = earlier.isPresent()
                ? new SourceProbe.Probe(null, false, "run " + earlier.get() + " of " + d.datasetId() + " is still in progress",
                        null, null, null)
                : probe.check(d, job.forceUpdate());
        registry.markChecked(d.datasetId(), clock.instant());
        JsonNode vector = d.sourceKind() == SourceKind.ACLED ? null : vectorParameters(d, context.jobId(), p.format());
        CuratedStages.Checked checked = new CuratedStages.Checked(d.datasetId(), d.sourceKind().id(),
                d.updateStrategy(), d.upsertKey(), d.targetSchema(), d.targetTable(), d.autoApprove(), p.changed(),
                p.reason(), p.version(), d.sourceVersion(), p.downloadUrl(), p.format(), p.since(), vector, d.name());
        return mapper.convertValue(checked, MAP);
    }

    private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> MAP =
            new com.fasterxml.jackson.core.type.TypeReference<>() {
            };

    /**
     * The process_vector parameters of the load, validated by process_vector's own schema (so a
     * curated load obeys every rule an upload does): the fetched file as a blob in the upload
     * zone, the target table replaced as a whole, the registry's description as the metadata.
     */
    ObjectNode vectorParameters(CuratedDataset d, String jobId, String format) {
        ObjectNode p = mapper.createObjectNode();
        if (d.sourceKind() == SourceKind.MANUAL) {
            p.put("blob_name", d.source().path("blob").asText());
            p.put("container_name", d.source().path("container").asText(container));
        } else {
            p.put("blob_name", "curated/" + d.datasetId() + "/" + jobId.substring(0, 16) + "/source");
            p.put("container_name", container);
        }
        p.put("table_name", d.targetTable());
        p.put("schema", d.targetSchema());
        p.put("overwrite", true);
        String layer = d.source().path("layer").asText(null);
        if (layer != null) {
            p.put("layer_name", layer);
        }
        for (String key : List.of("source_crs", "lat_name", "lon_name", "wkt_column")) {
            if (d.source().hasNonNull(key)) {
                p.put(key, d.source().get(key).asText());
            }
        }
        p.put("title", d.name());
        if (d.description() != null) {
            p.put("description", d.description());
        }
        for (String key : List.of("license", "attribution")) {
            if (d.source().hasNonNull(key)) {
                p.put(key, d.source().get(key).asText());
            }
        }
        p.putArray("keywords").add("curated").add(d.datasetId()).add(d.sourceKind().id());
        try {
            return validator.validate(definitions.getObject().get("process_vector"), p);
        } catch (ParameterValidationException e) {
            throw new PermanentTaskException("dataset " + d.datasetId() + " cannot be loaded as a vector table: "
                    + String.join("; ", e.errors().stream().map(f -> f.field() + " " + f.message()).toList()));
        }
    }
}

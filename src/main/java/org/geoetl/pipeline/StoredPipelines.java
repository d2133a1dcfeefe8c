package org.geoetl.pipeline;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.geoetl.engine.definition.DefinitionValidator;
import org.geoetl.engine.definition.InvalidDefinitionException;
import org.geoetl.engine.definition.JobDefinition;
import org.geoetl.engine.definition.PublishedDefinitions;
import org.springframework.stereotype.Component;

/**
 * Published pipelines for the engine, read from app.job_definitions. Versions are immutable, so a
 * parsed version is cached by (name, version) for good; the latest version is looked up in the
 * database on every call, so every process sees a version the moment another one publishes it.
 */
@Component
public class StoredPipelines implements PublishedDefinitions {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(StoredPipelines.class);

    private record Key(String name, int version) {
    }

    private final PipelineRepository repository;
    private final DefinitionValidator validator;
    private final Map<Key, JobDefinition> cache = new ConcurrentHashMap<>();

    public StoredPipelines(PipelineRepository repository, DefinitionValidator validator) {
        this.repository = repository;
        this.validator = validator;
    }

    @Override
    public Optional<VersionedDefinition> latest(String name) {
        return repository.latestPublished(name)
                .flatMap(v -> version(name, v).map(d -> new VersionedDefinition(d, v)));
    }

    @Override
    public Optional<JobDefinition> version(String name, int version) {
        if (version < 1) {
            return Optional.empty();
        }
        Key key = new Key(name, version);
        JobDefinition cached = cache.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<JobDefinition> loaded;
        try {
            loaded = repository.find(name, version).map(row -> validator.parse(row.definition()));
        } catch (InvalidDefinitionException e) {
            // valid when published; a task type it names has gone from this build since
            log.warn("pipeline {} version {} no longer loads: {}", name, version, e.getMessage());
            return Optional.empty();
        }
        loaded.ifPresent(d -> cache.put(key, d));
        return loaded;
    }
}

package org.geoetl.engine.definition;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Job types by name, loaded once at start-up by {@link JobDefinitionLoader}. */
public class JobDefinitionRegistry {

    private final Map<String, JobDefinition> byType;

    public JobDefinitionRegistry(Map<String, JobDefinition> byType) {
        this.byType = Map.copyOf(byType);
    }

    public Optional<JobDefinition> find(String jobType) {
        return Optional.ofNullable(byType.get(jobType));
    }

    public JobDefinition get(String jobType) {
        return find(jobType).orElseThrow(() -> new IllegalStateException("unknown job type " + jobType));
    }

    public Collection<JobDefinition> all() {
        return byType.values().stream().sorted(java.util.Comparator.comparing(JobDefinition::jobType)).toList();
    }
}

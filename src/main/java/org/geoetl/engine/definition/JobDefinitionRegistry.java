package org.geoetl.engine.definition;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Job types by name: the built-ins loaded once at start-up by {@link JobDefinitionLoader}, then
 * published pipelines from the database. A job records the pipeline version it runs
 * ({@code app.jobs.definition_version}, null for built-ins), and every later step resolves the
 * definition with {@link #find(String, Integer)}, so a running job keeps its version when a new
 * one is published.
 */
public class JobDefinitionRegistry {

    private final Map<String, JobDefinition> byType;
    private final PublishedDefinitions published;

    public JobDefinitionRegistry(Map<String, JobDefinition> byType) {
        this(byType, PublishedDefinitions.NONE);
    }

    public JobDefinitionRegistry(Map<String, JobDefinition> byType, PublishedDefinitions published) {
        this.byType = Map.copyOf(byType);
        this.published = published;
    }

    /** A built-in job type (never a pipeline). */
    public Optional<JobDefinition> builtin(String jobType) {
        return Optional.ofNullable(byType.get(jobType));
    }

    public boolean isBuiltin(String jobType) {
        return byType.containsKey(jobType);
    }

    /** What a new job of this type runs: the built-in, or the latest published version of the pipeline. */
    public Optional<PublishedDefinitions.VersionedDefinition> current(String jobType) {
        JobDefinition builtin = byType.get(jobType);
        return builtin != null ? Optional.of(new PublishedDefinitions.VersionedDefinition(builtin, null))
                : published.latest(jobType);
    }

    /** The definition a job runs: the built-in when it recorded no version, else that pipeline version. */
    public Optional<JobDefinition> find(String jobType, Integer version) {
        return version == null ? builtin(jobType) : published.version(jobType, version);
    }

    public JobDefinition get(String jobType, Integer version) {
        return find(jobType, version).orElseThrow(() -> new IllegalStateException("unknown job type " + jobType
                + (version == null ? "" : " version " + version)));
    }

    /** A built-in, or else the latest published pipeline of this name. */
    public Optional<JobDefinition> find(String jobType) {
        return current(jobType).map(PublishedDefinitions.VersionedDefinition::definition);
    }

    public JobDefinition get(String jobType) {
        return find(jobType).orElseThrow(() -> new IllegalStateException("unknown job type " + jobType));
    }

    /** The built-in job types, by name. */
    public Collection<JobDefinition> all() {
        return byType.values().stream().sorted(java.util.Comparator.comparing(JobDefinition::jobType)).toList();
    }
}

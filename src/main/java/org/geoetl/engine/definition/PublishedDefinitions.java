package org.geoetl.engine.definition;

import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;

/** Job definitions stored as data (published pipelines), by name and immutable version. */
public interface PublishedDefinitions {

    /** The latest published version of this pipeline. */
    Optional<VersionedDefinition> latest(String name);

    /** One published version of this pipeline (versions never change once published). */
    Optional<JobDefinition> version(String name, int version);

    /** A definition and its version (null for a built-in). */
    record VersionedDefinition(JobDefinition definition, Integer version) {
    }

    /** None: a service without stored pipelines (unit tests). */
    PublishedDefinitions NONE = new PublishedDefinitions() {
        public Optional<VersionedDefinition> latest(String name) {
            return Optional.empty();
        }

        public Optional<JobDefinition> version(String name, int version) {
            return Optional.empty();
        }
    };

    /** Resolves the bean on first use (the store needs beans created after the registry). */
    record Lazy(ObjectProvider<PublishedDefinitions> provider) implements PublishedDefinitions {
        public Optional<VersionedDefinition> latest(String name) {
            PublishedDefinitions p = provider.getIfAvailable();
            return p == null ? Optional.empty() : p.latest(name);
        }

        public Optional<JobDefinition> version(String name, int version) {
            PublishedDefinitions p = provider.getIfAvailable();
            return p == null ? Optional.empty() : p.version(name, version);
        }
    }
}

package org.geoetl.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Everything under the {@code geoetl:} root. Defaults here are the documented defaults
 * (docs/configuration.md); application.yaml only repeats them where routes need placeholders.
 */
@Validated
@ConfigurationProperties("geoetl")
public record GeoEtlProperties(
        @Valid @NotNull @DefaultValue Queues queues,
        @Valid @NotNull @DefaultValue Broker broker,
        @Valid @NotNull @DefaultValue Roles roles,
        @Valid @NotNull @DefaultValue Consumers consumers,
        @Valid @NotNull Transport transport,
        @Valid @NotNull @DefaultValue Worker worker,
        @Valid @NotNull @DefaultValue Retry retry,
        @Valid @NotNull @DefaultValue Janitor janitor,
        @Valid @NotNull @DefaultValue Engine engine,
        Map<String, @Valid TaskType> taskTypes,
        /* the service's external base URL, used in STAC links and local asset hrefs */
        @NotBlank @DefaultValue("http://localhost:8080") String publicUrl,
        @Valid @NotNull Storage storage,
        @Valid @NotNull @DefaultValue Vector vector,
        @Valid @NotNull @DefaultValue Raster raster,
        @Valid @NotNull @DefaultValue org.geoetl.security.SecurityProperties security,
        /* every outbound request (reference-data APIs, webhooks) goes through org.geoetl.net.OutboundGuard */
        @Valid @NotNull @DefaultValue org.geoetl.net.OutboundProperties outbound,
        /* reference-data sources (IBAT, ACLED): where they are, download cap, per-request retries */
        @Valid @NotNull @DefaultValue org.geoetl.curated.CuratedProperties curated,
        /* the Quartz scheduler of every cron route: clustered in PostgreSQL by default */
        @Valid @NotNull @DefaultValue org.geoetl.schedule.SchedulerProperties scheduler,
        /* the progress model and the app.job_metrics snapshots of running jobs */
        @Valid @NotNull @DefaultValue org.geoetl.progress.MetricsProperties metrics,
        /* OpenTelemetry spans of submit, orchestrator, tasks and stage barriers (off by default) */
        @Valid @NotNull @DefaultValue org.geoetl.telemetry.TracingProperties tracing,
        /* metadata consistency checks of the catalog, their schedule and auto-heal */
        @Valid @NotNull @DefaultValue org.geoetl.catalog.health.CatalogProperties catalog,
        /* PostgreSQL authentication beyond spring.datasource: an Entra token as the password */
        @Valid @NotNull @DefaultValue org.geoetl.database.DatabaseProperties database) {

    /** process_raster: the pixel budget, and when a raster is tiled across tasks instead of converted whole. */
    public record Raster(
            /* width × height × bands, checked from the header before any pixel is read */
            @Min(1) @DefaultValue("20000000000") long maxPixels,
            /* a raster whose file or uncompressed pixels exceed this is tiled across tasks */
            @NotNull @DefaultValue("2000MB") org.springframework.util.unit.DataSize tilingThreshold,
            /* uncompressed size aimed at per tile; the side is rounded down to whole 512-pixel blocks */
            @NotNull @DefaultValue("400MB") org.springframework.util.unit.DataSize tileTarget) {
    }

    /** process_vector: target schemas allowed, archive limits. */
    public record Vector(
            @NotNull @DefaultValue("geo") List<String> schemas,
            @NotNull @DefaultValue("2GB") org.springframework.util.unit.DataSize maxExtracted) {

        /** Schemas the service or the database own; jobs may never write into them. */
        static final java.util.Set<String> RESERVED_SCHEMAS = java.util.Set.of("app", "stac", "public", "pg_catalog",
                "information_schema", "topology", "tiger", "tiger_data");

        public Vector {
            List<String> bad = schemas == null ? List.of()
                    : schemas.stream().filter(s -> RESERVED_SCHEMAS.contains(s) || s.startsWith("pg_")).toList();
            if (!bad.isEmpty()) {
                throw new IllegalArgumentException("geoetl.vector.schemas may not include " + bad
                        + ": the service's and the database's own schemas are not job targets");
            }
        }
    }

    public GeoEtlProperties {
        taskTypes = taskTypes == null ? Map.of() : Map.copyOf(taskTypes);
    }

    /**
     * Blob storage: named accounts (local or azure), the default one, and which zone each container
     * belongs to (zone rules are enforced by zone, never by container name).
     */
    public record Storage(
            @NotBlank @DefaultValue("local") String defaultAccount,
            @NotNull Map<String, @Valid Account> accounts,
            /* zone → the containers in it, by explicit name and/or name prefix (defaults: StorageZones) */
            Map<String, @Valid ZoneMembers> zones,
            @NotNull @DefaultValue("5GB") org.springframework.util.unit.DataSize maxUpload,
            /* zones a submitter may upload into; the others (processed, published) take admin */
            @NotNull @DefaultValue("bronze") List<String> uploadZones,
            /* zones jobs may write their outputs into (COGs, ingested copies) */
            @NotNull @DefaultValue({"silver", "silverext", "gold"}) List<String> outputZones,
            /* zones whose content is published: jobs may write into them for admins only */
            @NotNull @DefaultValue("gold") List<String> publishedZones,
            /* how STAC asset hrefs of Azure blobs are served: blob (as stored, for clients with their own
               identity), proxy (through this service's storage API), blob-sas (the blob URL with a read-only SAS) */
            @NotNull @DefaultValue("blob") org.geoetl.storage.AssetHrefMode assetHrefs,
            /* how long a SAS in a rendered href stays valid */
            @NotNull @DefaultValue("1h") Duration sasLifetime) {

        public Storage {
            zones = org.geoetl.storage.StorageZones.withDefaults(zones);
            for (List<String> named : List.of(uploadZones, outputZones, publishedZones)) {
                named.forEach(org.geoetl.storage.StorageZone::of);
            }
        }

        /** The containers of one zone: these names, and any valid name starting with one of the prefixes. */
        public record ZoneMembers(List<String> containers, List<String> prefixes) {
            public ZoneMembers {
                containers = containers == null ? List.of() : List.copyOf(containers);
                prefixes = prefixes == null ? List.of() : List.copyOf(prefixes);
            }
        }

        /**
         * type local (root) or azure (connection-string, or endpoint with managed identity);
         * asset-hrefs overrides geoetl.storage.asset-hrefs for this account.
         */
        public record Account(@NotBlank String type, String root, String connectionString, String endpoint,
                              org.geoetl.storage.AssetHrefMode assetHrefs) {
        }

        /** The asset href mode of an account: its own, else the storage default. */
        public org.geoetl.storage.AssetHrefMode assetHrefs(String account) {
            Account a = accounts.get(account);
            return a != null && a.assetHrefs() != null ? a.assetHrefs() : assetHrefs;
        }
    }

    /**
     * Retry backoff for transient failures (the seed's defaults): attempt n waits a random time
     * between d/2 and d, d = min(max-delay, base-delay * 2^(n-1)).
     */
    public record Retry(
            @NotNull @DefaultValue("5s") Duration baseDelay,
            @NotNull @DefaultValue("300s") Duration maxDelay) {
    }

    /** Per task type overrides of attempts and backoff (geoetl.task-types.<type>.*). */
    public record TaskType(@Min(1) Integer maxAttempts, Duration baseDelay, Duration maxDelay) {
    }

    /** The janitor: re-queues abandoned tasks, re-sends lost messages, fails what cannot progress. */
    public record Janitor(
            @DefaultValue("true") boolean enabled,
            /* Quartz cron (seconds first), UTC */
            @NotBlank @DefaultValue("0 * * * * ?") String cron,
            /* a queued task untouched this long gets its message re-sent */
            @NotNull @DefaultValue("5m") Duration queuedTimeout,
            /* a finished stage whose job has not moved on this long gets its stage_complete re-sent */
            @NotNull @DefaultValue("2m") Duration signalTimeout) {
    }

    /**
     * Artemis: a standalone broker ({@code url}, e.g. tcp://broker:61616; the process is then its
     * client, see DeploymentEnvironment), or else the embedded one, its journal and how it syncs.
     */
    public record Broker(
            /* a standalone broker's URL; blank starts the embedded broker in this process */
            @DefaultValue("") String url,
            @NotBlank @DefaultValue("data/artemis") String dataDir,
            /* sync the journal on every transaction commit (false trades durability on power loss for speed) */
            @DefaultValue("true") boolean syncTransactional,
            /* how long the journal gathers writes before one sync; the floor of every queue hop's latency */
            @NotNull @DefaultValue("1ms") Duration journalBufferTimeout) {
    }

    /** Which roles this process runs (routes start only for enabled roles); all on by default. */
    public record Roles(
            @DefaultValue("true") boolean api,
            @DefaultValue("true") boolean orchestrator,
            @DefaultValue("true") boolean workerHeavy,
            @DefaultValue("true") boolean workerLight,
            /* cron routes of curated datasets (the schedules themselves are shared: clustered Quartz) */
            @DefaultValue("true") boolean scheduler) {
    }

    /** Concurrent consumers per queue in this process. */
    public record Consumers(
            @Min(1) @DefaultValue("2") int jobs,
            @Min(1) @DefaultValue("2") int heavy,
            @Min(1) @DefaultValue("8") int light) {
    }

    /** Endpoint URIs the routes consume from and send to; the profile decides the transport. */
    public record Transport(
            @NotBlank String jobsIn, @NotBlank String jobsOut,
            @NotBlank String heavyIn, @NotBlank String heavyOut,
            @NotBlank String lightIn, @NotBlank String lightOut,
            @NotBlank String deadLetterOut) {
    }

    /** Queue names, identical on Artemis and Service Bus. */
    public record Queues(
            @NotBlank @DefaultValue("geospatial-jobs") String jobs,
            @NotBlank @DefaultValue("container-tasks") String heavy,
            @NotBlank @DefaultValue("functionapp-tasks") String light) {
    }

    /** Worker behaviour. */
    public record Worker(
            /* how long a claimed task is leased to its worker before it counts as abandoned */
            @NotNull @DefaultValue("5m") Duration lease,
            /* how often a process beats its worker-instance row and renews the leases of its tasks */
            @NotNull @DefaultValue("5s") Duration heartbeat,
            /* an instance silent for this many heartbeats is dead: its tasks are re-queued at once */
            @Min(2) @DefaultValue("3") int missedHeartbeats,
            /* whether this process runs the instance reaper (every process may; off only in tests that
               start service processes of their own on the same database) */
            @DefaultValue("true") boolean reaper,
            /* scratch space: one directory per job, removed when the job ends */
            @NotBlank @DefaultValue("data/work") String workDir,
            /* default attempts per task (first run + retries); a task type may override */
            @Min(1) @DefaultValue("4") int maxAttempts) {
    }

    /** Planning and reporting limits. */
    public record Engine(
            /* most tasks one stage may plan; a larger fan-out fails the job with a clear error */
            @Min(1) @DefaultValue("100000") int maxTasksPerStage,
            /* how many results of the last stage a job's result summary embeds */
            @Min(0) @DefaultValue("100") int resultSampleSize,
            /* most light tasks one message carries (claimed and completed together by one consumer) */
            @Min(1) @DefaultValue("50") int dispatchBatchLight,
            /* most heavy tasks one message carries; 1 keeps every heavy task its own unit of scale-out */
            @Min(1) @DefaultValue("1") int dispatchBatchHeavy,
            /* tasks inserted and dispatched by the first planning step of a stage (first-task latency) */
            @Min(1) @DefaultValue("200") int firstPlanningChunk,
            /* tasks inserted and dispatched by each later planning step, one transaction each */
            @Min(1) @DefaultValue("2000") int planningChunk,
            /* results a batch keeps in memory before completing them, however far the batch has got */
            @NotNull @DefaultValue("250ms") Duration completionFlush) {
    }
}

package org.geoetl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.geoetl.engine.definition.JobDefinition;
import org.geoetl.engine.definition.JobDefinitionRegistry;
import org.geoetl.engine.params.ParameterValidator;
import org.geoetl.engine.state.JobStatus;
import org.geoetl.engine.store.EventRepository;
import org.geoetl.engine.store.JobRecord;
import org.geoetl.engine.store.JobRepository;
import org.geoetl.engine.store.JsonColumns;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepts a job: validates the parameters (nothing is written when they are invalid), computes the
 * job id, and creates the job — or, when the same job exists, answers idempotently: a completed
 * job returns its result, a running one its status, a failed or cancelled one is reset for a new
 * attempt with its earlier error kept in {@code metadata.error_history}.
 */
@Component
public class JobSubmission {

    public static class UnknownJobTypeException extends org.geoetl.error.GeoEtlException {
        public UnknownJobTypeException(String jobType) {
            super(404, "unknown job type '" + jobType + "'", Map.of("hint", "GET /api/jobs/types lists the job types"));
        }
    }

    private final JobDefinitionRegistry definitions;
    private final ParameterValidator validator;
    private final JobRepository jobs;
    private final EventRepository events;
    private final JsonColumns json;
    private final TransactionTemplate tx;
    private final List<SubmitCheck> checks;
    private final Clock clock;
    private final JobAttempts attempts;

    public JobSubmission(JobDefinitionRegistry definitions, ParameterValidator validator, JobRepository jobs,
                         EventRepository events, JsonColumns json, TransactionTemplate tx, List<SubmitCheck> checks,
                         Clock clock, JobAttempts attempts) {
        this.attempts = attempts;
        this.checks = checks;
        this.definitions = definitions;
        this.validator = validator;
        this.jobs = jobs;
        this.events = events;
        this.json = json;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * The checks a submission makes (parameters, then the job type's pre-flight checks), without
     * creating anything: the validated parameters, or the exception the submission would throw.
     */
    public ObjectNode check(String jobType, JsonNode body) {
        JobDefinition definition = definitions.find(jobType).orElseThrow(() -> new UnknownJobTypeException(jobType));
        ObjectNode params = validator.validate(definition, body);
        checks.stream().filter(c -> c.appliesTo(jobType)).forEach(c -> c.check(params));
        return params;
    }

    /**
     * @param submittedBy the caller's identity, recorded with the job (owners of the tables it writes)
     * @param submitterRoles the caller's roles then, for checks a task makes when it writes
     */
    public SubmitResult submit(String jobType, JsonNode body, String submittedBy, java.util.List<String> submitterRoles) {
        var current = definitions.current(jobType).orElseThrow(() -> new UnknownJobTypeException(jobType));
        JobDefinition definition = current.definition();
        Integer version = current.version();
        ObjectNode params = validator.validate(definition, body);
        // a pipeline's version is part of its job id: the same parameters on a new version are a new job
        String jobId = JobIds.jobId(version == null ? jobType : jobType + "@" + version, params,
                definition.idExcludedParameters());
        // pre-flight checks only when something would run: an identical completed or running job is
        // answered idempotently even if, say, the table it created now exists
        boolean willRun = jobs.find(jobId).map(j -> j.status().canStartNewAttempt()).orElse(true);
        if (willRun) {
            checks.stream().filter(c -> c.appliesTo(jobType)).forEach(c -> c.check(params));
        }
        return tx.execute(status -> {
            ObjectNode metadata = json.mapper().createObjectNode()
                    .put("submitted_at", OffsetDateTime.now(clock).toString()).put("submitted_by", submittedBy);
            metadata.set("submitter_roles", json.mapper().valueToTree(submitterRoles));
            if (jobs.insertIfAbsent(jobId, jobType, version, params, definition.totalStages(), metadata)) {
                events.record(jobId, null, null, "job_created", "info", version == null ? Map.of("job_type", jobType)
                        : Map.of("job_type", jobType, "definition_version", version), null, null);
                return new SubmitResult(SubmitOutcome.CREATED, jobs.find(jobId).orElseThrow());
            }
            JobRecord existing = jobs.lock(jobId).orElseThrow();
            if (existing.status() == JobStatus.COMPLETED) {
                return new SubmitResult(SubmitOutcome.ALREADY_COMPLETED, existing);
            }
            if (existing.status().canStartNewAttempt()) {
                attempts.startNew(jobId, params, false);
                events.record(jobId, null, null, "job_resubmitted", "info",
                        Map.of("attempt", existing.attempt() + 1), null, null);
                return new SubmitResult(SubmitOutcome.RESUBMITTED, jobs.find(jobId).orElseThrow());
            }
            return new SubmitResult(SubmitOutcome.ALREADY_RUNNING, existing);
        });
    }
}

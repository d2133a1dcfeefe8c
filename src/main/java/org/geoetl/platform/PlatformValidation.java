package org.geoetl.platform;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.geoetl.engine.JobSubmission;
import org.geoetl.engine.params.FieldError;
import org.geoetl.engine.params.ParameterValidationException;
import org.geoetl.error.GeoEtlException;
import org.springframework.stereotype.Component;

/**
 * {@code POST /api/platform/validate}: a submission's checks without submitting — the fields, the
 * request id and whether it was seen, the data type and the jobs it would become, the container's
 * zone and every source blob, then each job's parameter and pre-flight checks. Always 200 (for a
 * JSON object): {@code valid} and every problem found, field by field.
 */
@Component("platformValidation")
public class PlatformValidation {

    private final PlatformRequests requests;
    private final PlatformJobs jobs;
    private final PlatformSubmissions submissions;
    private final JobSubmission submission;
    private final com.fasterxml.jackson.databind.ObjectMapper mapper;

    public PlatformValidation(PlatformRequests requests, PlatformJobs jobs, PlatformSubmissions submissions,
                              JobSubmission submission, com.fasterxml.jackson.databind.ObjectMapper mapper) {
        this.mapper = mapper;
        this.requests = requests;
        this.jobs = jobs;
        this.submissions = submissions;
        this.submission = submission;
    }

    public Map<String, Object> validate(String text) {
        return validate(PlatformBody.parse(mapper, text));
    }

    Map<String, Object> validate(JsonNode body) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<FieldError> errors = new ArrayList<>();
        PlatformRequest r = parse(body, errors);
        if (r != null) {
            String requestId = PlatformTranslation.requestId(r.datasetId(), r.resourceId(), r.versionId());
            out.put("request_id", requestId);
            boolean seen = requests.find(requestId).isPresent();
            boolean overwrite = r.options().path("overwrite").asBoolean(false);
            out.put("already_submitted", seen);
            String dataType = guard(errors, "file_name", () -> PlatformTranslation.requestType(r.files()));
            out.put("data_type", dataType);
            out.put("container_zone", guard(errors, "container_name", () -> submissions.zoneOf(r.containerName())));
            List<PlatformJobs.Planned> planned = dataType == null ? List.of()
                    : guardList(errors, "dataset_id", () -> jobs.plan(r, dataType));
            if (errors.isEmpty()) {
                submissions.missingSources(r).forEach(errors::add);
            }
            if (errors.isEmpty() && !(seen && !overwrite)) {
                checkJobs(planned, errors); // a request seen before runs nothing, so its jobs are not checked again
            }
            out.put("jobs", planned.stream().map(PlatformValidation::job).toList());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("valid", errors.isEmpty());
        answer.putAll(out);
        answer.put("errors", errors);
        return answer;
    }

    private static PlatformRequest parse(JsonNode body, List<FieldError> errors) {
        try {
            return PlatformRequest.parse(body);
        } catch (ParameterValidationException e) {
            errors.addAll(e.errors());
        } catch (GeoEtlException e) {
            errors.add(new FieldError("operation", e.getMessage()));
        }
        return null;
    }

    private void checkJobs(List<PlatformJobs.Planned> planned, List<FieldError> errors) {
        for (int i = 0; i < planned.size(); i++) {
            PlatformJobs.Planned p = planned.get(i);
            String prefix = "jobs[" + i + "]";
            try {
                submission.check(p.jobType(), p.parameters());
            } catch (ParameterValidationException e) {
                e.errors().forEach(f -> errors.add(new FieldError(prefix + "." + f.field(), f.message())));
            } catch (GeoEtlException e) {
                if (e.status() == 500) {
                    throw e;
                }
                errors.add(new FieldError(prefix, e.getMessage()));
            }
        }
    }

    private static Map<String, Object> job(PlatformJobs.Planned p) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("job_type", p.jobType());
        j.put("output", p.output());
        j.put("parameters", p.parameters());
        return j;
    }

    private static <T> T guard(List<FieldError> errors, String field, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (GeoEtlException e) {
            if (e.status() == 500) {
                throw e;
            }
            errors.add(new FieldError(field, e.getMessage()));
            return null;
        }
    }

    private static <T> List<T> guardList(List<FieldError> errors, String field, java.util.function.Supplier<List<T>> step) {
        List<T> v = guard(errors, field, step);
        return v == null ? List.of() : v;
    }
}

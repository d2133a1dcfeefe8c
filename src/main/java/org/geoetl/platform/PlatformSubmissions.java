package org.geoetl.platform;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.geoetl.engine.JobSubmission;
import org.geoetl.engine.SubmitResult;
import org.geoetl.engine.message.JobMessage;
import org.geoetl.engine.message.Outgoing;
import org.geoetl.engine.params.FieldError;
import org.geoetl.engine.params.ParameterValidationException;
import org.geoetl.storage.InvalidBlobNameException;
import org.geoetl.storage.StorageAccounts;
import org.springframework.stereotype.Component;

/**
 * {@code POST /api/platform/submit}: the hub's ids → a request id; a request seen before is
 * answered with its jobs (200, nothing runs) unless {@code processing_options.overwrite}; otherwise
 * every source blob is checked first (so a collection with one missing file starts no job), the
 * jobs are submitted through the normal submission (validation, pre-flight checks, idempotent ids)
 * and the request is recorded.
 */
@Component
public class PlatformSubmissions {

    /** The answer, its HTTP status, and the job messages to send. */
    public record Submitted(int status, Map<String, Object> response, List<Outgoing> messages) {
    }

    private final PlatformRequests requests;
    private final PlatformJobs jobs;
    private final JobSubmission submission;
    private final StorageAccounts accounts;

    public PlatformSubmissions(PlatformRequests requests, PlatformJobs jobs, JobSubmission submission,
                               StorageAccounts accounts) {
        this.requests = requests;
        this.jobs = jobs;
        this.submission = submission;
        this.accounts = accounts;
    }

    public Submitted submit(JsonNode body, String caller, List<String> roles) {
        PlatformRequest r = PlatformRequest.parse(body);
        String requestId = PlatformTranslation.requestId(r.datasetId(), r.resourceId(), r.versionId());
        String dataType = PlatformTranslation.requestType(r.files());
        var existing = requests.find(requestId);
        if (existing.isPresent() && !r.options().path("overwrite").asBoolean(false)) {
            return new Submitted(200, answer(existing.get(), true, "request already submitted; its jobs are unchanged"
                    + " (processing_options.overwrite=true submits again)"), List.of());
        }
        List<PlatformJobs.Planned> planned = jobs.plan(r, dataType);
        requireSources(r);
        List<String> jobIds = new ArrayList<>();
        List<Outgoing> messages = new ArrayList<>();
        for (PlatformJobs.Planned p : planned) {
            SubmitResult s = submission.submit(p.jobType(), p.parameters(), caller, roles);
            jobIds.add(s.job().jobId());
            if (s.enqueue()) {
                messages.add(Outgoing.job(JobMessage.submit(s.job().jobId())));
            }
        }
        Map<String, Object> outputs = outputs(dataType, planned);
        PlatformRequests.Row row = new PlatformRequests.Row(requestId, r.datasetId(), r.resourceId(), r.versionId(), dataType,
                r.accessLevel(), planned.get(0).jobType(), jobIds, null);
        requests.save(row, outputs, caller);
        return new Submitted(messages.isEmpty() ? 200 : 202, answer(row, false, messages.isEmpty()
                ? "identical jobs exist; returning them" : jobIds.size() + " job(s) queued"), messages);
    }

    private void requireSources(PlatformRequest r) {
        List<FieldError> missing = missingSources(r);
        if (!missing.isEmpty()) {
            throw new ParameterValidationException(missing);
        }
    }

    /** The container's zone (a 400 for a name no zone claims or Azure refuses). */
    String zoneOf(String container) {
        return accounts.zone(container).id();
    }

    /** Problems with the request's sources: the container, and every file that is not in it. */
    List<FieldError> missingSources(PlatformRequest r) {
        List<FieldError> missing = new ArrayList<>();
        try {
            accounts.allowedContainer(r.containerName());
            for (String f : r.files()) {
                if (!accounts.get(null).exists(r.containerName(), f)) {
                    missing.add(new FieldError("file_name", "'" + f + "' not found in container '" + r.containerName() + "'"));
                }
            }
        } catch (InvalidBlobNameException e) {
            missing.add(new FieldError("container_name", e.getMessage()));
        }
        return missing;
    }

    private static Map<String, Object> outputs(String dataType, List<PlatformJobs.Planned> planned) {
        Map<String, Object> o = new LinkedHashMap<>();
        if ("vector".equals(dataType)) {
            o.put("schema", planned.get(0).parameters().path("schema").asText("geo"));
            o.put("table", planned.get(0).output());
        } else {
            o.put("collection_id", planned.get(0).parameters().path("collection_id").asText());
            o.put("items", planned.stream().map(PlatformJobs.Planned::output).toList());
        }
        return o;
    }

    static Map<String, Object> answer(PlatformRequests.Row row, boolean idempotent, String message) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("success", true);
        a.put("request_id", row.requestId());
        a.put("job_id", row.jobIds().get(0));
        a.put("job_ids", row.jobIds());
        a.put("job_type", row.jobType());
        a.put("data_type", row.dataType());
        a.put("idempotent", idempotent);
        a.put("monitor_url", "/api/platform/status/" + row.requestId());
        a.put("job_status_url", "/api/jobs/status/" + row.jobIds().get(0));
        a.put("message", message);
        return a;
    }
}

package org.geoetl.api;

import org.geoetl.web.QueryParams;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.geoetl.engine.definition.JobDefinition;
import org.geoetl.engine.definition.JobDefinitionRegistry;
import org.geoetl.engine.handler.TaskHandlerRegistry;
import org.geoetl.engine.store.EventRepository;
import org.geoetl.engine.store.JobRecord;
import org.geoetl.engine.store.JobRepository;
import org.geoetl.engine.store.JsonColumns;
import org.geoetl.engine.store.StageRepository;
import org.geoetl.engine.state.JobStatus;
import org.geoetl.engine.state.TaskStatus;
import org.geoetl.engine.store.JanitorRunRepository;
import org.geoetl.engine.store.TaskViewRepository;
import org.geoetl.engine.store.WorkerInstanceRepository;
import org.springframework.stereotype.Component;

/** Read side of the jobs API: status, tasks, events, listing and job types. Field names follow the seed API. */
@Component("jobQueries")
public class JobQueries {

    private final JobRepository jobs;
    private final TaskViewRepository tasks;
    private final StageRepository stages;
    private final EventRepository events;
    private final JobDefinitionRegistry definitions;
    private final TaskHandlerRegistry handlers;
    private final JanitorRunRepository janitorRuns;
    private final WorkerInstanceRepository instances;
    private final JsonColumns json;

    public JobQueries(JobRepository jobs, TaskViewRepository tasks, StageRepository stages, EventRepository events,
                      JobDefinitionRegistry definitions, TaskHandlerRegistry handlers,
                      JanitorRunRepository janitorRuns, WorkerInstanceRepository instances, JsonColumns json) {
        this.janitorRuns = janitorRuns;
        this.instances = instances;
        this.json = json;
        this.jobs = jobs;
        this.tasks = tasks;
        this.stages = stages;
        this.events = events;
        this.definitions = definitions;
        this.handlers = handlers;
    }

    public Map<String, Object> status(String jobId) {
        JobRecord job = jobs.find(jobId).orElseThrow(() -> ApiException.notFound("job " + jobId));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("jobId", job.jobId());
        out.put("jobType", job.jobType());
        out.put("definitionVersion", job.definitionVersion());
        out.put("status", job.status());
        out.put("stage", job.stage());
        out.put("totalStages", job.totalStages());
        out.put("attempt", job.attempt());
        out.put("parameters", job.parameters());
        out.put("stageResults", stages.list(jobId));
        out.put("taskSummary", taskSummary(jobId));
        out.put("createdAt", job.createdAt());
        out.put("updatedAt", job.updatedAt());
        out.put("startedAt", job.startedAt());
        out.put("completedAt", job.completedAt());
        if (!job.resultData().isNull()) {
            out.put("resultData", job.resultData());
        }
        if (job.errorDetails() != null) {
            out.put("errorDetails", job.errorDetails());
        }
        if (job.metadata().has("error_history")) {
            out.put("errorHistory", job.metadata().get("error_history"));
        }
        return out;
    }

    private Map<String, Object> taskSummary(String jobId) {
        Map<String, Object> summary = new LinkedHashMap<>();
        Map<String, Long> totals = new LinkedHashMap<>();
        totals.put("total", 0L);
        for (String s : TaskStatus.sqlValues()) {
            totals.put(s, 0L);
        }
        Map<Integer, Map<String, Object>> byStage = new TreeMap<>();
        for (Map<String, Object> row : tasks.summary(jobId)) {
            int stage = ((Number) row.get("stage")).intValue();
            String status = (String) row.get("status");
            long n = ((Number) row.get("n")).longValue();
            totals.merge("total", n, Long::sum);
            totals.merge(status, n, Long::sum);
            Map<String, Object> s = byStage.computeIfAbsent(stage, k -> new LinkedHashMap<>(Map.of("total", 0L)));
            s.merge("total", n, (a, b) -> (Long) a + (Long) b);
            s.merge(status, n, (a, b) -> (Long) a + (Long) b);
            s.put("taskType", row.get("task_type"));
        }
        summary.putAll(totals);
        summary.put("byStage", byStage);
        return summary;
    }

    public Map<String, Object> tasks(String jobId, String status, String stage, String limit, String offset) {
        requireJob(jobId);
        int lim = QueryParams.integer("limit", limit, 1, 1000, 100);
        int off = QueryParams.integer("offset", offset, 0, Integer.MAX_VALUE, 0);
        Integer st = QueryParams.optionalInteger("stage", stage, 1, 1000);
        return Map.of("job_id", jobId, "limit", lim, "offset", off,
                "tasks", tasks.list(jobId, status == null ? null : parse(status, TaskStatus.class), st, lim, off));
    }

    public Map<String, Object> events(String jobId, String eventType, String after, String limit) {
        requireJob(jobId);
        int lim = QueryParams.integer("limit", limit, 1, 500, 50);
        long from = QueryParams.longValue("after", after, 0, Long.MAX_VALUE, 0);
        List<EventRepository.Event> list = events.list(jobId, QueryParams.text("event_type", eventType, 100), from, lim);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("job_id", jobId);
        out.put("count", list.size());
        out.put("events", list);
        if (list.size() == lim) {
            out.put("next", "/api/jobs/" + jobId + "/events?after=" + list.get(list.size() - 1).eventId()
                    + "&limit=" + lim + (eventType == null ? "" : "&event_type=" + eventType));
        }
        return out;
    }

    public Map<String, Object> list(String status, String jobType, String limit, String offset) {
        int lim = QueryParams.integer("limit", limit, 1, 500, 50);
        int off = QueryParams.integer("offset", offset, 0, Integer.MAX_VALUE, 0);
        jobType = QueryParams.text("job_type", jobType, 100);
        JobStatus wanted = status == null ? null : parse(status, JobStatus.class);
        List<Map<String, Object>> rows = jobs.list(wanted, jobType, lim, off).stream().map(j -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("jobId", j.jobId());
            m.put("jobType", j.jobType());
            m.put("status", j.status());
            m.put("stage", j.stage());
            m.put("totalStages", j.totalStages());
            m.put("createdAt", j.createdAt());
            m.put("updatedAt", j.updatedAt());
            return m;
        }).toList();
        return Map.of("total", jobs.count(wanted, jobType), "limit", lim, "offset", off, "jobs", rows);
    }

    public Map<String, Object> types() {
        List<Map<String, Object>> list = definitions.all().stream().map(this::describe).toList();
        return Map.of("count", list.size(), "job_types", list);
    }

    public Map<String, Object> janitorRuns(String limit) {
        int lim = QueryParams.integer("limit", limit, 1, 200, 20);
        return Map.of("runs", janitorRuns.recent(lim).stream().map(r -> {
                    Map<String, Object> m = new LinkedHashMap<>(r);
                    m.put("actions", json.read((String) r.get("actions")));
                    return m;
                }).toList());
    }

    /** The worker instances alive now and those that ended in the last hour (how, and how many tasks they left). */
    public Map<String, Object> workers() {
        List<WorkerInstanceRepository.Instance> list = instances.list(java.time.Duration.ofHours(1));
        return Map.of("count", list.size(), "instances", list);
    }

    private static <E extends Enum<E>> E parse(String value, Class<E> type) {
        for (E e : type.getEnumConstants()) {
            if (e.toString().equals(value)) {
                return e;
            }
        }
        throw new ApiException(400, "status must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
    }

    private Map<String, Object> describe(JobDefinition d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("job_type", d.jobType());
        m.put("description", d.description());
        m.put("parameters", d.parameterSchema());
        m.put("id_excludes", d.idExcludedParameters());
        m.put("stages", d.stages().stream().map(s -> Map.of("number", s.number(), "name", s.name(),
                "task_type", s.taskType(), "fan_out", s.fanOut().text(),
                "queue_class", handlers.get(s.taskType()).queueClass().wireName())).toList());
        return m;
    }

    private void requireJob(String jobId) {
        if (jobs.find(jobId).isEmpty()) {
            throw ApiException.notFound("job " + jobId);
        }
    }

}

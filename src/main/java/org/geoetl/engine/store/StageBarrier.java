package org.geoetl.engine.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The stage barrier ("the last task turns out the lights"). One SQL statement, one transaction:
 * mark the tasks completed (only those still processing), decrement their stage's counter in
 * {@code app.job_stages} by how many were (only while the job is still running), and — when the
 * counter reaches zero — mark the stage completed and write its {@code stage_completed} event.
 *
 * <p>The counter row's lock is the per-(job, stage) lock: concurrent completions of one stage
 * queue on it, and under READ COMMITTED each sees the value the previous one committed, so
 * exactly one completion observes zero. This is O(1) per completion — and one statement for a
 * whole batch of a worker's tasks — where counting the remaining task rows after an advisory lock
 * would be O(tasks in the stage). Task rows are locked in id order first, so overlapping batches
 * (duplicate deliveries) queue instead of deadlocking.
 */
@Repository
public class StageBarrier {

    /**
     * Outcome of a completion: which stage, how many tasks this call completed, how many remain;
     * {@code remaining == 0} means "advance".
     */
    public record Completion(String jobId, int stage, int remaining, int completed) {
        public boolean stageDone() {
            return remaining == 0;
        }
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final JsonColumns json;

    public StageBarrier(NamedParameterJdbcTemplate jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Completes one running task; see {@link #completeAll}. */
    public Optional<Completion> complete(String taskId, Object result) {
        return completeAll(Map.of(taskId, result == null ? Map.of() : result));
    }

    /**
     * Completes running tasks of one stage with their results, in one statement. Empty when none
     * was processing (duplicate deliveries) or their job is no longer running (the results are
     * still recorded; nothing advances).
     */
    public Optional<Completion> completeAll(Map<String, ?> resultsByTask) {
        if (resultsByTask.isEmpty()) {
            return Optional.empty();
        }
        List<Map<String, Object>> rows = resultsByTask.entrySet().stream().map(e -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", e.getKey());
            row.put("result", e.getValue());
            return row;
        }).toList();
        return jdbc.query("""
                WITH input AS (
                    SELECT r.id, r.result FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(id text, result jsonb)
                ), locked AS (
                    SELECT t.task_id FROM app.tasks t JOIN input i ON i.id = t.task_id ORDER BY t.task_id FOR UPDATE OF t
                ), done AS (
                    UPDATE app.tasks t
                       SET status = 'completed', result_data = i.result, completed_at = now(),
                           updated_at = now(), lease_expires_at = NULL
                      FROM input i, locked l
                     WHERE t.task_id = i.id AND l.task_id = t.task_id AND t.status = 'processing'
                    RETURNING t.task_id, t.parent_job_id, t.stage
                ), per_stage AS (
                    SELECT parent_job_id, stage, count(*)::int AS n, max(task_id) AS last_task FROM done
                     GROUP BY parent_job_id, stage
                ), counted AS (
                    UPDATE app.job_stages s
                       SET remaining_tasks = s.remaining_tasks - p.n,
                           status = CASE WHEN s.remaining_tasks = p.n THEN 'completed' ELSE s.status END,
                           completed_at = CASE WHEN s.remaining_tasks = p.n THEN now() ELSE s.completed_at END
                      FROM per_stage p, app.jobs j
                     WHERE s.job_id = p.parent_job_id AND s.stage = p.stage
                       AND j.job_id = p.parent_job_id AND j.status = 'processing'
                    RETURNING s.job_id, s.stage, s.remaining_tasks, s.total_tasks, p.n, p.last_task
                ), event AS (
                    INSERT INTO app.job_events (job_id, task_id, stage, event_type, event_status, event_data)
                    SELECT job_id, last_task, stage, 'stage_completed', 'success', jsonb_build_object('tasks', total_tasks)
                      FROM counted WHERE remaining_tasks = 0
                )
                SELECT job_id, stage, remaining_tasks, n FROM counted""",
                new MapSqlParameterSource("rows", json.write(rows)),
                (rs, i) -> new Completion(rs.getString("job_id"), rs.getInt("stage"), rs.getInt("remaining_tasks"),
                        rs.getInt("n")))
                .stream().findFirst();
    }
}

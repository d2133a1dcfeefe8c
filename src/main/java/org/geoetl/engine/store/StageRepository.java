package org.geoetl.engine.store;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.geoetl.engine.state.StageStatus;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** app.job_stages: one row per planned stage, holding the barrier counter. */
@Repository
public class StageRepository {

    public record StageRow(int stage, String stageName, String taskType, String fanOut, int totalTasks,
                           int remainingTasks, StageStatus status, OffsetDateTime plannedAt, OffsetDateTime completedAt) {

        public boolean isCompleted() {
            return status == StageStatus.COMPLETED;
        }
    }

    private final NamedParameterJdbcTemplate jdbc;

    public StageRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a planned stage; false if it was planned already (a duplicate job message). */
    public boolean insert(String jobId, int stage, String name, String taskType, String fanOut, int totalTasks) {
        return jdbc.update("""
                INSERT INTO app.job_stages (job_id, stage, stage_name, task_type, fan_out, total_tasks,
                                            remaining_tasks, status, completed_at)
                VALUES (:job, :stage, :name, :type, :fan, :total, :total,
                        CASE WHEN :total = 0 THEN 'completed' ELSE 'running' END,
                        CASE WHEN :total = 0 THEN now() END)
                ON CONFLICT (job_id, stage) DO NOTHING""",
                new MapSqlParameterSource("job", jobId).addValue("stage", stage).addValue("name", name)
                        .addValue("type", taskType).addValue("fan", fanOut).addValue("total", totalTasks)) == 1;
    }

    /**
     * Sets a stage's counter from its task rows (total minus completed). Used when a failed job
     * continues: tasks that finished after the failure were recorded without counting.
     */
    public void recount(String jobId, int stage) {
        jdbc.update("""
                UPDATE app.job_stages s SET status = 'running', completed_at = NULL,
                       remaining_tasks = s.total_tasks - (SELECT count(*) FROM app.tasks t
                                                           WHERE t.parent_job_id = s.job_id AND t.stage = s.stage
                                                             AND t.status = 'completed')
                 WHERE s.job_id = :job AND s.stage = :stage""",
                new MapSqlParameterSource("job", jobId).addValue("stage", stage));
    }

    /** Deletes every stage of a job (a new attempt from scratch). */
    public void deleteAll(String jobId) {
        jdbc.update("DELETE FROM app.job_stages WHERE job_id = :job", Map.of("job", jobId));
    }

    public Optional<StageRow> find(String jobId, int stage) {
        return query("WHERE job_id = :job AND stage = :stage", new MapSqlParameterSource("job", jobId)
                .addValue("stage", stage)).stream().findFirst();
    }

    public List<StageRow> list(String jobId) {
        return query("WHERE job_id = :job", new MapSqlParameterSource("job", jobId));
    }

    private List<StageRow> query(String where, MapSqlParameterSource params) {
        return jdbc.query("SELECT stage, stage_name, task_type, fan_out, total_tasks, remaining_tasks, status,"
                        + " planned_at, completed_at FROM app.job_stages " + where + " ORDER BY stage", params,
                (rs, i) -> new StageRow(rs.getInt("stage"), rs.getString("stage_name"), rs.getString("task_type"),
                        rs.getString("fan_out"), rs.getInt("total_tasks"), rs.getInt("remaining_tasks"),
                        StageStatus.of(rs.getString("status")), rs.getObject("planned_at", OffsetDateTime.class),
                        rs.getObject("completed_at", OffsetDateTime.class)));
    }
}

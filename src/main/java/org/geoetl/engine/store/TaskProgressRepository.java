package org.geoetl.engine.store;

import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** What a running task reports about itself: checkpoints, progress, heartbeat. */
@Repository
public class TaskProgressRepository {

    private final NamedParameterJdbcTemplate jdbc;
    private final JsonColumns json;

    public TaskProgressRepository(NamedParameterJdbcTemplate jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Saves a checkpoint of a task this worker still runs; false if the task was taken away. */
    public boolean saveCheckpoint(String taskId, int phase, Map<String, Object> data) {
        return jdbc.update("""
                UPDATE app.tasks SET checkpoint_phase = :phase, checkpoint_data = CAST(:data AS jsonb),
                       checkpoint_updated_at = now(), updated_at = now()
                 WHERE task_id = :id AND status = 'processing'""",
                new MapSqlParameterSource("id", taskId).addValue("phase", phase).addValue("data", json.write(data))) == 1;
    }

    /** A running task's own progress; items (done, total) are null when the handler does not count. */
    public void saveProgress(String taskId, int percent, String message, Long itemsDone, Long itemsTotal) {
        jdbc.update("""
                UPDATE app.tasks SET progress = jsonb_strip_nulls(jsonb_build_object(
                           'percent', :pct, 'message', CAST(:msg AS text), 'items_done', CAST(:done AS bigint),
                           'items_total', CAST(:total AS bigint), 'updated_at', now())),
                       last_pulse = now()
                 WHERE task_id = :id AND status = 'processing'""",
                new MapSqlParameterSource("id", taskId).addValue("pct", percent).addValue("msg", message)
                        .addValue("done", itemsDone).addValue("total", itemsTotal));
    }
}
